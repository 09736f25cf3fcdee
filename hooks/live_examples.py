"""Under `mkdocs serve`, run each page's examples as the page is built and show the outcome on it.

The examples run in a worker process (this file, run as a script) that imported torch and the
doc suite's Sybil object (sitetools/examples.py) once, and runs a page the way pytest does: the same
parsers, the same setup and teardown, then again with the seeds moved as `--redirect-seeds` does.
The served page gets a line under its title ("14 examples, all pass" or "2 of 14 examples
failing") and, after each failing block, a `failure` admonition with the block's file and line
and what went wrong. Results are kept by the content of the page and its snippets, so the
rebuild of every page that follows each save runs only the pages that changed.

A page whose examples run past TIME_LIMIT, or crash the worker, gets a message saying so; the
worker is replaced and serving goes on. `mkdocs build` runs no examples: this hook acts only
when MkDocs starts with the `serve` command.
"""

import hashlib
import json
import os
import re
import select
import signal
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

from sitetools.fences import SNIPPET, fenced_blocks  # the pages' one fence reader, torch-free
from sitetools.project import ROOT

TIME_LIMIT = 30  # seconds one page's examples may run (both runs), with room for a busy machine
START_LIMIT = 120  # seconds the worker may take to import torch and the doc suite

serving = False
worker = None
outcomes = {}  # key of a page's content -> what its examples did


def on_startup(command, dirty):
    global serving
    serving = command == "serve"


def on_shutdown():
    if worker:
        worker.stop()


def on_files(files, config):
    """Send every changed page to the worker now, so it runs them while MkDocs builds."""
    if serving:
        for file in files.documentation_pages():
            if file.src_uri.endswith(".md") and submit(Path(file.abs_src_path)) not in outcomes:
                # `make serve` rebuilds only the pages saved since their last build (--dirty);
                # this page's snippet may be what changed, so it is rebuilt too.
                Path(file.abs_dest_path).unlink(missing_ok=True)
    return files


def on_page_markdown(markdown, page, config, files):
    if not serving or not page.file.src_uri.endswith(".md"):
        return markdown
    path = Path(page.file.abs_src_path)
    key = submit(path)
    while key not in outcomes:
        worker.receive()
    return annotate(markdown, path.read_text(), path.relative_to(ROOT).as_posix(), outcomes[key])


def submit(path):
    """The key of the page's content; its examples are run unless they already were."""
    global worker
    text = path.read_text()
    parts = [str(path), text]
    for match in SNIPPET.finditer(text):
        snippet = ROOT / match["path"]
        parts.append(snippet.read_text() if snippet.is_file() else "(missing)")
    key = hashlib.sha256("\0".join(parts).encode()).hexdigest()
    if worker is None:
        worker = Worker()
    if key not in outcomes and key not in dict(worker.queue):
        worker.send(key, path)
    return key


class Worker:
    """The worker process, and the pages sent to it whose outcome has not come back yet."""

    def __init__(self):
        self.process = subprocess.Popen(
            [sys.executable, __file__], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},  # nothing new under the watched docs/
            start_new_session=True,  # its own process group: stopping it stops what it started
        )
        self.queue = []  # (key, path) of the pages sent, in order
        self.buffer = b""
        self.ready = False
        self.busy_since = time.monotonic()  # since when it works on the first page in the queue

    def send(self, key, path):
        if not self.queue and self.ready:
            self.busy_since = time.monotonic()
        self.queue.append((key, path))
        try:
            self.process.stdin.write(json.dumps({"path": str(path)}).encode() + b"\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            pass  # it died: receive() says so on the page and starts another

    def receive(self):
        """Wait for the outcome of the first page in the queue. After a hang or a crash, that is
        the page's outcome, and a new worker takes the rest of the queue."""
        global worker
        key, _ = self.queue.pop(0)
        try:
            if not self.ready:
                self.read_line(self.busy_since + START_LIMIT)
                self.ready = True
                self.busy_since = time.monotonic()
            outcomes[key] = json.loads(self.read_line(self.busy_since + TIME_LIMIT))
            self.busy_since = time.monotonic()
            return
        except TimeoutError:
            error = (f"The examples did not finish within {TIME_LIMIT} s (TIME_LIMIT in hooks/live_examples.py): "
                     "the worker running them was stopped and a new one started.")
        except EOFError:
            error = (f"The worker running the examples died (exit code {self.process.wait()}) on this page: "
                     "a new one was started.")
        outcomes[key] = {"error": error}
        self.stop()
        worker = Worker()
        for key, path in self.queue:
            worker.send(key, path)

    def read_line(self, deadline):
        while b"\n" not in self.buffer:
            wait = deadline - time.monotonic()
            if wait <= 0 or not select.select([self.process.stdout], [], [], wait)[0]:
                raise TimeoutError
            chunk = os.read(self.process.stdout.fileno(), 1 << 16)
            if not chunk:
                raise EOFError
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line

    def stop(self):
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()


def annotate(markdown, source, where, outcome):
    """The page's Markdown with the outcome of its examples: a line under the title, and a
    failure admonition after each block with a failing example."""
    lines = markdown.split("\n")
    offset = len(source.split("\n")) - len(lines)  # lines of front matter MkDocs took off
    if "error" in outcome:
        return "\n".join(admonition("The examples of this page did not run", outcome["error"]) + lines)
    examples = outcome["examples"]
    if not examples:
        return markdown
    failing = {line: ("", text) for line, text in outcome["failures"]}
    failing.update({line: (f"Passes with the page's seeds but fails with every `torch.manual_seed(s)` moved to "
                           f"`s + {outcome['seed_shift']}`: its output depends on which random numbers were drawn.",
                           text) for line, text in outcome["seed_failures"]})
    blocks = fenced_blocks(markdown)
    for line in sorted(failing, reverse=True):
        # The block the example is in: Sybil's line may be a line or two off in indented blocks.
        block = next((block for block in blocks if block.closing_line >= line - offset), None)
        if block is None:
            continue  # saved again since MkDocs read it: the next build places it
        intro, text = failing[line]
        end = block.closing_line
        lines[end:end] = [""] + admonition(f"Example at {where}, line {line}", text, block.indent, intro)
    if failing:
        summary = f"**{len(failing)} of {len(examples)} examples failing** (line {', '.join(map(str, sorted(failing)))})"
    else:
        summary = f"{len(examples)} example{'s' * (len(examples) != 1)}, all pass"
    title = 1 if lines and lines[0].startswith("# ") else 0
    lines[title:title] = ["", summary, "{ .live-examples }", ""]
    return "\n".join(lines)


def admonition(title, text, indent="", intro=""):
    fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`+", text))])
    body = ([intro, ""] if intro else []) + [fence + "text", *text.rstrip("\n").split("\n"), fence]
    # `live-example` sets these apart from the pages' own `failure` admonitions.
    return [f'{indent}!!! failure live-example "{title}"', ""] + [f"{indent}    {line}" if line else "" for line in body] + [""]


def work():
    """The worker: reads one JSON request per line, `{"path": page}`, and answers each with a
    line: the page's example lines, and the failures with the page's seeds and with moved ones."""
    threading.Thread(target=exit_with_parent, args=(os.getppid(),), daemon=True).start()
    answers = os.fdopen(os.dup(1), "w")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # what examples print is theirs, as under pytest's capture
    sys.stdout = open(devnull, "w")
    from sitetools.examples import SEED_SHIFT, page, sybil

    def run(path, seed_shift):
        page.seed_shift = seed_shift
        document = sybil.parse(path)
        lines, failures = [], []
        sybil.setup(document.namespace)
        try:
            for example in document.examples():
                lines.append(example.line)
                try:
                    example.evaluate()
                except Exception as error:  # noqa: BLE001 - every failure goes on the page
                    failures.append([example.line, describe(error)])
        finally:
            sybil.teardown(document.namespace)
        return lines, failures

    print("ready", file=answers, flush=True)
    for request in sys.stdin:
        path = Path(json.loads(request)["path"])
        try:
            lines, failures = run(path, 0)
            failed = {line for line, _ in failures}
            moved = run(path, SEED_SHIFT)[1] if len(failed) < len(lines) else []
            answer = {"examples": lines, "failures": failures, "seed_shift": SEED_SHIFT,
                      "seed_failures": [[line, text] for line, text in moved if line not in failed]}
        except Exception as error:  # noqa: BLE001 - a page Sybil cannot parse
            answer = {"error": describe(error)}
        print(json.dumps(answer), file=answers, flush=True)


def exit_with_parent(parent):
    """End the worker if MkDocs is gone, even while an example hangs."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def describe(error):
    """What went wrong, as pytest would show it: a doctest's expected and actual output, or the
    exception with the traceback through the page and its snippets (paths from the root)."""
    from sybil.example import SybilFailure

    if isinstance(error, SybilFailure):
        text = error.result
    else:
        internal = (Path(__file__).parent, ROOT / "tests", Path(sys.modules["sybil"].__file__).parent)
        frames = [frame for frame in traceback.extract_tb(error.__traceback__)
                  if not any(Path(frame.filename).is_relative_to(path) for path in internal)]
        text = "".join(["Traceback (most recent call last):\n", *traceback.format_list(frames),
                        *traceback.format_exception_only(error)])
    return text.replace(f"{ROOT}/", "")


if __name__ == "__main__":
    work()
