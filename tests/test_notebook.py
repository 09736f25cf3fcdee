"""The hands-on notebook (docs/notebooks/hands-on.ipynb), which the site shows with its stored outputs.

- Run afresh with every `torch.manual_seed(s)` moved to another seed, its outputs match the
  stored ones, exactly or within the tolerances its cells declare (sitetools/notebook.py says how
  outputs compare): its Checks cell, which asserts every number quoted in its text, passes.
- It stands alone (a reader downloads it), and its links lead to pages and anchors that exist,
  on the page too, where the cells tagged "hide" (its helpers and its checks) are left out.
- `compare` itself catches what it must.

The notebook is executed once per test run, with sockets closed. Refresh the stored outputs after
an edit with `make notebook`; `make notebook-check` compares them with a run with its own seeds.

Whether the built page shows the figure, its alt text and a download button is checked on the
built site, by the build's tests.
"""

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


def test_stored_outputs_hold_with_other_seeds(notebook_run, stored):
    messages = compare(NOTEBOOK, notebook_run, name=f"{NOTEBOOK} (seeds redirected)")
    assert not messages, "\n\n".join(messages) + f"\n\nIf the change is intended: {UPDATE}"
    # ... and the seeds were moved: the experiment's numbers are not the stored ones
    table = [next(c for c in nb.cells if c.id == "table") for nb in (stored, notebook_run)]
    assert table[0].outputs[0].data["text/markdown"] != table[1].outputs[0].data["text/markdown"]


def test_checks_cell_comes_last_and_passes(stored):
    """The Checks cell asserts every number the text quotes. It comes last, so that it checks
    everything above it, and its stored output, which the fresh run above reproduces, says that
    every check passed."""
    cell = stored.cells[-1]
    assert cell.id == "checks" and cell.outputs[-1].text.endswith("\nAll checks passed.\n")


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


def shown(nb):
    """The Markdown cells the page shows: mkdocs.yml leaves out those tagged "hide"."""
    return [c for c in nb.cells if c.cell_type == "markdown" and "hide" not in c.metadata.get("tags", [])]


def notebook_headings(nb):
    return [h for c in shown(nb) for h in re.findall(r"^#{1,6} (.+)$", c.source, re.M)]


def test_headings_make_working_anchors_and_contents(stored):
    """The page's table of contents (Python-Markdown's toc) and the headings' ids (nbconvert)
    slug a heading differently when it holds inline code, so the contents would link nowhere;
    and maths in a heading reaches the contents untypeset, as $...$."""
    assert not [h for h in notebook_headings(stored) if "`" in h or "$" in h]


def test_links_resolve(stored):
    """mkdocs does not check links in notebooks, and does not rewrite them: a link to another
    page is written as on the built site (`../../references/#gal2016` from notebooks/hands-on/).
    The copy offered for download links to the hosted site instead (tests/test_build.py). A link
    to a heading leads to one the page shows."""
    headings = {slugify(h, "-") for h in notebook_headings(stored)}
    problems = []
    for cell in shown(stored):
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
    svg = {"image/svg+xml": "<svg><path d='M 0 1'/></svg>", "text/plain": "A chart"}
    assert compare(notebook(display(svg)), notebook(display({**svg, "image/svg+xml": "<svg/>"}))) == []
    assert compare(notebook(display(svg)), notebook(display({**svg, "text/plain": "A graph"})))


def test_compare_reports_errors_and_missing_outputs():
    error = nbformat.v4.new_output("error", ename="AssertionError", evalue="claim 3", traceback=["x"])
    (message,) = compare(notebook(stream("ok\n")), notebook(stream("ok\n"), error))
    assert "raised AssertionError: claim 3" in message
    assert compare(notebook(stream("ok\n")), notebook())
