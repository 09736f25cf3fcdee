"""Channel dropout (SpatialDropout, Tompson et al. 2015), from scratch.

One Bernoulli draw per (sample, channel), broadcast over the positions:
a channel is either all zero or all scaled by 1/(1 - p). Works for
(N, C, L), (N, C, H, W) and (N, C, D, H, W) inputs, like nn.Dropout1d,
nn.Dropout2d and nn.Dropout3d.
"""
import torch


def channel_dropout(x, p=0.5, training=True):
    if not 0 <= p <= 1:
        raise ValueError(
            f"dropout probability has to be between 0 and 1, got {p}"
        )
    if not training or p == 0:
        return x
    if p == 1:
        return x * 0
    # PyTorch's feature dropout draws the same: a (N, C, 1, ..., 1) tensor
    # filled by bernoulli_(1 - p).
    keep = x.new_empty(x.shape[:2] + (1,) * (x.dim() - 2)).bernoulli_(1 - p)
    return x * keep.div_(1 - p)
