"""Make the copy button of a doctest block copy runnable code.

Material's copy button copies a block's text as shown, `>>>` prompts and outputs included,
unless an enclosing element carries a `data-copy` attribute: then it copies that. This hook
gives every highlighted block that starts with `>>>` a `data-copy` holding its statements
without prompts and without expected output.
"""

import html
import re

BLOCK = re.compile(r'<div class="(?P<classes>[^"]*\bhighlight\b[^"]*)">(?P<body>.*?</code></pre>)', re.S)
CODE = re.compile(r"<code>(.*?)</code>", re.S)
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


def on_page_content(content, page, config, files):
    def add_copy_text(match):
        text = html.unescape(TAG.sub("", CODE.search(match["body"])[1]))
        if not text.startswith(">>>"):
            return match[0]
        return f'<div class="{match["classes"]}" data-copy="{html.escape(statements(text))}">{match["body"]}'

    return BLOCK.sub(add_copy_text, content)
