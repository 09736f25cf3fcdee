"""Each protection works: a tree with one mistake planted fails the relevant check, and the
message names the file (and the line where there is one). The doc suite and the build's report
run once, nested, on one small sample tree that holds every planted mistake."""

import re
import shutil

import nbformat
import pytest
import torch

from sitetools.checks import block_problems, seed_dependent_examples, stale_figures
from sitetools.examples import PAGE, SEED_SHIFT, first_output_line
from sitetools.numbers import page_problems
from sitetools.project import NOTEBOOK, ROOT, copy_project, mkdocs_build, run_pytest, served_page, site_path
from sitetools.notebook import compare, execute

BUILD_REPORTER = "tests/test_build.py::test_strict_build_passes_without_warnings"


def append(path, text):
    path.write_text(path.read_text() + "\n" + text)


def seeded_value():
    torch.manual_seed(0)
    return round(torch.rand(1).item(), 4)


# The sample tree's pages, each with one mistake for the doc suite to catch (or one thing it
# must leave alone), and the line of the example that must fail, where one must.
PLANTED = {
    "changed-output.md": "```pycon\n>>> 1 + 1\na changed expected output\n\n```\n",
    "raises.md": "```python\nraise RuntimeError('planted')\n```\n",
    "title.md": '```python title="example.py"\nassert 1 + 1 == 3\n```\n',
    "missing-snippet.md": '```python\n--8<-- "snippets/missing.py"\n```\n',
    # Talks only to itself on 127.0.0.1: it passes unless sockets are closed. In the page's
    # second block: pytest-socket reopens the network after each test, so closing it once per
    # page would let this block through.
    "network.md": "```python\nimport socket\n```\n\n"
    "```python\nserver = socket.create_server(('127.0.0.1', 0))\nsocket.create_connection(server.getsockname()).close()\n```\n",
    # A display-only block and a skipped one are shown, never run; the block after them runs.
    "skipped.md": "```text\nnot Python at all\n```\n\n<!-- skip: next \"pseudo-code\" -->\n\n"
    "```python\nraise RuntimeError('never run')\n```\n\n```python\nran = True\n```\n",
    # An exercise's solution, collapsed (pymdownx.details) and indented under it, as pages write them.
    "exercise.md": "## Exercise\n\nWhat does `torch.ones(2).sum()` give?\n\n??? success \"Solution\"\n\n"
    "    ```pycon\n    >>> import torch\n    >>> torch.ones(2).sum()\n    tensor(3.)\n\n    ```\n",
    "seeded.md": f"```pycon\n>>> import torch\n>>> _ = torch.manual_seed(0)\n>>> round(torch.rand(1).item(), 4)\n{seeded_value()}\n\n```\n",
    # Each page checks the torch defaults, then changes them: whichever runs second fails if
    # the first one's changes leak.
    **{
        f"state-{name}.md": "```python\nimport torch\n"
        "assert torch.get_default_dtype() == torch.float32 and torch.is_grad_enabled()\n"
        "torch.set_default_dtype(torch.float64)\ntorch.set_grad_enabled(False)\n```\n"
        for name in "ab"
    },
    # The one broken link of the build, for the build's report.
    "index.md": "[lost](raises.md#no-such-anchor)\n",
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample tree: the doc suite's and the build tests' code, a minimal mkdocs.yml and the
    PLANTED pages; its docs/ folder."""
    root = tmp_path_factory.mktemp("sample")
    for name in ["pytest.ini", "docs/conftest.py", "tests/conftest.py", "tests/test_build.py"]:
        (root / name).parent.mkdir(exist_ok=True)
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(ROOT / "sitetools", root / "sitetools", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "mkdocs.yml").write_text("site_name: Sample\nvalidation:\n  anchors: warn\n")
    for name, text in PLANTED.items():
        (root / "docs" / name).write_text(f"# {name}\n\n{text}")
    return root / "docs"


@pytest.fixture(scope="module")
def report(sample):
    """What pytest says of the sample's pages and of its build, with every outcome listed."""
    result = run_pytest(sample.parent, "-rA", "docs", "tests/test_build.py")
    return result.stdout + result.stderr


def outcome(report, page, line=None):
    """PASSED or FAILED for the example of `page` at `line` (any example if line is None)."""
    where = f"{page}::line:{line}," if line else f"{page}::"
    found = re.findall(rf"^(PASSED|FAILED) {re.escape(where)}", report, re.M)
    assert found, f"no result for {where} in:\n{report}"
    return "FAILED" if "FAILED" in found else "PASSED"


# Each planted mistake fails its example, at its page and line, and the report says why.
@pytest.mark.parametrize("page, line, why", [
    ("changed-output.md", 4, "a changed expected output"),
    ("raises.md", 3, "RuntimeError: planted"),
    ("title.md", 3, "assert 1 + 1 == 3"),  # a fence with attributes runs too
    ("missing-snippet.md", 3, "snippets/missing.py"),
    ("exercise.md", 11, "tensor(3.)"),  # a solution indented in a collapsed admonition
])
def test_planted_mistake_fails_with_file_and_line(report, page, line, why):
    assert outcome(report, f"docs/{page}", line) == "FAILED"
    assert why in report


def test_network_is_closed_to_every_example(report):
    assert outcome(report, "docs/network.md", 3) == "PASSED"
    assert outcome(report, "docs/network.md", 7) == "FAILED"
    assert "SocketBlockedError" in report


def test_pages_cannot_change_each_others_torch_state(report):
    assert outcome(report, "docs/state-a.md") == "PASSED"
    assert outcome(report, "docs/state-b.md") == "PASSED"


def test_display_only_and_skipped_blocks_are_shown_not_run(sample, report):
    assert outcome(report, "docs/skipped.md", 13) == "PASSED"
    assert re.search(r"^SKIPPED \[1\] docs/skipped\.md:10: pseudo-code$", report, re.M), report
    assert "never run" not in report
    assert block_problems(sample / "skipped.md", sample) == []


def test_seed_dependent_output_is_reported_once_by_the_seed_check(sample, report):
    assert outcome(report, "docs/seeded.md") == "PASSED"
    # The changed expected output fails with any seeds: the doc suite reports it, not this check.
    problems = seed_dependent_examples([sample / "seeded.md", sample / "changed-output.md"], sample.parent)
    assert [problem.split(": ")[0] for problem in problems] == ["docs/seeded.md:6"], problems
    assert f"moved to s + {SEED_SHIFT}" in problems[0]


def test_failed_build_is_reported_once(report):
    """One broken anchor: the build's test fails with the log, once; the tests that need the
    built site skip, each with one line that names that test."""
    results = re.findall(r"^(PASSED|FAILED|SKIPPED|ERROR)\b.*tests/test_build\.py.*$", report, re.M)
    assert results.count("FAILED") == 1 and f"FAILED {BUILD_REPORTER}" in report, report
    # The log once among the failures; the short summary may repeat every failure's whole
    # message (pytest does on CI, where the CI variable is set), so it is left out of the count.
    failures = report.partition("short test summary info")[0]
    assert failures.count("does not contain an anchor '#no-such-anchor'") == 1, report
    skips = [line for line in report.splitlines() if line.startswith("SKIPPED") and "test_build.py" in line]
    assert len(skips) == results.count("SKIPPED") > 0, report
    assert all(line.endswith(f"{BUILD_REPORTER} shows why") for line in skips), skips


@pytest.mark.parametrize("fence", ["py", "ipython", "cpp"])
def test_block_the_suite_would_not_run_is_reported(tmp_path, fence):
    page = tmp_path / "docs" / "page.md"
    page.parent.mkdir()
    page.write_text(f"# A page\n\n```{fence}\nprint('never run')\n```\n")
    problems = block_problems(page, tmp_path / "docs")
    assert len(problems) == 1 and problems[0].startswith("docs/page.md:3: "), problems


def test_example_broken_while_serving_fails_on_the_page_with_its_line(live_server):
    root, url, log = live_server
    page = root / PAGE
    original = page.read_text()
    example_line, output_line = first_output_line(page)
    lines = original.splitlines(keepends=True)
    lines[output_line - 1] = "a changed expected output\n"
    served = url + site_path(PAGE)
    try:
        page.write_text("".join(lines))
        html = served_page(served, f"Example at {PAGE}, line {example_line}", log)
    finally:
        page.write_text(original)
    failure = html[html.index('class="admonition failure live-example"'):]
    assert "a changed expected output" in failure[:failure.index("</div>\n</div>")]
    assert f"(line {example_line})" in html[html.index('class="live-examples"'):]
    served_page(served, "examples, all pass", log)  # the copy is whole again for other tests


def broken_build(tmp_path, page_text="", remove=None):
    root = copy_project(tmp_path)
    append(root / PAGE, page_text)
    if remove:
        (root / remove).unlink()
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode != 0
    return result.stdout + result.stderr


def test_malformed_formula_fails_the_build(tmp_path):
    log = broken_build(tmp_path, r"The source's typo: \(\mathbb{E}[a_{\text{train}}}]\)")
    assert "explainer/pytorch.md" in log and r"\\mathbb{E}[a_{\\text{train}}}]" in log


def test_missing_snippet_fails_the_build(tmp_path):
    log = broken_build(tmp_path, remove="snippets/scratch_dropout.py")
    assert "snippets/scratch_dropout.py" in log


def test_broken_link_and_anchor_fail_the_build_which_runs_no_examples(tmp_path):
    ran = tmp_path / "ran"
    log = broken_build(tmp_path, "[gone](no-such-page.md) and [lost](maths.md#no-such-anchor)\n\n"
                                 f"```python\nopen({str(ran)!r}, 'w').close()\n```\n")
    assert "'explainer/pytorch.md' contains a link 'no-such-page.md'" in log
    assert "does not contain an anchor '#no-such-anchor'" in log
    assert not ran.exists(), "mkdocs build ran an example"


def test_stale_notebook_output_fails_with_file_and_cell(tmp_path, notebook_run):
    stale = shutil.copy(NOTEBOOK, tmp_path / NOTEBOOK.name)
    nb = nbformat.read(stale, as_version=4)
    number, cell = next(
        (number, cell) for number, cell in enumerate(nb.cells, start=1)
        if cell.cell_type == "code" and "tolerance" not in cell.metadata
        and cell.outputs and cell.outputs[0].output_type == "stream"
    )
    cell.outputs[0].text = "an output the code no longer prints\n"
    nbformat.write(nb, stale)
    messages = compare(stale, notebook_run)
    assert len(messages) == 1 and messages[0].startswith(f"{stale}, cell {number} "), messages


def test_network_is_closed_to_notebook_cells(tmp_path):
    """A later cell that connects, even to a server of its own on 127.0.0.1, fails with the
    notebook's file and cell; the kernel keeps answering on its own channels."""
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import socket", id="imports"),
        nbformat.v4.new_code_cell(
            "server = socket.create_server(('127.0.0.1', 0))\nsocket.create_connection(server.getsockname()).close()",
            id="network",
        ),
        nbformat.v4.new_code_cell("print('still here')", id="after", outputs=[
            nbformat.v4.new_output("stream", name="stdout", text="still here\n"),
        ]),
    ])
    path = tmp_path / "network.ipynb"
    nbformat.write(nb, path)
    (message,) = compare(path, execute(path))
    assert message.startswith(f"{path}, cell 2 ") and "raised SocketBlockedError" in message, message


def test_stale_figure_fails_naming_the_file_and_the_command(monkeypatch):
    from figures import unit_outcomes

    monkeypatch.setattr(unit_outcomes, "P", 0.5)  # its code changes, its file is not redrawn
    messages = stale_figures()  # its drawing for each palette
    names = [message.split(" is stale")[0] for message in messages]
    assert names == ["docs/figures/unit-outcomes.svg", "docs/figures/unit-outcomes-dark.svg"], messages
    assert all("figures/unit_outcomes.py" in message and "`make figures`" in message for message in messages)


def test_untraced_number_in_the_prose_fails_with_file_and_line(tmp_path):
    page = tmp_path / "docs" / "page.md"
    page.parent.mkdir()
    page.write_text("# A page\n\nDropout was applied to 7919 networks last year.\n")
    problems = page_problems(page, tmp_path / "docs")
    assert [problem.split(" in ")[0] for problem in problems] == ["docs/page.md:3: 7919"], problems
