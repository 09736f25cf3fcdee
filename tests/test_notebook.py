"""The hands-on notebook (docs/notebooks/hands-on.ipynb), which the site shows with its stored outputs.

- Its stored outputs match a fresh run (sitetools/notebook.py says how outputs compare).
- Run with every `torch.manual_seed(s)` moved to another seed, its outputs still match, within the
  tolerances its cells declare, and its Checks cell, which asserts every number quoted in its
  text, still passes.
- It stands alone (a reader downloads it), and its links lead to pages and anchors that exist.
- `compare` itself catches what it must.

The notebook is executed twice per test run, both runs at once (the notebook runs on one thread),
with sockets closed. Refresh the stored outputs after an edit with `make notebook`.

Whether the built page shows the figure, its alt text and a download link is checked on the built
site, by the build's tests.
"""

import ast
import re

import nbformat
import pytest
from markdown.extensions.toc import slugify

from sitetools.project import DOCS, NOTEBOOK, ROOT
from sitetools.notebook import compare

UPDATE = "make notebook"
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.fixture(scope="module")
def stored():
    return nbformat.read(NOTEBOOK, as_version=4)


def checks_cell(nb):
    (cell,) = [c for c in nb.cells if c.cell_type == "code" and c.id == "checks"]
    return cell


def test_stored_outputs_match_a_fresh_run(notebook_runs):
    messages = compare(NOTEBOOK, notebook_runs["normal"])
    assert not messages, "\n\n".join(messages) + f"\n\nIf the change is intended: {UPDATE}"


def test_outputs_hold_with_other_seeds(notebook_runs):
    messages = compare(NOTEBOOK, notebook_runs["redirected"], name=f"{NOTEBOOK} (seeds redirected)")
    assert not messages, "\n\n".join(messages)
    # ... and the seeds were moved: the experiment's numbers are not those of the normal run
    normal, redirected = (next(c for c in notebook_runs[key].cells if c.id == "table") for key in notebook_runs)
    assert normal.outputs[0].data["text/markdown"] != redirected.outputs[0].data["text/markdown"]


def claim_pattern(node):
    """A regular expression for the text of a claim, a string or an f-string."""
    parts = node.values if isinstance(node, ast.JoinedStr) else [node]
    return "".join(re.escape(part.value) if isinstance(part, ast.Constant) else ".+" for part in parts)


def test_checks_cell_passes_with_other_seeds(notebook_runs, stored):
    """Every claim the Checks cell makes (`check(claim, holds)`, a claim in a loop once per pass)
    was checked and held in the run with moved seeds, and the cell comes last, so that it checks
    everything above it."""
    cell = checks_cell(notebook_runs["redirected"])
    claims = [
        "✓ " + claim_pattern(node.args[0]) for node in ast.walk(ast.parse(cell.source))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "check"
    ]
    (output,) = cell.outputs
    *printed, last = output.text.splitlines()
    assert claims and last == "All checks passed."
    assert not [claim for claim in claims if not any(re.fullmatch(claim, line) for line in printed)]
    assert not [line for line in printed if not any(re.fullmatch(claim, line) for claim in claims)]
    assert stored.cells[-1].id == "checks"


def test_stands_alone(stored):
    """A reader downloads the notebook: it must not need this repository or the network."""
    code = "\n".join(c.source for c in stored.cells if c.cell_type == "code")
    assert not re.search(r"^\s*(from|import)\s+(tests|docs|snippets|hooks)\b", code, re.M)
    assert not re.search(r"\bopen\(|urllib|requests|download", code)
    assert stored.metadata.kernelspec.name == "python3"


def anchors(page):
    """The anchors of a Markdown page: `{ #id }` attributes and headings' default ids."""
    text = page.read_text()
    ids = set(re.findall(r"\{[^}\n]*#([\w-]+)[^}\n]*\}", text))
    for heading in re.findall(r"^#{1,6} (.+?)\s*$", text, re.M):
        if "{" not in heading:  # a heading without an explicit id gets the toc extension's slug
            ids.add(slugify(heading.replace("`", ""), "-"))
    return ids


def notebook_headings(nb):
    return [h for c in nb.cells if c.cell_type == "markdown" for h in re.findall(r"^#{1,6} (.+)$", c.source, re.M)]


def test_headings_make_working_anchors_and_contents(stored):
    """The page's table of contents (Python-Markdown's toc) and the headings' ids (nbconvert)
    slug a heading differently when it holds inline code, so the contents would link nowhere;
    and maths in a heading reaches the contents untypeset, as $...$."""
    assert not [h for h in notebook_headings(stored) if "`" in h or "$" in h]


def test_links_resolve(stored):
    """mkdocs does not check links in notebooks, and does not rewrite them: a link to another
    page is written as on the built site (`../../references/#gal2016` from notebooks/hands-on/).
    The copy offered for download links to the hosted site instead (tests/test_build.py)."""
    headings = {slugify(h, "-") for h in notebook_headings(stored)}
    problems = []
    for cell in stored.cells:
        if cell.cell_type != "markdown":
            continue
        for target in MARKDOWN_LINK.findall(cell.source):
            if target.startswith("https://"):
                continue
            path, _, anchor = target.partition("#")
            if not path:  # a heading of the notebook
                if anchor not in headings:
                    problems.append(f"{target}: no such heading in the notebook")
                continue
            match = re.fullmatch(r"\.\./\.\./([\w/-]+)/", path)
            page = DOCS / f"{match[1]}.md" if match else None
            if page is None or not page.exists():
                problems.append(f"{target}: not a link to a page of the site, like ../../explainer/maths/")
            elif anchor and anchor not in anchors(page):
                problems.append(f"{target}: no anchor #{anchor} in {page.relative_to(ROOT)}")
    assert not problems, f"{NOTEBOOK}: broken links:\n" + "\n".join(problems)


# compare() on small hand-made notebooks: what it must catch, and what it must let pass.

def notebook(*outputs, tolerance=None):
    cell = nbformat.v4.new_code_cell("print(x)", id="c1", outputs=list(outputs))
    if tolerance is not None:
        cell.metadata["tolerance"] = tolerance
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# T", id="m1"), cell])


def stream(text):
    return nbformat.v4.new_output("stream", name="stdout", text=text)


def display(data):
    return nbformat.v4.new_output("display_data", data=data)


def test_compare_text_exactly():
    assert compare(notebook(stream("loss 0.25\n")), notebook(stream("loss 0.25\n"))) == []
    (message,) = compare(notebook(stream("loss 0.25\n")), notebook(stream("loss 0.26\n")), name="nb.ipynb")
    assert message.startswith("nb.ipynb, cell 2 ('print(x)'): text differs")
    assert "-loss 0.25\n+loss 0.26\n" in message


def test_compare_numbers_within_a_cells_tolerance():
    stored = notebook(stream("loss 0.25, accuracy 0.93\n"), tolerance=0.05)
    assert compare(stored, notebook(stream("loss 0.29, accuracy 0.90\n"))) == []
    assert compare(stored, notebook(stream("loss 0.31, accuracy 0.93\n")))  # 0.06 > 0.05
    assert compare(stored, notebook(stream("LOSS 0.25, accuracy 0.93\n")))  # words stay exact
    assert compare(stored, notebook(stream("loss 0.25, accuracy 0.93, 1\n")))  # one number more


def test_compare_images_by_type_only():
    png = {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}
    assert compare(notebook(display(png)), notebook(display({**png, "image/png": "AAAA"}))) == []
    assert compare(notebook(display(png)), notebook(display({"text/plain": "<Figure>"})))
    html = '<img alt="A chart" src="data:image/png;base64,iVBORw0KGgo=">'
    assert compare(notebook(display({"text/html": html})),
                   notebook(display({"text/html": html.replace("iVBORw0KGgo=", "AAAA")}))) == []
    assert compare(notebook(display({"text/html": html})),
                   notebook(display({"text/html": html.replace("A chart", "A graph")})))


def test_compare_reports_errors_and_missing_outputs():
    error = nbformat.v4.new_output("error", ename="AssertionError", evalue="claim 3", traceback=["x"])
    (message,) = compare(notebook(stream("ok\n")), notebook(stream("ok\n"), error))
    assert "raised AssertionError: claim 3" in message
    assert compare(notebook(stream("ok\n")), notebook())
