"""backpropagation.md: the gradient of dropout is the mask divided by 1 - p. Six units with a
mask written by hand, forward and backward through y = m * x / (1 - p) by autograd; the same
identity is checked on nn.Dropout, whose masks are random."""
import torch
from torch import nn

from figures.svg import BLUE, INK, MUTED, OFF, ORANGE, PAPER, SHADE, Drawing, label

P = 0.6
X = [0.5, 1.2, -0.8, 2.0, 0.3, -1.5]
MASK = [1, 0, 1, 1, 0, 1]  # one possible mask, chosen to illustrate
UPSTREAM = [1.0, 2.0, -1.0, 0.5, 1.0, 2.0]  # dL/dy


def passes():
    """Forward and backward with the hand-written mask, by autograd; and nn.Dropout's input
    gradient equals its own mask / (1 - p)."""
    dropout = nn.Dropout(P)
    x = torch.tensor(X, dtype=torch.float64, requires_grad=True)
    y = dropout(x)
    y.backward(torch.tensor(UPSTREAM, dtype=torch.float64))
    kept = (y != 0).to(x.dtype)  # x has no zeros: kept exactly where y is non-zero
    assert torch.equal(x.grad, torch.tensor(UPSTREAM, dtype=x.dtype) * kept / (1 - P))
    x.grad = None
    mask = torch.tensor(MASK, dtype=torch.float64)
    y = mask * x / (1 - P)
    y.backward(torch.tensor(UPSTREAM, dtype=torch.float64))
    return {"x": X, "mask": MASK, "y": [round(v, 4) for v in y.tolist()],
            "upstream": UPSTREAM, "grad": [round(v, 4) for v in x.grad.tolist()], "p": P}


def drawings():
    spec = passes()
    d = Drawing(
        "gradient", 322,
        "The gradient of dropout is the mask divided by 1 − p, p = 0.6",
        f"Six units with mask {' '.join(map(str, MASK))}. Forward: y = m·x/{label(1 - P)}, so "
        f"kept inputs are multiplied by {label(1 / (1 - P))} and dropped ones become 0: y is "
        f"{', '.join(label(v) for v in spec['y'])}. Backward: the gradient with respect to x is "
        f"m·(dL/dy)/{label(1 - P)}, so the same units pass the upstream gradient times "
        f"{label(1 / (1 - P))} and the dropped units get 0: "
        f"{', '.join(label(v) for v in spec['grad'])}.",
        spec,
    )
    d.heading("One mask, forward and back, p = 0.6")
    rows = [("x", "x", INK), ("mask", "m", INK), ("y", "y = m·x / 0.4", BLUE),
            ("upstream", "∂L/∂y", INK), ("grad", "∂L/∂x = m·∂L/∂y / 0.4", ORANGE)]
    tops = [36, 74, 112, 170, 208]
    for (key, name, colour), top in zip(rows, tops):
        d.text(8, top + 24, name if len(name) < 8 else name.split(" = ")[0], size=14,
               weight="600", fill=colour)
        for i, value in enumerate(spec[key]):
            off = spec["mask"][i] == 0
            left = 64 + 48 * i
            d.rect(left, top + 4, 44, 30, fill=SHADE if off else PAPER,
                   stroke=OFF if off else colour, rx=4)
            d.text(left + 22, top + 24, label(value), size=14, anchor="middle",
                   fill=MUTED if off else colour)
    d.text(8, 166, "forward: y = m·x / (1 − p)", size=13, fill=MUTED)
    d.text(8, 270, "backward: ∂L/∂x = m · ∂L/∂y / (1 − p):", size=14)
    d.text(8, 290, "dropped units get no gradient, kept units", size=14)
    d.text(8, 310, f"pass it times 1/(1 − p) = {label(1 / (1 - P))}", size=14)
    return [d]
