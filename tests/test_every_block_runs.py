"""Every Python block on every page is executed by the doc suite; every other block is declared
display-only, and Python that must not run says so (`<!-- not run: why -->` on the line before
it). A block the runner would skip without a word fails here, with its file and line."""

from sitetools.checks import block_problems
from sitetools.project import DOCS


def test_every_python_block_runs():
    problems = [problem for page in sorted(DOCS.rglob("*.md")) for problem in block_problems(page)]
    assert not problems, "\n".join(problems)
