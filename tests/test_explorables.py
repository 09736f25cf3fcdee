"""The explorables (docs/assets/explorables/) in headless Chromium. Driven by keyboard and by
touch, the numbers each states in its live region equal torch's: to the four decimals shown where
they are exact, within six standard errors where they are sampled. Their scales stay put when p or
the mode moves; sampling accumulates in the drawing. Every control keeps 4.5:1 contrast in every
state in both palettes, shows a focus ring and is a target of 24 x 24 CSS px or more; text in the
drawings is 12 CSS px or more on a phone. They work after instant navigation, with reduced motion,
read without JavaScript, and add at most 30 KiB of compressed JavaScript to their page only."""

import gzip
import re
import shutil
from urllib.parse import urljoin, urlsplit

import pytest
import torch
import torch.nn.functional as F
from torch import nn
from torch.distributions import Bernoulli, Binomial

from sitetools.browser import PALETTES
from sitetools.project import ROOT, VIEWPORTS, built_file, page_paths, serve

SOURCES = ROOT / "docs" / "assets" / "explorables"
SHARED = "explorable.js"  # the module every explorable imports
BUDGET = 30 * 1024  # compressed JavaScript an explorable may add to its page
ROUNDING = 0.5e-4  # half a unit in the fourth decimal, the precision the live regions show
CONTRAST = 4.5  # WCAG 1.4.3 for text, asked of every control in every state
RING = 3  # WCAG 1.4.11: a focus ring against what surrounds it
TARGET = 24  # CSS px, WCAG 2.2 2.5.8
SMALLEST_TEXT = 12  # CSS px, in a drawing on a phone
SIX = 6  # standard errors a sampled number may stray

# An explorable's placeholder in a built page (in a code example its "<" is escaped as "&lt;").
PLACEHOLDER = re.compile(r'<div[^>]*\sdata-explorable="([^"]+)"')


@pytest.fixture(scope="module")
def explorable_pages(site):
    """{explorable name: path of the page that shows it}, from the built site."""
    return {name: path for path in page_paths() for name in PLACEHOLDER.findall(built_file(site, path).read_text())}


class Explorable:
    """One explorable on an open page."""

    def __init__(self, page, name):
        self.page, self.name = page, name
        self.source = f"docs/assets/explorables/{name}.js"
        self.root = page.locator(f'.explorable[data-explorable="{name}"][data-ready]')
        self.root.wait_for()

    def control(self, name):
        return self.root.get_by_label(name, exact=True).or_(self.root.get_by_role("button", name=name, exact=True))

    def controls(self):
        return self.root.locator("button, input").all()

    def tab_to(self, name, backwards=False):
        """Press Tab (or Shift+Tab) until the control with this accessible name has the focus,
        from the explorable's first (or last) control if the focus is elsewhere."""
        control = self.control(name)
        if not self.root.evaluate("e => e.contains(document.activeElement)"):
            # The page's own links come before it: the keyboard's walk starts at its edge.
            self.controls()[-1 if backwards else 0].focus()
        for _ in range(400):
            if control.evaluate("e => e === document.activeElement"):
                return
            self.page.keyboard.press("Shift+Tab" if backwards else "Tab")
        raise AssertionError(f"{self.source}: the keyboard never reaches {name!r}")

    def press(self, key, times=1):
        for _ in range(times):
            self.page.keyboard.press(key)

    def status(self):
        """The live region's text (out of sight, read by screen readers), split into its parts."""
        text = self.root.locator("[aria-live=polite]").text_content()
        assert text.endswith("."), f"{self.source}: live region {text!r}"
        return text[:-1].split("; ")

    def setting(self, name):
        """The value a control set, as the live region states it ("p = 0.50")."""
        return next(float(part.split(" = ")[1]) for part in self.status() if part.startswith(f"{name} = "))

    def check(self, condition, message):
        assert condition, f"{self.source}: {message}"


def numbers(text):
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text)]


def after(part, words):
    """The first number after `words` in `part`."""
    return numbers(part.split(words, 1)[1])[0]


def scale(p):
    """The factor torch's training-mode dropout gives a kept value."""
    return F.dropout(torch.ones(10_000, dtype=torch.float64), p, training=True).max().item()


def tensor(values):
    return torch.tensor(values, dtype=torch.float64)


def close(e, stated, exact, what):
    e.check(f"{stated:.4f}" == f"{exact:.4f}", f"{what} {stated}, torch gives {exact:.4f}")


def near(e, sampled, mean, sd, n, what):
    e.check(abs(sampled - mean) <= SIX * sd / n**0.5 + 2 * ROUNDING, f"{what} {sampled}: more than {SIX} standard errors from {mean}")


def drawn(e, selector):
    """The attributes of the drawing's elements that match `selector`, to compare two states."""
    return e.root.locator(f"svg {selector}").evaluate_all("es => es.map(e => [e.tagName, ...[...e.attributes].map(a => a.value), e.textContent])")


def axes(e):
    return drawn(e, ".explorable__axis, .explorable__tick")


# --- mask-layer: the outputs, the scale and the mean over masks -----------------------------------

def check_mask_layer(e, p, masks=None, evaluating=False):
    parts = e.status()
    e.check(parts[:2] == ["Evaluation mode" if evaluating else "Training mode", f"p = {p:.2f}"], f"mode and p = {p:.2f}: {parts[:2]}")
    x, out = tensor(numbers(parts[2])), tensor(numbers(parts[4]))
    # A formula that divides by zero states "Infinity" or "NaN", which are not numbers here.
    e.check(len(out) == len(x) > 0, f"outputs {parts[4]!r} for inputs {parts[2]!r}: not one number each")
    if evaluating:
        e.check(out.equal(F.dropout(x, p, training=False)), f"evaluation outputs {out.tolist()}, torch gives {x.tolist()}")
        return
    kept = x * scale(p)
    close(e, after(parts[3], "="), scale(p), "the scale")
    e.check(bool(((out == 0) | ((out - kept).abs() <= ROUNDING)).all()), f"outputs {out.tolist()}, torch's dropout gives 0 or {kept.tolist()}")
    e.check(numbers(parts[3])[0] == (out != 0).sum().item(), f"the count of kept units in {parts[3]!r}")
    count, *mean = numbers(parts[5])
    e.check(masks in (None, count), f"{count} masks counted, {masks} drawn")
    kept_with = Bernoulli(tensor(1 - p))  # 1 where a unit is kept
    for m, k in zip(mean, kept):
        near(e, m, k * kept_with.mean, k.abs() * kept_with.stddev, count, "a unit's mean output")


def drive_mask_layer(e):
    e.tab_to("Drop probability p")
    check_mask_layer(e, 0.5, masks=1)
    scales, inputs = axes(e), drawn(e, ".explorable__input")
    e.tab_to("Redraw the mask")
    for drawn_masks in (2, 3):
        e.press("Enter")
        check_mask_layer(e, 0.5, masks=drawn_masks)
    e.tab_to("Draw 100 masks")
    e.press("Space", 3)
    check_mask_layer(e, 0.5, masks=303)
    e.tab_to("Drop probability p", backwards=True)
    e.press("ArrowRight", 4)
    check_mask_layer(e, 0.7, masks=1)
    e.press("End")
    check_mask_layer(e, 0.9, masks=1)
    e.press("Home")
    check_mask_layer(e, 0.0, masks=1)
    e.press("ArrowRight", 6)
    e.tab_to("Evaluation mode")
    e.press("Space")
    check_mask_layer(e, 0.3, evaluating=True)
    e.check(axes(e) == scales and drawn(e, ".explorable__input") == inputs, "the scale or the input moved with p or the mode")
    e.press("Space")
    check_mask_layer(e, 0.3, masks=1)


# --- thinned-network: the kept units, weights in use, the mask's probability, how often kept --------

def check_thinned_network(e, p, thinnings=None):
    parts = e.status()
    e.check(parts[0] == f"p = {p:.2f}", f"the region says {parts[0]!r}, not p = {p:.2f}")
    hidden = [torch.zeros(6, dtype=torch.float64).index_fill_(0, torch.tensor(numbers(part)[1:], dtype=torch.long) - 1, 1) for part in parts[1:3]]
    masks = [torch.ones(4, dtype=torch.float64), *hidden, torch.ones(2, dtype=torch.float64)]
    weights = sum(torch.outer(b, a).sum() for a, b in zip(masks, masks[1:]))  # a weight is used when both its units are
    units = torch.cat(hidden)
    e.check(parts[3] == f"{units.sum():.0f} of 12 hidden units and {weights:.0f} of 72 weights in use", f"counts {parts[3]!r}")
    kept_with = Bernoulli(tensor(1 - p))
    probability = kept_with.log_prob(units).sum().exp().item()
    e.check(parts[4].startswith("one of 4096 (2 to the power 12) thinned networks"), parts[4])
    e.check(abs(after(parts[4], "probability") - probability) <= 5e-4 * probability, f"{parts[4]!r}, torch gives {probability:.4g}")
    count, fraction = numbers(parts[5])
    kept = tensor(numbers(parts[6]))
    e.check(thinnings in (None, count) and len(kept) == 12, f"{count} thinnings counted, {thinnings} made; {kept.tolist()}")
    close(e, fraction, kept.sum() / (12 * count), "the fraction kept")
    times = Binomial(int(count), kept_with.probs)
    e.check(bool(((kept - times.mean).abs() <= SIX * times.stddev + 0.5).all()), f"units kept {kept.tolist()} times in {count}")
    heights = tensor([float(h) for h in e.root.locator("svg rect.explorable__output").evaluate_all("rs => rs.map(r => r.getAttribute('height'))")])
    e.check(torch.allclose(heights, heights.max() * kept / kept.max(), atol=0.01) if kept.max() else not heights.any(),
            f"bar heights {heights.tolist()} are not the counts {kept.tolist()}")


def drive_thinned_network(e):
    e.tab_to("Drop probability p")
    check_thinned_network(e, 0.5, 1)
    scales = axes(e)
    e.press("ArrowLeft", 4)
    check_thinned_network(e, 0.3, 1)
    e.tab_to("Thin again")
    for made in (2, 3):
        e.press("Enter")
        check_thinned_network(e, 0.3, made)
    e.tab_to("Thin 100 times")
    e.press("Space", 2)
    check_thinned_network(e, 0.3, 203)
    e.tab_to("Drop probability p", backwards=True)
    e.press("End")
    check_thinned_network(e, 0.9, 1)
    e.press("Home")
    check_thinned_network(e, 0.0, 1)
    e.check(axes(e) == scales, "the scale of the bars moved with p")


# --- two-schemes: each scheme's training distribution and evaluation output -------------------------

def check_two_schemes(e, p, a, sampled=0):
    parts = e.status()
    e.check(parts[:2] == [f"p = {p:.2f}", f"a = {a:.2f}"], f"the region says {parts[:2]}, not p = {p:.2f}, a = {a:.2f}")
    kept_with = Bernoulli(tensor(1 - p))
    evaluation = F.dropout(tensor([a]), p, training=False).item()
    # The original scheme keeps a unscaled in training and multiplies by 1 - p at evaluation.
    schemes = {"inverted": (a * scale(p), evaluation), "original": (a, evaluation * kept_with.mean.item())}
    for (name, (kept, evaluated)), training, evaluating in zip(schemes.items(), parts[2::2], parts[3::2]):
        want = (f"{name} scheme: training 0 with probability {p:.4f} or {kept:.4f} with probability {1 - p:.4f}, "
                f"mean {kept * kept_with.mean:.4f}, variance {kept**2 * kept_with.variance:.4f}")
        e.check(training == want, f"{training!r}, torch gives {want!r}")
        e.check(evaluating == f"{name} evaluation {evaluated:.4f}", f"{evaluating!r}, torch gives {evaluated:.4f}")
    e.check(len(parts) == (7 if sampled else 6), f"{sampled} samples drawn: {parts}")
    filled = e.root.locator("svg rect.explorable__output").count()
    e.check(filled == (4 if sampled else 0), f"{filled} filled bars for {sampled} samples")
    if sampled:
        n, zeros, *means = numbers(parts[6])
        e.check(n == sampled, f"{n} samples stated, {sampled} drawn")
        near(e, zeros, p, kept_with.stddev, n, "the fraction of zeros")
        for (name, (kept, _)), mean in zip(schemes.items(), means):
            near(e, mean, kept * kept_with.mean, kept * kept_with.stddev, n, f"the {name} sample mean")


def drive_two_schemes(e):
    e.tab_to("Drop probability p")
    check_two_schemes(e, 0.6, 1.0)
    scales = axes(e)
    e.press("ArrowRight")
    check_two_schemes(e, 0.65, 1.0)
    e.tab_to("Unit output a")
    e.press("ArrowRight", 2)
    check_two_schemes(e, 0.65, 1.5)
    e.press("End")
    check_two_schemes(e, 0.65, 2.0)
    e.tab_to("Sample 1000 training outputs")
    for sampled in (1000, 2000):
        e.press("Enter")
        check_two_schemes(e, 0.65, 2.0, sampled)
    e.tab_to("Drop probability p", backwards=True)
    e.press("End")
    check_two_schemes(e, 0.9, 2.0)
    e.press("Home")
    check_two_schemes(e, 0.0, 2.0)
    e.check(axes(e) == scales, "the scales moved with p or a")


# --- variance-shift: mean and variance in training and at test time, and after BatchNorm ------------

def check_variance_shift(e, p, c, v):
    parts = e.status()
    e.check(parts[:3] == [f"p = {p:.2f}", f"c = {c:.2f}", f"v = {v:.2f}"], f"the region says {parts[:3]}, not p, c, v = {p}, {c}, {v}")
    x = tensor([c - v**0.5, c + v**0.5])  # mean c, variance v, each with probability 1/2
    q = 1 - p
    # In training torch's dropout gives x times its scale (probability q) or 0 (probability p).
    values, weights = torch.cat([x * scale(p), torch.zeros(2, dtype=torch.float64)]), tensor([q / 2, q / 2, p / 2, p / 2])
    mean_train = (weights * values).sum()
    var_train = (weights * (values - mean_train) ** 2).sum()
    test = F.dropout(x, p, training=False)
    e.check(parts[3] == f"mean in training {mean_train:.4f} and at test time {test.mean():.4f}", f"{parts[3]!r}")
    e.check(parts[4] == f"variance in training (c² + v)/q − c² = {var_train:.4f}, at test time v = {test.var(unbiased=False):.4f}", f"{parts[4]!r}")
    bn = nn.BatchNorm1d(1, affine=False).double().eval()  # running statistics learned in training
    bn.running_mean.fill_(mean_train)
    bn.running_var.fill_(var_train)
    close(e, after(parts[5], "eps) ="), bn(test[:, None]).var(unbiased=False).item(), "the variance after BatchNorm")


def drive_variance_shift(e):
    e.tab_to("Drop probability p")
    check_variance_shift(e, 0.5, 1.0, 1.0)
    scales = axes(e)
    e.press("ArrowRight", 2)
    check_variance_shift(e, 0.6, 1.0, 1.0)
    e.press("End")
    check_variance_shift(e, 0.9, 1.0, 1.0)
    e.tab_to("Mean c")
    e.press("Home")
    check_variance_shift(e, 0.9, -2.0, 1.0)
    e.tab_to("Variance v")
    e.press("End")
    check_variance_shift(e, 0.9, -2.0, 4.0)
    e.press("ArrowLeft", 3)
    check_variance_shift(e, 0.9, -2.0, 3.25)
    e.tab_to("Drop probability p", backwards=True)
    e.press("Home")
    check_variance_shift(e, 0.0, -2.0, 3.25)
    e.press("ArrowRight", 5)
    check_variance_shift(e, 0.25, -2.0, 3.25)
    e.check(axes(e) == scales, "the scales moved with p, c or v")


# --- mc-error: the Monte Carlo estimate against the exact mean over masks ---------------------------

def check_mc_error(e, p, samples):
    parts = e.status()
    e.check(parts[0] == f"p = {p:.2f}" and parts[3] == f"T = {samples} samples", f"not p = {p:.2f}, T = {samples}: {parts}")
    x, w = tensor(numbers(parts[1])), tensor(numbers(parts[2]))
    kept_with = Bernoulli(tensor(1 - p))
    terms = w * x * scale(p)  # each term of y = w · dropout(x) when its unit is kept
    exact, sd = (terms * kept_with.mean).sum().item(), (terms**2 * kept_with.variance).sum().sqrt().item()
    close(e, after(parts[4], "masks"), exact, "the exact mean")
    close(e, after(parts[7], "="), sd / samples**0.5, "the standard error")
    estimate = after(parts[5], "estimate")
    near(e, estimate, exact, sd, samples, "the estimate")
    # Both numbers are rounded to four decimals: they may differ by two half-units (and a hair).
    e.check(abs(after(parts[6], "error") - abs(estimate - exact)) <= 2 * ROUNDING + 1e-12, f"{parts[6]!r} for {estimate} and {exact}")


def band_height(e):
    return e.root.locator("svg .explorable__band").evaluate("b => b.getBBox().height")


def drive_mc_error(e):
    e.tab_to("Drop probability p")
    check_mc_error(e, 0.5, 64)
    scales, band = axes(e), band_height(e)
    e.tab_to("Samples")
    e.press("Home")
    check_mc_error(e, 0.5, 1)
    e.press("ArrowRight", 3)
    check_mc_error(e, 0.5, 8)
    e.press("End")
    check_mc_error(e, 0.5, 1024)
    e.tab_to("Draw new masks")
    for _ in range(2):
        e.press("Enter")
        check_mc_error(e, 0.5, 1024)
    e.tab_to("Drop probability p", backwards=True)
    e.press("ArrowRight", 4)
    check_mc_error(e, 0.7, 1024)
    # σ grows 1.5-fold from p = 0.5 to 0.7: on a fixed scale so does the band.
    e.check(axes(e) == scales and band_height(e) > 1.4 * band, f"the band is {band_height(e)} high at p = 0.7, {band} at 0.5")
    e.press("Home")
    check_mc_error(e, 0.0, 1024)


DRIVES = {
    "mask-layer": drive_mask_layer,
    "thinned-network": drive_thinned_network,
    "two-schemes": drive_two_schemes,
    "variance-shift": drive_variance_shift,
    "mc-error": drive_mc_error,
}


def test_every_explorable_is_on_a_page_and_checked(explorable_pages):
    files = {path.stem for path in SOURCES.glob("*.js")} - {SHARED.removesuffix(".js")}
    assert set(explorable_pages) == files == set(DRIVES)


@pytest.mark.parametrize("name", DRIVES)
def test_numbers_match_torch(tabs, explorable_pages, name):
    tab = tabs[0]
    tab.open(explorable_pages[name])
    DRIVES[name](Explorable(tab.page, name))
    assert tab.problems == []


# Contrast of a control's text colour (and its focus ring) against what lies under it, by WCAG's formula.
CONTRAST_OF = """e => {
  const rgba = (c) => { const [r, g, b, a = 1] = c.match(/[\\d.]+/g).map(Number); return [r, g, b, a]; };
  const over = ([r, g, b, a], under) => [r, g, b].map((v, i) => v * a + under[i] * (1 - a)).concat(1);
  const under = (e) => {
    const layers = [];
    for (; e && (layers.at(-1)?.[3] ?? 0) < 1; e = e.parentElement) layers.push(rgba(getComputedStyle(e).backgroundColor));
    return layers.reduceRight((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const luminance = (c) => c.slice(0, 3).map((v) => (v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (fg, bg) => { const [hi, lo] = [luminance(over(fg, bg)), luminance(bg)].sort((a, b) => b - a); return (hi + 0.05) / (lo + 0.05); };
  const style = getComputedStyle(e);
  return {
    // A slider's thumb and a checkbox's box (its tick too, in the box's paper) lie on what surrounds them.
    text: ratio(rgba(style.color), under(e.matches("input") ? e.parentElement : e)),
    ring: style.outlineStyle === "none" ? 0 : ratio(rgba(style.outlineColor), under(e.parentElement)),
    ringWidth: parseFloat(style.outlineWidth), focusVisible: e.matches(":focus-visible"),
  };
}"""


def rest(page, control):
    page.mouse.move(0, 0)
    control.evaluate("e => e.blur()")


def control_problems(e, control, tab):
    """Each state of one control whose text (for a slider, its thumb; for a checkbox, its box, both
    drawn in the text colour) falls under 4.5:1, and a missing focus ring or too small a target."""
    name = control.evaluate("e => e.labels?.[0]?.textContent || e.textContent")
    box = control.bounding_box()
    problems = [f"{name}: a {box['width']:.0f} x {box['height']:.0f} px target"] if min(box["width"], box["height"]) < TARGET else []
    states = {}
    rest(tab.page, control)
    states["rest"] = control.evaluate(CONTRAST_OF)
    control.hover()
    states["hover"] = control.evaluate(CONTRAST_OF)
    tab.page.mouse.down()
    states["pressed"] = control.evaluate(CONTRAST_OF)
    tab.page.mouse.up()
    if control.get_attribute("type") == "checkbox":
        control.uncheck()
    rest(tab.page, control)
    control.focus()  # then back and forth with the keyboard: the focus a keyboard user sees
    tab.page.keyboard.press("Shift+Tab")
    tab.page.keyboard.press("Tab")
    states["focus"] = focus = control.evaluate(CONTRAST_OF)
    if not (focus["focusVisible"] and focus["ringWidth"] >= 2 and focus["ring"] >= RING):
        problems.append(f"{name}: no focus ring of 2 px at {RING}:1 ({focus})")
    rest(tab.page, control)
    control.evaluate("e => { e.disabled = true; }")
    states["disabled"] = control.evaluate(CONTRAST_OF)
    control.evaluate("e => { e.disabled = false; }")
    return problems + [f"{name}, {state}: {s['text']:.2f}:1" for state, s in states.items() if s["text"] < CONTRAST]


@pytest.mark.parametrize("name", DRIVES)
def test_controls_legible_in_every_state_with_focus_rings_and_large_targets(tabs, explorable_pages, name):
    problems = []
    # At a phone's width, in both palettes: a control's colours depend on the palette, its size on neither.
    for tab in [tab for tab in tabs if tab.viewport == "phone"]:
        tab.open(explorable_pages[name])
        e = Explorable(tab.page, name)
        problems += [f"{tab.viewport}/{tab.palette}: {p}" for control in e.controls() for p in control_problems(e, control, tab)]
    assert not problems, f"docs/assets/explorables/{name}.js:\n" + "\n".join(problems)


@pytest.mark.parametrize("palette", PALETTES)
def test_touch_drives_every_control(chromium, server, explorable_pages, palette):
    """On a phone's touch screen: a tap on a slider moves it, a tap on a button or checkbox acts,
    the numbers stay torch's, and a tapped control (which keeps the focus) stays legible. Each
    slider ends high, so that every button's new draw changes what the live region states."""
    context = chromium.new_context(viewport=VIEWPORTS["phone"], has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(server)
    if palette == "dark":
        page.tap("form[data-md-palette] label:visible")
    for name in DRIVES:
        page.goto(server + explorable_pages[name])
        e = Explorable(page, name)
        for control in e.controls():
            for where in (0.15, 0.85) if control.get_attribute("type") == "range" else (None,):
                before = e.status()
                box = control.bounding_box()
                control.tap(position=None if where is None else {"x": box["width"] * where, "y": box["height"] / 2})
                e.check(e.status() != before, f"no response to a tap on {control.evaluate('e => e.outerHTML')[:80]}")
                legible = control.evaluate(CONTRAST_OF)["text"]
                e.check(legible >= CONTRAST, f"{palette}: a tapped control at {legible:.2f}:1")
                check_as_stated(e)
    context.close()


def check_as_stated(e):
    """The live region's numbers against torch, for the settings it states."""
    parts, setting = e.status(), e.setting
    match e.name:
        case "mask-layer":
            check_mask_layer(e, setting("p"), evaluating=parts[0] == "Evaluation mode")
        case "thinned-network":
            check_thinned_network(e, setting("p"))
        case "two-schemes":
            check_two_schemes(e, setting("p"), setting("a"), int(numbers(parts[6])[0]) if len(parts) > 6 else 0)
        case "variance-shift":
            check_variance_shift(e, setting("p"), setting("c"), setting("v"))
        case "mc-error":
            check_mc_error(e, setting("p"), int(numbers(parts[3])[0]))


# The smallest text in a drawing, in CSS px as shown: its font size times the drawing's scale.
SMALLEST = "e => Math.min(...[...e.querySelectorAll('svg text')].map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a))"


@pytest.mark.parametrize("name", DRIVES)
def test_explorable_in_both_palettes_and_widths(tabs, screenshots, explorable_pages, name):
    """What the explorable shows in each tab (axe checks its page, explorables built, in
    tests/test_browser.py)."""
    problems = []
    for tab in tabs:
        tab.open(explorable_pages[name])
        e = Explorable(tab.page, name)
        found = list(tab.problems)
        summary = e.root.locator(".explorable__summary")
        if not (summary.is_visible() and 0 < len(summary.inner_text()) <= 160):
            found.append(f"the visible summary {summary.inner_text()!r} is missing or longer than 160 characters")
        if e.root.locator("[aria-live=polite]").evaluate("e => e.getBoundingClientRect().width") > 1:
            found.append("the live region's full numbers are on view")
        if (smallest := e.root.evaluate(SMALLEST)) < SMALLEST_TEXT:
            found.append(f"text of {smallest:.1f} CSS px in the drawing")
        if not lead_in(tab.page, name).is_visible():
            found.append("its lead-in sentence is not shown")
        if e.root.evaluate("e => e.scrollWidth > e.clientWidth || e.getBoundingClientRect().right > innerWidth"):
            found.append("the explorable is wider than the page")
        problems += [f"{tab.viewport}/{tab.palette}: {problem}" for problem in found]
        if screenshots:
            e.root.screenshot(path=screenshots / f"explorable-{name}.{tab.viewport}.{tab.palette}.png")
    assert not problems, f"docs/assets/explorables/{name}.js:\n" + "\n".join(problems)


def test_explorables_work_after_instant_navigation(tabs, explorable_pages):
    """Material's instant navigation swaps the content without a page load: each explorable is
    built on arrival, also when its module was loaded on an earlier visit."""
    tab = tabs[0]
    tab.open("")
    for name in [*DRIVES, *DRIVES]:
        target = explorable_pages[name]
        tab.page.locator(f"nav.md-nav--primary a[href$='/{target.split('/')[-2]}/']").first.click()
        # navigation.tracking may carry a heading's #anchor into the new URL; the path is what counts.
        tab.page.wait_for_url(lambda url: urlsplit(url).path.endswith("/" + target))
        explorable = Explorable(tab.page, name)
        before = explorable.status()
        explorable.control("Drop probability p").focus()
        explorable.press("ArrowLeft")
        assert explorable.status() != before, f"{explorable.source}: no response after instant navigation"
    assert tab.problems == []


def test_no_motion_when_reduced_motion_is_asked_for(chromium, server, explorable_pages):  # noqa: F811
    context = chromium.new_context(reduced_motion="reduce")
    page = context.new_page()
    for name in DRIVES:
        page.goto(server + explorable_pages[name])
        explorable = Explorable(page, name)
        explorable.control("Drop probability p").focus()
        explorable.press("ArrowRight")
        assert explorable.root.evaluate("e => e.getAnimations({subtree: true}).length") == 0, explorable.source
    context.close()


def lead_in(page, name):
    """The sentence that invites the reader to use an explorable: the paragraph just before it."""
    return page.locator(f'p.explorable-lead:has(+ .explorable[data-explorable="{name}"])')


def test_page_reads_without_javascript(chromium, server, explorable_pages):  # noqa: F811
    """Without JavaScript the placeholder stays empty and takes no room, and the sentence that
    invites the reader to use it is not shown; the figures and prose stand in."""
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    for name, path in explorable_pages.items():
        page.goto(server + path)
        placeholder = page.locator(f'.explorable[data-explorable="{name}"]')
        assert placeholder.inner_text() == "" and placeholder.bounding_box()["height"] <= 2, name
        assert lead_in(page, name).count() == 1, f"/{path}: no {{: .explorable-lead }} paragraph just before {name}"
        assert lead_in(page, name).is_hidden(), f"/{path}: the lead-in to {name} shows without JavaScript"
    context.close()


def loaded_javascript(site, url, path):
    """The site's JavaScript files a built page loads: its script tags and the modules they import."""
    page = built_file(site, path)
    sources = re.findall(r'<script[^>]*\ssrc="([^"]+)"', page.read_text())
    queue = [site / urljoin(url + path, src).removeprefix(url) for src in sources]
    queue = [script.resolve() for script in queue]
    loaded = set()
    while queue:
        script = queue.pop()
        if script not in loaded:
            loaded.add(script)
            queue += [(script.parent / name).resolve() for name in re.findall(r'from\s+"(\.[^"]+)"', script.read_text())]
    return loaded


def test_explorables_add_little_javascript_and_only_where_used(site, server, explorable_pages):
    folder = (site / "assets" / "explorables").resolve()
    for path in page_paths():
        added = {script for script in loaded_javascript(site, server, path) if folder in script.parents}
        html = built_file(site, path).read_text()
        if path in explorable_pages.values():
            names = {script.stem for script in added}
            assert set(PLACEHOLDER.findall(html)) <= names, path
            size = sum(len(gzip.compress(script.read_bytes())) for script in added)
            assert size <= BUDGET, f"/{path}: {size} bytes of compressed explorable JavaScript"
        else:
            assert not added and not re.search(r'(?:src|href)="[^"]*assets/explorables/', html), f"/{path} loads explorable files"


# A wrong formula in each explorable (right, wrong): its drive must fail, naming its file.
WRONG_FORMULAS = {
    "mask-layer.js": ("x / (1 - p)", "x / p"),
    "thinned-network.js": ("(1 - p) ** on * p ** (HIDDEN - on)", "p ** on * (1 - p) ** (HIDDEN - on)"),
    "two-schemes.js": ("evaluation: a * q", "evaluation: a"),
    "variance-shift.js": ("(c * c + v) / q - c * c", "(c * c + v) / q"),
    "mc-error.js": ("Math.sqrt(variance / T)", "Math.sqrt(variance) / T"),
}


def test_a_wrong_formula_fails_its_drive_naming_its_file(tmp_path, build, chromium, explorable_pages):
    """The built site, copied with a formula planted wrong in each explorable's module (the build
    copies the modules as they are), served where the site is."""
    copy = shutil.copytree(build.site, tmp_path / "site")
    for name, (right, wrong) in WRONG_FORMULAS.items():
        module = copy / "assets" / "explorables" / name
        assert module.read_text().count(right) == 1, f"{name} no longer contains {right!r}"
        module.write_text(module.read_text().replace(right, wrong))
    page = chromium.new_page()
    with serve(copy, urlsplit(build.url).path) as url:
        for name in DRIVES:
            page.goto(url + explorable_pages[name])
            with pytest.raises(AssertionError, match=f"^docs/assets/explorables/{name}.js: "):
                DRIVES[name](Explorable(page, name))
    page.close()
