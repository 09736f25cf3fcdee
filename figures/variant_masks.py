"""variants.md: what each variant drops, at p = 0.5: single activations (nn.Dropout), whole
channels (nn.Dropout2d), single weights (DropConnect), a sample's whole residual branch
(DropPath). The masks drawn are written by hand; the unit each variant drops, and the factor
1/(1 - p) = 2 on what it keeps, are checked on PyTorch's modules and on snippets/."""
import torch
from torch import nn

from figures.svg import INK, MUTED, Drawing, label
from snippets.dropconnect import dropconnect_linear
from snippets.drop_path import drop_path

P = 0.5
ROWS, COLS = 4, 6
# Hand-written masks, one row per channel / output / sample, chosen to illustrate.
ELEMENTS = [[1, 0, 1, 1, 0, 1], [0, 1, 1, 0, 1, 1], [1, 1, 0, 1, 0, 0], [1, 0, 1, 0, 1, 1]]
ROWS_KEPT = [1, 0, 1, 0]
WEIGHTS = [[0, 1, 1, 0, 1, 0], [1, 1, 0, 1, 1, 0], [1, 0, 0, 1, 0, 1], [0, 1, 1, 1, 0, 1]]


def constant_per(t, dims):
    """Whether t is constant over `dims` (each slice kept whole or dropped whole)."""
    return bool((t == t.amax(dim=dims, keepdim=True)).all())


def checked():
    """The unit each variant drops and the factor on what it keeps, from torch."""
    torch.manual_seed(0)  # any seed: the checks below hold for every mask
    element = nn.Dropout(P)(torch.ones(64, 6))
    channel = nn.Dropout2d(P)(torch.ones(1, 64, 2, 3))  # (N, C, H, W)
    assert constant_per(channel, (2, 3))  # a channel is kept or dropped whole
    x, weight = torch.eye(6, dtype=torch.float64), torch.ones(4, 6, dtype=torch.float64)
    # With x = the identity, output o of sample i is the effective weight (o, i): one weight each.
    effective = dropconnect_linear(x, weight, p=P)
    branch = drop_path(torch.ones(64, 6), p=P)
    assert constant_per(branch, (1,))  # a sample's branch is kept or dropped whole
    factors = [sorted(set(t.flatten().tolist())) for t in (element, channel, effective, branch)]
    assert all(f == [0.0, 1 / (1 - P)] for f in factors), factors
    return max(factors[0])


def drawings():
    kept_value = checked()
    panels = [
        ("nn.Dropout", "single activations", "channels × positions", ELEMENTS),
        ("nn.Dropout2d", "whole channels", "channels × positions",
         [[k] * COLS for k in ROWS_KEPT]),
        ("DropConnect", "single weights", "outputs × inputs (weights)", WEIGHTS),
        ("DropPath", "a sample's whole branch", "samples × branch outputs",
         [[k] * COLS for k in ROWS_KEPT]),
    ]
    spec = {"p": P, "kept_value": kept_value,
            "panels": [{"name": n, "drops": d, "grid": g, "mask": m} for n, d, g, m in panels]}
    d = Drawing(
        "variant-masks", 452,
        "What each variant of dropout drops, p = 0.5",
        "Four grids with one possible mask each, kept entries filled, dropped ones empty. "
        "nn.Dropout drops single activations; nn.Dropout2d drops whole channels (whole rows); "
        "DropConnect drops single weights of a linear layer; DropPath drops a sample's whole "
        f"residual branch (whole rows). Each multiplies what it keeps by {label(kept_value)}.",
        spec,
    )
    d.heading("What is dropped, p = 0.5")
    cell = 18
    for k, (name, drops, grid, mask) in enumerate(panels):
        top = 40 + 92 * k
        d.mask(8, top, mask, cell)
        d.text(130, top + 16, name, size=14, weight="600")
        d.text(130, top + 36, f"drops {drops}", size=13, fill=MUTED)
        d.text(130, top + 54, grid, size=13, fill=MUTED)
    d.text(d.width / 2, 420, "every variant multiplies what it keeps", size=14, anchor="middle",
           fill=INK)
    d.text(d.width / 2, 440, f"by 1/(1 − p) = {label(kept_value)}", size=14, anchor="middle",
           fill=INK)
    return [d]
