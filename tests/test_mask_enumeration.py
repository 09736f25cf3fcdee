"""snippets/mask_enumeration.py and snippets/sigmoid_unit.py: exact averages over all dropout
masks, and the facts docs/beyond/model-averaging.md builds on them."""

import itertools
import math

import pytest
import torch
from torch import nn

from snippets.mask_enumeration import all_masks, expectation, mask_probabilities, nwgm_of_sigmoid
from snippets.sigmoid_unit import B, P, W, X, full_output, pre_activation, unit_output


@pytest.mark.parametrize("n", [1, 3, 6, 10])
def test_all_masks_lists_every_mask_once(n):
    masks = all_masks(n)
    assert masks.shape == (2**n, n)
    assert set(masks.unique().tolist()) <= {0.0, 1.0}
    assert len({tuple(row) for row in masks.tolist()}) == 2**n


@pytest.mark.parametrize("p", [0.0, 0.1, 0.5, 0.8, 1.0])
def test_mask_probabilities_are_the_product_of_independent_bernoullis(p):
    masks = all_masks(4)
    probs = mask_probabilities(masks, p)
    for row, prob in zip(masks.tolist(), probs.tolist()):
        assert math.isclose(prob, math.prod((1 - p) if m else p for m in row), abs_tol=1e-15)
    assert math.isclose(probs.sum().item(), 1.0, rel_tol=1e-12)
    # each unit is kept with probability q
    assert torch.allclose(expectation(masks, probs), torch.full((4,), 1 - p, dtype=torch.float64))


@pytest.mark.parametrize("p", [0.1, 0.3, 0.5, 0.7, 0.9])
def test_weights_are_uniform_only_at_one_half(p):
    probs = mask_probabilities(all_masks(8), p)
    assert bool(torch.allclose(probs, probs[0].expand_as(probs))) == (p == 0.5)


@pytest.mark.parametrize("seed, p", list(itertools.product([0, 1, 2], [0.2, 0.5, 0.7])))
def test_linear_layer_is_the_exact_mean_over_masks(seed, p):
    torch.manual_seed(seed)
    layer = nn.Linear(7, 3, dtype=torch.float64)
    x = torch.randn(7, dtype=torch.float64)
    masks = all_masks(7)
    with torch.no_grad():
        mean = expectation(layer(masks * x / (1 - p)), mask_probabilities(masks, p))
        assert torch.allclose(mean, layer(x), rtol=1e-12, atol=1e-12)
        # without inverted scaling the mean is q W x + b, not the full layer
        unscaled = expectation(layer(masks * x), mask_probabilities(masks, p))
        assert torch.allclose(unscaled, (1 - p) * layer.weight @ x + layer.bias, rtol=1e-12, atol=1e-12)
        assert not torch.allclose(unscaled, layer(x))


@pytest.mark.parametrize("seed, p", list(itertools.product([0, 1, 2], [0.1, 0.5, 0.8])))
def test_nwgm_of_a_sigmoid_unit_is_the_sigmoid_of_the_mean_preactivation(seed, p):
    """Baldi & Sadowski 2013, for any weights, input and drop probability."""
    torch.manual_seed(seed)
    w, x, b = torch.randn(8, dtype=torch.float64), torch.randn(8, dtype=torch.float64), torch.randn(()).item()
    masks = all_masks(8)
    probs = mask_probabilities(masks, p)
    s = (masks * x) @ w / (1 - p) + b
    assert torch.isclose(nwgm_of_sigmoid(s, probs), torch.sigmoid(x @ w + b), rtol=0, atol=1e-12)
    # ... and generally not the arithmetic mean
    assert abs(expectation(torch.sigmoid(s), probs) - torch.sigmoid(x @ w + b)) > 1e-4



def test_nwgm_keeps_its_precision_on_saturated_units():
    """Sub-networks whose sigmoid rounds to exactly 1 in float64 (s > 37) still count with
    their pre-activation: the identity holds where log(1 - y) would be -inf."""
    masks = all_masks(2)
    probs = mask_probabilities(masks, 0.5)
    s = torch.tensor([-50.0, 40.0, -30.0, 42.0], dtype=torch.float64)
    assert torch.sigmoid(s)[[1, 3]].tolist() == [1.0, 1.0]
    mean = expectation(s, probs)
    assert torch.isclose(nwgm_of_sigmoid(s, probs), torch.sigmoid(mean), rtol=0, atol=1e-12)

def test_the_pages_sigmoid_unit():
    """The numbers docs/beyond/model-averaging.md prints, recomputed independently of its code:
    sum over masks written out with itertools, in plain Python floats."""
    q = 1 - P
    w, x = W.tolist(), X.tolist()
    arithmetic = 0.0
    for mask in itertools.product([0, 1], repeat=10):
        prob = math.prod(q if m else P for m in mask)
        s = sum(wj * mj * xj for wj, mj, xj in zip(w, mask, x)) / q + B
        arithmetic += prob / (1 + math.exp(-s))
    full = 1 / (1 + math.exp(-(sum(wj * xj for wj, xj in zip(w, x)) + B)))
    assert math.isclose(full_output().item(), full, rel_tol=1e-12)
    masks = all_masks(10)
    assert math.isclose(expectation(unit_output(masks), mask_probabilities(masks, P)).item(), arithmetic, rel_tol=1e-12)
    assert round(full - arithmetic, 4) == 0.0346
    assert torch.allclose(expectation(pre_activation(masks), mask_probabilities(masks, P)), X @ W + B)
