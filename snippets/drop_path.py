"""Stochastic depth / DropPath (Huang et al. 2016), from scratch.

In training, each sample's residual branch is kept with probability
q = 1 - p and divided by q, or dropped entirely: the block computes
x + f(x) / q or just x. In eval mode it is the plain residual block
x + f(x). (Huang et al. drop a block for the whole mini-batch and multiply
the branch by its survival probability at test time; per-sample dropping
with inverted scaling is what torchvision.ops.stochastic_depth does with
mode="row".)
"""
from torch import nn


def drop_path(h, p=0.5, training=True):
    """Zero each sample's (row's) branch output with probability p and
    scale the other rows by 1/(1 - p)."""
    if not 0 <= p <= 1:
        raise ValueError(f"drop probability has to be between 0 and 1, got {p}")
    if not training or p == 0:
        return h
    if p == 1:
        return h * 0
    keep = h.new_empty((h.shape[0],) + (1,) * (h.dim() - 1)).bernoulli_(1 - p)
    return h * keep.div_(1 - p)


class Residual(nn.Module):
    """x + drop_path(branch(x)); the branch is dropped in training only."""

    def __init__(self, branch, p=0.5):
        super().__init__()
        self.branch, self.p = branch, p

    def forward(self, x):
        return x + drop_path(self.branch(x), self.p, self.training)
