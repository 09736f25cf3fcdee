"""How long authors wait: the doc suite against the floor of importing torch, a full build,
a `mkdocs serve` rebuild after one page is edited, and the cost of one more page of examples.

Run from the repository root: `make bench` or `.venv/bin/python bench/author_loop.py [runs]`.
Prints medians over `runs` (default 5). Measures; asserts nothing.
"""

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.helpers import ENV, ROOT, copy_project, mkdocs_build, run_pytest  # noqa: E402

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


def serve_rebuild_seconds(root):
    """Seconds from saving a page to `mkdocs serve` reloading browsers, for each of RUNS edits."""
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", "127.0.0.1:8787"],
        cwd=root, env=ENV, stderr=subprocess.PIPE, text=True,
    )
    try:
        wait_for(server, "Serving on")
        times = []
        page = root / "docs" / "index.md"
        for run in range(RUNS):
            time.sleep(0.5)
            start = time.perf_counter()
            page.write_text(page.read_text() + f"\nEdited {run}.\n")
            wait_for(server, "Reloading browsers")
            times.append(time.perf_counter() - start)
        return statistics.median(times)
    finally:
        server.terminate()
        server.wait()


def wait_for(server, text):
    for line in server.stderr:
        if text in line:
            return
    raise RuntimeError(f"mkdocs serve stopped before printing {text!r}")


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
        rebuild = serve_rebuild_seconds(copy_project(Path(tmp)))

    print(f"Medians of {RUNS} runs; {sys.version.split()[0]}, {len(__import__('os').sched_getaffinity(0))} cores")
    print("| what | seconds | target |")
    print("|---|---|---|")
    print(f"| `python -c 'import torch'` (the floor) | {floor:.2f} | |")
    print(f"| doc suite (`pytest docs`) | {suite:.2f} ({suite / floor:.2f}x the floor) | within 2x the floor |")
    print(f"| one more page of examples ({EXTRA_PAGE.name}) | {bigger_suite - suite:+.2f} | |")
    print(f"| `mkdocs build --strict` | {build:.2f} | within 5 s |")
    print(f"| `mkdocs serve` rebuild after a page is saved | {rebuild:.2f} | within 2 s |")


if __name__ == "__main__":
    main()
