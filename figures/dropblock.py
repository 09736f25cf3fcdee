"""variants.md, DropBlock: one mask of DropBlock (Ghiasi et al. 2018, Algorithm 1) next to one of
ordinary dropout on a 12 x 12 feature map, at the same nominal drop rate. DropBlock drops
contiguous 3 x 3 squares, dropout scattered units. Both the seed rate and the DropBlock mask come
from the page's snippet, snippets/drop_block.py. The masks are sampled (seed 0); the expected
fractions dropped are exact, computed with torch; check_sampled holds the committed masks to
what holds for any seed."""
import torch
import torch.nn.functional as F
from torch import nn

from figures.svg import BLUE, INK, MUTED, PAPER, RIM, Drawing, label, rounded
from snippets.drop_block import drop_block2d, drop_block_gamma

SIZE, BLOCK, DROP = 12, 3, 0.2  # feature map SIZE x SIZE; 1 - keep_prob = DROP for both
VALID = SIZE - BLOCK + 1  # block positions per side: where a whole block fits in the map
GAMMA = drop_block_gamma(DROP, BLOCK, SIZE, SIZE)  # the rate of block centres


def dropblock_mask():
    """One DropBlock mask, read off the snippet on a map of ones: 1 kept, 0 dropped."""
    return (drop_block2d(torch.ones(1, 1, SIZE, SIZE), DROP, BLOCK)[0, 0] != 0).double()


def spread(positions):
    """A 0/1 (or count) map over the VALID x VALID block positions, each spread over its
    BLOCK x BLOCK square of the SIZE x SIZE map and summed: how many of the given blocks cover
    each unit."""
    block = torch.ones(1, 1, BLOCK, BLOCK, dtype=positions.dtype)
    return F.conv_transpose2d(positions[None, None], block)[0, 0]


def expected_dropped():
    """The exact expected fraction of units each dropped: DROP for dropout; for DropBlock, a unit
    covered by c possible blocks survives with probability (1 - gamma)^c. Overlapping blocks and
    the map's edges make it less than the nominal DROP."""
    covers = spread(torch.ones(VALID, VALID, dtype=torch.float64))  # possible blocks per unit
    return DROP, (1 - (1 - GAMMA) ** covers).mean().item()


def is_union_of_blocks(dropped):
    """Whether the dropped units are exactly a union of whole BLOCK x BLOCK squares in the map."""
    whole = F.avg_pool2d(dropped[None, None], BLOCK, stride=1)[0, 0] == 1  # squares fully dropped
    return bool(((spread(whole.to(dropped.dtype)) > 0).to(dropped.dtype) == dropped).all())


def check_sampled(sampled):
    dropout, dropblock = (torch.tensor(sampled[k], dtype=torch.float64) for k in ("dropout", "dropblock"))
    assert set(dropout.flatten().tolist()) <= {0.0, 1.0} and dropout.shape == (SIZE, SIZE)
    assert set(dropblock.flatten().tolist()) <= {0.0, 1.0} and dropblock.shape == (SIZE, SIZE)
    assert is_union_of_blocks(1 - dropblock), "a dropped unit outside a whole block"
    assert (dropblock == 0).any() and (dropout == 0).any()


def sampled_masks(seed=0):
    """A dropout mask, read off nn.Dropout, and a DropBlock mask with at least two blocks (a
    mask with none or one would not show what DropBlock does; redraws until it has)."""
    torch.manual_seed(seed)
    dropout = (nn.Dropout(DROP)(torch.ones(SIZE, SIZE)) != 0).double()
    while True:
        dropblock = dropblock_mask()
        if (1 - dropblock).sum() > BLOCK**2:
            return dropout, dropblock


def grid(d, left, top, mask, cell):
    """A mask as one filled square with the dropped cells cut out (few elements, small file)."""
    n = len(mask)
    d.rect(left, top, n * cell, n * cell, fill=BLUE)
    for k in range(1, n):
        d.line(left + k * cell, top, left + k * cell, top + n * cell, stroke=PAPER, width=1.5)
        d.line(left, top + k * cell, left + n * cell, top + k * cell, stroke=PAPER, width=1.5)
    for r, row in enumerate(mask):
        for c, keep in enumerate(row):
            if not keep:
                d.rect(left + c * cell + 1, top + r * cell + 1, cell - 2, cell - 2, fill=PAPER,
                       stroke=RIM, width=1)


def drawings():
    dropout, dropblock = sampled_masks()
    expected = expected_dropped()
    spec = {"size": SIZE, "block_size": BLOCK, "drop": DROP, "gamma": rounded(GAMMA),
            "expected_dropped": [rounded(e, 3) for e in expected],
            "sampled": {"dropout": dropout.int().tolist(), "dropblock": dropblock.int().tolist()}}
    d = Drawing(
        "dropblock", 292,
        "DropBlock against dropout on a 12 × 12 feature map",
        f"Two {SIZE} by {SIZE} grids, kept units filled, dropped ones empty; one sampled mask "
        f"each, with 1 − keep_prob = {label(DROP)}. Left, dropout: single units dropped, "
        f"scattered over the map. Right, DropBlock with block_size {BLOCK}: whole {BLOCK} by "
        f"{BLOCK} squares dropped. Expected fraction dropped: {label(expected[0], 3)} for dropout, "
        f"{label(expected[1], 3)} for DropBlock, whose blocks overlap and fit only inside the map.",
        spec,
    )
    d.heading("Same drop rate, different shapes")
    cell = 13.5
    for k, (name, shape, mask, share) in enumerate([
            (f"dropout, p = {label(DROP)}", "scattered units", dropout, expected[0]),
            (f"DropBlock, {BLOCK} × {BLOCK}", "whole squares", dropblock, expected[1])]):
        left = 8 + k * (SIZE * cell + 20)
        d.text(left, 50, name, size=14, weight="600")
        d.text(left, 68, shape, size=13, fill=MUTED)
        grid(d, left, 78, mask.int().tolist(), cell)
        d.text(left, 78 + SIZE * cell + 22, f"expected dropped: {label(share, 3)}", size=13, fill=INK)
    d.text(d.width / 2, 282, f"DropBlock seeds blocks at γ = {label(GAMMA, 3)} (Ghiasi et al.)",
           size=13, anchor="middle", fill=MUTED)
    return [d]
