"""Typeset every formula at build time with KaTeX, so pages show maths at first paint
and load no maths JavaScript from anywhere.

`pymdownx.arithmatex` (generic mode) leaves `\\(...\\)` and `\\[...\\]` in Markdown pages;
`mkdocs-jupyter` leaves `$...$` and `$$...$$` in notebook Markdown cells. One Node process
per build renders both. A formula KaTeX cannot parse fails the build, naming the page
and the formula.

Each KaTeX font the site uses is cut down to the characters its formulas draw in it. Which
font draws which characters follows from KaTeX's own CSS: the font-family, -style and -weight
that its rules give each element holding text, resolved to the @font-face the browser picks.
A rule this cannot read, or a face KaTeX's CSS does not declare, fails the build. The CSS is
copied with `font-display: swap` instead of KaTeX's `block`: text paints at once in a
fallback font rather than waiting, invisible, for a font on a slow connection. The fonts are
not preloaded: with preloads, Lighthouse's Chromium put off a page's first paint by a second or
more in 5 of 18 runs, and in none of 18 without (docs/testing.md, "Page speed").
"""

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from fontTools import subset
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[1]
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"
RENDERER = Path(__file__).with_name("katex_render.js")

ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]</(?P=tag)>(?P<mark>[.,;:]?)', re.S
)
NOTEBOOK_MARKDOWN = re.compile(r'(<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown[^"]*"[^>]*>)(.*?)(</div>)', re.S)
# A formula's text appears three times in KaTeX's output: as MathML, as its TeX source in the
# MathML, and drawn in the HTML. Search indexes it once, as drawn: Material's attribute takes
# out the MathML (it must sit on a tag not nested in itself, as <math> is).
SEARCH_ONCE = ("<math xmlns=", "<math data-search-exclude xmlns=")
DOLLARS = re.compile(r"\$\$(?P<display>.+?)\$\$|(?<![\\$])\$(?P<inline>[^$\s](?:[^$]*?[^$\s])?)\$(?P<mark>[.,;:]?)", re.S)
KATEX_CSS = (KATEX_DIST / "katex.min.css").read_text() if KATEX_DIST.exists() else ""


class FontRules:
    """The fonts KaTeX's CSS declares (@font-face) and its rules that set font-family, -style
    or -weight, enough to tell which font files a formula's HTML draws its text in."""

    def __init__(self, css):
        self.faces, self.rules = {}, []  # (family, style, weight) -> file; (rank, selector, props)
        self.memo = {}  # an element's ancestry -> its font file: formulas repeat the same few
        for order, (prelude, body) in enumerate(re.findall(r"([^{}]+)\{([^{}]*)\}", css)):
            declarations = dict(d.split(":", 1) for d in body.split(";") if ":" in d)
            if prelude == "@font-face":
                face = re.search(r"url\(fonts/([\w-]+)\.woff2\)", declarations["src"])[1]
                key = (declarations["font-family"].strip('"'), declarations["font-style"], declarations["font-weight"])
                self.faces[key] = face
                continue
            props = {name: declarations[name] for name in ("font-family", "font-style", "font-weight") if name in declarations}
            if "font" in declarations:  # `font: normal 1.21em KaTeX_Main,...` sets all three
                style_weight, family = re.fullmatch(r"(.*?)\s*[\d.]+\w+(?:/\S+)?\s+(.+)", declarations["font"]).groups()
                props = {"font-family": family, "font-style": "italic" if "italic" in style_weight else "normal",
                         "font-weight": "700" if "bold" in style_weight else "400"}
            for selector in prelude.split(",") if props else []:
                compounds = re.split(r"\s*(>)\s*|\s+", selector.strip())
                if not all(c is None or c == ">" or re.fullmatch(r"[a-z]*(\.[\w-]+)*", c) for c in compounds):
                    raise PluginError(f"{__file__} cannot read KaTeX's font rule {selector!r}; update it")
                rank = (selector.count("."), len(re.findall(r"(?:^|[\s>])[a-z]", selector)), order)
                self.rules.append((rank, [c for c in compounds if c is not None], props))

    def fonts(self, formula_html):
        """The font files (without .woff2) a formula's KaTeX HTML needs, each with the
        characters drawn in it: the fonts its text is drawn in, and those of the inline boxes
        around that text, whose line heights the browser takes from their fonts (so the
        formula's own KaTeX_Main is always among them)."""
        glyphs = {}
        for element, text in Elements.of(formula_html).items():
            glyphs.setdefault(self.face(element), set()).update(text)
        return glyphs

    def face(self, element):
        # Type-and-class selectors see only the tags and classes of the element and its
        # ancestors, so elements with the same ancestry get the same face.
        key, ancestor = [], element
        while ancestor is not None:
            key.append((ancestor.tag, frozenset(ancestor.classes)))
            ancestor = ancestor.parent
        key = tuple(key)
        if key not in self.memo:
            self.memo[key] = self.cascaded_face(element)
        return self.memo[key]

    def cascaded_face(self, element):
        wanted = [self.value(element, name) for name in ("font-family", "font-style", "font-weight")]
        family = wanted[0].split(",")[0].strip().strip('"')
        weight = {"normal": "400", "bold": "700"}.get(wanted[2], wanted[2])
        faces = [(style, w) for f, style, w in self.faces if f == family]
        if not faces:
            raise PluginError(f"KaTeX's CSS draws text in {family!r} but declares no @font-face for it")
        # The browser's choice (CSS Fonts, font matching): the style first, then the nearest weight.
        style, w = min(faces, key=lambda face: (face[0] != wanted[1], abs(int(face[1]) - int(weight))))
        return self.faces[family, style, w]

    def value(self, element, name):
        """The cascaded value of an inherited font property for `element`."""
        while element is not None:
            matching = [(rank, props[name]) for rank, selector, props in self.rules
                        if name in props and matches(selector, element)]
            if matching:
                return max(matching)[1]
            element = element.parent
        raise PluginError(f"KaTeX's CSS sets no {name} for a formula's text; update {__file__}")


def matches(compounds, element):
    """Whether `element` matches a selector of type and class compounds joined by descendant
    (" ") or child (">") combinators, given as [compound, combinator?, compound, ...]."""
    *rest, last = compounds
    tag, *classes = last.split(".")
    if (tag and tag != element.tag) or not element.classes.issuperset(classes):
        return False
    if not rest:
        return True
    if rest[-1] == ">":
        return element.parent is not None and matches(rest[:-1], element.parent)
    ancestor = element.parent
    while ancestor is not None:
        if matches(rest, ancestor):
            return True
        ancestor = ancestor.parent
    return False


class Elements(HTMLParser):
    """The elements of a formula's KaTeX HTML that hold text, and those around them up to the
    formula's .katex element (MathML aside: the browser draws it in its own math font), each
    with its tag, classes and parent."""

    class Element:
        def __init__(self, tag, classes, parent):
            self.tag, self.classes, self.parent = tag, set(classes), parent

    @classmethod
    def of(cls, formula_html):
        """Each such element with the text it holds itself."""
        parser = cls()
        parser.feed(formula_html)
        return parser.found

    def __init__(self):
        super().__init__()
        self.open, self.found = [None], {}

    def handle_starttag(self, tag, attrs):
        if tag not in ("br", "img", "col", "wbr"):  # void elements are never closed
            self.open.append(self.Element(tag, (dict(attrs).get("class") or "").split(), self.open[-1]))

    def handle_endtag(self, tag):
        self.open.pop()

    def handle_data(self, data):
        path = [self.open[-1]]
        while path[-1] is not None and "katex" not in path[-1].classes:
            path.append(path[-1].parent)
        if data.strip() and path[-1] is not None and not any("katex-mathml" in e.classes for e in path):
            for element in path:
                self.found.setdefault(element, "")
            self.found[path[0]] += data


class KaTeX:
    """A Node process running katex_render.js, with a cache of what it rendered."""

    def __init__(self):
        if not (KATEX_DIST / "katex.min.js").exists():
            raise PluginError("KaTeX is not installed: run `npm ci` in the repository root.")
        self.process = subprocess.Popen(
            ["node", str(RENDERER)], cwd=ROOT, text=True, encoding="utf-8",
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        )
        self.cache = {}
        self.font_rules = FontRules(KATEX_CSS)

    def render(self, tex, display, page):
        key = (tex, display)
        if key not in self.cache:
            self.process.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
            self.process.stdin.flush()
            answer = json.loads(self.process.stdout.readline())
            if "html" in answer:
                answer["fonts"] = self.font_rules.fonts(answer["html"])
                answer["html"] = answer["html"].replace(*SEARCH_ONCE)
            self.cache[key] = answer
        answer = self.cache[key]
        if "error" in answer:
            raise PluginError(f"{page.file.src_uri}: KaTeX cannot typeset {tex!r}: {answer['error']}")
        glyphs = GLYPHS.setdefault(page.file.src_uri, {})
        for font, characters in answer["fonts"].items():
            glyphs.setdefault(font, set()).update(characters)
        return answer["html"]

    def close(self):
        self.process.stdin.close()
        self.process.wait()


katex = None
# A page (its source path) -> a KaTeX font -> the characters the page's formulas draw in it.
# Kept from one build to the next: `mkdocs serve --dirty` reads only the pages saved, and the
# fonts it cuts must still draw every other page's formulas.
GLYPHS = {}
SUBSETS = Path(tempfile.gettempdir()) / "katex-font-subsets"


def on_pre_build(config):
    global katex
    katex = KaTeX()


def on_files(files, config):
    for gone in GLYPHS.keys() - {file.src_uri for file in files}:
        del GLYPHS[gone]
    css = KATEX_CSS.replace("font-display:block", "font-display:swap")
    files.append(File.generated(config, "assets/katex/katex.min.css", content=css))
    for path in sorted((KATEX_DIST / "fonts").iterdir()):
        uri = "assets/katex/" + path.relative_to(KATEX_DIST).as_posix()
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


def on_page_content(content, page, config, files):
    GLYPHS.pop(page.file.src_uri, None)  # read again: its formulas may have changed

    def arithmatex(match):
        display = match["open"] == "["
        return glued(katex.render(html.unescape(match["tex"]), display, page), match["mark"], display)

    def dollars(match):
        display = match["display"] is not None
        return glued(katex.render(html.unescape(match["display"] if display else match["inline"]), display, page),
                     match["mark"] or "", display)

    content = ARITHMATEX.sub(arithmatex, content)
    if page.file.src_uri.endswith(".ipynb"):
        content = NOTEBOOK_MARKDOWN.sub(lambda m: m[1] + DOLLARS.sub(dollars, m[2]) + m[3], content)
    return content


def glued(formula, mark, display):
    """An inline formula and the punctuation after it, kept on one line (extra.css, .nowrap)."""
    return f'<span class="nowrap">{formula}{mark}</span>' if mark and not display else formula + mark


def on_post_build(config):
    katex.close()
    subset_fonts(Path(config.site_dir) / "assets" / "katex" / "fonts")


def subset_fonts(folder):
    """Each KaTeX font the site uses, cut down to the characters its formulas draw in it: a
    font of 4-28 KiB becomes a few KiB. A font used only for line heights keeps its metrics.
    Cut fonts are kept in the temporary folder by what went in, so a rebuild under `mkdocs
    serve` reuses them (cutting takes about a second)."""
    fonts = {}
    for glyphs in GLYPHS.values():
        for font, characters in glyphs.items():
            fonts.setdefault(font, set()).update(characters)
    for font, characters in fonts.items():
        source = KATEX_DIST / "fonts" / f"{font}.woff2"
        key = hashlib.sha1(source.read_bytes() + "".join(sorted(characters)).encode()).hexdigest()
        cached = SUBSETS / f"{font}-{key}.woff2"
        if not cached.exists():
            options = subset.Options()
            options.flavor = "woff2"
            options.layout_features = ["*"]
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=map(ord, characters))
            woff2 = subset.load_font(str(source), options)
            subsetter.subset(woff2)
            SUBSETS.mkdir(exist_ok=True)
            subset.save_font(woff2, str(cached) + ".part", options)
            os.replace(str(cached) + ".part", cached)  # whole, even with two builds at once
        shutil.copyfile(cached, folder / f"{font}.woff2")


def on_build_error(error):
    if katex is not None:
        katex.close()
