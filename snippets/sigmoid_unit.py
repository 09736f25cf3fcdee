"""One sigmoid unit with 10 inputs, inverted dropout (p = 0.2) on the inputs.

The weights and the input are written by hand, so every number computed
from them is the same on every machine.
"""
import torch

# drop probability; each input is kept with probability 1 - P
P = 0.2
W = torch.tensor([0.9, -0.6, 1.2, 0.4, -1.1, 0.7, 0.3, -0.8, 1.0, 0.5],
                 dtype=torch.float64)
X = torch.tensor([1.0, 0.5, -0.5, 2.0, 1.0, -1.0, 1.5, 0.5, 1.0, -0.5],
                 dtype=torch.float64)
B = 1.0


def pre_activation(masks, p=P):
    """S(m) = w . (m * x) / (1 - p) + b for each mask (one per row)."""
    return (masks * X) @ W / (1 - p) + B


def unit_output(masks, p=P):
    """The sub-network's output sigmoid(S(m)) for each mask."""
    return torch.sigmoid(pre_activation(masks, p))


def full_output():
    """The network used at test time: no mask and, with inverted dropout,
    no scaling."""
    return torch.sigmoid(X @ W + B)
