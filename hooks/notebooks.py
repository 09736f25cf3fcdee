"""Notebook pages load nothing from a third-party host, and their code can be scrolled with
the keyboard; the notebook a reader downloads links to the hosted site.

nbconvert's template, which mkdocs-jupyter uses, puts a MathJax loader (with an empty URL) and a
Mermaid loader (from a CDN) in every notebook page. hooks/katex.py typesets the maths and no
notebook here draws Mermaid diagrams, so both loaders go. Code cells scroll sideways, so they
get a tabindex as Material gives its own code blocks (axe: scrollable-region-focusable).

A notebook's links to other pages are written as on the built site (`../../references/#gal2016`
from notebooks/hands-on/), which the rendered page keeps; in a downloaded copy they would lead
nowhere. So the copy offered for download, next to the page, gets them made absolute against
`site_url` (mkdocs-jupyter's `include_source` would copy the file as it is).
"""

import re
from pathlib import Path
from urllib.parse import urljoin

import nbformat

LOADERS = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mermaid configuration -->", re.S)
CODE_CELL = '<div class="highlight-ipynb hl-python">'
# A Markdown link's target, unless it is an anchor within the notebook (#checks)
LINK_OUT = re.compile(r"\]\(([^)\s#][^)\s]*)\)")


def on_page_content(content, page, config, files):
    if page.file.src_uri.endswith(".ipynb"):
        content, found = LOADERS.subn("", content)
        assert found == 1, f"{page.file.src_uri}: nbconvert's MathJax/Mermaid loaders not found; update {__file__}"
        content = content.replace(CODE_CELL, CODE_CELL[:-1] + ' tabindex="0">')
    return content


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
