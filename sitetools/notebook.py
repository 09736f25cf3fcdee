"""Execute a notebook and compare its outputs with the ones stored in it.

The site shows notebooks with the outputs stored in the .ipynb (the build does not execute
them), so the tests execute each notebook afresh, with every torch.manual_seed(s) moved as the
doc pages' are, and compare (tests/test_notebook.py):

- text outputs (streams, `text/plain`, `text/html`, `text/markdown`, ...) must match exactly,
  except numbers in a cell whose metadata declares a tolerance, e.g. `{"tolerance": 0.05}`:
  there every number may differ by that much (absolute) and the rest of the text must match;
- images (`image/png`, `image/svg+xml`, ...): the same types must be present (what is drawn
  varies between machines);
- an error in any cell is a failure.

The kernel runs with sockets closed, as the doc pages' examples do: a cell that opens a
connection, even to 127.0.0.1, raises.

Three commands, for authors (Makefile targets, listed in the README):

    make notebook              # execute it and store the fresh outputs (seeds not redirected)
    make notebook-check        # execute it (seeds not redirected) and print any mismatch with
                               # the stored outputs: they must match exactly
    make notebook-seeds        # one run per seed shift 1-30, 2 at a time: after changing the
                               # experiment or the numbers its text quotes, the way its claims
                               # were checked when it was written
"""

import copy
import difflib
import json
import re
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient


# Longest a single cell may run; the whole notebook takes a few seconds.
CELL_TIMEOUT = 120
NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


# Run hidden in the kernel before the notebook's cells. pytest-socket closes sockets as for the
# doc pages; the kernel's own channels to this process are ZMQ's, opened in C before this runs,
# so they keep working.
CLOSE_SOCKETS = "exec('from pytest_socket import disable_socket; disable_socket()', {})\n"


def _notebook(nb_or_path):
    if isinstance(nb_or_path, (str, Path)):
        return nbformat.read(nb_or_path, as_version=4)
    return nb_or_path


def execute(path, seed_shift=0):
    """Run a copy of the notebook at `path` in a fresh ipykernel (cwd: a temporary directory),
    sockets closed, and return the executed copy. With a `seed_shift`, every
    `torch.manual_seed(s)` in it seeds with s + seed_shift, by the doc pages' own redirection.
    Errors do not stop the run: they are left as error outputs, which `compare` reports."""
    nb = nbformat.read(path, as_version=4)
    setup = CLOSE_SOCKETS
    if seed_shift:
        setup += f"exec('from sitetools.examples import redirect_seeds; redirect_seeds({seed_shift})', {{}})\n"
    nb.cells.insert(0, nbformat.v4.new_code_cell(setup, id="hidden-setup"))
    with tempfile.TemporaryDirectory() as tmp:
        client = NotebookClient(
            nb, timeout=CELL_TIMEOUT, kernel_name="python3", allow_errors=True,
            record_timing=False, coalesce_streams=True, resources={"metadata": {"path": tmp}},
        )
        client.execute()
    errors = [o for o in nb.cells.pop(0).outputs if o.output_type == "error"]
    assert not errors, f"{path}: the hidden setup failed: {errors[0].evalue}"
    return nb


def _text(value):
    if isinstance(value, list):
        return "".join(value)
    return value if isinstance(value, str) else json.dumps(value, indent=1, sort_keys=True)


def _text_matches(stored, fresh, tolerance):
    """Whether two texts match: exactly, or with numbers within `tolerance` if it is set."""
    if tolerance is None:
        return stored == fresh
    numbers_a, numbers_b = NUMBER.findall(stored), NUMBER.findall(fresh)
    return (
        NUMBER.split(stored) == NUMBER.split(fresh)
        and len(numbers_a) == len(numbers_b)
        and all(abs(float(a) - float(b)) <= tolerance for a, b in zip(numbers_a, numbers_b))
    )


def _diff(stored, fresh):
    lines = difflib.unified_diff(
        stored.splitlines(keepends=True), fresh.splitlines(keepends=True), "stored", "fresh"
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _summary(output):
    """What an output is, for messages: 'stream stdout', 'display_data [image/png, text/plain]'."""
    if output.output_type == "stream":
        return f"stream {output.name}"
    if output.output_type == "error":
        return f"error {output.ename}"
    return f"{output.output_type} [{', '.join(sorted(output.get('data', {})))}]"


def _error_message(where, output):
    traceback = ANSI.sub("", "\n".join(output.get("traceback", [])))
    return f"{where}: raised {output.ename}: {output.evalue}\n{traceback}"


def _compare_output(where, stored, fresh, tolerance):
    if stored.output_type != fresh.output_type or stored.get("name") != fresh.get("name"):
        return [f"{where}: stored output is {_summary(stored)}, fresh output is {_summary(fresh)}"]
    if stored.output_type == "stream":
        pairs = [("text", _text(stored.text), _text(fresh.text))]
    else:
        stored_data, fresh_data = stored.get("data", {}), fresh.get("data", {})
        if set(stored_data) != set(fresh_data):
            return [f"{where}: stored output has {sorted(stored_data)}, fresh output has {sorted(fresh_data)}"]
        pairs = [  # images: present in both is enough
            (mime, _text(stored_data[mime]), _text(fresh_data[mime]))
            for mime in sorted(stored_data) if not mime.startswith("image/")
        ]
    tolerance_note = f" (numbers within {tolerance})" if tolerance is not None else ""
    return [
        f"{where}: {mime} differs{tolerance_note}:\n{_diff(a, b)}"
        for mime, a, b in pairs
        if not _text_matches(a, b, tolerance)
    ]


def compare(stored, fresh, name=None):
    """Mismatches between the stored notebook and a fresh execution of it, as readable
    messages naming the notebook file and the cell (an empty list: they match).
    `stored` and `fresh` are notebooks or paths to them; `name` names the notebook in
    messages (default: `stored`'s path)."""
    name = name or (str(stored) if isinstance(stored, (str, Path)) else "notebook")
    stored, fresh = _notebook(stored), _notebook(fresh)
    if len(stored.cells) != len(fresh.cells):
        return [f"{name}: {len(stored.cells)} cells stored, {len(fresh.cells)} executed"]
    messages = []
    for number, (cell, new) in enumerate(zip(stored.cells, fresh.cells), start=1):
        if cell.cell_type != "code":
            continue
        first_line = (_text(cell.source).strip().splitlines() or [""])[0]
        where = f"{name}, cell {number} ({first_line[:60]!r})"
        # `make notebook` stores outputs as a fresh run gives them, each stream in one piece
        old_outputs, new_outputs = cell.outputs, new.outputs
        errors = [_error_message(where + " (stored)", o) for o in old_outputs if o.output_type == "error"]
        errors += [_error_message(where, o) for o in new_outputs if o.output_type == "error"]
        if errors:
            messages.extend(errors)
            continue
        if len(old_outputs) != len(new_outputs):
            messages.append(
                f"{where}: {len(old_outputs)} outputs stored, {len(new_outputs)} produced:\n"
                f"  stored: {[_summary(o) for o in old_outputs]}\n"
                f"  fresh:  {[_summary(o) for o in new_outputs]}"
            )
            continue
        tolerance = cell.metadata.get("tolerance")
        for stored_output, fresh_output in zip(old_outputs, new_outputs):
            messages.extend(_compare_output(where, stored_output, fresh_output, tolerance))
    return messages


def update(path):
    """Execute the notebook (seeds not redirected) and store its outputs in it; an error in a
    cell stops it before it writes anything."""
    fresh = execute(path)
    errors = [
        _error_message(f"{path}, cell {number}", output)
        for number, cell in enumerate(fresh.cells, start=1) if cell.cell_type == "code"
        for output in cell.outputs if output.output_type == "error"
    ]
    if errors:
        raise SystemExit("\n\n".join(errors) + f"\n\n{path} not updated.")
    stored = nbformat.read(path, as_version=4)
    for cell, new in zip(stored.cells, fresh.cells):
        if cell.cell_type == "code":
            cell.outputs = copy.deepcopy(new.outputs)
            cell.execution_count = new.execution_count
    stored.metadata["language_info"] = fresh.metadata.get("language_info", stored.metadata.get("language_info"))
    nbformat.validate(stored)
    nbformat.write(stored, path)
    print(f"{path}: outputs updated")
    return True


def check(path):
    """Execute the notebook and print any mismatch with its stored outputs; whether they match."""
    messages = compare(path, execute(path))
    print("\n\n".join(messages) or f"{path}: stored outputs match a fresh run")
    return not messages


def check_seed_shifts(path, first=1, last=30):
    """One run per seed shift from `first` to `last`, 2 at a time, each compared with the stored
    outputs (within the cells' tolerances) and its Checks cell passing; whether all hold."""
    def run(shift):
        return compare(path, execute(path, seed_shift=shift), f"{path} (shift {shift})")

    held = True
    with ThreadPoolExecutor(max_workers=2) as pool:
        for shift, messages in zip(range(first, last + 1), pool.map(run, range(first, last + 1))):
            print("\n\n".join(messages) or f"{path}: seed shift {shift}: outputs and checks hold", flush=True)
            held &= not messages
    return held


if __name__ == "__main__":
    # python -m sitetools.notebook {update,check,check_seed_shifts} NOTEBOOK (the Makefile's targets)
    command, path = sys.argv[1:]
    ok = {"update": update, "check": check, "check_seed_shifts": check_seed_shifts}[command](Path(path))
    sys.exit(0 if ok else 1)
