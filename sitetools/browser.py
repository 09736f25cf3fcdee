"""A tab of headless Chromium on the built site, as a reader opens it (one viewport, one palette),
and what it finds wrong there."""

from sitetools.project import ROOT, VIEWPORTS

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "screenshots"
# WCAG 2.1's reflow width (1.4.10): at 320 CSS pixels a page must not scroll sideways; only
# what needs both dimensions (tables, code, formulas) may scroll, inside its own box.
REFLOW = {"width": 320, "height": 844}
PALETTES = ["light", "dark"]


# Text nodes outside code and KaTeX's MathML that still hold TeX delimiters or commands.
RAW_TEX = """() => {
  const walker = document.createTreeWalker(document.querySelector("article") || document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.closest("code, pre, script, style, .katex-mathml")) continue;
    if (/\\\\[(\\[)\\]]|\\$\\$|\\$[^$\\s][^$]*\\$|\\\\(frac|mathbb|text|sum|cdot)\\b/.test(node.textContent)) found.push(node.textContent.trim().slice(0, 80));
  }
  return found;
}"""

# The outermost elements that stick out past the window's right edge with nothing but the page
# itself (<html> and <body>, whose overflow is the window's) to clip them: what makes a page
# scroll sideways, or be cut off.
STICKING_OUT = """() => [...document.body.querySelectorAll("*")].filter(e => {
  if (e.getBoundingClientRect().right <= innerWidth + 0.5) return false;
  for (let a = e.parentElement; a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== "visible") return false;
  return e.parentElement.getBoundingClientRect().right <= innerWidth + 0.5;
}).map(e => `${e.tagName.toLowerCase()}.${e.className.baseVal ?? e.className} to ${Math.round(e.getBoundingClientRect().right)} px`)"""


class Tab:
    """A browser tab at one width in one palette that records every problem a page shows.
    Tabs are reused across pages, so the browser's cache serves the theme's files."""

    def __init__(self, browser, base, viewport, palette):
        self.base, self.viewport, self.palette, self.problems = base, viewport, palette, []
        self.context = browser.new_context(viewport=VIEWPORTS[viewport])
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console error: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("request", self.check_host)
        self.page.on("requestfailed", self.check_failure)
        self.page.on("response", self.check_status)
        self.open("")
        if palette == "dark":  # the reader's choice is kept for the following pages
            self.page.click("form[data-md-palette] label:visible")
        assert self.page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if palette == "dark" else "default")

    def open(self, path):
        self.problems = []
        self.page.goto(self.base + path)

    def check_host(self, request):
        # The site is served under a sub-path (tests/conftest.py): a request outside it would
        # also fail on a project's GitHub Pages.
        if not request.url.startswith(("data:", self.base)):
            self.problems.append(f"request outside the site at {self.base}: {request.url}")

    def check_failure(self, request):
        # A request the browser cancels is not a broken file (a missing one answers 404, below):
        # it cancels the favicon still loading, for one, when the tab moves to the next page.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"failed request: {request.url} ({request.failure})")

    def check_status(self, response):
        if response.status >= 400 and not response.url.endswith("/404.html"):
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def style_problems(self):
        """A <style> the browser reads no rule from is dead weight (or a rule broken)."""
        return [f"a style block with no rule: {html[:80]}" for html in self.page.evaluate(
            "[...document.styleSheets].filter(s => !s.cssRules.length).map(s => s.ownerNode.outerHTML)")]

    def maths_problems(self):
        problems = [f"KaTeX error: {t}" for t in self.page.locator(".katex-error").all_inner_texts()]
        return problems + [f"raw TeX: {t!r}" for t in self.page.evaluate(RAW_TEX)]

    def reflow_problems(self):
        """The page at WCAG's reflow width: no wider than the window, or what sticks out."""
        self.page.set_viewport_size(REFLOW)
        wide = self.page.evaluate("document.documentElement.scrollWidth")
        problems = []
        if wide > REFLOW["width"]:
            culprits = ", ".join(self.page.evaluate(STICKING_OUT)[:5])
            problems.append(f"{wide} px wide at {REFLOW['width']} px: {culprits}")
        self.page.set_viewport_size(VIEWPORTS[self.viewport])
        return problems

    def copy_button_problems(self):
        """Every code block has one copy button (Material's content.code.copy), aimed at that block's code."""
        return [f"code block {n}: {count} copy buttons, aimed at its code: {aimed}" for n, count, aimed in self.page.evaluate("""
          [...document.querySelectorAll("pre > code")].map((code, n) => {
            const buttons = code.parentElement.querySelectorAll("button[data-md-type=copy]");
            return [n, buttons.length, [...buttons].map(b => document.querySelector(b.dataset.clipboardTarget) === code)];
          }).filter(([, count, aimed]) => count !== 1 || !aimed[0])""")]

    def accessibility_problems(self):
        self.page.add_script_tag(path=str(AXE))
        violations = self.page.evaluate("axe.run().then(r => r.violations)")
        return [
            f"axe {v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
            for v in violations if v["impact"] in ("serious", "critical")
        ]
