"""The figures in docs/figures/: each one is what its code in figures/ draws today, sits on a
page in a <figure> with an id, descriptive alt text and a caption, and shows numbers that hold
on every machine (or, for sampled ones, numbers checked against bounds that hold for any seed)."""

import re

import pytest
import torch
from torch import nn

from figures import drawings, train_eval_distribution
from figures.svg import OUT
from sitetools.checks import stale_figures
from sitetools.project import DOCS, ROOT, VIEWPORTS, site_path

# The smallest text a figure may show on a phone, in CSS pixels: a figure is scaled to the
# screen's width, so its text shrinks with it.
PHONE_TEXT_PX = 11
FIGURE_BLOCK = re.compile(r'<figure id="(?P<id>[^"]+)" markdown="span">(?P<body>.*?)</figure>', re.S)
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+\.svg)\)")


def test_every_committed_figure_is_what_its_code_draws():
    stale = stale_figures()
    assert not stale, "\n".join(stale)


def test_every_figure_file_is_drawn_by_code():
    drawn = {f"{drawing.name}.svg" for _, drawing in drawings()}
    assert {path.name for path in OUT.glob("*")} == drawn


def figures_on_pages():
    """(page, id, alt, figure file, caption) for every <figure> of every page."""
    found = []
    for page in sorted(DOCS.rglob("*.md")):
        for block in FIGURE_BLOCK.finditer(page.read_text(encoding="utf-8")):
            image = IMAGE.search(block["body"])
            caption = re.search(r"<figcaption>(.*?)</figcaption>", block["body"], re.S)
            found.append((page.relative_to(DOCS).as_posix(), block["id"],
                          image and image["alt"], image and (page.parent / image["src"]).resolve(),
                          caption and caption[1].strip()))
    return found


def test_every_figure_is_on_a_page_with_alt_text_and_a_caption():
    placed = figures_on_pages()
    descriptions = {f"{drawing.name}.svg": drawing.desc for _, drawing in drawings()}
    problems = []
    for page, figure_id, alt, source, caption in placed:
        if alt is None or alt != descriptions.get(source and source.name):
            problems.append(f"{page} #{figure_id}: the alt text must be the figure's description, "
                            f"which says what it shows ({alt!r})")
        if source is not None and not source.is_file():
            problems.append(f"{page} #{figure_id}: {source} does not exist")
        if not caption:
            problems.append(f"{page} #{figure_id}: no <figcaption>")
        if not figure_id.startswith("fig-"):
            problems.append(f"{page} #{figure_id}: figure ids start with fig-")
    ids = [(page, figure_id) for page, figure_id, *_ in placed]
    problems += [f"{page}: id {i} used twice" for page, i in set(ids) if ids.count((page, i)) > 1]
    used = {source.name for *_, source, _ in placed if source}
    problems += [f"docs/figures/{p.name} is on no page" for p in OUT.glob("*.svg") if p.name not in used]
    pages = {page for page, *_ in placed}
    problems += [f"explainer/{p.name} has no figure" for p in (DOCS / "explainer").glob("*.md")
                 if f"explainer/{p.name}" not in pages]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("module, drawing", drawings(), ids=lambda x: getattr(x, "name", ""))
def test_figure_is_a_small_svg_with_title_and_description(module, drawing):
    svg = drawing.path.read_text(encoding="utf-8")
    assert len(svg.encode()) < 20_000
    assert f"<title id=\"title\">{drawing.title}" in svg.replace("&amp;", "&")
    assert len(drawing.desc.split()) >= 15


def test_sampled_nn_dropout_outputs_follow_the_drawn_training_histogram():
    """The training histogram is an expectation over masks. 400 passes of nn.Dropout over the
    1024 activations give 409 600 outputs; each bin's fraction is within six standard errors,
    6 * sqrt(f (1 - f) / n), of the drawn one, for any seed (one bin in 10^8 would miss)."""
    expected, _, _, _ = train_eval_distribution.distributions()
    dropout = nn.Dropout(train_eval_distribution.P)
    x = train_eval_distribution.activations()
    samples = torch.cat([dropout(x) for _ in range(400)])
    measured = train_eval_distribution.histogram(samples)
    bound = 6 * (expected * (1 - expected) / len(samples)).sqrt()
    assert ((measured - expected).abs() <= bound).all(), (measured, expected)


# Each <text>'s box in the drawing's units, as Chromium lays it out (rotated labels included).
TEXT_BOXES = """() => {
  const [, , width, height] = document.documentElement.getAttribute("viewBox").split(" ").map(Number);
  const boxes = [...document.querySelectorAll("text")].map((text) => {
    const box = text.getBBox(), m = text.getCTM();
    const corners = [[box.x, box.y], [box.x + box.width, box.y + box.height], [box.x, box.y + box.height], [box.x + box.width, box.y]]
      .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
    const xs = corners.map((c) => c[0]), ys = corners.map((c) => c[1]);
    return {text: text.textContent, left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys)};
  });
  return {width, height, boxes};
}"""


@pytest.mark.parametrize("module, drawing", drawings(), ids=lambda x: getattr(x, "name", ""))
def test_figure_text_fits_and_does_not_overlap(chromium, module, drawing):  # noqa: F811
    """Every label lies inside the drawing and clear of every other label, in this machine's
    system font (larger text, or a longer label, can run off the card or into its neighbour)."""
    page = chromium.new_page()
    page.goto(drawing.path.as_uri())
    laid_out = page.evaluate(TEXT_BOXES)
    page.close()
    problems = [f"{box['text']!r} runs outside the drawing" for box in laid_out["boxes"]
                if box["left"] < 0 or box["top"] < 0 or box["right"] > laid_out["width"] or box["bottom"] > laid_out["height"]]
    boxes = laid_out["boxes"]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            across = min(a["right"], b["right"]) - max(a["left"], b["left"])
            down = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if across > 1 and down > 1:  # a shared pixel edge is not an overlap
                problems.append(f"{a['text']!r} overlaps {b['text']!r}")
    assert not problems, f"{module.__name__.replace('.', '/')}.py draws {drawing.path.name}:\n" + "\n".join(problems)


def test_figure_text_is_readable_on_a_phone(chromium, server):  # noqa: F811
    """On a phone each figure is as wide as the screen: its smallest text, scaled with it, is at
    least PHONE_TEXT_PX CSS pixels."""
    page = chromium.new_page(viewport=VIEWPORTS["phone"])
    problems = []
    for page_path in sorted({path for path, *_ in figures_on_pages()}):
        page.goto(server + site_path(DOCS / page_path))
        for figure_id, src, shown_width in page.evaluate(
                "() => [...document.querySelectorAll('figure[id^=fig-] img')].map("
                "(img) => [img.closest('figure').id, img.src, img.getBoundingClientRect().width])"):
            svg = (OUT / src.rsplit("/", 1)[-1]).read_text(encoding="utf-8")
            drawn_width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg)[1])
            smallest = min(float(size) for size in re.findall(r'font-size="([\d.]+)"', svg))
            shown_px = smallest * shown_width / drawn_width
            if shown_px < PHONE_TEXT_PX:
                problems.append(f"{page_path} #{figure_id}: text of {smallest:g} drawn at {shown_px:.1f} px")
    page.close()
    assert not problems, "\n".join(problems)
