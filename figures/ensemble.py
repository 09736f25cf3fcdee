"""design-implications.md: all 2**4 thinned versions of a layer of four units, grouped by how
many units they keep, each with its probability q**kept * p**dropped for p = 1/5."""
from fractions import Fraction

from figures.svg import BLUE, EDGE, INK, MUTED, PAPER, RIM, Drawing
from snippets.mask_enumeration import all_masks, mask_probabilities

N = 4
P = 0.2  # the page's p = 1/5


def masks_by_kept():
    """{kept: (masks, probability of each as a fraction)}, computed with torch in float64."""
    masks = all_masks(N)
    probs = mask_probabilities(masks, P)
    groups = {}
    for mask, prob in zip(masks.tolist(), probs.tolist()):
        kept = int(sum(mask))
        groups.setdefault(kept, ([], Fraction(prob).limit_denominator(10_000)))[0].append(mask)
    return dict(sorted(groups.items(), reverse=True))


def mini(d, cx, top, mask):
    """Four units feeding one output; dropped units hollow, their connections gone."""
    out = (cx, top)
    for i, keep in enumerate(mask):
        x, y = cx - 13.5 + 9 * i, top + 28
        if keep:
            d.line(x, y, *out, stroke=EDGE, width=1.2)
            d.circle(x, y, 4, fill=BLUE, stroke=INK, width=1)
        else:
            d.circle(x, y, 4, fill=PAPER, stroke=RIM, width=1.2, dash="2 2")
    d.circle(*out, 4.5, fill=PAPER, stroke=INK, width=1)


def drawings():
    groups = masks_by_kept()
    spec = {
        "p": P, "n": N, "masks": sum(len(m) for m, _ in groups.values()),
        "groups": [{"kept": k, "masks": m, "probability": str(pr)} for k, (m, pr) in groups.items()],
        "total_probability": str(sum(len(m) * pr for m, pr in groups.values())),
    }
    d = Drawing(
        "ensemble", 400,
        "All 16 thinned networks of a layer of four units, p = 1/5",
        f"The {spec['masks']} masks of four units, in five rows by the number of kept units: "
        + "; ".join(f"keeping {k}: {len(m)} {'mask' if len(m) == 1 else 'masks'}, probability {pr}"
                    + ("" if len(m) == 1 else " each") for k, (m, pr) in groups.items())
        + f". The probabilities sum to {spec['total_probability']}.",
        spec,
    )
    d.heading("2⁴ = 16 thinned networks, p = 1/5")
    row_top = 42
    for kept, (masks, prob) in groups.items():
        d.text(8, row_top + 20, f"{kept} kept", size=14, weight="600")
        d.text(8, row_top + 38, f"{prob} each", size=13, fill=MUTED)
        for i, mask in enumerate(masks):
            mini(d, 134 + 38 * i, row_top + 8, mask)
        row_top += 62
    d.text(180, 366, f"probabilities sum to {spec['total_probability']}:", size=14, anchor="middle")
    d.text(180, 386, "q^kept · p^dropped, not 1/16 each", size=14, anchor="middle")
    return [d]
