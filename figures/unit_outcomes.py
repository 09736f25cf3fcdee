"""worked-example.md: the two outcomes of one unit (a = 1, p = 0.6) and their probabilities,
in the inverted scheme (PyTorch's nn.Dropout) and in the original scheme, with the test output."""
import torch
from torch import nn

from figures.svg import BLUE, INK, ORANGE, Axes, Drawing, label, rounded

P = 0.6


def outcomes():
    """Per scheme: {training output: probability}, and the test output, computed with torch."""
    q = 1 - P
    dropout = nn.Dropout(P)
    ones = torch.ones(1_000)  # both outcomes occur except with probability < 1e-221
    inverted_values = sorted(set(dropout(ones).tolist()))  # [0.0, 2.5]
    inverted_test = dropout.eval()(torch.ones(1)).item()  # the identity: 1.0
    mask = (dropout.train()(ones) != 0).float()
    original_values = sorted(set((mask * ones).tolist()))  # kept units unscaled: [0.0, 1.0]
    original_test = (torch.ones(1, dtype=torch.float64) * q).item()  # weights times q
    probability = {0.0: P}
    return {
        "inverted": ({v: probability.get(v, q) for v in inverted_values}, inverted_test),
        "original": ({v: probability.get(v, q) for v in original_values}, original_test),
    }


def drawings():
    schemes = outcomes()
    spec = {
        scheme: {
            "outcomes": [[rounded(v), rounded(pr)] for v, pr in dist.items()],
            "expected": rounded(sum(v * pr for v, pr in dist.items())),
            "test": rounded(test),
        }
        for scheme, (dist, test) in schemes.items()
    }
    d = Drawing(
        "unit-outcomes", 384,
        "One unit, a = 1, p = 0.6: training outcomes and test output",
        "Two bar charts. " + " ".join(
            f"{name}: the training output is "
            + " or ".join(f"{label(v)} with probability {label(pr)}" for v, pr in
                          sorted(spec[scheme]["outcomes"], reverse=True))
            + f"; its mean, {spec[scheme]['expected']:.1f}, equals the test output, "
            f"{spec[scheme]['test']:.1f}."
            for scheme, name in (("inverted", "Inverted dropout (PyTorch)"),
                                 ("original", "Original dropout"))),
        spec,
    )
    d.heading("One unit, a = 1, p = 0.6")
    panels = [("inverted", "Inverted (PyTorch)", BLUE, 40), ("original", "Original (2014)", ORANGE, 212)]
    for scheme, name, colour, top in panels:
        dist, test = schemes[scheme]
        ax = Axes(d, 64, top + 24, 276, 96, xlim=(-0.4, 2.9), ylim=(0, 1))
        d.text(8, top + 10, name, size=14, weight="600", fill=colour)
        d.text(352, top + 10, f"test output: {spec[scheme]['test']:.1f}", size=14, anchor="end",
               weight="600", fill=INK)
        ax.frame([(0, "0"), (1, "1"), (2, "2"), (2.5, "2.5")] if scheme == "inverted"
                 else [(0, "0"), (1, "1"), (2, "2")],
                 [(0, "0"), (0.5, "0.5"), (1, "1")],
                 "training output", "probability", ylabel_gap=40)
        for value, probability in dist.items():
            ax.bar(value - 0.16, value + 0.16, probability, colour)
            d.text(ax.px(value), ax.py(probability) - 5, label(probability), size=13,
                   anchor="middle")
        expected = spec[scheme]["expected"]
        d.line(ax.px(expected), ax.py(1), ax.px(expected), ax.py(0), stroke=INK, dash="5 4")
        d.text(ax.px(expected) + 4, ax.py(0.8), f"mean {expected:.1f}", size=13)
    return [d]
