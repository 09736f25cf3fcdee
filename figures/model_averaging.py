"""mathematical-essence.md and model-averaging.md: the outputs of all 2**n sub-networks of a
sigmoid unit, weighted by their probabilities, with the three averages: the exact arithmetic
mean over masks, the normalised weighted geometric mean (which equals the full network), and
the band in which a Monte Carlo estimate from T = 4096 masks lies within five standard errors."""
import itertools
import math

import torch

from figures.svg import BLUE, EDGE, GREEN, ORANGE, Axes, Drawing, label, rounded
from snippets import sigmoid_unit
from snippets.mask_enumeration import all_masks, expectation, mask_probabilities, nwgm_of_sigmoid

T = 4096
BINS = 20  # outputs in (0, 1), bins of 0.05


def essence_unit():
    """The six-input unit of mathematical-essence.md: (masks, pre-activations, full output, p)."""
    p = 0.3
    w = torch.tensor([0.8, 0.4, -1.5, 0.6, 1.2, -0.3], dtype=torch.float64)
    x = torch.tensor([1.0, -2.0, 0.5, 3.0, -1.0, 2.0], dtype=torch.float64)
    masks = torch.tensor(list(itertools.product([0.0, 1.0], repeat=6)), dtype=torch.float64)
    return masks, (masks * x / (1 - p)) @ w, torch.sigmoid(w @ x), p


def beyond_unit():
    """The ten-input unit of snippets/sigmoid_unit.py, as model-averaging.md uses it."""
    masks = all_masks(len(sigmoid_unit.X))
    return masks, sigmoid_unit.pre_activation(masks), sigmoid_unit.full_output(), sigmoid_unit.P


def averages(masks, pre_activations, full, p):
    probs = mask_probabilities(masks, p)
    outputs = torch.sigmoid(pre_activations)
    mean = expectation(outputs, probs)
    geometric = nwgm_of_sigmoid(pre_activations, probs)
    assert torch.isclose(geometric, full, rtol=0, atol=1e-12)  # the full network is the NWGM
    sigma = expectation((outputs - mean) ** 2, probs).sqrt()
    bins = torch.clamp((outputs * BINS).long(), max=BINS - 1)
    mass = torch.zeros(BINS, dtype=probs.dtype).index_add_(0, bins, probs)
    return {"p": p, "n": masks.shape[1], "masks": len(masks), "mass": [rounded(m) for m in mass],
            "mean": rounded(mean), "nwgm": rounded(geometric), "full": rounded(full),
            "mc_T": T, "mc_halfwidth": rounded(5 * sigma / math.sqrt(T))}


def drawing(name, spec):
    n, masks = spec["n"], spec["masks"]
    d = Drawing(
        name, 316,
        f"Model averaging over the {masks} sub-networks of a sigmoid unit, p = {spec['p']}",
        f"Histogram of the outputs of the {masks} sub-networks of one sigmoid unit with {n} "
        f"inputs, each weighted by its mask's probability (p = {spec['p']}). Their exact "
        f"arithmetic mean is {spec['mean']}; the full network's output is {spec['full']}, "
        f"equal to their normalised weighted geometric mean. A Monte Carlo average of {T} "
        f"sampled sub-networks lies within ±{spec['mc_halfwidth']} of the arithmetic mean, "
        "five standard errors.",
        spec,
    )
    d.heading(f"{masks} sub-networks: three averages")
    top = max(spec["mass"])
    ylim = math.ceil(top * 20) / 20 + 0.05
    ax = Axes(d, 56, 112, 290, 140, xlim=(0, 1), ylim=(0, ylim))
    ax.frame([(v / 4, label(v / 4)) for v in range(5)],
             [(y / 20, label(y / 20)) for y in range(0, int(ylim * 20) + 1, 2 if ylim > 0.3 else 1)],
             "sub-network output σ(S(m))", "probability", ylabel_gap=44)
    lo, hi = spec["mean"] - spec["mc_halfwidth"], spec["mean"] + spec["mc_halfwidth"]
    for i, mass in enumerate(spec["mass"]):
        ax.bar(i / BINS + 0.004, (i + 1) / BINS - 0.004, mass, EDGE)
    d.rect(ax.px(lo), ax.y, ax.px(hi) - ax.px(lo), ax.h, fill=GREEN, opacity=0.35)
    for value, colour in ((spec["mean"], ORANGE), (spec["full"], BLUE)):
        d.line(ax.px(value), ax.y - 4, ax.px(value), ax.y + ax.h, stroke=colour, width=2.5)
    d.legend(8, 50, [
        (ORANGE, "line", f"arithmetic mean over masks: {spec['mean']}"),
        (BLUE, "line", f"full network = geometric mean (NWGM): {spec['full']}"),
        (GREEN, "box", f"Monte Carlo, T = {T}: mean ± {spec['mc_halfwidth']} (5 s.e.)"),
    ], size=13)
    return d


def drawings():
    return [drawing("model-averaging-six-inputs", averages(*essence_unit())),
            drawing("model-averaging", averages(*beyond_unit()))]
