"""Each table arrives inside the scrolling region Material would move it into, so that Material's
start-up leaves it alone.

As it starts, Material's script moves each table without a class into a scrolling region
(`md-typeset__scrollwrap` > `md-typeset__table`). The browser then rebuilt the table and restyled
it and, where the table was a child of the article, every element after it: Material's rule
`.md-typeset table:not([class]) + *` and a `:nth-child` rule in Chromium's own MathML stylesheet
make an element's style depend on its neighbours. Here each table is written inside that region,
with a class, `md-table`, so that Material's script passes it by; Material's table rules, written
for `table:not([class])`, are widened to it in the page's inlined stylesheets, with the same
specificity. Without JavaScript, tables now scroll in their region too. tests/test_browser.py
counts the restyles and compares the tables' style with Material's.
"""

import re

TABLE = re.compile(r"<table>(.*?)</table>", re.S)  # Python-Markdown's and nbconvert's: no attributes, no nesting
STYLE = re.compile(r"<style>.*?</style>", re.S)
MATERIAL, WIDENED = "table:not([class])", "table:is(:not([class]),.md-table)"


def on_post_page(output, page, config):
    # After hooks/inline_css.py (mkdocs.yml lists it first): Material's stylesheet is in the page.
    output = STYLE.sub(lambda style: style[0].replace(MATERIAL, WIDENED), output)
    assert WIDENED in output, f"{page.file.src_uri}: Material's table rules not found; update {__file__}"
    return TABLE.sub(
        lambda table: '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
                      f'<table class="md-table">{table[1]}</table></div></div>', output)
