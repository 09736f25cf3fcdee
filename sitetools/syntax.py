"""The Markdown the pages are written in, read one way everywhere: fenced blocks (Sybil's lexer),
snippet lines and links. (Doctest sessions are read by Sybil's DocTestStringParser alone: in
sitetools/examples.py and hooks/doctest_copy.py.) Torch-free, so that MkDocs hooks can import it."""

import re

from sybil import Document
from sybil.parsers.markdown.lexers import RawFencedCodeBlockLexer

# Every fenced block, with its whole info string (`python title="a.py"`) as the `info` lexeme
# and its text, indent taken off, as the `source` lexeme.
FENCES = RawFencedCodeBlockLexer(info_pattern=re.compile(r"(?P<info>[^\n]*)$\n", re.M))
# A line that includes a file with pymdownx.snippets: --8<-- "snippets/x.py"
SNIPPET = re.compile(r'^[ \t]*--8<--\s+"(?P<path>[^"]+)"\s*$', re.M)
# A Markdown link: [text](target) or [text](target "title"); the text may wrap across lines.
LINK = re.compile(r"\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")


def fenced_blocks(text):
    """The fenced blocks of Markdown `text`, as Sybil regions (`start`, `end`, `lexemes`)."""
    return list(FENCES(Document(text, "")))


def fence_language(info):
    """The language named by a fence's info string: `python title="a.py"` -> "python",
    `{ .py .annotate }` -> "py"."""
    return re.match(r"\s*(?:\{\s*\.)?([\w+#.-]*)", info)[1].lower()


def line_of(text, offset):
    """The line, from 1, of the character at `offset` of `text`."""
    return text.count("\n", 0, offset) + 1

