"""regularisation.md: dropout's expected loss is the full model's loss plus a penalty. Two inputs
carrying the same signal, x = (1, 1), target 1, weights (w, 1 - w): every split fits exactly
without dropout, but the expected squared loss over the four masks, enumerated with torch, is
(p / q) (w^2 + (1 - w)^2), smallest when the weight is shared equally."""
import torch

from figures.svg import BLUE, INK, ORANGE, Axes, Drawing, label, rounded
from snippets.mask_enumeration import all_masks, expectation, mask_probabilities

X = torch.tensor([1.0, 1.0], dtype=torch.float64)
Y = 1.0
PS = [0.2, 0.5]
WS = [k / 10 for k in range(11)]


def expected_losses(p):
    """Per w: the squared loss averaged over all masks, and the penalty formula."""
    masks = all_masks(2)
    probs = mask_probabilities(masks, p)
    rows = []
    for w in WS:
        weights = torch.tensor([w, 1 - w], dtype=torch.float64)
        losses = (Y - (masks * X) @ weights / (1 - p)) ** 2
        penalty = p / (1 - p) * (weights**2 * X**2).sum()
        full = (Y - X @ weights) ** 2
        rows.append((w, expectation(losses, probs).item(), (full + penalty).item()))
    return rows


def drawings():
    curves = {p: expected_losses(p) for p in PS}
    spec = {"x": X.tolist(), "y": Y, "w": WS,
            "expected_loss": {str(p): [rounded(e) for _, e, _ in rows] for p, rows in curves.items()},
            "formula": {str(p): [rounded(f) for _, _, f in rows] for p, rows in curves.items()}}
    ends = {p: (rows[0][1], rows[5][1]) for p, rows in curves.items()}
    d = Drawing(
        "dropout-penalty", 378,
        "Expected loss under dropout: the full model's loss plus a penalty",
        "Line plot of the squared loss averaged over the four dropout masks against the weight "
        "w on the first of two identical inputs, the other getting 1 − w. Without dropout every "
        "w fits exactly, loss 0. With dropout the expected loss is "
        + "; ".join(f"for p = {p}, {label(a, 3)} at w = 0 or 1 and {label(b, 3)} at w = 0.5"
                    for p, (a, b) in ends.items())
        + ": the penalty (p/q)(w² + (1 − w)²) favours sharing the weight.",
        spec,
    )
    d.heading("Dropout's penalty favours shared weights")
    ax = Axes(d, 56, 40, 288, 200, xlim=(0, 1), ylim=(0, 1.05))
    ax.frame([(w, label(w)) for w in (0, 0.25, 0.5, 0.75, 1)],
             [(v, label(v)) for v in (0, 0.25, 0.5, 0.75, 1)],
             "weight w on input 1 (1 − w on input 2)", "expected loss", ylabel_gap=44)
    for p, colour in zip(PS, (BLUE, ORANGE)):
        rows = curves[p]
        ax.line(WS, [f for _, _, f in rows], colour, width=2, dash="6 4")
        ax.dots(WS, [e for _, e, _ in rows], colour)
    ax.line([0, 1], [0, 0], INK, width=2.5)
    d.legend(8, 300, [
        (ORANGE, "dot", "p = 0.5: mean over the 4 masks"),
        (BLUE, "dot", "p = 0.2: mean over the 4 masks"),
        (ORANGE, "dash", "(p/q)(w² + (1 − w)²)"),
        (INK, "line", "without dropout: 0 for every w"),
    ], size=13)
    return [d]
