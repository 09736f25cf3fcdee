"""Notebook pages load nothing from a third-party host.

nbconvert's template, which mkdocs-jupyter uses, puts a MathJax loader (with an empty URL) and a
Mermaid loader (from a CDN) in every notebook page. hooks/katex.py typesets the maths and no
notebook here draws Mermaid diagrams, so both loaders go.
"""

import re

LOADERS = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mermaid configuration -->", re.S)


def on_page_content(content, page, config, files):
    if page.file.src_uri.endswith(".ipynb"):
        content, found = LOADERS.subn("", content)
        assert found == 1, f"{page.file.src_uri}: nbconvert's MathJax/Mermaid loaders not found; update {__file__}"
    return content
