"""Monte Carlo averaging over dropout masks: how fast it converges, and to what.

For the sigmoid unit of snippets/sigmoid_unit.py, average the outputs of T sub-networks drawn at
random and measure the root-mean-square error, over many repetitions, against
- the exact arithmetic mean over all 2**10 masks (it shrinks like sigma / sqrt(T)), and
- the full network's output (it stops at the gap between the two).

figures/mc_convergence.py draws these errors on docs/beyond/model-averaging.md.
"""
import torch

from snippets.mask_enumeration import all_masks, expectation, mask_probabilities
from snippets.sigmoid_unit import P, X, full_output, unit_output

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
