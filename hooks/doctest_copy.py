"""A doctest block's copy button copies its statements alone, without `>>>` prompts, outputs or
tracebacks, so that what a reader pastes runs. Material's button copies an enclosing element's
`data-copy` attribute where there is one; each doctest block gets its statements there, as
Sybil's doctest parser, the one the suite runs them with, reads them (torch-free)."""

import html
import re

from sybil.parsers.abstract.doctest import DocTestStringParser

BLOCK = re.compile(r'<div class="language-pycon highlight">(?P<code>.*?</code>)', re.S)
TAG = re.compile(r"<[^>]+>")
PARSER = DocTestStringParser()


def on_page_content(content, page, config, files):
    def with_copy_text(block):
        session = html.unescape(TAG.sub("", block["code"]))
        statements = "".join(region.parsed.source for region in PARSER(session, page.file.src_uri))
        return f'<div class="language-pycon highlight" data-copy="{html.escape(statements)}">{block["code"]}'

    return BLOCK.sub(with_copy_text, content)
