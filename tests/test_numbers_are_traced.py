"""Every number in the prose is traced to an example the suite runs or to a cited source
(sitetools/numbers.py says how)."""

from sitetools.numbers import notebook_executed_text, numbers_in, page_problems, untraced
from sitetools.project import DOCS, NOTEBOOK
from sitetools.prose import notebook_paragraphs


def test_every_number_in_the_prose_is_traced():
    problems = [problem for page in sorted(DOCS.rglob("*.md")) for problem in page_problems(page)]
    problems += untraced(notebook_paragraphs(NOTEBOOK), numbers_in(notebook_executed_text(NOTEBOOK)))
    assert not problems, (
        "numbers that no example on their page prints or asserts, in sentences that cite no source on "
        "docs/references.md (print or assert them, cite the source, or reword):\n" + "\n".join(problems))
