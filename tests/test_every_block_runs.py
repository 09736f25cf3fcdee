"""Every Python block on every page is executed by the doc suite, and every other block is in a
language declared display-only: a block that would be shown and never checked fails here, with
its file and line."""

from sitetools.checks import block_problems
from sitetools.project import DOCS


def test_every_python_block_runs():
    problems = [problem for page in sorted(DOCS.rglob("*.md")) for problem in block_problems(page)]
    assert not problems, "\n".join(problems)
