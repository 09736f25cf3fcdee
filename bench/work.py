"""The main thread's work in loading pages, from Chromium's own trace: this machine's Chromium,
unthrottled, at a phone's size, each load in a fresh browser context. Prints per page the
medians over the loads of the milliseconds spent in style, layout, HTML parsing, script and
paint (each its own time, without what it called), in all tasks together and in the longest,
and the number of elements restyled.

Lighthouse's blocking time is this work made four times slower and counted from the first paint
on. These totals do not depend on where the first paint falls and move less from load to load,
so they show what a change takes out of a load; bench/pages.py shows what readers get.

Run from the repository root:
`.venv/bin/python -m bench.work [--loads N] [--site DIR ...] [PATH ...]` (see bench/sites.py).
Measures; asserts nothing.
"""

import argparse
import collections
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.sites import add_arguments, served
from sitetools.project import launch_chromium, traced_load

# RunTask, a task of the main thread's loop, is only in the second category.
CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline"]
TASKS = {"RunTask", "ThreadControllerImpl::RunTask"}
KINDS = {
    "style": {"UpdateLayoutTree"},
    "layout": {"Layout"},
    "parse": {"ParseHTML"},
    "script": {"EvaluateScript", "FunctionCall", "RunMicrotasks", "v8.compile", "v8.run", "V8.Execute"},
    "paint": {"PrePaint", "Paint", "Layerize", "Commit"},
}
COLUMNS = [*KINDS, "all tasks", "longest task", "elements restyled"]


def work(events):
    """One load's work on the renderer's main thread (the thread that parsed the page)."""
    main = next((e["pid"], e["tid"]) for e in events if e["name"] == "ParseHTML")
    events = sorted((e for e in events if (e["pid"], e["tid"]) == main and "dur" in e),
                    key=lambda e: (e["ts"], -e["dur"]))
    own = collections.Counter()  # each event's time less that of the events it contains
    open_events, tasks, task_end = [], [], -1
    for event in events:
        while open_events and event["ts"] >= open_events[-1]["ts"] + open_events[-1]["dur"]:
            open_events.pop()
        if open_events:
            own[open_events[-1]["name"]] -= event["dur"]
        own[event["name"]] += event["dur"]
        open_events.append(event)
        if event["name"] in TASKS and event["ts"] >= task_end:  # a task not inside another
            tasks.append(event["dur"])
            task_end = event["ts"] + event["dur"]
    result = {kind: sum(own[name] for name in names) / 1000 for kind, names in KINDS.items()}
    result["all tasks"] = sum(tasks) / 1000
    result["longest task"] = max(tasks) / 1000
    result["elements restyled"] = sum(e["args"].get("elementCount", 0) for e in events if e["name"] == "UpdateLayoutTree")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loads", type=int, default=9)
    add_arguments(parser)
    args = parser.parse_args()
    with served(args.site) as sites, sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        print(f"Chromium's main thread over a load, unthrottled, phone size, median of {args.loads} loads\n")
        print(f"| page | site | {' | '.join(COLUMNS)} |")
        print("|---|---|" + "---|" * len(COLUMNS))
        for path in args.paths:
            loads = {name: [] for name, _ in sites}
            for _ in range(args.loads):
                for name, base in sites:
                    loads[name].append(work(traced_load(chromium, base + path, CATEGORIES)[0]))
            for name, _ in sites:
                medians = [statistics.median(load[column] for load in loads[name]) for column in COLUMNS]
                print(f"| /{path} | {name} | {' | '.join(f'{m:.0f}' for m in medians)} |", flush=True)


if __name__ == "__main__":
    main()
