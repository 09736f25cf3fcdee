"""pitfalls.md: what nn.Dropout2d drops in one image of 3 channels, at p = 0.5. Without the batch
dimension it reads (C, H, W) as (N, C, L) and drops whole rows of each channel; with it, whole
channels. The masks drawn are written by hand; what is dropped together, and the factor
1/(1 - p) = 2 on what is kept, are checked on PyTorch's module."""
import warnings

import torch
from torch import nn

from figures.svg import MUTED, Drawing, label

P = 0.5
SIZE = 4  # each channel drawn as SIZE x SIZE pixels
# Hand-written, chosen to illustrate: one list of kept rows per channel; kept channels.
ROWS_KEPT = [[1, 0, 1, 1], [0, 1, 0, 1], [1, 1, 0, 0]]
CHANNELS_KEPT = [1, 0, 1]


def checked():
    """What nn.Dropout2d drops together in a (3, H, W) and an (N, 3, H, W) input, and the factor
    on what it keeps, from torch. The first two checks hold for every mask; the factor check
    needs a kept and a dropped row, and a kept and a dropped channel (missing with a chance
    below 10**-14 here)."""
    torch.manual_seed(0)  # any seed: see above
    images = torch.ones(64, 3, 16, 16)
    dropout = nn.Dropout2d(P)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the warning itself is shown on the page
        unbatched = dropout(images[0])
    batched = dropout(images)
    assert (unbatched == unbatched.amax(dim=2, keepdim=True)).all()  # a row is kept or dropped whole
    assert (batched == batched.amax(dim=(2, 3), keepdim=True)).all()  # so is a channel
    factors = [sorted(set(t.flatten().tolist())) for t in (unbatched, batched)]
    assert all(f == [0.0, 1 / (1 - P)] for f in factors), factors
    return max(factors[0])


def drawings():
    kept_value = checked()
    panels = [
        ("Without a batch dimension: (C, H, W)", "read as (N, C, L): whole rows dropped",
         [[[k] * SIZE for k in rows] for rows in ROWS_KEPT]),
        ("With a batch dimension: (1, C, H, W)", "whole channels dropped",
         [[[k] * SIZE] * SIZE for k in CHANNELS_KEPT]),
    ]
    spec = {"p": P, "kept_value": kept_value,
            "panels": [{"input": i, "drops": d, "masks": m} for i, d, m in panels]}
    d = Drawing(
        "dropout2d-input", 432,
        "What nn.Dropout2d drops in one image of 3 channels, p = 0.5",
        "Two rows of three 4 by 4 grids, one grid per channel, kept pixels filled, dropped ones "
        "empty; one possible mask each. Given the image without a batch dimension, nn.Dropout2d "
        "drops whole rows of each channel, independently. Given it with a batch dimension, it "
        f"drops whole channels. Both multiply what they keep by {label(kept_value)}.",
        spec,
    )
    d.heading("What nn.Dropout2d drops, p = 0.5")
    cell, gap = 22, 24
    left0 = (d.width - 3 * SIZE * cell - 2 * gap) / 2
    for k, (shape, drops, masks) in enumerate(panels):
        top = 52 + 180 * k
        d.text(left0, top, shape, size=14, weight="600")
        d.text(left0, top + 19, drops, size=13, fill=MUTED)
        for channel, mask in enumerate(masks):
            left = left0 + channel * (SIZE * cell + gap)
            d.mask(left, top + 30, mask, cell)
            d.text(left + SIZE * cell / 2, top + 30 + SIZE * cell + 18, f"channel {channel + 1}",
                   size=13, anchor="middle", fill=MUTED)
    d.text(d.width / 2, 420, f"both multiply what they keep by 1/(1 − p) = {label(kept_value)}",
           size=14, anchor="middle")
    return [d]
