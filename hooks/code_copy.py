"""Copy buttons on code blocks, written into the page at build time, and what a doctest block's
button copies.

Material's `content.code.copy` adds each block's button as its script starts, before the code.
Chromium then restyled every element of every code block: 998 of the 3,834 elements of
/beyond/regularisation/, most of the style work of Material's start-up there. Written into the
HTML, where Material would put it, the same button costs nothing as the page starts; Material's
clipboard handler, which serves every `[data-clipboard-target]` whether the feature is on or not,
copies and says "Copied to clipboard". So mkdocs.yml leaves the feature off.

Material's button copies a block's text as shown, `>>>` prompts and outputs included, unless an
enclosing element carries a `data-copy` attribute: then it copies that. Every highlighted block
that starts with `>>>` gets a `data-copy` holding its statements without prompts and without
expected output.
"""

import html
import itertools
import json
import re

BLOCK = re.compile(
    r'<div class="(?P<classes>[^"]*\bhighlight\b[^"]*)">(?P<pre>(?:<span class="filename">[^<]*</span>)?<pre><span></span>)<code>(?P<code>.*?)</code></pre>', re.S
)
CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
TAG = re.compile(r"<[^>]+>")


def statements(session):
    """The source lines of a doctest session, prompts removed, outputs dropped."""
    lines, in_statement = [], False
    for line in session.splitlines():
        if line.startswith(">>>"):
            in_statement = True
        elif not (in_statement and line.startswith("...")):
            in_statement = False
            continue
        lines.append(line[4:])
    return "\n".join(lines) + "\n"


def on_post_page(output, page, config):
    # The button's label in the site's language, as Material's script would have read it.
    title = json.loads(CONFIG.search(output)[1])["translations"]["clipboard.copy"]
    count = itertools.count()

    def add_button(match):
        n = next(count)
        text = html.unescape(TAG.sub("", match["code"]))
        copy = f' data-copy="{html.escape(statements(text))}"' if text.startswith(">>>") else ""
        # Material's own markup for the button, but aimed at the code by an id of ours: Material
        # renames the <pre> (`__code_N`, counting on across instant navigation).
        button = (f'<nav class="md-code__nav"><button class="md-code__button" title="{html.escape(title)}" '
                  f'data-clipboard-target="#__copy_{n}" data-md-type="copy"></button></nav>')
        return f'<div class="{match["classes"]}"{copy}>{match["pre"]}{button}<code id="__copy_{n}">{match["code"]}</code></pre>'

    output = BLOCK.sub(add_button, output)
    # A code block in other markup would go without a button: fail the build instead.
    assert "<span></span><code>" not in output, f"{page.file.src_uri}: a code block this hook does not recognise"
    return output
