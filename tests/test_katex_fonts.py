"""hooks/katex.py tells from KaTeX's CSS which font files draw which characters of a formula,
and cuts each font down to the characters named for it: a character it missed would be drawn
in a fallback font. Here Chromium draws formulas using every font KaTeX has, and loads exactly
the files the hook named for each: a formula no page uses yet gets its fonts too. And under
`make serve`, which rebuilds only the page saved, the fonts still hold every page's characters."""

import importlib.util
import shutil
import time
import urllib.request

import pytest
from playwright.sync_api import sync_playwright

from sitetools.project import ROOT, launch_chromium, serve

spec = importlib.util.spec_from_file_location("katex_hook", ROOT / "hooks" / "katex.py")
katex_hook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(katex_hook)

FORMULAS = [
    r"\mathcal{N}(0, \sigma^2)", r"\mathbb{E}[x]", r"\mathbf{W} x", r"\boldsymbol{\theta}",
    r"\mathfrak{g}", r"\mathscr{L}", r"\mathsf{A}", r"\mathtt{x}", r"\textit{kept}", r"\textbf{kept}",
    r"\sum_{i} \prod_j x_{ij}", r"\left(\frac{a}{b}\right)", r"\Bigg\{ \bigl[", r"\int_0^1 f", r"\sqrt{x}",
    r"\hat{x} \tilde{y}", r"\mathit{x}",
]


class Page:
    file = type("File", (), {"src_uri": "test_katex_fonts"})


@pytest.fixture(scope="module")
def formulas(tmp_path_factory):
    """Each formula, inline and displayed, as a page of its own; with the files the hook named."""
    folder = tmp_path_factory.mktemp("katex")
    shutil.copytree(katex_hook.KATEX_DIST / "fonts", folder / "fonts")
    (folder / "katex.min.css").write_text(katex_hook.KATEX_CSS)
    renderer = katex_hook.KaTeX()
    named = {}
    try:
        for i, (tex, display) in enumerate((tex, display) for tex in FORMULAS for display in (False, True)):
            body = renderer.render(tex, display, Page)
            (folder / f"{i}.html").write_text(f'<!doctype html><link rel="stylesheet" href="katex.min.css"><p>{body}</p>')
            named[f"{i}.html"] = (tex, display, renderer.cache[tex, display]["fonts"])
    finally:
        renderer.close()
    return folder, named


def test_chromium_loads_exactly_the_fonts_the_hook_names(formulas):
    folder, named = formulas
    wrong = []
    with serve(folder) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for name, (tex, display, fonts) in named.items():
            context = browser.new_context()  # a cold cache for each formula
            page = context.new_page()
            page.goto(base + name)
            page.evaluate("document.fonts.ready")
            loaded = page.evaluate("""() => performance.getEntriesByType("resource")
              .map(e => e.name).filter(n => n.includes("/fonts/"))
              .map(n => n.split("/").pop().replace(".woff2", ""))""")
            context.close()
            if sorted(loaded) != sorted(fonts):
                wrong.append(f"{tex!r} ({'display' if display else 'inline'}): hook names {sorted(fonts)}, Chromium loads {sorted(loaded)}")
        browser.close()
    assert not wrong, "\n".join(wrong)


def test_saving_one_page_under_serve_keeps_every_pages_characters(live_server):
    """`mkdocs serve --dirty` reads only the saved page again; the fonts cut after that build
    must still draw the formulas of the pages it did not read. A new page drawing `x`, which
    other pages draw too, leaves every served font as it was."""
    root, url, log = live_server
    names = sorted(path.name for path in (katex_hook.KATEX_DIST / "fonts").glob("*.woff2"))

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
