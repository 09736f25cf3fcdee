"""Under `mkdocs serve`, run each page's examples as the page is built and show the outcome on it.

The examples run in a worker process (this file, run as a script) that imported torch and the
doc suite's Sybil object (sitetools/examples.py) once, and runs a page the way pytest does
(sitetools.examples.run_page), then again with the seeds moved as `--redirect-seeds` does.
The served page gets a line under its title ("14 examples, all pass" or "2 of 14 examples
failing") and, after each failing block, a `failure` admonition with the block's file and line
and what went wrong. Results are kept by the content of the page and its snippets, so the
rebuild of every page that follows each save runs only the pages that changed.

A page whose examples run past TIME_LIMIT seconds (the environment variable
LIVE_EXAMPLES_TIME_LIMIT, if set), or crash the worker, gets a message saying so; the
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
from pathlib import Path

from sitetools.project import ROOT
from sitetools.syntax import SNIPPET, fenced_blocks, line_of  # torch-free: MkDocs imports this hook

# Seconds one page's examples may run (both runs), with room for a busy machine.
TIME_LIMIT = float(os.environ.get("LIVE_EXAMPLES_TIME_LIMIT", 30))
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
            error = (f"The examples did not finish within {TIME_LIMIT:g} s (TIME_LIMIT in hooks/live_examples.py): "
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
    closing_lines = [line_of(markdown, block.end) for block in fenced_blocks(markdown)]
    for line in sorted(failing, reverse=True):
        # The block the example is in: the first that closes at or after its line.
        end = next((end for end in closing_lines if end >= line - offset), None)
        if end is None:
            continue  # saved again since MkDocs read it: the next build places it
        intro, text = failing[line]
        indent = re.match(r"[ \t>]*", lines[end - 1])[0]
        lines[end:end] = [""] + admonition(f"Example at {where}, line {line}", text, indent, intro)
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
    from sitetools.examples import SEED_SHIFT, describe, run_page

    print("ready", file=answers, flush=True)
    for request in sys.stdin:
        path = Path(json.loads(request)["path"])
        try:
            outcome = run_page(path)
            failed = {line: text for line, text in outcome.items() if text}
            moved = run_page(path, SEED_SHIFT) if len(failed) < len(outcome) else {}
            answer = {"examples": list(outcome), "failures": list(failed.items()), "seed_shift": SEED_SHIFT,
                      "seed_failures": [[line, text] for line, text in moved.items() if text and line not in failed]}
        except Exception as error:  # noqa: BLE001 - a page Sybil cannot parse
            answer = {"error": describe(error)}
        print(json.dumps(answer), file=answers, flush=True)


def exit_with_parent(parent):
    """End the worker if MkDocs is gone, even while an example hangs."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


if __name__ == "__main__":
    work()
