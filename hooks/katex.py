"""Typeset every formula at build time with KaTeX, so pages show maths at first paint
and load no maths JavaScript from anywhere.

`pymdownx.arithmatex` (generic mode) leaves `\\(...\\)` and `\\[...\\]` in Markdown pages;
`mkdocs-jupyter` leaves `$...$` and `$$...$$` in notebook Markdown cells. One Node process
per build renders both. A formula KaTeX cannot parse fails the build, naming the page
and the formula.
"""

import html
import json
import re
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parents[1]
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"
RENDERER = Path(__file__).with_name("katex_render.js")

ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\\(?P<open>[(\[])(?P<tex>.*?)\\[)\]]</(?P=tag)>', re.S
)
NOTEBOOK_MARKDOWN = re.compile(r'(<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown[^"]*"[^>]*>)(.*?)(</div>)', re.S)
# Fonts nearly every formula needs, and KaTeX classes that need one more. Preloading them lets
# the browser fetch them beside the stylesheets, so formulas show in their fonts at first paint.
FONTS = ["KaTeX_Main-Regular", "KaTeX_Math-Italic"]
FONTS_BY_CLASS = {
    "mathbb": "KaTeX_AMS-Regular", "amsrm": "KaTeX_AMS-Regular", "mathbf": "KaTeX_Main-Bold",
    "small-op": "KaTeX_Size1-Regular", "large-op": "KaTeX_Size2-Regular",
    **{f"size{n}": f"KaTeX_Size{n}-Regular" for n in range(1, 5)},
}
DOLLARS = re.compile(r"\$\$(?P<display>.+?)\$\$|(?<![\\$])\$(?P<inline>[^$\s](?:[^$]*?[^$\s])?)\$", re.S)


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
        return answer["html"]

    def close(self):
        self.process.stdin.close()
        self.process.wait()


katex = None


def on_pre_build(config):
    global katex
    katex = KaTeX()


def on_files(files, config):
    for path in [KATEX_DIST / "katex.min.css", *sorted((KATEX_DIST / "fonts").iterdir())]:
        uri = "assets/katex/" + path.relative_to(KATEX_DIST).as_posix()
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


def on_page_content(content, page, config, files):
    def arithmatex(match):
        return katex.render(html.unescape(match["tex"]), match["open"] == "[", page)

    def dollars(match):
        display = match["display"] is not None
        return katex.render(html.unescape(match["display"] if display else match["inline"]), display, page)

    content = ARITHMATEX.sub(arithmatex, content)
    if page.file.src_uri.endswith(".ipynb"):
        content = NOTEBOOK_MARKDOWN.sub(lambda m: m[1] + DOLLARS.sub(dollars, m[2]) + m[3], content)
    return content


def on_post_page(output, page, config):
    if 'class="katex"' not in output:
        return output
    used = {font for name, font in FONTS_BY_CLASS.items() if re.search(rf'class="[^"]*\b{name}\b', output)}
    fonts = FONTS + sorted(used)
    links = "".join(
        f'<link rel="preload" href="{get_relative_url(f"assets/katex/fonts/{font}.woff2", page.url)}" '
        'as="font" type="font/woff2" crossorigin>'
        for font in fonts
    )
    return output.replace("</head>", links + "</head>", 1)


def on_post_build(config):
    katex.close()


def on_build_error(error):
    if katex is not None:
        katex.close()
