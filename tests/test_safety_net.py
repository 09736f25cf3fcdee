"""Each protection works: a copy of the site with one mistake injected fails the relevant
check, and the message names the file (and the line where there is one)."""

import re
import shutil

import nbformat
import pytest
import torch

from sitetools.checks import block_problems, seed_dependent_examples, stale_figures
from sitetools.examples import PAGE, SEED_SHIFT, first_output_line
from sitetools.numbers import page_problems
from sitetools.project import NOTEBOOK, copy_project, mkdocs_build, run_pytest, served_page, site_path
from sitetools.notebook import compare, execute



def append(path, text):
    path.write_text(path.read_text() + "\n" + text)


def seeded_value():
    torch.manual_seed(0)
    return round(torch.rand(1).item(), 4)


# Pages added to the broken copy, each with one mistake for the doc suite to catch.
INJECTED = {
    "raises.md": "```python\nraise RuntimeError('injected')\n```\n",
    "py-title.md": '```py title="example.py"\nassert 1 + 1 == 3\n```\n',
    # Talks only to itself on 127.0.0.1: it passes unless sockets are closed. In the page's
    # second block: pytest-socket reopens the network after each test, so closing it once per
    # page let this block through.
    "network.md": "```python\nimport socket\n```\n\n"
    "```python\nserver = socket.create_server(('127.0.0.1', 0))\nsocket.create_connection(server.getsockname()).close()\n```\n",
    # A traceback and pseudo-code shown, never run; the block after them runs.
    "not-run.md": "```pytb\nTraceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nRuntimeError: shown\n```\n\n"
    "<!-- not run: pseudo-code -->\n```python\nraise RuntimeError('never run')\n```\n\n```python\nran = True\n```\n",
    "seeded.md": f"```pycon\n>>> import torch\n>>> _ = torch.manual_seed(0)\n>>> round(torch.rand(1).item(), 4)\n{seeded_value()}\n\n```\n",
    # Each page checks the torch defaults, then changes them: whichever runs second fails if
    # the first one's changes leak.
    **{
        f"state-{name}.md": "```python\nimport torch\n"
        "assert torch.get_default_dtype() == torch.float32 and torch.is_grad_enabled()\n"
        "torch.set_default_dtype(torch.float64)\ntorch.set_grad_enabled(False)\n```\n"
        for name in "ab"
    },
}


@pytest.fixture(scope="module")
def broken_docs(tmp_path_factory):
    """A project copy with: one changed expected output, the injected pages, and the snippet
    of the backpropagation page deleted. Returns (root, mutated output's example line)."""
    root = copy_project(tmp_path_factory.mktemp("broken-docs"))
    page = root / PAGE
    example_line, output_line = first_output_line(page)
    lines = page.read_text().splitlines(keepends=True)
    lines[output_line - 1] = "a changed expected output\n"
    page.write_text("".join(lines))
    for name, text in INJECTED.items():
        (root / "docs" / name).write_text(f"# {name}\n\n{text}")
    (root / "snippets" / "scratch_dropout.py").unlink()
    return root, example_line


@pytest.fixture(scope="module")
def doc_report(broken_docs):
    result = run_pytest(broken_docs[0], "docs", "-rA")
    return result.stdout + result.stderr


def outcome(report, page, line=None):
    """PASSED or FAILED for the example of `page` at `line` (any example if line is None)."""
    where = f"{page}::line:{line}," if line else f"{page}::"
    found = re.findall(rf"^(PASSED|FAILED) {re.escape(where)}", report, re.M)
    assert found, f"no result for {where} in:\n{report}"
    return "FAILED" if "FAILED" in found else "PASSED"


def test_changed_expected_output_fails_with_file_and_line(broken_docs, doc_report):
    assert outcome(doc_report, PAGE, broken_docs[1]) == "FAILED"
    assert "a changed expected output" in doc_report


def test_example_that_raises_fails(doc_report):
    assert outcome(doc_report, "docs/raises.md", 3) == "FAILED"
    assert "RuntimeError: injected" in doc_report


def test_py_fence_with_title_is_executed(doc_report):
    assert outcome(doc_report, "docs/py-title.md", 3) == "FAILED"


def test_missing_snippet_fails_the_page_that_shows_it(doc_report):
    assert outcome(doc_report, "docs/explainer/backpropagation.md") == "FAILED"
    assert "snippets/scratch_dropout.py" in doc_report


def test_network_is_closed_to_every_example(doc_report):
    assert outcome(doc_report, "docs/network.md", 3) == "PASSED"
    assert outcome(doc_report, "docs/network.md", 7) == "FAILED"
    assert "SocketBlockedError" in doc_report


def test_pages_cannot_change_each_others_torch_state(doc_report):
    assert outcome(doc_report, "docs/state-a.md") == "PASSED"
    assert outcome(doc_report, "docs/state-b.md") == "PASSED"


def test_seed_dependent_output_is_reported_once_by_the_seed_check(broken_docs, doc_report):
    assert outcome(doc_report, "docs/seeded.md") == "PASSED"
    # PAGE's changed expected output fails with any seeds: the doc suite reports it, not this check.
    problems = seed_dependent_examples(broken_docs[0], "docs/seeded.md", PAGE)
    assert [problem.split(": ")[0] for problem in problems] == ["docs/seeded.md:6"], problems
    assert f"moved to s + {SEED_SHIFT}" in problems[0]


def test_traceback_and_python_declared_not_run_are_shown_not_run(broken_docs, doc_report):
    # One result for the page, the last block's: the pseudo-code's raise never ran.
    assert outcome(doc_report, "docs/not-run.md") == "PASSED"
    assert block_problems(broken_docs[0] / "docs" / "not-run.md", broken_docs[0] / "docs") == []


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


@pytest.mark.parametrize("fence", ["ipython", "cpp"])
def test_block_the_suite_would_not_run_is_reported(tmp_path, fence):
    root = copy_project(tmp_path)
    page = root / PAGE
    line = len(page.read_text().splitlines()) + 2
    append(page, f"```{fence}\nprint('never run')\n```\n")
    problems = block_problems(page, root / "docs")
    assert problems and problems[0].startswith(f"{PAGE}:{line}: "), problems


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


def test_broken_link_and_anchor_fail_the_build(tmp_path):
    log = broken_build(tmp_path, "[gone](no-such-page.md) and [lost](maths.md#no-such-anchor)")
    assert "'explainer/pytorch.md' contains a link 'no-such-page.md'" in log
    assert "does not contain an anchor '#no-such-anchor'" in log


def test_failed_build_is_reported_once(tmp_path):
    """One broken anchor: the build's test fails with the log, once; the tests that need the
    built site skip, each with one line that names that test."""
    root = copy_project(tmp_path)
    append(root / PAGE, "[lost](maths.md#no-such-anchor)")
    result = run_pytest(root, "-rs", "tests/test_build.py")
    summary = result.stdout.splitlines()[-1]
    assert re.fullmatch(r"(=+ )?1 failed, \d+ skipped in .*", summary), result.stdout[-3000:]
    assert result.stdout.count("does not contain an anchor '#no-such-anchor'") == 1
    skips = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED")]
    assert skips and all(line.endswith("tests/test_build.py::test_strict_build_passes_without_warnings shows why")
                         for line in skips), skips


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
    messages = stale_figures()
    assert len(messages) == 1, messages
    assert messages[0].startswith("docs/figures/unit-outcomes.svg is stale"), messages
    assert "figures/unit_outcomes.py" in messages[0] and "`make figures`" in messages[0]


def test_untraced_number_in_the_prose_fails_with_file_and_line(tmp_path):
    root = copy_project(tmp_path)
    page = root / PAGE
    line = len(page.read_text().splitlines()) + 2
    append(page, "Dropout was applied to 7919 networks last year.\n")
    problems = page_problems(page, root / "docs")
    assert any(problem.startswith(f"{PAGE}:{line}: 7919 in ") for problem in problems), problems


# A wrong formula in each explorable (right, wrong), for tests/test_explorables.py to catch.
WRONG_FORMULAS = {
    "mask-layer.js": ("x / (1 - p)", "x / p"),
    "thinned-network.js": ("(1 - p) ** on * p ** (HIDDEN - on)", "p ** on * (1 - p) ** (HIDDEN - on)"),
    "two-schemes.js": ("evaluation: a * q", "evaluation: a"),
    "variance-shift.js": ("(c * c + v) / q - c * c", "(c * c + v) / q"),
    "mc-error.js": ("Math.sqrt(variance / T)", "Math.sqrt(variance) / T"),
}


def test_wrong_formula_in_an_explorable_fails_naming_its_file(tmp_path):
    root = copy_project(tmp_path)
    for name, (right, wrong) in WRONG_FORMULAS.items():
        source = root / "docs" / "assets" / "explorables" / name
        assert source.read_text().count(right) == 1, f"{name} no longer contains {right!r}"
        source.write_text(source.read_text().replace(right, wrong))
    result = run_pytest(root, "tests/test_explorables.py", "-k", "numbers_match_torch")
    report = result.stdout + result.stderr
    for name in WRONG_FORMULAS:
        assert f"FAILED tests/test_explorables.py::test_numbers_match_torch[{name[:-3]}]" in report, report
        assert f"AssertionError: docs/assets/explorables/{name}: " in report, report
