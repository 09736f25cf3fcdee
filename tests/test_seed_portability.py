"""No expected output depends on which random numbers were drawn: every example that passes in
the doc suite also passes when every torch.manual_seed(s) seeds s + SEED_SHIFT
(`pytest docs --redirect-seeds`). An example that fails with the pages' own seeds is the doc
suite's to report, not this test's: each mistake is reported once."""

import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.doc_examples import SEED_SHIFT
from tests.helpers import ROOT, run_pytest


def failures(root, *args):
    """{(page, line): failure text} of the doc examples that fail in `pytest *args` at `root`."""
    pages = {page.relative_to(root).as_posix().replace("/", "."): page.relative_to(root).as_posix()
             for page in (root / "docs").rglob("*.md")}
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.xml"
        result = run_pytest(root, *args, f"--junitxml={report}")
        assert result.returncode in (0, 1), result.stdout + result.stderr  # 1: some examples failed
        cases = ET.parse(report).iter("testcase")
        return {
            (pages[case.get("classname")], int(case.get("name").split(",")[0].removeprefix("line:"))): failure.text
            for case in cases for failure in case.iter("failure")
        }


def seed_dependent_examples(root, *paths):
    """One message per example under `paths` that passes with the pages' seeds and fails with
    moved ones."""
    moved = failures(root, *paths, "--redirect-seeds")
    if not moved:
        return []
    normal = failures(root, *sorted({page for page, _ in moved}))
    return [
        f"{page}:{line}: passes with the page's seeds but fails with every torch.manual_seed(s) moved to "
        f"s + {SEED_SHIFT}: its output depends on which random numbers were drawn (show a set of values, "
        f"an identity or a fraction within a tolerance instead).\n{text}"
        for (page, line), text in sorted(moved.items()) if (page, line) not in normal
    ]


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
