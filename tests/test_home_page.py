"""The home page's reading path says how long each page takes to read. Those times are estimates
from the pages' prose (fenced code left out) at a steady reading pace; they must stay true as the
pages grow or shrink."""

import re

from sitetools.project import DOCS
from sitetools.prose import link_target, page_paragraphs
from sitetools.syntax import LINK

HOME = DOCS / "index.md"
WORDS_PER_MINUTE = 200  # the pace the home page states ("about two hundred words a minute")
NUMBERS = {word: value for value, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen".split())}
# A link, then in the same sentence (no other link between) "about six minutes".
TIMED_LINK = re.compile(LINK.pattern + r"(?P<between>[^\[]*?)[Aa]bout\s+(?P<minutes>[a-z]+)\s+minutes")
RANGE = re.compile(r"each\s+page\s+between\s+(?P<low>[a-z]+)\s+and\s+(?P<high>[a-z]+)\s+minutes")


def minutes(page):
    """The reading time of `page`, in minutes, from the words of its prose."""
    words = sum(len(paragraph.text.split()) for paragraph in page_paragraphs(page))
    return words / WORDS_PER_MINUTE


def test_the_stated_pace_is_the_one_checked():
    assert "at about two hundred words a minute" in HOME.read_text()


def test_each_reading_time_matches_the_page():
    text = HOME.read_text()
    timed = list(TIMED_LINK.finditer(text))
    assert len(timed) >= 8, "the reading path gives no times"
    wrong = []
    for match in timed:
        page, _ = link_target(HOME, match["target"])
        stated, estimate = NUMBERS[match["minutes"]], minutes(page)
        if abs(stated - estimate) > 1:
            wrong.append(f"docs/index.md:{text.count(chr(10), 0, match.start()) + 1}: {match['text']!r} "
                         f"says about {stated} minutes; its {estimate * WORDS_PER_MINUTE:.0f} words take {estimate:.1f}")
    assert not wrong, "\n".join(wrong)


def test_the_range_for_the_deeper_pages_holds():
    match = RANGE.search(HOME.read_text())
    assert match, "the home page gives no range of times for the deeper pages"
    low, high = NUMBERS[match["low"]], NUMBERS[match["high"]]
    times = {page.name: round(minutes(page)) for page in (DOCS / "beyond").glob("*.md")}
    assert all(low <= t <= high for t in times.values()), times
