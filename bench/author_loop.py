"""How long authors wait: the doc suite against the floor of importing torch, a full build,
the cost of one more page of examples, and under `mkdocs serve`, from saving a page that breaks an
example to its failure showing in a real browser (hooks/live_examples.py).

Run from the repository root: `make bench` or `.venv/bin/python -m bench.author_loop [runs]`.
Prints medians over `runs` (default 5). Measures; asserts nothing.
"""

import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError, sync_playwright

from sitetools.project import ROOT, copy_project, launch_chromium, mkdocs_build, mkdocs_serve, run_pytest, site_path
from sitetools.examples import PAGE, first_output_line

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 5
EXTRA_PAGE = ROOT / "docs" / "explainer" / "pytorch.md"  # copied in as "one more page"


def median_seconds(action):
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def check(result):
    assert result.returncode == 0, result.stdout + result.stderr


def serve_seconds(root):
    """Medians over RUNS saves of a page under `mkdocs serve`, each breaking one of its examples:
    seconds until the server has rebuilt the site, and until a real browser showing the page
    displays the failure (after the live reload)."""
    page = root / PAGE
    original = page.read_text()
    example_line, output_line = first_output_line(page)
    rebuilds, failures, reloads = [], [], []
    with mkdocs_serve(root) as (url, log), sync_playwright() as playwright:
        threading.Thread(target=note_reloads, args=(log, reloads), daemon=True).start()
        browser = launch_chromium(playwright)
        tab = browser.new_page()
        tab.goto(url + site_path(PAGE))
        tab.wait_for_selector(".live-examples")
        for run in range(RUNS):
            time.sleep(1)
            lines = original.splitlines(keepends=True)
            lines[output_line - 1] = f"a changed expected output {run}\n"
            start = time.perf_counter()
            page.write_text("".join(lines))
            try:
                tab.wait_for_selector(f".live-example:has-text('line {example_line}')", timeout=120_000)
            except PlaywrightTimeoutError:
                raise RuntimeError("the failure never showed; the server's log:\n" + "".join(log[-30:])) from None
            failures.append(time.perf_counter() - start)
            rebuilds.append(min(when for when in reloads if when > start) - start)
            page.write_text(original)
            tab.wait_for_selector(".live-example", state="detached", timeout=120_000)
        browser.close()
    return statistics.median(rebuilds), statistics.median(failures)


def note_reloads(log, reloads):
    """Append the time of each "Reloading browsers" the server logs."""
    seen = 0
    while True:
        new = log[seen:]
        seen += len(new)
        reloads.extend(time.perf_counter() for line in new if "Reloading browsers" in line)
        time.sleep(0.005)


def main():
    floor = median_seconds(lambda: check(subprocess.run([sys.executable, "-c", "import torch"], capture_output=True)))
    suite = median_seconds(lambda: check(run_pytest(ROOT, "docs")))
    with tempfile.TemporaryDirectory() as tmp:
        build = median_seconds(lambda: check(mkdocs_build(ROOT, Path(tmp) / "site")))
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_project(Path(tmp))
        shutil.copy(EXTRA_PAGE, root / "docs" / "one-more-page.md")
        bigger_suite = median_seconds(lambda: check(run_pytest(root, "docs")))
    with tempfile.TemporaryDirectory() as tmp:
        rebuild, live_failure = serve_seconds(copy_project(Path(tmp)))

    print(f"Medians of {RUNS} runs; {sys.version.split()[0]}, {len(__import__('os').sched_getaffinity(0))} cores")
    print("| what | seconds | target |")
    print("|---|---|---|")
    print(f"| `python -c 'import torch'` (the floor) | {floor:.2f} | |")
    print(f"| doc suite (`pytest docs`) | {suite:.2f} ({suite / floor:.2f}x the floor) | within 2x the floor |")
    print(f"| one more page of examples ({EXTRA_PAGE.name}) | {bigger_suite - suite:+.2f} | |")
    print(f"| `mkdocs build --strict` | {build:.2f} | within 5 s |")
    print(f"| `mkdocs serve` rebuild after a page is saved | {rebuild:.2f} | |")
    print(f"| saving a broken example until its failure shows in the browser | {live_failure:.2f} | within 2 s |")


if __name__ == "__main__":
    main()
