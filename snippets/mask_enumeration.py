"""Every dropout mask of a layer of n units, with its probability.

Averages over all masks computed with these helpers are exact, not sampled.
"""
import torch


def all_masks(n, dtype=torch.float64):
    """The 2**n masks of n units, one per row: 1 = kept, 0 = dropped."""
    codes = torch.arange(2**n)
    return ((codes[:, None] >> torch.arange(n)) & 1).to(dtype)


def mask_probabilities(masks, p):
    """P(mask) = q**kept * p**dropped per row; p drops, q = 1 - p keeps."""
    kept = masks.sum(dim=1)
    dropped = masks.shape[1] - kept
    return (1 - p) ** kept * p**dropped


def expectation(values, probs):
    """Exact mean over masks: sum of P(m) * value(m), one row per mask."""
    return torch.tensordot(probs, values, dims=1)


def nwgm_of_sigmoid(pre_activations, probs):
    """Normalised weighted geometric mean of sigmoid outputs y = sigmoid(s):
    G / (G + G'), with G = prod y**P(m) and G' = prod (1 - y)**P(m)
    (Baldi & Sadowski 2013). Taken from the pre-activations s, because
    log y = logsigmoid(s) and log(1 - y) = logsigmoid(-s) keep their precision
    where y rounds to 0 or 1 (a saturated unit)."""
    logsigmoid = torch.nn.functional.logsigmoid
    log_g = expectation(logsigmoid(pre_activations), probs)
    log_g_complement = expectation(logsigmoid(-pre_activations), probs)
    # G / (G + G') = 1 / (1 + exp(log G' - log G)), computed stably:
    return torch.sigmoid(log_g - log_g_complement)
