"""Page speed as readers on a phone meet it: Lighthouse (node_modules, pinned in package.json)
with its mobile preset (simulated slow 4G, a 4x slower CPU) on each page of a fresh strict
build (or of built sites given, to compare them), served gzip-compressed from 127.0.0.1 as a
real host serves it. Prints per page the four category scores, largest contentful paint, total
blocking time, the bytes transferred, the number of elements, when this machine's Chromium
first painted text, and Lighthouse's measure of this machine's speed; with several runs, the
run with the median performance score, the range of the performance scores, which shows how
much of a difference between tables is noise, and the range of the machine's speed over the
runs. With `--control`, each page's runs are followed by one run of a plain Material page
(bench/sites.py), whose score and blocking time show what this machine gives Material itself
at that minute.

Run from the repository root: `make bench` or
`.venv/bin/python -m bench.pages [--runs N] [--control] [--site DIR ...] [PATH ...]` (paths as
on the site, e.g. `notebooks/hands-on/`; default every page; `--site`: see bench/sites.py).
Measures; asserts nothing. Lighthouse's simulated throttling is computed from the page's own
load, so a busy machine shows mostly in the blocking time: check `uptime` first.
"""

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.sites import add_arguments, control, served
from sitetools.project import CHROMIUM, CHROMIUM_ARGS, ROOT

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
COLUMNS = ["performance", "accessibility", "best practices", "SEO", "LCP, s", "TBT, ms", "KiB transferred",
           "elements", "first paint here, ms", "benchmark index"]  # the cells row() gives
CONTROL_COLUMN = "control: performance, TBT ms"  # the cells control_cells() gives


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
        "scores": [round(100 * result["categories"][name]["score"]) for name in CATEGORIES],
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt": audits["total-blocking-time"]["numericValue"],
        "kib": audits["total-byte-weight"]["numericValue"] / 1024,
        "elements": audits["dom-size-insight"]["numericValue"],
        # When this machine's Chromium, unthrottled, showed the first text: Lighthouse simulates
        # the phone's LCP from all the work done before it, so a late first frame raises LCP.
        "painted": audits["metrics"]["details"]["items"][0]["observedFirstContentfulPaint"],
        # Lighthouse's own measure of this machine's speed: its simulated 4x slower phone is
        # 4x this machine, so a slower or busier machine scores lower.
        "benchmark_index": result["environment"]["benchmarkIndex"],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--control", action="store_true",
                        help="after each page's runs, one run of a plain Material page (bench/sites.py)")
    add_arguments(parser)
    args = parser.parse_args()
    with (served(args.site) as sites, control() if args.control else contextlib.nullcontext() as plain_url,
          tempfile.TemporaryDirectory() as tmp):
        report = Path(tmp) / "report.json"
        compared = len(sites) > 1
        print(f"Lighthouse {lighthouse_version()}, mobile preset, served gzip-compressed from 127.0.0.1, "
              f"{'median of ' + str(args.runs) + ' runs' if args.runs > 1 else 'one run'} per page\n")  # a blank line: the table then pastes as Markdown
        columns = ["page", *(["site"] if compared else []), *COLUMNS, *([CONTROL_COLUMN] if plain_url else [])]
        print(f"| {' | '.join(columns)} |")
        print("|---" * len(columns) + "|")
        for path in args.paths:
            runs = {name: [] for name, _ in sites}
            for _ in range(args.runs):
                for name, base in sites:
                    runs[name].append(lighthouse(base + path, report))
            plain = f" {control_cells(lighthouse(plain_url, report))} |" if plain_url else ""
            for name, _ in sites:
                print(f"| /{path} |{f' {name} |' if compared else ''} {row(runs[name])} |{plain}", flush=True)


def row(runs):
    """A table row's cells for one page of one site: the run with the median performance score,
    with the range of the scores and of the machine's speed over all the runs."""
    runs = sorted(runs, key=lambda run: run["scores"][0])
    run = runs[len(runs) // 2]
    spread = f" ({runs[0]['scores'][0]}-{runs[-1]['scores'][0]})" if len(runs) > 1 else ""
    # The machine's speed over all the runs: a page measured while it slowed down shows it.
    speeds = sorted(r["benchmark_index"] for r in runs)
    speed = f"{speeds[0]:.0f}-{speeds[-1]:.0f}" if len(runs) > 1 else f"{speeds[0]:.0f}"
    return (f"{run['scores'][0]}{spread} | {' | '.join(map(str, run['scores'][1:]))} | {run['lcp']:.1f} "
            f"| {run['tbt']:.0f} | {run['kib']:.0f} | {run['elements']:.0f} | {run['painted']:.0f} | {speed}")


def control_cells(run):
    return f"{run['scores'][0]}, {run['tbt']:.0f}"


def lighthouse_version():
    return json.loads((ROOT / "node_modules" / "lighthouse" / "package.json").read_text())["version"]


if __name__ == "__main__":
    main()
