"""No expected output depends on which random numbers were drawn: every example that passes with
the pages' seeds also passes when every torch.manual_seed(s) seeds s + SEED_SHIFT. An example that
fails with the pages' own seeds is the doc suite's to report, not this test's: each mistake is
reported once. (The snippet tests run with both seeds too: tests/conftest.py.)"""

from sitetools.checks import seed_dependent_examples
from sitetools.project import DOCS


def test_no_output_depends_on_the_seeds(request):
    # The pages this session runs (`make check PAGE=...`), or all of them.
    pages = sorted({item.path for item in request.session.items if item.path.suffix == ".md"})
    problems = seed_dependent_examples(pages or sorted(DOCS.rglob("*.md")))
    assert not problems, "\n\n".join(problems)
