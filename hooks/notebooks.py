"""Notebook pages load nothing from a third-party host, and their code can be scrolled with
the keyboard.

nbconvert's template, which mkdocs-jupyter uses, puts a MathJax loader (with an empty URL) and a
Mermaid loader (from a CDN) in every notebook page. hooks/katex.py typesets the maths and no
notebook here draws Mermaid diagrams, so both loaders go. Code cells scroll sideways, so they
get a tabindex as Material gives its own code blocks (axe: scrollable-region-focusable).
"""

import re

LOADERS = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mermaid configuration -->", re.S)
CODE_CELL = '<div class="highlight-ipynb hl-python">'


def on_page_content(content, page, config, files):
    if page.file.src_uri.endswith(".ipynb"):
        content, found = LOADERS.subn("", content)
        assert found == 1, f"{page.file.src_uri}: nbconvert's MathJax/Mermaid loaders not found; update {__file__}"
        content = content.replace(CODE_CELL, CODE_CELL[:-1] + ' tabindex="0">')
    return content
