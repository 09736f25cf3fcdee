"""Monte Carlo averaging over dropout masks: how fast it converges, and to what.

For the sigmoid unit of snippets/sigmoid_unit.py, average the outputs of T sub-networks drawn at
random and measure the root-mean-square error, over many repetitions, against
- the exact arithmetic mean over all 2**10 masks (it shrinks like sigma / sqrt(T)), and
- the full network's output (it stops at the gap between the two).

Regenerate the figure from the repository root with:
    .venv/bin/python -m snippets.mc_convergence
"""
from pathlib import Path

import torch

from snippets.mask_enumeration import all_masks, expectation, mask_probabilities
from snippets.sigmoid_unit import P, X, full_output, unit_output

FIGURE = Path(__file__).resolve().parents[1] / "docs" / "beyond" / "mc-convergence.svg"
SAMPLE_SIZES = [2**k for k in range(11)]  # T = 1, 2, 4, ..., 1024


def exact_moments():
    """The arithmetic mean, the standard deviation and the kurtosis of the unit's output over
    all masks, weighted by their probabilities."""
    masks = all_masks(len(X))
    probs = mask_probabilities(masks, P)
    y = unit_output(masks)
    mean = expectation(y, probs)
    var = expectation((y - mean) ** 2, probs)
    kurtosis = expectation((y - mean) ** 4, probs) / var**2
    return mean, var.sqrt(), kurtosis


def mc_rms_errors(sample_sizes=SAMPLE_SIZES, repeats=400):
    """RMS error of the Monte Carlo average of T outputs, for each T in sample_sizes, against
    the exact mean and against the full network; `repeats` independent runs per T.

    Each run draws max(sample_sizes) masks once; the estimate for T uses its first T draws."""
    mean, _, _ = exact_moments()
    keep = torch.full((repeats, max(sample_sizes), len(X)), 1 - P, dtype=torch.float64)
    y = unit_output(torch.bernoulli(keep))  # (repeats, T_max)
    running_mean = y.cumsum(dim=1) / torch.arange(1, y.shape[1] + 1, dtype=y.dtype)
    estimates = running_mean[:, [t - 1 for t in sample_sizes]]  # (repeats, len(sample_sizes))
    to_mean = ((estimates - mean) ** 2).mean(dim=0).sqrt()
    to_full = ((estimates - full_output()) ** 2).mean(dim=0).sqrt()
    return to_mean, to_full


def plot(path=FIGURE, repeats=1000, seed=0):
    """Draw the figure: white background and dark ink, legible in light and dark themes."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    torch.manual_seed(seed)
    mean, sd, _ = exact_moments()
    to_mean, to_full = mc_rms_errors(repeats=repeats)
    t = torch.tensor(SAMPLE_SIZES, dtype=torch.float64)
    gap = (full_output() - mean).abs().item()

    fig, ax = plt.subplots(figsize=(6.4, 4.2), facecolor="white")
    ax.set_facecolor("white")
    ax.loglog(t, sd / t.sqrt(), "--", color="0.45", label=r"$\sigma/\sqrt{T}$ (theory)")
    ax.loglog(t, to_mean, "o-", color="#1f4e9c", label="MC average vs exact arithmetic mean")
    ax.loglog(t, to_full, "s-", color="#b3541e",
              label="MC average vs full network (test-time output)")
    ax.axhline(gap, color="#b3541e", linewidth=0.8, linestyle=":")
    ax.annotate(f"gap = {gap:.4f}", (t[0], gap),
                textcoords="offset points", xytext=(2, -4), ha="left", va="top", color="#b3541e",
                fontsize=8)
    ax.set_xlabel("number of sampled masks T")
    ax.set_ylabel(f"RMS error over {repeats} repetitions")
    ax.set_title("Monte Carlo dropout averaging, one sigmoid unit, n = 10, p = 0.2", fontsize=10)
    ax.grid(True, which="major", color="0.85", linewidth=0.6)
    ax.legend(fontsize=8, frameon=True, facecolor="white", edgecolor="0.8")
    fig.tight_layout()
    # A fixed hash salt and no date: the file changes only when the data do.
    with plt.rc_context({"svg.hashsalt": "dropout"}):
        fig.savefig(path, format="svg", facecolor="white", metadata={"Date": None})
    plt.close(fig)
    return path


if __name__ == "__main__":
    print(plot())
