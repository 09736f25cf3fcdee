"""maths.md: what inverted dropout does to one unit (a = 1) as p grows: the kept value
a / (1 - p), read off nn.Dropout; the mean over the mask, a; the standard deviation,
a * sqrt(p / (1 - p)), from the two outcomes and their probabilities."""
import torch
import torch.nn.functional as F

from figures.svg import BLUE, GREEN, ORANGE, Drawing, against_p, label, rounded

PS = [round(0.1 * k, 1) for k in range(10)]  # 0, 0.1, ..., 0.9


def moments():
    """Per p: the kept value from F.dropout, and the mean and standard deviation of the output
    computed exactly from its two outcomes, a / q with probability q and 0 with probability p."""
    rows = []
    for p in PS:
        kept = max(F.dropout(torch.ones(1_000), p, training=True).tolist())  # 1 / (1 - p)
        values = torch.tensor([kept, 0.0], dtype=torch.float64)
        probs = torch.tensor([1 - p, p], dtype=torch.float64)
        mean = probs @ values
        sd = (probs @ (values - mean) ** 2).sqrt()
        rows.append((p, kept, mean.item(), sd.item()))
    return rows


def drawings():
    rows = moments()
    spec = {"a": 1, "rows": [[p, rounded(k), rounded(m), rounded(s)] for p, k, m, s in rows]}
    d = Drawing(
        "mean-and-spread", 352,
        "One unit, a = 1, under inverted dropout: kept value, mean and spread against p",
        f"Line plot against the drop probability p from 0 to {PS[-1]}. The kept value "
        f"1/(1 − p) rises from {label(rows[0][1])} to {label(rows[-1][1])}; the mean of the "
        f"output stays at {label(rows[0][2])} for every p; its standard deviation, the square "
        f"root of p/(1 − p), rises from {label(rows[0][3])} to {label(rows[-1][3])}.",
        spec,
    )
    d.heading("a = 1: the mean is kept, the spread grows")
    ax = against_p(d, 0.9, "output")
    ps = [r[0] for r in rows]
    for column, colour, dash in ((1, ORANGE, None), (2, BLUE, None), (3, GREEN, "6 4")):
        ax.line(ps, [r[column] for r in rows], colour, dash=dash)
        ax.dots(ps, [r[column] for r in rows], colour)
    d.legend(8, 304, [(ORANGE, "line", "kept value 1/(1 − p), from F.dropout"),
                      (BLUE, "line", "mean over the mask: 1"),
                      (GREEN, "dash", "standard deviation √(p/(1 − p))")], size=13)
    return [d]
