"""hooks/katex.py cuts KaTeX's fonts to the characters of the built site. A character cut by
mistake would be drawn in a fallback font: here Chromium reports, for every piece of every
formula on the site, the fonts it drew the text in. And under `make serve`, which rebuilds
only the page saved, the fonts still hold every page's characters."""

import time
import urllib.request

import pytest

from sitetools.project import ROOT, built_file, page_paths

FONTS = ROOT / "node_modules" / "katex" / "dist" / "fonts"


@pytest.mark.parametrize("path", [path for path in page_paths() if path != "404.html"])
def test_every_formula_is_drawn_in_katex_fonts(chromium, server, site, path):
    if 'class="katex"' not in built_file(site, path).read_text():
        pytest.skip("no formula on this page")
    page = chromium.new_page()
    page.goto(server + path)
    page.evaluate("document.fonts.ready")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    # The drawn formula (not its MathML, which the browser draws in its own maths font).
    nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": ".katex-html span:not(:has(*))"})["nodeIds"]
    fallbacks = set()
    for node in nodes:
        for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            if not font["isCustomFont"]:
                text = cdp.send("DOM.getOuterHTML", {"nodeId": node})["outerHTML"]
                fallbacks.add(f"{font['familyName']} draws {text}")
    page.close()
    assert nodes and not fallbacks, f"/{path}: formula text in a fallback font:\n" + "\n".join(sorted(fallbacks))


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
