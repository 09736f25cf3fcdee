"""Notebook pages look like the site's other pages, load nothing from a third-party host, and
offer a copy of the notebook whose links work outside the site.

nbconvert's template, which mkdocs-jupyter uses, brings its own page furniture: all of
JupyterLab's CSS (about 560 KiB) inline, a MathJax and a Mermaid loader (the latter from a CDN),
a copy button with its script, and code highlighted with classes Material does not style. Here a
notebook page keeps only the cells: the template's styles and scripts go, code cells take
Material's code block markup (its colours in both palettes, its copy button), a heading's
anchor becomes Material's, and hooks/notebook.css, a few rules for what is left, is the page's
only notebook CSS. hooks/katex.py typesets the maths.

A figure stored as SVG is inlined, so that its text takes the page's colour in both palettes
(the notebook draws text and axes in `currentColor`); nbconvert would show it as an <img>, in
which `currentColor` is black.

A notebook's links to other pages are written as on the built site (`../../references/#gal2016`
from notebooks/hands-on/), which the rendered page keeps; in a downloaded copy they would lead
nowhere. So the copy offered for download, next to the page, gets them made absolute against
`site_url` (mkdocs-jupyter's `include_source` would copy the file as it is).
"""

import base64
import re
from pathlib import Path
from urllib.parse import urljoin

import nbformat

CSS = Path(__file__).with_name("notebook.css")
TEMPLATE_PARTS = re.compile(
    r"<(script|style)\b.*?</\1>"  # JupyterLab's CSS, MathJax, Mermaid, the copy button's script
    r'|<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>'  # that button
    r'|<div class="clipboard-copy-txt"[^>]*>.*?</div>'  # and the copy of the code it reads
    r"|<!-- (?:Load mathjax|MathJax configuration|End of mathjax|End of mermaid)[^>]*-->",
    re.S,
)
CODE = re.compile(r'<div class="highlight-ipynb hl-(\w+)"><pre><span></span>(.*?)</pre></div>', re.S)
SVG = re.compile(r'<img [^>]*src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"[^>]*>')
# A Markdown link's target, unless it is an anchor within the notebook
LINK_OUT = re.compile(r"\]\(([^)\s#][^)\s]*)\)")


def inline_svg(match):
    svg = base64.b64decode(match[1]).decode()
    return svg[svg.index("<svg"):]  # without the XML prolog, which HTML does not take


def shown(toc_items, content):
    """The table of contents' entries whose headings the page shows: mkdocs-jupyter lists the
    headings of cells that mkdocs.yml leaves out (tagged "hide") too."""
    kept = [item for item in toc_items if f'id="{item.id}"' in content]
    for item in kept:
        item.children = shown(item.children, content)
    return kept


def on_page_content(content, page, config, files):
    if not page.file.src_uri.endswith(".ipynb"):
        return content
    content = TEMPLATE_PARTS.sub("", SVG.sub(inline_svg, content))  # an SVG's own <style> goes too
    content = CODE.sub(r'<div class="language-\1 highlight"><pre><span></span><code>\2</code></pre></div>', content)
    content = content.replace('class="anchor-link"', 'class="headerlink"')
    # Material names a code block's copy target after the nearest id, and "=" (nbconvert's
    # id="cell-id=setup") would make that selector invalid: the button would copy nothing.
    content = content.replace('id="cell-id=', 'id="cell-')
    # Cells are not controls: Tab goes from link to link, and to code that scrolls.
    content = content.replace('<div class="jp-Cell-inputWrapper" tabindex="0">', '<div class="jp-Cell-inputWrapper">')
    assert "highlight-ipynb" not in content, f"{page.file.src_uri}: a code cell in markup {__file__} does not know"
    page.toc.items = shown(page.toc.items, content)
    return f"<style>{CSS.read_text()}</style>\n{content}"


def on_post_page(output, page, config):
    if page.file.src_uri.endswith(".ipynb"):
        assert config.site_url, "set site_url (SITE_URL): the downloadable notebook links to the hosted site"
        here = urljoin(config.site_url, page.url)
        nb = nbformat.read(page.file.abs_src_path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = LINK_OUT.sub(lambda link: f"]({urljoin(here, link[1])})", cell.source)
        folder = Path(page.file.abs_dest_path).parent  # the page itself is written after this hook
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / Path(page.file.src_uri).name)
    return output
