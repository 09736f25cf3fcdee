"""The fenced code blocks and snippet lines of a page's Markdown: the one reader of them for the
checks (tests/test_every_block_runs.py), the prose tests (sitetools/prose.py), the doc suite's
snippet blocks (sitetools/examples.py) and `mkdocs serve`'s live examples
(hooks/live_examples.py). Plain `re`, so that MkDocs can import it without torch."""

import re
from typing import NamedTuple

# An opening fence: its indent (blockquote markers included), the fence and the info string.
OPEN = re.compile(r"^(?P<indent>[ \t]*(?:>[ \t]*)*)(?P<fence>`{3,}|~{3,})(?P<info>[^`\n]*)$")
# A line that includes a file with pymdownx.snippets: --8<-- "snippets/x.py"
SNIPPET = re.compile(r'^[ \t]*--8<--\s+"(?P<path>[^"]+)"\s*$', re.M)


class Block(NamedTuple):
    line: int  # of the opening fence, from 1
    info: str  # its info string: `python title="a.py"`
    start: int  # offset of the opening fence in the text
    end: int  # offset just past the closing fence's line
    closing_line: int  # of the closing fence, from 1
    indent: str  # of the closing fence


def fenced_blocks(text):
    """Each fenced block of Markdown `text`, in order."""
    blocks, opened, offset = [], None, 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        stripped = line.rstrip("\n")
        if opened is None:
            match = OPEN.match(stripped)
            if match:
                opened = (number, match["info"].strip(), offset, match["fence"])
        else:
            closing = re.fullmatch(rf"([ \t>]*){re.escape(opened[3][0])}{{{len(opened[3])},}}[ \t]*", stripped)
            if closing:
                blocks.append(Block(*opened[:3], offset + len(line), number, closing[1]))
                opened = None
        offset += len(line)
    return blocks
