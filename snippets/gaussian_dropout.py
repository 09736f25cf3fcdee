import torch


def gaussian_dropout(x, p, training=True):
    """Multiply x by noise drawn from N(1, p / (1 - p)): the mean and variance
    of inverted dropout's multiplier with drop probability p, without zeros."""
    if not training or p == 0:
        return x
    std = (p / (1 - p)) ** 0.5
    return x * (1 + std * torch.randn_like(x))
