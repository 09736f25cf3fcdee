"""No expected output depends on which random numbers were drawn: every example that passes in
the doc suite also passes when every torch.manual_seed(s) seeds s + SEED_SHIFT
(`pytest docs --redirect-seeds`). An example that fails with the pages' own seeds is the doc
suite's to report, not this test's: each mistake is reported once."""

from sitetools.checks import seed_dependent_examples
from sitetools.project import ROOT, run_pytest


def test_no_output_depends_on_the_seeds(request):
    # The pages this session runs (`make check PAGE=...`), or all of them.
    pages = sorted({item.path.relative_to(ROOT).as_posix() for item in request.session.items if item.path.suffix == ".md"})
    problems = seed_dependent_examples(ROOT, *pages or ["docs"])
    assert not problems, "\n\n".join(problems)


# The tests of the snippets' properties: each must hold for any seed, not for the seeds chosen.
SNIPPET_TESTS = ["tests/test_mask_enumeration.py", "tests/test_input_dropout_loss.py", "tests/test_scratch_dropout.py",
                 "tests/test_variants.py", "tests/test_mc_convergence.py"]


def test_snippet_tests_pass_with_moved_seeds():
    """tests/conftest.py moves their torch.manual_seed(s) to s + SEED_SHIFT under --redirect-seeds,
    an option of docs/conftest.py: `docs` is named for that conftest, its pages are left out."""
    result = run_pytest(ROOT, "docs", "--ignore-glob=*.md", *SNIPPET_TESTS, "--redirect-seeds")
    assert result.returncode == 0, result.stdout + result.stderr
