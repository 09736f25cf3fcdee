"""docs/original-explainer.md shows the explainer this site was built from as its author wrote it,
each wrong or loose statement marked with a link to the section that corrects it; every mention
of it on the site links to it, and the references page lists it."""

import difflib
import re

from sitetools.project import DOCS, ROOT
from sitetools.prose import link_target, site_paragraphs
from sitetools.syntax import LINK

PAGE = DOCS / "original-explainer.md"
# The explainer as it was received, byte for byte; the page is checked against it.
ORIGINAL = ROOT / "tests" / "data" / "dropout-explainer.md"

# What the page adds to the original: admonitions (the introduction and the markers), fences
# around the code cells, and code spans around the formulas that cannot be typeset. What it
# leaves out: the notebook prompts before the code cells, which a reader does not type.
ADMONITION = re.compile(r"^!!! (?P<kind>\w+) .*\n(?:(?:    .*)?\n)*", re.M)
FENCE = re.compile(r"^```(?:python)?\n", re.M)
FORMULA_AS_SOURCE = re.compile(r"`(\$\$.*?\$\$)`")
PROMPT = re.compile(r"^In \[[^\]]*\]:$", re.M)
MARKERS = {"failure", "warning"}  # the introduction is an `abstract`
# How pages name the original explainer ("the source code" of a library is another thing).
MENTION = re.compile(r"\b(?:source|original) explainer\b|\bthe source\b(?! code)", re.I)


def words(text):
    """The non-blank lines of `text`, stripped: blank lines and indentation are layout, which the
    page changes where Python-Markdown needs it to render lists and display formulas."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_page_is_the_original_as_written():
    text = FORMULA_AS_SOURCE.sub(r"\1", FENCE.sub("", ADMONITION.sub("", PAGE.read_text())))
    original = PROMPT.sub("", ORIGINAL.read_text())
    diff = list(difflib.unified_diff(words(original), words(text), "original", "page", lineterm=""))
    assert not diff, "\n".join(diff)


def test_every_mention_of_it_links_to_it():
    unlinked = []
    for paragraph in site_paragraphs():
        if paragraph.source == PAGE:
            continue
        links = [link.span("text") for link in LINK.finditer(paragraph.text)
                 if link_target(paragraph.source, link["target"])[0] == PAGE]
        for mention in MENTION.finditer(paragraph.text):
            if not any(start <= mention.start() and mention.end() <= end for start, end in links):
                unlinked.append(f"{paragraph.line_of(mention.start())}: {mention[0]!r} is not a link to {PAGE.relative_to(ROOT)}")
    assert not unlinked, "\n".join(unlinked)


def test_the_page_shows_no_notebook_prompt():
    assert not PROMPT.search(PAGE.read_text()), f"{PAGE.relative_to(ROOT)} shows a notebook prompt"


def test_every_correction_links_to_it():
    """A "Common mistake: ..." box on any page links to the explainer that makes it."""
    unlinked = []
    for page in sorted(DOCS.rglob("*.md")):
        for correction in re.finditer(r'^[ \t]*(?:!!!|\?\?\?\+?) \w+ "(?P<title>(?:Correction|Common mistake)\b[^"]*)"\n(?:(?:[ \t]+.*)?\n)*', page.read_text(), re.M):
            targets = [link_target(page, link["target"])[0] for link in LINK.finditer(correction[0])]
            if PAGE not in targets:
                unlinked.append(f"{page.relative_to(ROOT)}: {correction['title']!r} does not link to {PAGE.relative_to(ROOT)}")
    assert not unlinked, "\n".join(unlinked)


def test_the_references_list_it():
    entry = re.search(r"^\[The original explainer\]\((?P<target>[^)]+)\) \{ #original-explainer \}$",
                      (DOCS / "references.md").read_text(), re.M)
    assert entry and (DOCS / entry["target"]).resolve() == PAGE
