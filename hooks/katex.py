"""Typeset every formula at build time with KaTeX, so pages show maths at first paint
and load no maths JavaScript.

`pymdownx.arithmatex` (generic mode) leaves `\\(...\\)` and `\\[...\\]` in Markdown pages;
`mkdocs-jupyter` leaves `$...$` and `$$...$$` in notebook Markdown cells. One Node process
per build renders both. A formula KaTeX cannot parse fails the build, naming the page
and the formula.

KaTeX's fonts are served from the site, each cut to the characters the built site holds: one
subset for the whole site, read from the built pages after every build, so a page rebuilt alone
under `mkdocs serve --dirty` keeps every other page's characters. The CSS is copied with
`font-display: swap` instead of KaTeX's `block`: on a slow connection text paints at once in a
fallback font rather than waiting, invisible, for a font.
"""

import functools
import html
import io
import json
import re
import subprocess
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

    def render(self, tex, display, page):
        key = (tex, display)
        if key not in self.cache:
            self.process.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
            self.process.stdin.flush()
            self.cache[key] = json.loads(self.process.stdout.readline())
        answer = self.cache[key]
        if "error" in answer:
            raise PluginError(f"{page.file.src_uri}: KaTeX cannot typeset {tex!r}: {answer['error']}")
        return answer["html"].replace(*SEARCH_ONCE)

    def close(self):
        self.process.stdin.close()
        self.process.wait()


katex = None


def on_pre_build(config):
    global katex
    katex = KaTeX()


def on_files(files, config):
    css = KATEX_CSS.replace("font-display:block", "font-display:swap")
    files.append(File.generated(config, "assets/katex/katex.min.css", content=css))
    for path in sorted((KATEX_DIST / "fonts").iterdir()):
        uri = "assets/katex/" + path.relative_to(KATEX_DIST).as_posix()
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


def on_page_content(content, page, config, files):
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
    site = Path(config.site_dir)
    # Every character of every built page, a superset of those its formulas draw: a few more
    # glyphs per font, in exchange for no record of which font draws what.
    characters = frozenset().union(*(html.unescape(page.read_text()) for page in site.rglob("*.html")))
    for font in (site / "assets" / "katex" / "fonts").glob("*.woff2"):
        font.write_bytes(subsetted(font.name, characters))


@functools.cache  # `mkdocs serve` rebuilds with the same characters, mostly
def subsetted(name, characters):
    """KaTeX's font `name` cut to `characters` (those it has), as WOFF2 bytes."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=map(ord, characters))
    font = subset.load_font(str(KATEX_DIST / "fonts" / name), options)
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def on_build_error(error):
    if katex is not None:
        katex.close()
