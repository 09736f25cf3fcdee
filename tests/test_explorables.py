"""The explorables (docs/assets/explorables/), driven with the keyboard in headless Chromium: the
numbers each one states in its live region equal the same quantities computed by torch, to the
four decimals shown where they are exact, and within six standard errors where they are sampled.
Each works at both widths, in both palettes, after instant navigation, with reduced motion and
without JavaScript, and adds at most 30 KiB of compressed JavaScript to its page only."""

import gzip
import math
import re
from urllib.parse import urljoin, urlsplit

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from sitetools.project import ROOT, built_file, page_paths
from sitetools.browser import SHOTS

SOURCES = ROOT / "docs" / "assets" / "explorables"
SHARED = "explorable.js"  # the module every explorable imports
BUDGET = 30 * 1024  # compressed JavaScript an explorable may add to its page
ROUNDING = 0.5e-4  # half a unit in the fourth decimal, the precision the live regions show


# An explorable's placeholder in a built page (in a code example its "<" is escaped as "&lt;").
PLACEHOLDER = re.compile(r'<div[^>]*\sdata-explorable="([^"]+)"')


def pages_with_explorables(site):
    """{explorable name: path of the page that shows it}, from the built site."""
    found = {}
    for path in page_paths():
        for name in PLACEHOLDER.findall(built_file(site, path).read_text()):
            found[name] = path
    return found


@pytest.fixture(scope="module")
def explorable_pages(site):
    return pages_with_explorables(site)


class Explorable:
    """One explorable on an open page, operated with the keyboard only."""

    def __init__(self, page, name):
        self.page, self.name = page, name
        self.source = f"docs/assets/explorables/{name}.js"
        self.root = page.locator(f'.explorable[data-explorable="{name}"][data-ready]')
        self.root.wait_for()

    def tab_to(self, name, backwards=False):
        """Press Tab (or Shift+Tab) until the control with this accessible name has the focus."""
        control = self.root.get_by_label(name, exact=True).or_(self.root.get_by_role("button", name=name, exact=True))
        for _ in range(400):
            if control.evaluate("e => e === document.activeElement"):
                return
            self.page.keyboard.press("Shift+Tab" if backwards else "Tab")
        raise AssertionError(f"{self.source}: the keyboard never reaches {name!r}")

    def press(self, key, times=1):
        for _ in range(times):
            self.page.keyboard.press(key)

    def status(self):
        """The live region's text, split into its parts."""
        region = self.root.locator("[aria-live=polite]")
        text = region.inner_text()
        assert text.endswith("."), f"{self.source}: live region {text!r}"
        return text[:-1].split("; ")

    def value(self, part, pattern):
        """The number after `pattern` in `part`."""
        found = re.search(pattern + r"\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)", part)
        assert found, f"{self.source}: no {pattern!r} in {part!r}"
        return float(found.group(1))

    def check(self, condition, message):
        assert condition, f"{self.source}: {message}"


def numbers(text):
    return [float(n) for n in re.findall(r"-?\d+\.\d+", text)]


def shown(x):
    return f"{x:.4f}"


def kept_values(x, p):
    """The value torch's dropout gives each unit of x when it keeps it (x nonzero)."""
    y = F.dropout(x.expand(10_000, -1), p, training=True)
    values = [set(column[column != 0].tolist()) for column in y.T]
    assert all(len(v) == 1 for v in values), values  # 10 000 draws keep each unit, p <= 0.9
    return torch.tensor([v.pop() for v in values], dtype=torch.float64)


def scale(p):
    return F.dropout(torch.ones(10_000, dtype=torch.float64), p, training=True).max().item()


# --- mask-layer: the outputs, the scale and the mean over masks -----------------------------------

def check_mask_layer(e, p, masks=None, evaluating=False):
    parts = e.status()
    e.check(parts[0] == ("Evaluation mode" if evaluating else "Training mode"), f"mode in {parts}")
    e.check(parts[1] == f"p = {p:.2f}", f"the keyboard set p = {p:.2f}, the region says {parts[1]!r}")
    x = torch.tensor(numbers(parts[2]), dtype=torch.float64)
    outputs = numbers(parts[-1] if evaluating else parts[4])
    if evaluating:
        expected = F.dropout(x, p, training=False)
        e.check(outputs == [round(v, 4) for v in expected.tolist()], f"evaluation outputs {outputs} are not the input {x.tolist()}")
        return
    kept = kept_values(x, p)
    e.check(e.value(parts[3], r"1/\(1 − p\) =") == round(scale(p), 4), f"scale {parts[3]!r}, torch's is {scale(p)}")
    for i, out in enumerate(outputs):
        e.check(shown(out) in ("0.0000", shown(kept[i])), f"unit {i + 1} outputs {out}, torch's dropout gives 0 or {kept[i]:.4f}")
    e.check(int(parts[3].split()[0]) == sum(o != 0 for o in outputs), f"the count of kept units in {parts[3]!r}")
    count = int(re.match(r"mean over (\d+) masks?", parts[5]).group(1))
    if masks is not None:
        e.check(count == masks, f"{count} masks counted, {masks} drawn")
    mean = torch.tensor(numbers(parts[5]), dtype=torch.float64)
    q = 1 - p
    expectation, error = q * kept, (q * p) ** 0.5 * kept.abs() / count**0.5
    e.check(bool(((mean - expectation).abs() <= 6 * error + ROUNDING).all()),
            f"mean over {count} masks {mean.tolist()} is more than 6 standard errors {error.tolist()} from {expectation.tolist()}")


def drive_mask_layer(e):
    e.tab_to("Drop probability p")
    check_mask_layer(e, 0.5, masks=1)
    e.tab_to("Redraw the mask")
    for drawn in (2, 3, 4):
        e.press("Enter")
        check_mask_layer(e, 0.5, masks=drawn)
    e.tab_to("Draw 100 masks")
    e.press("Space", 3)
    check_mask_layer(e, 0.5, masks=304)
    e.tab_to("Drop probability p", backwards=True)
    e.press("ArrowRight", 4)
    check_mask_layer(e, 0.7, masks=1)
    e.tab_to("Draw 100 masks")
    e.press("Enter", 3)
    check_mask_layer(e, 0.7, masks=301)
    e.tab_to("Drop probability p", backwards=True)
    e.press("End")
    check_mask_layer(e, 0.9, masks=1)
    e.press("Home")
    check_mask_layer(e, 0.0, masks=1)
    e.press("ArrowRight", 6)
    e.tab_to("Evaluation mode")
    e.press("Space")
    check_mask_layer(e, 0.3, evaluating=True)
    e.press("Space")
    check_mask_layer(e, 0.3, masks=1)


# --- thinned-network: the kept units, weights in use, the mask's probability ------------------------

def check_thinned_network(e, p, thinnings):
    parts = e.status()
    e.check(parts[0] == f"p = {p:.2f}", f"the keyboard set p = {p:.2f}, the region says {parts[0]!r}")
    masks = [torch.ones(4, dtype=torch.float64)]
    for part in parts[1:3]:
        mask = torch.zeros(6, dtype=torch.float64)
        if not part.endswith("keeps no units"):
            mask[[int(u) - 1 for u in part.split("keeps units ")[1].split(", ")]] = 1
        masks.append(mask)
    masks.append(torch.ones(2, dtype=torch.float64))
    hidden = torch.cat(masks[1:3])
    # A weight is in use when both of its units are kept.
    weights = sum(torch.outer(a, b).sum() for a, b in zip(masks, masks[1:]))
    e.check(parts[3] == f"{int(hidden.sum())} of 12 hidden units and {int(weights)} of 72 weights in use", f"counts {parts[3]!r}")
    q = torch.tensor(1 - p, dtype=torch.float64)
    probability = torch.where(hidden == 1, q, 1 - q).prod().item()  # Bernoulli(q) per hidden unit
    e.check(parts[4].startswith(f"one of {2**12} (2 to the power 12) thinned networks"), f"{parts[4]!r}")
    stated = e.value(parts[4], "probability")
    e.check(math.isclose(stated, probability, rel_tol=5e-4), f"probability {stated}, torch gives {probability}")
    count = int(re.match(r"over (\d+) thinnings?", parts[5]).group(1))
    e.check(count == thinnings, f"{count} thinnings counted, {thinnings} made")
    fraction = e.value(parts[5], "fraction")
    error = (p * (1 - p) / (12 * count)) ** 0.5
    e.check(abs(fraction - (1 - p)) <= 6 * error + ROUNDING, f"kept fraction {fraction}, more than 6 standard errors {error} from {1 - p}")


def drive_thinned_network(e):
    e.tab_to("Drop probability p")
    check_thinned_network(e, 0.5, 1)
    e.press("ArrowLeft", 4)
    check_thinned_network(e, 0.3, 1)
    e.tab_to("Thin again")
    for made in (2, 3, 4):
        e.press("Enter")
        check_thinned_network(e, 0.3, made)
    e.tab_to("Thin 100 times")
    e.press("Space", 2)
    check_thinned_network(e, 0.3, 204)
    e.tab_to("Drop probability p", backwards=True)
    e.press("End")
    check_thinned_network(e, 0.9, 1)
    e.press("Home")
    check_thinned_network(e, 0.0, 1)


# --- two-schemes: each scheme's training distribution and evaluation output -------------------------

def check_two_schemes(e, p, a, sampled=False):
    parts = e.status()
    e.check(parts[:2] == [f"p = {p:.2f}", f"a = {a:.2f}"], f"the keyboard set p = {p:.2f}, a = {a:.2f}: {parts[:2]}")
    x = torch.full((100_000,), a, dtype=torch.float64)
    inverted = F.dropout(x, p, training=True)
    # The original scheme: the same mask without the scaling; at evaluation, weights times 1 - p.
    original = inverted * (1 - p)
    evaluation = {"inverted": F.dropout(x, p, training=False)[0], "original": F.dropout(x, p, training=False)[0] * (1 - p)}
    probabilities = torch.tensor([p, 1 - p], dtype=torch.float64)
    exact = {}
    for name, train, part, evaluated in (("inverted", inverted, parts[2], parts[3]), ("original", original, parts[4], parts[5])):
        values = torch.tensor([0.0, train.max().item()], dtype=torch.float64)
        mean = (values * probabilities).sum().item()
        variance = (values**2 * probabilities).sum().item() - mean**2
        exact[name] = mean, variance
        want = (f"{name} scheme: training 0 with probability {p:.4f} or {values[1].item():.4f} with probability {1 - p:.4f}, "
                f"mean {mean:.4f}, variance {variance:.4f}")
        e.check(part == want, f"{part!r}, torch gives {want!r}")
        e.check(evaluated == f"{name} evaluation {evaluation[name]:.4f}", f"{evaluated!r}, torch gives {evaluation[name]:.4f}")
    if sampled:
        n = int(parts[6].split()[0])
        zeros = e.value(parts[6], "fraction of zeros")
        e.check(abs(zeros - p) <= 6 * (p * (1 - p) / n) ** 0.5 + ROUNDING, f"fraction of zeros {zeros}, expected {p}")
        for name, (mean, variance) in exact.items():
            sample = e.value(parts[6], f"{name} mean")
            e.check(abs(sample - mean) <= 6 * (variance / n) ** 0.5 + ROUNDING, f"{name} sample mean {sample}, expected {mean}")
    else:
        e.check(len(parts) == 6, f"a sample before any was drawn: {parts}")


def drive_two_schemes(e):
    e.tab_to("Drop probability p")
    check_two_schemes(e, 0.6, 1.0)
    e.press("ArrowRight")
    check_two_schemes(e, 0.65, 1.0)
    e.tab_to("Unit output a")
    e.press("ArrowRight", 2)
    check_two_schemes(e, 0.65, 1.5)
    e.press("End")
    check_two_schemes(e, 0.65, 2.0)
    e.tab_to("Sample 1000 training outputs")
    for _ in range(2):
        e.press("Enter")
        check_two_schemes(e, 0.65, 2.0, sampled=True)
    e.tab_to("Drop probability p", backwards=True)
    e.press("End")
    check_two_schemes(e, 0.9, 2.0)
    e.press("Home")
    check_two_schemes(e, 0.0, 2.0)


# --- variance-shift: mean and variance in training and at test time, and after BatchNorm ------------

def check_variance_shift(e, p, c, v):
    parts = e.status()
    e.check(parts[:3] == [f"p = {p:.2f}", f"c = {c:.2f}", f"v = {v:.2f}"], f"the keyboard set p, c, v = {p}, {c}, {v}: {parts[:3]}")
    # Torch's dropout gives 0 with probability p and x * s with probability q, s its scale;
    # x has mean c and variance v, so E[y] = q s c and E[y²] = q s² (c² + v).
    q, s = 1 - p, scale(p)
    mean_train = q * s * c
    var_train = q * s**2 * (c**2 + v) - mean_train**2
    x = torch.tensor([c - v**0.5, c + v**0.5], dtype=torch.float64)  # mean c, variance v
    test = F.dropout(x, p, training=False)
    mean_test, var_test = test.mean().item(), test.var(unbiased=False).item()
    e.check(parts[3] == f"mean in training {mean_train:.4f} and at test time {mean_test:.4f}", f"{parts[3]!r}")
    e.check(parts[4] == f"variance in training (c² + v)/q − c² = {var_train:.4f}, at test time v = {var_test:.4f}",
            f"{parts[4]!r}, torch gives {var_train:.4f} and {var_test:.4f}")
    # A BatchNorm whose running statistics are the training ones, in eval mode: an affine map.
    bn = nn.BatchNorm1d(1, affine=False).double().eval()
    bn.running_mean.fill_(mean_train)
    bn.running_var.fill_(var_train)
    slope = (bn(torch.ones(1, 1, dtype=torch.float64)) - bn(torch.zeros(1, 1, dtype=torch.float64))).item()
    stated = e.value(parts[5], r"\(Var_train \+ eps\) =")
    e.check(shown(stated) == shown(var_test * slope**2), f"after BatchNorm {stated}, torch gives {var_test * slope**2:.4f}")


def drive_variance_shift(e):
    e.tab_to("Drop probability p")
    check_variance_shift(e, 0.5, 1.0, 1.0)
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


# --- mc-error: the Monte Carlo estimate against the exact mean over masks ---------------------------

def check_mc_error(e, p, samples):
    parts = e.status()
    e.check(parts[0] == f"p = {p:.2f}" and parts[3] == f"T = {samples} samples", f"the keyboard set p = {p:.2f}, T = {samples}: {parts}")
    x, w = (torch.tensor(numbers(part), dtype=torch.float64) for part in parts[1:3])
    # y = w · dropout(x): torch's dropout gives each unit 0 or its kept value, with probabilities p, q.
    q, kept = 1 - p, kept_values(x, p)
    exact = (w * q * kept).sum().item()
    error = ((w * kept) ** 2 * q * p).sum().sqrt().item() / samples**0.5
    e.check(parts[4] == f"exact mean over masks {exact:.4f}", f"{parts[4]!r}, torch gives {exact:.4f}")
    e.check(parts[7] == f"standard error σ/√T = {error:.4f}", f"{parts[7]!r}, torch gives {error:.4f}")
    estimate = e.value(parts[5], "estimate")
    e.check(abs(estimate - exact) <= 6 * error + ROUNDING, f"estimate {estimate} is more than 6 standard errors {error} from {exact}")
    # The error shown and the estimate it is checked against are each rounded to four decimals:
    # they may differ by two half-units exactly, which in floating point can land a hair above.
    e.check(abs(e.value(parts[6], "error") - abs(estimate - exact)) <= 2 * ROUNDING + 1e-12,
            f"{parts[6]!r} for {estimate} and {exact}")


def drive_mc_error(e):
    e.tab_to("Drop probability p")
    check_mc_error(e, 0.5, 64)
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


@pytest.mark.parametrize("name", DRIVES)
def test_explorable_in_both_palettes_and_widths(tabs, explorable_pages, name):
    problems = []
    SHOTS.mkdir(exist_ok=True)
    for tab in tabs:
        tab.open(explorable_pages[name])
        explorable = Explorable(tab.page, name)
        found = list(tab.problems)
        if not explorable.status():
            found.append("empty live region")
        if not lead_in(tab.page, name).is_visible():
            found.append("its lead-in sentence is not shown")
        if explorable.root.evaluate("e => e.scrollWidth > e.clientWidth || e.getBoundingClientRect().right > innerWidth"):
            found.append("the explorable is wider than the page")
        if tab.viewport == "desktop":
            found += tab.accessibility_problems()
        problems += [f"{tab.viewport}/{tab.palette}: {problem}" for problem in found]
        explorable.root.screenshot(path=SHOTS / f"explorable-{name}.{tab.viewport}.{tab.palette}.png")
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
        explorable.tab_to("Drop probability p")
        explorable.press("ArrowLeft")
        assert explorable.status() != before, f"{explorable.source}: no response after instant navigation"
    assert tab.problems == []


def test_no_motion_when_reduced_motion_is_asked_for(chromium, server, explorable_pages):  # noqa: F811
    context = chromium.new_context(reduced_motion="reduce")
    page = context.new_page()
    for name in DRIVES:
        page.goto(server + explorable_pages[name])
        explorable = Explorable(page, name)
        explorable.tab_to("Drop probability p")
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
