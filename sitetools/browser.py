"""A tab of headless Chromium on the built site, as a reader opens it (one viewport, one palette),
and what it finds wrong there."""

from sitetools.project import ROOT, VIEWPORTS

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "screenshots"
# WCAG 2.1's reflow width (1.4.10): at 320 CSS pixels a page must not scroll sideways; only
# what needs both dimensions (tables, code, formulas) may scroll, inside its own box.
REFLOW = {"width": 320, "height": 844}
PALETTES = ["light", "dark"]
# Where axe checks colour contrast, its slowest rule by far: the whole page but its code blocks,
# whose hundreds of highlighted pieces come in a handful of colours, and one piece of code for
# each pair of text colour and block background (an element included inside an excluded one is
# checked: the deeper of the two wins).
CONTRAST_CONTEXT = """(() => {
  const samples = new Map();
  for (const e of document.querySelectorAll("pre span, pre code")) {
    if (![...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim())) continue;
    const key = `${getComputedStyle(e).color} on ${getComputedStyle(e.closest("code") ?? e.closest("pre")).backgroundColor}`;
    if (!samples.has(key)) samples.set(key, e);
  }
  return {include: [document.documentElement, ...samples.values()], exclude: [["pre"]]};
})()"""
# axe.run's options for each set of rules; only violations are read, so axe details nothing else.
AXE_OPTIONS = {
    "all": "{resultTypes: ['violations']}",
    "contrast": "{runOnly: ['color-contrast'], resultTypes: ['violations']}",
    "others": "{rules: {'color-contrast': {enabled: false}}, resultTypes: ['violations']}",
}


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
        """Load the page at `path` (relative to the site's address), with its explorables built."""
        self.path, self.problems = path, []
        self.page.goto(self.base + path)
        self.page.wait_for_function("[...document.querySelectorAll('.explorable')].every(e => e.dataset.ready !== undefined)")

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

    def accessibility_problems(self, rules="all"):
        """axe's serious and critical violations of its `rules`: "contrast" (its colour-contrast
        rule), "others" (every other rule) or "all". Where contrast is checked, every rule reads
        code blocks through CONTRAST_CONTEXT's samples."""
        self.page.add_script_tag(path=str(AXE))
        context = "document" if rules == "others" else CONTRAST_CONTEXT
        violations = self.page.evaluate(f"axe.run({context}, {AXE_OPTIONS[rules]}).then(r => r.violations)")
        return [
            f"axe {v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
            for v in violations if v["impact"] in ("serious", "critical")
        ]

    def load_images(self):
        """Load every image now: a lazy one otherwise loads only as the reader scrolls to it."""
        self.page.evaluate("Promise.all([...document.images].map(i => { i.loading = 'eager'; return i.decode(); }))")

    def font_problems(self):
        """Formula text Chromium draws in a fallback font instead of KaTeX's (a character cut from
        the fonts by mistake): for every piece of every drawn formula (not its MathML, which the
        browser draws in its own maths font), the fonts Chromium drew it in."""
        self.page.evaluate("document.fonts.ready")
        cdp = self.context.new_cdp_session(self.page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        # One piece for each text in each font KaTeX's CSS asks for: the others are drawn alike.
        self.page.evaluate("""() => {
          const seen = new Set();
          for (const e of document.querySelectorAll(".katex-html span:not(:has(*))")) {
            const style = getComputedStyle(e);
            const key = [style.fontFamily, style.fontWeight, style.fontStyle, e.textContent].join(" ");
            if (!seen.has(key)) { seen.add(key); e.dataset.fontProbe = ""; }
          }
        }""")
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "[data-font-probe]"})["nodeIds"]
        if not nodes and self.page.locator(".katex").count():
            return ["formulas, but no drawn formula text found (.katex-html)"]
        fallbacks = set()
        for node in nodes:
            for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
                if not font["isCustomFont"]:
                    text = cdp.send("DOM.getOuterHTML", {"nodeId": node})["outerHTML"]
                    fallbacks.add(f"formula text in a fallback font: {font['familyName']} draws {text}")
        cdp.detach()
        return sorted(fallbacks)
