"""The prose of the site, for the tests that read it: every page's text outside fenced code
blocks and the notebook's Markdown cells, in paragraphs that know which line each part is on."""

import dataclasses
import re
from pathlib import Path

import nbformat

from sitetools.project import DOCS, NOTEBOOK, ROOT
from sitetools.syntax import fenced_blocks


@dataclasses.dataclass
class Paragraph:
    text: str  # its lines, joined with "\n"
    source: Path  # the page or notebook it is on
    where: str  # "docs/x.md:" or "docs/notebooks/x.ipynb, cell 3, line "
    first_line: int

    def line_of(self, offset):
        """Where the character at `offset` of `text` is: "docs/x.md:12"."""
        return f"{self.where}{self.first_line + self.text.count(chr(10), 0, offset)}"


def paragraphs(text, source, where):
    """The paragraphs (runs of non-blank lines) of Markdown `text`, fenced code left out."""
    for block in reversed(fenced_blocks(text)):
        text = text[:block.start] + re.sub(r"[^\n]", "", text[block.start:block.end]) + text[block.end:]
    found = []
    for match in re.finditer(r"(?:^[ \t]*\S.*(?:\n|$))+", text, re.M):
        first_line = text.count("\n", 0, match.start()) + 1
        found.append(Paragraph(match[0].rstrip("\n"), source, where, first_line))
    return found


def page_paragraphs(path, root=ROOT):
    """The paragraphs of a page of the project at `root`."""
    return paragraphs(path.read_text(), path, f"{path.relative_to(root).as_posix()}:")


def notebook_paragraphs(path=NOTEBOOK):
    found = []
    for number, cell in enumerate(nbformat.read(path, as_version=4).cells, start=1):
        if cell.cell_type == "markdown":
            found += paragraphs(cell.source, path, f"{path.relative_to(ROOT).as_posix()}, cell {number}, line ")
    return found


def site_paragraphs():
    """Every paragraph of prose on the site, page by page, then the notebook's."""
    return [p for page in sorted(DOCS.rglob("*.md")) for p in page_paragraphs(page)] + notebook_paragraphs()


def link_target(source, target):
    """The file and the anchor that a link `target` written in the file `source` points at;
    (None, anchor) for a link to another site or within the page."""
    path, _, anchor = target.partition("#")
    if not path or re.match(r"[a-z]+:", path):
        return None, anchor
    return (source.parent / path).resolve(), anchor
