"""Page speed as readers meet it: each page of a fresh strict build, loaded cold `runs` times
(default 6) in headless Chromium from 127.0.0.1. Prints per page the medians of: first
contentful paint, time until all maths is typeset (its HTML parsed and KaTeX's fonts loaded),
bytes transferred and requests; and whether the maths was already typeset in the HTML as
delivered, that is, at first paint.

Run from the repository root: `make bench` or `.venv/bin/python bench/pages.py [runs]`.
Measures; asserts nothing.
"""

import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.helpers import ROOT, built_file, launch_chromium, mkdocs_build, page_paths, serve  # noqa: E402

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 6

# Maths is typeset once its HTML is parsed (domInteractive) and KaTeX's fonts have arrived.
MEASURE = """async () => {
  const fcp = await new Promise(resolve => new PerformanceObserver((list, observer) => {
    const paint = list.getEntriesByName("first-contentful-paint")[0];
    if (paint) { observer.disconnect(); resolve(paint.startTime); }
  }).observe({ type: "paint", buffered: true }));
  const navigation = performance.getEntriesByType("navigation")[0];
  const resources = performance.getEntriesByType("resource");
  const fonts = resources.filter(e => e.name.includes("/assets/katex/fonts/")).map(e => e.responseEnd);
  const entries = [navigation, ...resources];
  return {
    fcp: fcp,
    typeset: Math.max(navigation.domInteractive, ...fonts),
    formulas: document.querySelectorAll(".katex").length,
    bytes: entries.reduce((sum, e) => sum + e.transferSize, 0),
    requests: entries.length,
  };
}"""


def main():
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        result = mkdocs_build(ROOT, site)
        assert result.returncode == 0, result.stdout + result.stderr
        with serve(site) as base, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            print(f"Medians of {RUNS} cold loads per page, headless Chromium, 1280x800, served uncompressed from 127.0.0.1")
            print("| page | formulas | typeset in the HTML | first paint, ms | maths typeset, ms | KiB | requests |")
            print("|---|---|---|---|---|---|---|")
            for path in page_paths():
                if path == "404.html":
                    continue
                loads = []
                for _ in range(RUNS):
                    context = browser.new_context(viewport={"width": 1280, "height": 800})
                    page = context.new_page()
                    page.goto(base + path)
                    loads.append(page.evaluate(MEASURE))
                    context.close()
                delivered = built_file(site, path).read_text().count('class="katex"')
                formulas = loads[0]["formulas"]
                typeset_in_html = "n/a" if not formulas else "yes" if delivered == formulas else "NO"
                typeset = f"{statistics.median(load['typeset'] for load in loads):.0f}" if formulas else "n/a"
                median = lambda key: statistics.median(load[key] for load in loads)  # noqa: E731
                print(
                    f"| /{path} | {formulas} | {typeset_in_html} | {median('fcp'):.0f} "
                    f"| {typeset} | {median('bytes') / 1024:.0f} | {median('requests'):.0f} |"
                )
            browser.close()


if __name__ == "__main__":
    main()
