"""DropConnect (Wan et al. 2013) for a linear layer, from scratch.

Each weight is kept with probability q = 1 - p, or dropped; every sample
of the batch gets its own weight mask. Kept weights are divided by q
(inverted scaling), so the full layer is the exact mean over masks.
Wan et al. do not rescale; at inference they approximate the mean over
masks with a Gaussian instead.
"""
import torch
import torch.nn.functional as F


def dropconnect_linear(x, weight, bias=None, p=0.5, training=True, mask=None):
    """x @ (mask * weight / (1 - p)).T + bias, for x: (N, in) and
    weight: (out, in). mask: 0/1, shape (out, in) for the whole batch or
    (N, out, in); drawn per sample when omitted."""
    if not 0 <= p <= 1:
        raise ValueError(f"drop probability has to be between 0 and 1, got {p}")
    if not training or p == 0:
        return F.linear(x, weight, bias)
    if p == 1:
        return F.linear(x, weight * 0, bias)
    if mask is None:
        shape = (x.shape[0],) + weight.shape
        mask = torch.empty(shape, dtype=x.dtype).bernoulli_(1 - p)
    masked = mask * weight / (1 - p)
    if masked.dim() == 2:
        y = x @ masked.T
    else:
        y = torch.einsum("ni,noi->no", x, masked)
    return y if bias is None else y + bias
