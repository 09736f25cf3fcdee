"""pytorch.md: the distribution of a layer's outputs in training against evaluation, for
nn.Dropout(0.5) on 1024 activations spread evenly over (0, 2). Evaluation: the histogram of the
module's eval-mode output, the input itself. Training: the exact expected histogram over masks,
p of the outputs at 0 and 1 - p of them at x / (1 - p); tests/test_figures.py checks sampled
nn.Dropout outputs against it."""
import torch
from torch import nn

from figures.svg import BLUE, MUTED, ORANGE, Axes, Drawing, label, rounded

P = 0.5
N = 1_024  # 64 training outputs per bin, 128 evaluation outputs
EDGES = [0.25 * k for k in range(17)]  # bins of width 0.25 over (0, 4]


def activations():
    """A layer's outputs, written down so they are the same everywhere: mean 1, variance 1/3."""
    return (torch.arange(N, dtype=torch.float64) + 0.5) * 2 / N


def histogram(values, weights=None):
    """Fraction of the outputs that are exactly 0, then in each bin (EDGES[i], EDGES[i+1]]."""
    weights = torch.full_like(values, 1 / len(values)) if weights is None else weights
    zero = weights[values == 0].sum()
    bins = torch.bucketize(values, torch.tensor(EDGES, dtype=values.dtype))  # (e[i-1], e[i]]
    per_bin = [weights[(bins == i) & (values != 0)].sum() for i in range(1, len(EDGES))]
    return torch.stack([zero, *per_bin])


def distributions():
    """The eval-mode histogram, by nn.Dropout, and the expected training one, over masks."""
    dropout = nn.Dropout(P)
    x = activations()
    kept = dropout(x)
    scaled = x / (1 - P)
    assert torch.equal(kept[kept != 0], scaled[kept != 0])  # kept units: x / (1 - p) exactly
    outcomes = torch.cat([torch.zeros(N, dtype=x.dtype), scaled])  # each unit: 0 or x / q
    weights = torch.cat([torch.full((N,), P / N), torch.full((N,), (1 - P) / N)]).to(x.dtype)
    train = histogram(outcomes, weights)
    evaluation = histogram(dropout.eval()(x))
    mean_train = weights @ outcomes
    var_train = weights @ (outcomes - mean_train) ** 2
    return train, evaluation, (mean_train, var_train), (x.mean(), x.var(unbiased=False))


def drawings():
    train, evaluation, (m_t, v_t), (m_e, v_e) = distributions()
    spec = {"p": P, "edges": EDGES, "train": [rounded(v) for v in train],
            "eval": [rounded(v) for v in evaluation],
            "train_mean_var": [rounded(m_t), rounded(v_t)],
            "eval_mean_var": [rounded(m_e), rounded(v_e)]}
    d = Drawing(
        "train-eval-distribution", 306,
        "Outputs of nn.Dropout(0.5) in training and in evaluation",
        "Histogram of a layer's 1024 outputs, spread evenly over 0 to 2 in evaluation mode. In "
        "training, half of them, on average, are exactly 0, and the rest are doubled, spread "
        f"over 0 to 4. Both have mean {label(m_e)}; the variance is {label(v_e)} in evaluation "
        f"and {label(v_t)} in training.",
        spec,
    )
    d.heading("nn.Dropout(0.5): training and evaluation")
    ax = Axes(d, 54, 40, 296, 200, xlim=(-0.6, 4.05), ylim=(0, 0.55))
    ax.frame([(-0.3, "= 0"), (1, "1"), (2, "2"), (3, "3"), (4, "4")],
             [(y, label(y)) for y in (0, 0.1, 0.2, 0.3, 0.4, 0.5)],
             "output value (bins of 0.25)", "fraction of outputs", ylabel_gap=42)
    d.text(ax.px(1.7), ax.py(0) + 56, "the bar at 0: outputs exactly 0", size=13, anchor="middle",
           fill=MUTED)
    ax.bar(-0.52, -0.3, evaluation[0], BLUE)
    ax.bar(-0.3, -0.08, train[0], ORANGE)
    d.text(ax.px(-0.19), ax.py(train[0]) - 5, label(train[0]), size=13, anchor="middle")
    for i in range(len(EDGES) - 1):
        lo = EDGES[i]
        ax.bar(lo + 0.02, lo + 0.125, evaluation[i + 1], BLUE)
        ax.bar(lo + 0.125, lo + 0.23, train[i + 1], ORANGE)
    d.legend(112, 76, [
        (BLUE, "box", f"eval: mean {label(m_e)}, variance {label(v_e)}"),
        (ORANGE, "box", f"train: mean {label(m_t)}, variance {label(v_t)}"),
    ], size=13)
    return [d]
