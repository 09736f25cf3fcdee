"""special-cases.md and variance-shift.md: the variance shift through BatchNorm. Activations
with mean 1 and variance 1 go through dropout into nn.BatchNorm1d; the running variance it
learns, against p, is the training-time variance (c^2 + v)/(1 - p) - c^2, while at test time it
sees variance 1. No random draws: the training batch holds every dropout outcome in proportion
to its probability, so BatchNorm's statistics are the exact ones (up to its n/(n-1))."""
from fractions import Fraction

import torch
from torch import nn

from figures.svg import BLUE, INK, ORANGE, Drawing, against_p, label, rounded

PS = [Fraction(k, 10) for k in range(9)]  # 0, 0.1, ..., 0.8
C, V = 1.0, 1.0
DATA = torch.tensor([0.0, 2.0], dtype=torch.float64).repeat(200)  # mean 1, variance 1 (as a population)


def dropout_batch(p):
    """Each activation x, ten times: 10(1 - p) copies of x / (1 - p) and 10p zeros, the
    distribution of inverted dropout's output, exactly."""
    kept, dropped = int(10 * (1 - p)), int(10 * p)
    q = float(1 - p)
    return torch.cat([(DATA / q).repeat(kept), torch.zeros(len(DATA) * dropped, dtype=DATA.dtype)])[:, None]


def shift():
    """Per p: BatchNorm's running variance after the dropout batch, the closed form, and the
    variance of BatchNorm's eval-mode output on the clean activations."""
    rows = []
    for p in PS:
        bn = nn.BatchNorm1d(1, momentum=None, affine=False, dtype=DATA.dtype)
        batch = dropout_batch(p)
        bn(batch)
        n = len(batch)
        running = bn.running_var.item() * (n - 1) / n  # BatchNorm stores the unbiased estimate
        closed_form = (C**2 + V) / float(1 - p) - C**2
        test_var = bn.eval()(DATA[:, None]).var(unbiased=False).item()
        rows.append((float(p), running, closed_form, test_var))
    return rows


def drawings():
    rows = shift()
    spec = {"c": C, "v": V,
            "rows": [[p, rounded(r, 3), rounded(cf, 3), rounded(t, 3)] for p, r, cf, t in rows]}
    at_half = next(r for r in rows if r[0] == 0.5)
    d = Drawing(
        "variance-shift", 352,
        "Variance shift: what BatchNorm learns after dropout, against p",
        f"Line plot against p from 0 to {rows[-1][0]} for activations with mean {label(C)} and "
        f"variance {label(V)}. BatchNorm's running variance after dropout rises from "
        f"{label(rows[0][1])} to {label(rows[-1][1])}, following (c² + v)/(1 − p) − c²; the "
        f"variance at test time stays {label(V)}. At p = 0.5 BatchNorm learns "
        f"{label(at_half[1])}, so its test-time output has variance {label(at_half[3])} "
        f"instead of {label(V)}.",
        spec,
    )
    d.heading("What BatchNorm learns after dropout")
    ax = against_p(d, 0.8, "variance")
    ps = [r[0] for r in rows]
    ax.line(ps, [r[2] for r in rows], ORANGE, width=2, dash="6 4")
    ax.dots(ps, [r[1] for r in rows], ORANGE)
    ax.line(ps, [V for _ in rows], BLUE)
    d.line(ax.px(0.5), ax.py(V), ax.px(0.5), ax.py(at_half[1]), stroke=INK, width=1.2, dash="3 3")
    d.text(ax.px(0.02), ax.py(8.8), f"p = 0.5: BatchNorm learns {label(at_half[1])};", size=13)
    d.text(ax.px(0.02), ax.py(8.8) + 18, f"test output variance {label(at_half[3])}", size=13)
    d.legend(8, 304, [(ORANGE, "dash", "(c² + v)/(1 − p) − c², training variance"),
                      (ORANGE, "dot", "running_var of nn.BatchNorm1d"),
                      (BLUE, "line", "variance at test time, v = 1")], size=13)
    return [d]
