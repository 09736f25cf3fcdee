"""Each table gets a parent of its own, so that Material's start-up does not restyle the page.

As it starts, Material's script replaces each table without a class by a scrolling region that
holds it. Where the table was a child of the article, the browser then restyled every element
after it: Material's rule `.md-typeset table:not([class]) + *` and a `:nth-child` rule in
Chromium's own MathML stylesheet make an element's style depend on its neighbours. Alone in its
parent, the table has no neighbours. The parent is a plain block, laid out as the anonymous
block that held the table before; docs/assets/extra.css keeps the spacing after a table when
JavaScript is off. tests/test_browser.py counts the restyles.
"""

import re

TABLE = re.compile(r"<table>.*?</table>", re.S)  # Python-Markdown's tables: no attributes, no nesting


def on_page_content(html, page, config, files):
    return TABLE.sub(lambda table: f'<div class="table-host">{table[0]}</div>', html)
