"""Every page in headless Chromium (Debian's), as readers see it: maths typeset, no errors, no
request beyond 127.0.0.1, accessible in both palettes, screenshots in screenshots/ to look at."""

import re

import pytest

from sitetools.browser import SHOTS
from sitetools.project import ROOT, TWO_FRAMES, VIEWPORTS, launch_chromium, page_paths, traced, traced_load


@pytest.mark.parametrize("path", page_paths())
def test_page_in_both_palettes_and_widths(tabs, path):
    problems = []
    SHOTS.mkdir(exist_ok=True)
    for tab in tabs:
        tab.open(path)
        found = tab.problems + tab.maths_problems()
        # axe in both palettes (contrast differs by palette) at both widths (what scrolls, and
        # so must take the keyboard focus, differs by width); reflow differs by width only, and
        # the page's style blocks and copy buttons by neither.
        if tab.viewport == "desktop" or tab.palette == "light":
            found += tab.accessibility_problems()
        if tab.viewport == "phone" and tab.palette == "light":
            found += tab.reflow_problems() + tab.style_problems() + tab.copy_button_problems()
        problems += [f"{tab.viewport}/{tab.palette}: {problem}" for problem in found]
        name = re.sub(r"\W+", "-", path.strip("/")) or "index"
        # A lazy image loads as the reader scrolls to it; the full-page screenshot shows it too.
        tab.page.evaluate("Promise.all([...document.images].map(i => { i.loading = 'eager'; return i.decode(); }))")
        tab.page.screenshot(path=SHOTS / f"{name}.{tab.viewport}.{tab.palette}.png", full_page=True)
    assert not problems, f"/{path}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", ["explainer/maths/", "beyond/model-averaging/"])
def test_page_is_styled_about_once(chromium, server, path):
    """As Material's script started, the browser recomputed the style of every element of the
    page five or six times: for each stylesheet link the script rewrote (and so reloaded), for
    each step of its palette component, for each class it put on <html>. Now the stylesheets
    are inlined (hooks/inline_css.py), the palette is set as the header is read
    (overrides/partials/palette.html) and the classes are set in the head (overrides/main.html).
    Counted in Chromium's trace: the elements restyled in all, over the page's elements, was 4.9
    to 5.7 on /explainer/maths/ before and is 1.4 to 1.8 now (a page read in pieces restyles
    some elements again). Material's palette component alone brings it back to 5.1 to 5.7; one
    whole-page restyle more (the classes set late) gives 1.7 to 2.4, inside this test's margin.
    A count, not a time: docs/testing.md, "Page speed", has the times."""
    events, elements = traced_load(chromium, server + path)
    restyled = [e["args"].get("elementCount", 0) for e in events if e["name"] == "UpdateLayoutTree"]
    assert sum(restyled) / elements < 2.5, f"{sum(restyled)} elements restyled for {elements}: {sorted(restyled)[::-1][:8]}"


def test_a_font_arriving_restyles_no_formula(chromium, server):
    """Chromium's MathML has `font-size: math`, which depends on the font's metrics: each web
    font that arrived (each KaTeX font a page needs, as it loads) made the browser recompute the
    style of every element of every formula's MathML, 519 of the 670 on /explainer/maths/. The
    MathML, read by screen readers and clipped out of sight, now takes its parent's font size
    (extra.css). Here a font arrives on a page already loaded, and the elements restyled are
    counted in Chromium's trace."""
    page = chromium.new_page(viewport=VIEWPORTS["phone"])
    page.goto(server + "explainer/maths/", wait_until="load")
    page.evaluate(f"document.fonts.ready.then(() => {TWO_FRAMES})")
    mathml = page.evaluate("document.querySelectorAll('.katex-mathml *').length")
    events = traced(chromium, page, lambda: page.evaluate("""async () => {
      const font = new FontFace("arriving", "url(../../assets/katex/fonts/KaTeX_Main-Regular.woff2)");
      document.fonts.add(await font.load());
    }"""))
    page.close()
    restyled = sum(e["args"].get("elementCount", 0) for e in events if e["name"] == "UpdateLayoutTree")
    assert mathml > 500 and restyled < 50, f"a font arrived and {restyled} elements were restyled ({mathml} in the MathML)"


@pytest.mark.parametrize("path", ["original-explainer/", "explainer/core-concept/", "explainer/pytorch/", "beyond/pitfalls/"])
def test_material_starts_without_restyling_the_page(chromium, server, path):
    """As it starts (its DOMContentLoaded handlers), Material's script moved each table into a
    scrolling region, and its `content.code.copy` put a copy button before the code of each code
    block. The browser then restyled every element after a table that was a child of the
    article (838 of the 950 elements of /original-explainer/, 807 of the 844 of
    /explainer/core-concept/) and every element of each code block (1,133 of the 1,765 of
    /explainer/pytorch/, 1,442 of the 1,976 of /beyond/pitfalls/). With the tables written into
    their scrolling regions (hooks/tables.py) and the copy buttons into the page
    (hooks/code_copy.py), Material's start-up has neither to do."""
    events, elements = traced_load(chromium, server + path)
    start = max((e for e in events if e["name"] == "EventDispatch" and e["args"]["data"]["type"] == "DOMContentLoaded"),
                key=lambda e: e["dur"])
    restyled = sum(e["args"].get("elementCount", 0) for e in events
                   if e["name"] == "UpdateLayoutTree" and start["ts"] <= e["ts"] <= start["ts"] + start["dur"])
    assert restyled < elements / 4, f"{restyled} of {elements} elements restyled as Material started"


def test_material_styles_the_tables_it_no_longer_moves(tabs):
    """hooks/tables.py gives each table a class, so that Material's script leaves it where the
    build put it, and widens Material's table rules (`table:not([class])`) to that class. A
    classless copy of a table, in the same place, must get exactly the same computed style,
    element by element."""
    tab = tabs[0]
    tab.open("explainer/core-concept/")
    differences = tab.page.evaluate("""() => {
      const table = document.querySelector("article table");
      const copy = table.cloneNode(true);
      copy.removeAttribute("class");
      // In a region of its own: beside the table, Material's `table + *` rule would space it.
      const region = table.parentElement.cloneNode(false);
      region.append(copy);
      table.parentElement.after(region);
      const a = [table, ...table.querySelectorAll("*")], b = [copy, ...copy.querySelectorAll("*")];
      const found = [];
      a.forEach((element, i) => {
        const [x, y] = [getComputedStyle(element), getComputedStyle(b[i])];
        for (const property of x) if (x[property] !== y[property]) found.push(`${element.tagName} ${property}: ${x[property]} vs ${y[property]}`);
      });
      region.remove();
      return found;
    }""")
    assert tab.page.evaluate("document.querySelector('article table').className") == "md-table"
    assert differences == [], differences[:10]


def test_text_after_a_table_keeps_its_place_without_javascript(chromium, server):
    """Without JavaScript, a table sits in the same scrolling region as with it (hooks/tables.py
    writes the region), and the text after it keeps its place."""
    gaps = with_and_without_javascript(chromium, server + "explainer/core-concept/", lambda page: page.evaluate("""() => {
      const table = document.querySelector("article table");
      let before = table;
      while (!before.nextElementSibling) before = before.parentElement;
      return before.nextElementSibling.getBoundingClientRect().top - table.getBoundingClientRect().bottom;
    }"""))
    assert gaps[0] == gaps[1], f"after a table: {gaps[0]} px with JavaScript, {gaps[1]} px without"


def test_copy_buttons_show_only_with_javascript(chromium, server):
    """hooks/code_copy.py writes the copy buttons into the page, but only Material's script can
    copy: without JavaScript, docs/assets/extra.css hides them."""
    shown = with_and_without_javascript(chromium, server + "explainer/pytorch/",
                                        lambda page: page.locator("button[data-md-type=copy]").first.is_visible())
    assert shown == [True, False]


def with_and_without_javascript(chromium, url, measure):
    """`measure(page)` on `url` loaded at a phone's size with JavaScript, then without."""
    results = []
    for javascript in (True, False):
        context = chromium.new_context(viewport=VIEWPORTS["phone"], java_script_enabled=javascript)
        page = context.new_page()
        page.goto(url, wait_until="load")
        results.append(measure(page))
        context.close()
    return results


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
    """hooks/code_copy.py writes the copy buttons and what a doctest block copies; Material's
    clipboard handler copies and says so. Instant navigation swaps in a page whose code blocks
    Material numbers on from the last page's: the buttons must still find their code."""
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

    on_phone = focusable_exactly_when_scrollable()
    assert any(on_phone)
    scrolling = page.locator(region).nth(on_phone.index(True))
    scrolling.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("r => r.scrollLeft > 0", arg=scrolling.element_handle())
    page.set_viewport_size(VIEWPORTS["desktop"])
    on_desktop = focusable_exactly_when_scrollable()
    assert not any(on_desktop)  # each page's widest fits a desktop
    # The content widens and the region does not, as when a formula's fonts arrive.
    widen = "r => Object.assign(r.firstElementChild.style, {letterSpacing: '2em', whiteSpace: 'nowrap'})"
    page.locator(region).first.evaluate(widen)
    assert focusable_exactly_when_scrollable()[0]
    page.close()
