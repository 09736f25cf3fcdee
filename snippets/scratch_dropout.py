"""Inverted dropout from scratch: the same mask as nn.Dropout on the CPU,
the same gradient."""

import torch
from torch import nn


class DropoutFunction(torch.autograd.Function):
    """y = x * mask / (1 - p) for a given 0/1 mask, with its gradient
    written out by hand."""

    @staticmethod
    def forward(ctx, x, mask, p):
        # Dividing the mask (not the product) by 1 - p is what ATen does, so
        # the output matches nn.Dropout bit for bit, not only to rounding.
        scaled_mask = mask / (1 - p)
        ctx.save_for_backward(scaled_mask)
        return x * scaled_mask

    @staticmethod
    def backward(ctx, grad_output):
        (scaled_mask,) = ctx.saved_tensors
        # y is linear in x with a diagonal Jacobian: the gradient passes where
        # the mask kept a unit, scaled by the same 1 / (1 - p), and is zero
        # where it dropped one. The mask and p get no gradient.
        return grad_output * scaled_mask, None, None


class ScratchDropout(nn.Module):
    def __init__(self, p=0.5):
        super().__init__()
        # the same test and message as nn.Dropout
        if p < 0 or p > 1:
            raise ValueError(
                f"dropout probability has to be between 0 and 1, but got {p}"
            )
        self.p = p

    def forward(self, x):
        if not self.training or self.p == 0:
            # the identity, as in nn.Dropout: the very tensor passed in
            return x
        if self.p == 1:
            # nothing is kept and 1 / (1 - p) does not exist
            return x * x.new_zeros(())
        # Drawn as PyTorch's CPU kernel draws it
        # (aten/src/ATen/native/Dropout.cpp): a tensor like x, dtype included,
        # filled by bernoulli_(1 - p). The same call on the same generator
        # gives the same mask after the same seed; torch.bernoulli(probs) or
        # torch.rand(...) < 1 - p would consume the random numbers differently.
        mask = torch.empty_like(x).bernoulli_(1 - self.p)
        return DropoutFunction.apply(x, mask, self.p)

    def extra_repr(self):
        return f"p={self.p}"
