"""Page speed as readers on a phone meet it, this site beside the stock build of the same
Markdown (bench/sites.py), from one run that alternates between the two so that the machine's
drift falls on both alike.

For every page and every run: Lighthouse (node_modules, pinned in package.json) with its mobile
preset (simulated slow 4G, a 4x slower CPU) on each site, then one load of each in this
machine's Chromium, unthrottled, at a phone's size, traced to add up the main thread's work.
Prints per page and site the medians over the runs: largest contentful paint, main-thread work
over the load (all its tasks, ms), cumulative layout shift, bytes transferred (gzip-served), the
four Lighthouse scores and total blocking time; and, on this site's row, the targets it misses
(README of bench/). Lighthouse's simulated throttling is computed from the page's own load, so a
busy machine shows mostly in the blocking time: the header gives the machine's load.

Run from the repository root: `make bench` or
`.venv/bin/python -m bench.pages [--runs N] [PATH ...]` (paths as on the site, e.g.
`notebooks/hands-on/`; default every page). Measures; asserts nothing.
"""

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.sites import served
from sitetools.project import CHROMIUM, CHROMIUM_ARGS, ROOT, launch_chromium, page_paths, traced_load

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
COLUMNS = ["page", "site", "LCP, s", "main-thread work, ms", "CLS", "KiB", "performance", "accessibility",
           "best practices", "SEO", "TBT, ms", "targets missed"]
# RunTask, a task of the main thread's loop, is only in the second category.
TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline"]
TASKS = {"RunTask", "ThreadControllerImpl::RunTask"}


def lighthouse(url, report):
    """One Lighthouse run of `url` (mobile preset, its default) in headless Chromium."""
    flags = ["--headless=new", "--no-sandbox", *CHROMIUM_ARGS]  # no sandbox: as Playwright runs it
    subprocess.run(
        [LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={report}",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(flags)}"],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True,
    )
    result = json.loads(Path(report).read_text())
    audits = result["audits"]
    return {
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "kib": audits["total-byte-weight"]["numericValue"] / 1024,
        "tbt": audits["total-blocking-time"]["numericValue"],
        **{name: round(100 * result["categories"][name]["score"]) for name in CATEGORIES},
    }


def work(events):
    """Milliseconds of the renderer's main thread (the thread that parsed the page) in tasks
    over one load: each top-level task once, whatever it ran."""
    main = next((e["pid"], e["tid"]) for e in events if e["name"] == "ParseHTML")
    tasks, task_end = 0, -1
    for event in sorted((e for e in events if (e["pid"], e["tid"]) == main and e["name"] in TASKS),
                        key=lambda e: (e["ts"], -e["dur"])):
        if event["ts"] >= task_end:  # a task not inside another
            tasks += event["dur"]
            task_end = event["ts"] + event["dur"]
    return tasks / 1000


def missed(ours, stock):
    """The targets this site's page misses (medians), beside the stock build's."""
    checks = {
        "LCP > 2.5 s": ours["lcp"] > 2.5,
        "LCP later than stock": ours["lcp"] > stock["lcp"],
        "more work than stock": ours["work"] > stock["work"],
        "CLS > 0.1": ours["cls"] > 0.1,
        "> 250 KiB": ours["kib"] > 250,
        **{f"{name} < 100": ours[name] < 100 for name in CATEGORIES[1:]},
    }
    return ", ".join(name for name, failed in checks.items() if failed) or "none"


def cells(run):
    return [f"{run['lcp']:.1f}", f"{run['work']:.0f}", f"{run['cls']:.3f}", f"{run['kib']:.0f}",
            *(f"{run[name]:.0f}" for name in CATEGORIES), f"{run['tbt']:.0f}"]


def machine():
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, load average {load}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("paths", nargs="*", default=[path for path in page_paths() if path != "404.html"],
                        help="pages as on the site, e.g. notebooks/hands-on/ (default: every page)")
    args = parser.parse_args()
    version = json.loads((ROOT / "node_modules" / "lighthouse" / "package.json").read_text())["version"]
    with served() as sites, sync_playwright() as playwright, tempfile.TemporaryDirectory() as tmp:
        chromium = launch_chromium(playwright)
        report = Path(tmp) / "report.json"
        print(f"Lighthouse {version}, mobile preset; main-thread work in Chromium unthrottled at 390 px; "
              f"gzip-served from 127.0.0.1; medians of {args.runs} runs per page and site")
        print(f"Started {machine()}\n")  # a blank line: the table then pastes as Markdown
        print(f"| {' | '.join(COLUMNS)} |")
        print("|---" * len(COLUMNS) + "|")
        for path in args.paths:
            runs = {name: [] for name in sites}
            for _ in range(args.runs):
                for name, base in sites.items():
                    run = lighthouse(base + path, report)
                    run["work"] = work(traced_load(chromium, base + path, TRACE_CATEGORIES)[0])
                    runs[name].append(run)
            medians = {name: {key: statistics.median(run[key] for run in found) for key in found[0]}
                       for name, found in runs.items()}
            for name, median in medians.items():
                target = missed(median, medians["stock"]) if name == "this site" else ""
                print(f"| /{path} | {name} | {' | '.join(cells(median))} | {target} |", flush=True)
        print(f"\nEnded {machine()}")


if __name__ == "__main__":
    main()
