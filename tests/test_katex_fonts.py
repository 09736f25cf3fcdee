"""hooks/katex.py cuts KaTeX's fonts to the characters of the built site. tests/test_browser.py
asks Chromium, on every page, which fonts draw each formula (a character cut by mistake falls
back to another font); here, under `make serve`, which rebuilds only the page saved, the fonts
still hold every page's characters."""

import time
import urllib.request

from sitetools.project import ROOT

FONTS = ROOT / "node_modules" / "katex" / "dist" / "fonts"


def test_saving_one_page_under_serve_keeps_every_pages_characters(live_server):
    """`mkdocs serve --dirty` reads only the saved page again; the fonts cut after that build
    must still draw the formulas of the pages it did not read. A new page drawing `x`, which
    other pages draw too, leaves every served font as it was."""
    root, url, log = live_server
    names = sorted(path.name for path in FONTS.glob("*.woff2"))

    def served_fonts():
        return {name: urllib.request.urlopen(f"{url}assets/katex/fonts/{name}").read() for name in names}

    before = served_fonts()
    page, since = root / "docs" / "font-probe.md", len(log)
    try:
        page.write_text("# Probe\n\nA formula: \\(x\\).\n")
        deadline = time.monotonic() + 300  # only stops a server that never rebuilds
        while not any("Documentation built" in line for line in log[since:]):  # logged after the fonts are cut
            assert time.monotonic() < deadline, "mkdocs serve never rebuilt:\n" + "".join(log[since:])
            time.sleep(0.2)
        after = served_fonts()
    finally:
        page.unlink()
    changed = [f"{name}: {len(before[name])} -> {len(after[name])} bytes" for name in names if after[name] != before[name]]
    assert not changed, "fonts cut to the saved page's characters alone:\n" + "\n".join(changed)
