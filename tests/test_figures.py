"""The figures in docs/figures/: each one is what its code in figures/ draws today, sits on a
page in a <figure> with an id, descriptive alt text and a caption, and shows numbers that hold
on every machine (or, for sampled ones, numbers checked against bounds that hold for any seed)."""

import io
import re
from xml.etree import ElementTree as ET

import pytest
import torch
from PIL import Image
from torch import nn

from figures import dropblock, drawings, train_eval_distribution, transformer_dropouts
from figures.svg import OUT, SVG_NS
from sitetools.browser import PALETTES
from sitetools.checks import stale_figures
from sitetools.project import DOCS, site_path

# The smallest text a figure may show on a phone, in CSS pixels: a figure is scaled to the
# text column's width, so its text shrinks with it.
PHONE_TEXT_PX = 12
TEXT_CONTRAST = 4.5  # WCAG 2.1 AA for normal text (1.4.3)
BRIGHT = 0.4  # the relative luminance above which a dark page's figure background is a bright card
FIGURE_BLOCK = re.compile(r'<figure id="(?P<id>[^"]+)" markdown="span">(?P<body>.*?)</figure>', re.S)
# What a caption for readers has no use for: the site's tooling (a file of it, the suite).
READER_NOTE = re.compile(r"\b(?:tests|figures|sitetools|snippets)/\S*|\btest suite\b|\bthe suite\b|\bmake \w+|\bcode that draws\b", re.I)
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+\.svg)\)\{ \.figure-(?P<palette>light|dark) ")


def test_every_committed_figure_is_what_its_code_draws():
    stale = stale_figures()
    assert not stale, "\n".join(stale)


def test_every_figure_file_is_drawn_by_code():
    drawn = {f"{drawing.name}.svg" for _, drawing in drawings()}
    assert {path.name for path in OUT.glob("*")} == drawn


def figures_on_pages():
    """(page, id, images, caption) for every <figure> of every page; images: (alt, figure file,
    palette) for each image of the figure."""
    found = []
    for page in sorted(DOCS.rglob("*.md")):
        for block in FIGURE_BLOCK.finditer(page.read_text(encoding="utf-8")):
            images = [(image["alt"], (page.parent / image["src"]).resolve(), image["palette"])
                      for image in IMAGE.finditer(block["body"])]
            caption = re.search(r'<figcaption markdown="span">(.*?)</figcaption>', block["body"], re.S)
            found.append((page.relative_to(DOCS).as_posix(), block["id"], images,
                          caption and caption[1].strip()))
    return found


def test_every_figure_is_on_a_page_with_alt_text_and_a_caption():
    placed = figures_on_pages()
    descriptions = {f"{drawing.name}.svg": drawing.desc for _, drawing in drawings()}
    problems = []
    for page, figure_id, images, caption in placed:
        names = [source.name for _, source, _ in images]
        if [palette for *_, palette in images] != ["light", "dark"] or \
                names[1:] != [names[0].replace(".svg", "-dark.svg")]:
            problems.append(f"{page} #{figure_id}: a figure shows <name>.svg {{ .figure-light ... }}, "
                            f"then <name>-dark.svg {{ .figure-dark ... }} ({names})")
        for alt, source, _ in images:
            if alt != descriptions.get(source.name):
                problems.append(f"{page} #{figure_id}: the alt text must be the figure's description, "
                                f"which says what it shows ({alt!r})")
            if not source.is_file():
                problems.append(f"{page} #{figure_id}: {source} does not exist")
        if not caption:
            problems.append(f'{page} #{figure_id}: no <figcaption markdown="span"> (its maths typeset)')
        elif READER_NOTE.search(caption):
            problems.append(f"{page} #{figure_id}: the caption says how the site is checked "
                            f"({READER_NOTE.search(caption)[0]!r}); say what to notice in the figure")
        if not figure_id.startswith("fig-"):
            problems.append(f"{page} #{figure_id}: figure ids start with fig-")
    ids = [(page, figure_id) for page, figure_id, *_ in placed]
    problems += [f"{page}: id {i} used twice" for page, i in set(ids) if ids.count((page, i)) > 1]
    used = {source.name for _, _, images, _ in placed for _, source, _ in images}
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


def test_dropblock_masks_drop_whole_blocks_at_the_drawn_expected_rate():
    """4000 DropBlock masks of the figure's sampler: each drops whole 3 x 3 squares only, and the
    fraction dropped over all of them is within six standard errors of the exact expected
    fraction the figure prints, for any seed (masks are independent; the bound uses their
    measured spread)."""
    _, expected = dropblock.expected_dropped()
    masks = torch.stack([dropblock.dropblock_mask() for _ in range(4000)])
    assert all(dropblock.is_union_of_blocks(1 - mask) for mask in masks)
    per_mask = 1 - masks.mean(dim=(1, 2))
    assert abs(per_mask.mean().item() - expected) <= 6 * per_mask.std().item() / len(masks) ** 0.5


def test_the_transformer_figure_shows_every_dropout_of_the_layer():
    """With the rates of the dropouts the figure draws set to 0, the layer in training mode gives
    its evaluation-mode output: no other dropout is left in nn.TransformerEncoderLayer."""
    model, order = transformer_dropouts.steps()
    drawn = [row["name"] for row in transformer_dropouts.facts()["steps"] if row["dropout"] is not None]
    for name in drawn:
        module = dict(order)[name]
        if isinstance(module, nn.MultiheadAttention):
            module.dropout = 0.0
        else:
            module.p = 0.0
    x = torch.randn(5, 1, transformer_dropouts.D_MODEL)
    trained = model.train()(x)
    assert torch.allclose(trained, model.eval()(x), atol=1e-6)
    assert len(drawn) == 4


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


def luminance(rgb):
    """WCAG's relative luminance of an (r, g, b) colour, 0 to 255 each."""
    linear = [(c / 255) / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def texts(svg_path):
    """(content, font size, fill as (r, g, b)) of every <text> of a figure file."""
    root = ET.fromstring(svg_path.read_text(encoding="utf-8"))
    return [("".join(t.itertext()), float(t.get("font-size")), tuple(bytes.fromhex(t.get("fill")[1:])))
            for t in root.iter(f"{SVG_NS}text")], float(root.get("viewBox").split()[2])


# Each figure's images as the page shows them: the file, its box, whether it is displayed.
SHOWN_IMAGES = """() => [...document.querySelectorAll('figure[id^=fig-]')].map((figure) => [figure.id,
  [...figure.querySelectorAll('img')].filter((img) => getComputedStyle(img).display !== 'none')
    .map((img) => ({src: img.src, width: img.getBoundingClientRect().width}))])"""


@pytest.mark.parametrize("palette", PALETTES)
def test_every_figure_placement_reads_on_a_phone_in_each_palette(tabs, palette):
    """At 390 px, in each palette, every figure on every page shows exactly its drawing in that
    palette's colours; its smallest text, scaled to the width it is shown at, is at least
    PHONE_TEXT_PX CSS pixels; every text's colour has TEXT_CONTRAST against the background the
    figure actually shows on (the commonest colour of its box in a screenshot); and in the dark
    palette that background is not a bright card."""
    tab = next(tab for tab in tabs if (tab.viewport, tab.palette) == ("phone", palette))
    problems = []
    for page_path in sorted({path for path, *_ in figures_on_pages()}):
        tab.open(site_path(DOCS / page_path))
        tab.load_images()
        for figure_id, shown in tab.page.evaluate(SHOWN_IMAGES):
            where = f"{page_path} #{figure_id} ({palette})"
            if len(shown) != 1 or shown[0]["src"].endswith("-dark.svg") != (palette == "dark"):
                problems.append(f"{where}: shows {[image['src'] for image in shown]}, not its drawing in this palette")
                continue
            image = shown[0]
            labels, drawn_width = texts(OUT / image["src"].rsplit("/", 1)[-1])
            scale = image["width"] / drawn_width
            smallest = min(size for _, size, _ in labels)
            if smallest * scale < PHONE_TEXT_PX:
                problems.append(f"{where}: text of {smallest:g} drawn at {smallest * scale:.1f} px")
            shot = Image.open(io.BytesIO(tab.page.locator(f"#{figure_id} img:visible").screenshot())).convert("RGB")
            background = max(shot.getcolors(shot.width * shot.height))[1]
            if palette == "dark" and luminance(background) > BRIGHT:
                problems.append(f"{where}: a bright card, background {background}")
            problems += [f"{where}: {content!r} has contrast {contrast(fill, background):.2f} "
                         f"on {background}" for content, _, fill in labels
                         if contrast(fill, background) < TEXT_CONTRAST]
    assert not problems, "\n".join(problems)
