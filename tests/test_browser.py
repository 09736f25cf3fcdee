"""Every page in headless Chromium (Debian's), as readers see it at 390 and 1280 px in both
palettes: maths typeset and drawn in KaTeX's fonts, no errors, no request beyond 127.0.0.1,
accessible, laid out to read; with --screenshots, a full-page screenshot of each in screenshots/."""

import re

import pytest

from sitetools.layout import layout_problems
from sitetools.project import TWO_FRAMES, VIEWPORTS, page_paths


# What axe checks in each tab: contrast depends on the palette, and what scrolls (so must take the
# keyboard focus) on the width. Where it checks contrast it reads code blocks through a few
# samples, for every rule: at 1280 px no code block scrolls (sitetools/layout.py), and at 390 px
# its other rules read them whole.
AXE_RULES = {("desktop", "light"): "all", ("desktop", "dark"): "contrast", ("phone", "light"): "others"}


@pytest.mark.parametrize("path", page_paths())
def test_page_as_readers_see_it(tabs, screenshots, path):
    """The page at 1280 px in both palettes and at 390 px in the light one (the palette changes
    colours, which axe checks at 1280 px, not the layout): no error, maths typeset, accessible,
    and laid out to read at both widths (sitetools/layout.py); that check opens every collapsed
    block, so the KaTeX fonts are checked after it, on every formula."""
    problems = []
    for tab in tabs:
        if (tab.viewport, tab.palette) == ("phone", "dark") and not screenshots:
            continue  # what the phone shows in the dark palette, axe checks on the desktop
        tab.open(path)
        found = tab.problems + tab.maths_problems()
        if (tab.viewport, tab.palette) in AXE_RULES:
            found += tab.accessibility_problems(AXE_RULES[tab.viewport, tab.palette])
        if screenshots:
            tab.load_images()  # the full-page screenshot shows every figure
            name = re.sub(r"\W+", "-", path.strip("/")) or "index"
            tab.page.screenshot(path=screenshots / f"{name}.{tab.viewport}.{tab.palette}.png", full_page=True)
        if (tab.viewport, tab.palette) == ("phone", "light"):
            # Reflow differs by width only, and the page's style blocks and copy buttons by neither.
            found += tab.reflow_problems() + tab.style_problems() + tab.copy_button_problems()
        if tab.palette == "light":
            found += layout_problems(tab)
        if (tab.viewport, tab.palette) == ("desktop", "light"):
            found += tab.font_problems()
        problems += [f"{tab.viewport}/{tab.palette}: {problem}" for problem in found]
    assert not problems, f"/{path}:\n" + "\n".join(problems)


def test_instant_navigation_keeps_maths(tabs):
    tab = tabs[0]
    tab.open("")
    tab.page.locator("nav.md-nav--primary a", has_text="2. The maths").first.click()
    tab.page.wait_for_url("**/explainer/maths/")
    # Instant navigation may change the address before it swaps the content in.
    tab.page.locator("article h1", has_text="The maths").wait_for()
    assert tab.page.locator(".katex").count() > 0
    assert tab.maths_problems() == [] and tab.problems == []


def test_missing_page_gets_the_404_page_with_working_navigation(tabs):
    """A host answers a missing address, at any depth, with the site's 404.html (sitetools/project.py
    serves it so, as GitHub Pages does): its styles, search, navigation and home link must work there."""
    tab = tabs[0]
    # the page's own status, and nothing the page loads
    missing = [f"HTTP 404: {tab.base}explainer/no/such/page/",
               "console error: Failed to load resource: the server responded with a status of 404 (Not Found)"]
    home = tab.page.locator("a.md-header__button.md-logo")
    maths = tab.page.locator("nav.md-nav--primary a", has_text="2. The maths").first
    for link, lands_at in [(maths, "explainer/maths/"), (home, "")]:
        tab.open("explainer/no/such/page/")
        assert tab.page.locator("article h1").inner_text() == "404 - Not found"
        assert tab.page.locator("input.md-search__input").is_visible()
        link.click()
        tab.page.wait_for_url(tab.base + lands_at)
        assert tab.problems == missing


@pytest.mark.parametrize("arrival", ["opened", "instant navigation"])
def test_copy_button_copies_code_without_prompts(tabs, arrival):
    """Material's copy button copies a doctest's statements without prompts or outputs
    (hooks/doctest_copy.py) and says so, on a page opened or reached by instant navigation."""
    tab = tabs[0]
    if arrival == "opened":
        tab.open("explainer/pytorch/")
    else:
        tab.open("explainer/maths/")
        tab.page.locator("nav.md-nav--primary a", has_text="4. Dropout in PyTorch").first.click()
        tab.page.locator("article h1", has_text="Dropout in PyTorch").wait_for()
    page = tab.page
    page.evaluate("document.addEventListener('copy', () => window.copied = document.getSelection().toString())")
    block = page.locator("div.language-pycon").first
    shown = block.locator("code").inner_text()
    block.hover()
    block.locator("button[data-md-type=copy]").click()
    copied = page.wait_for_function("window.copied").json_value()
    assert shown.startswith(">>>") and ">>>" not in copied
    assert [line for line in copied.splitlines() if line] == [
        line[4:] for line in shown.splitlines() if line.startswith((">>> ", "... "))
    ]
    page.locator(".md-dialog", has_text="Copied to clipboard").wait_for()
    # Every doctest block of the page copies code that compiles, tracebacks and outputs left out,
    # those in collapsed exercise solutions too, once a reader opens them.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    blocks = page.locator("div.language-pycon")
    for n in range(blocks.count()):
        page.evaluate("window.copied = null")
        blocks.nth(n).hover()
        blocks.nth(n).locator("button[data-md-type=copy]").click()
        code = page.wait_for_function("window.copied").json_value()
        assert ">>>" not in code, code
        compile(code, f"{page.url}, doctest block {n}", "exec")
    assert tab.problems == []


def test_palette_toggle_switches_keeps_and_tells_the_browser(chromium, server):
    """overrides/partials/palette.html replaces Material's palette component: one toggle shows,
    the choice holds on the next page (loaded or navigated to), the browser's `color-scheme`
    follows it, and Enter on the focused option switches, as Material's did."""
    context = chromium.new_context()
    page = context.new_page()

    def state():
        return page.evaluate("""() => [
          document.body.dataset.mdColorScheme,
          [...document.querySelectorAll("meta[name=color-scheme]")].map(m => m.content),
          [...document.querySelectorAll("form[data-md-palette] label")].filter(l => !l.hidden).map(l => l.title),
        ]""")

    light = ["default", ["light"], ["Switch to dark mode"]]
    dark = ["slate", ["dark"], ["Switch to light mode"]]
    page.goto(server)
    assert state() == light
    page.click("form[data-md-palette] label:visible")
    assert state() == dark
    page.goto(server + "explainer/maths/")
    assert state() == dark
    page.locator("nav.md-nav--primary a", has_text="3. A worked example").first.click()
    page.locator("article h1", has_text="A worked example").wait_for()
    assert state() == dark
    page.focus("form[data-md-palette] input:checked")
    page.keyboard.press("Enter")
    assert state() == light
    page.reload()
    assert state() == light
    context.close()


@pytest.mark.parametrize("path, region", [
    ("beyond/conventions/", ".md-typeset__scrollwrap"),  # Material's wrapper of a table
    ("explainer/maths/", ".katex-display"),  # a display formula (extra.css)
    ("explainer/maths/", ".tabbed-labels"),  # the label bar of Material's content tabs
])
def test_what_is_wider_than_the_page_scrolls_by_keyboard(chromium, server, path, region):
    """docs/assets/scrollwrap.js: a table's scrolling region, a display formula or a tab bar
    takes the keyboard focus exactly while its content is wider than it: on a phone, where the
    arrow keys then scroll it; after the window grows to a desktop's; and when the content grows
    inside a region that keeps its size, as a formula does when its fonts arrive."""
    page = chromium.new_page(viewport=VIEWPORTS["phone"])
    page.goto(server + path)
    regions = f"""() => [...document.querySelectorAll("{region}")].map(w =>
      [w.scrollWidth > w.clientWidth, w.getAttribute("tabindex")])"""

    def focusable_exactly_when_scrollable():
        page.evaluate("document.fonts.ready")
        page.evaluate(TWO_FRAMES)
        found = page.evaluate(regions)
        assert found and all((tabindex == "0") == scrolls for scrolls, tabindex in found), found
        return [scrolls for scrolls, _ in found]

    # The content widens and the region does not, as when a formula's fonts arrive.
    widen = "r => Object.assign(r.firstElementChild.style, {letterSpacing: '2em', whiteSpace: 'nowrap'})"
    # Formulas and tab bars fit a phone on every page now: widen one, as a longer one would be.
    widened = not any(focusable_exactly_when_scrollable())
    if widened:
        page.locator(region).first.evaluate(widen)
    on_phone = focusable_exactly_when_scrollable()
    assert any(on_phone)
    scrolling = page.locator(region).nth(on_phone.index(True))
    scrolling.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("r => r.scrollLeft > 0", arg=scrolling.element_handle())
    if not widened:
        page.set_viewport_size(VIEWPORTS["desktop"])
        on_desktop = focusable_exactly_when_scrollable()
        assert not any(on_desktop)  # each page's widest fits a desktop
        page.locator(region).first.evaluate(widen)
        assert focusable_exactly_when_scrollable()[0]
    page.close()
