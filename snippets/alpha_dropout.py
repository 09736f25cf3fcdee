"""Alpha dropout (Klambauer et al. 2017), from scratch.

A dropped unit is set to SELU's negative saturation value
alpha' = -lambda * alpha instead of 0; the affine map a * (.) + b then
restores mean 0 and variance 1 for an input with mean 0 and variance 1.
With q = 1 - p the keep probability:
    a = (q + alpha'**2 * q * p) ** -0.5,    b = -a * p * alpha'.
"""
import torch

# alpha of torch.nn.SELU
SELU_ALPHA = 1.6732632423543772848170429916717
# lambda of torch.nn.SELU
SELU_SCALE = 1.0507009873554804934193349852946
# SELU(x) as x -> -inf: -1.7581
ALPHA_PRIME = -SELU_SCALE * SELU_ALPHA


def alpha_dropout_constants(p):
    """The affine correction (a, b) for drop probability p."""
    q = 1 - p
    a = (q + ALPHA_PRIME**2 * q * p) ** -0.5
    b = -a * p * ALPHA_PRIME
    return a, b


def alpha_dropout(x, p=0.5, training=True):
    if not 0 <= p <= 1:
        raise ValueError(
            f"dropout probability has to be between 0 and 1, got {p}"
        )
    if not training or p == 0:
        return x
    if p == 1:
        # what nn.AlphaDropout returns for p = 1
        return x * 0
    a, b = alpha_dropout_constants(p)
    # nn.AlphaDropout's draw
    keep = torch.empty_like(x).bernoulli_(1 - p)
    return a * (x * keep + ALPHA_PRIME * (1 - keep)) + b
