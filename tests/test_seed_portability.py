"""No expected output depends on which random numbers were drawn: the doc suite also passes
when every torch.manual_seed(s) call seeds with another number (tests/doc_examples.py)."""

from tests.helpers import ROOT, run_pytest


def test_doc_suite_passes_with_redirected_seeds():
    result = run_pytest(ROOT, "docs", "--redirect-seeds")
    assert result.returncode == 0, result.stdout + result.stderr
