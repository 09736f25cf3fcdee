"""core-concept.md: a network before and after dropout. One mask, written by hand, switches off
two of the five hidden units; the kept ones are scaled by 1/(1 - p), and the mask is one of 2**5.
With mini-batches each example draws its own mask, so one step trains several thinned networks."""
import torch
from torch import nn

from figures.svg import BLUE, EDGE, INK, MUTED, OFF, PAPER, SHADE, Drawing, label
from snippets.mask_enumeration import all_masks

P = 0.5
LAYERS = [3, 5, 2]  # inputs, hidden units (with dropout), outputs
MASK = [1, 0, 1, 1, 0]  # one possible mask of the hidden layer, chosen to illustrate
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def facts():
    """The kept units' scale, read off nn.Dropout, and the number of thinned networks."""
    values = set(nn.Dropout(P)(torch.ones(1_000)).tolist())  # {0.0, 2.0}, whatever the mask
    return {"p": P, "layers": LAYERS, "mask": MASK, "kept_scale": max(values),
            "thinned_networks": len(all_masks(LAYERS[1]))}


def network(d, left, width, mask, scale):
    """Draw one network; mask None draws the full network."""
    top, height = 70, 180
    xs = [left + width * i / 2 for i in range(3)]
    nodes = [[(xs[i], top + height * (j + 0.5) / n) for j in range(n)]
             for i, n in enumerate(LAYERS)]
    kept = [True] * LAYERS[1] if mask is None else [bool(m) for m in mask]
    for (a, b), keep in [((0, 1), kept), ((1, 2), kept)]:
        for j, (x1, y1) in enumerate(nodes[a]):
            for k, (x2, y2) in enumerate(nodes[b]):
                on = keep[k] if a == 0 else keep[j]
                if on:
                    d.line(x1, y1, x2, y2, stroke=EDGE, width=1.2)
    for i, layer in enumerate(nodes):
        for j, (x, y) in enumerate(layer):
            if i == 1 and not kept[j]:
                d.circle(x, y, 11, fill=SHADE, stroke=OFF, dash="3 3")
                d.line(x - 6, y - 6, x + 6, y + 6, stroke=MUTED, width=2)
                d.line(x - 6, y + 6, x + 6, y - 6, stroke=MUTED, width=2)
            else:
                d.circle(x, y, 11, fill=BLUE if i == 1 else PAPER, stroke=INK)
                if i == 1 and mask is not None:
                    d.text(x + 14, y - 8, f"×{label(scale)}", size=13, fill=INK)


def drawings():
    spec = facts()
    n = LAYERS[1]
    d = Drawing(
        "thinned-network", 300,
        f"A network before and after dropout, p = {P}",
        "Left: the full network, 3 inputs, 5 hidden units, 2 outputs, every connection present. "
        "Right: the same network as one training example sees it, with dropout on the hidden layer: "
        "units 2 and 5 are switched off with their connections, and the 3 kept units are "
        f"multiplied by {label(spec['kept_scale'])}. The 5 hidden units have "
        f"{spec['thinned_networks']} such thinned networks.",
        spec,
    )
    d.heading(f"Dropout on the hidden layer, p = {P}")
    d.text(90, 44, "full network", size=13, anchor="middle", fill=MUTED)
    d.text(90, 60, "(evaluation)", size=13, anchor="middle", fill=MUTED)
    d.text(266, 44, "one thinned network", size=13, anchor="middle", fill=MUTED)
    d.text(266, 60, "(training)", size=13, anchor="middle", fill=MUTED)
    network(d, 24, 132, None, 1)
    network(d, 190, 132, MASK, spec["kept_scale"])
    d.text(180, 272, f"{n} hidden units: 2{str(n).translate(SUPERSCRIPT)} = {spec['thinned_networks']} thinned networks;",
           size=14, anchor="middle")
    d.text(180, 291, "each example draws one; all share the weights", size=14,
           anchor="middle")
    return [d]
