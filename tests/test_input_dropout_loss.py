"""snippets/input_dropout_loss.py (docs/beyond/regularisation.md): the expected squared loss
under inverted input dropout is the plain loss plus (p/q) sum_j w_j^2 x_j^2, and its minimiser is
ridge regression with per-feature weights sum_i x_ij^2."""

import itertools
import math

import pytest
import torch
import torch.nn.functional as F
from sklearn.linear_model import Ridge

from snippets.input_dropout_loss import (dropout_ridge_solution, expected_loss_closed_form,
                                         expected_loss_enumerated, loss_per_mask)
from snippets.mask_enumeration import expectation


def data(seed, n=15, d=5):
    torch.manual_seed(seed)
    return (torch.randn(n, d, dtype=torch.float64), torch.randn(n, dtype=torch.float64),
            torch.randn(d, dtype=torch.float64))


@pytest.mark.parametrize("seed, p", list(itertools.product([0, 1, 2], [0.0, 0.1, 0.5, 0.9])))
def test_enumeration_matches_the_closed_form(seed, p):
    X, y, w = data(seed)
    assert torch.allclose(expected_loss_enumerated(X, y, w, p), expected_loss_closed_form(X, y, w, p),
                          rtol=1e-12, atol=1e-12)


def test_no_dropout_no_penalty():
    X, y, w = data(0)
    assert torch.allclose(expected_loss_closed_form(X, y, w, 0.0), (y - X @ w) ** 2)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_pytorch_dropout_samples_the_expected_loss(seed):
    """Average loss over T draws of F.dropout, within 6 standard errors computed exactly."""
    X, y, w = data(0)
    p, T = 0.3, 50_000
    losses, probs = loss_per_mask(X, y, w, p)
    mean = expectation(losses, probs)
    std_error = (expectation((losses - mean) ** 2, probs) / T).sqrt()
    torch.manual_seed(seed)
    for i in range(3):
        simulated = ((y[i] - F.dropout(X[i].expand(T, -1), p) @ w) ** 2).mean()
        assert abs(simulated - mean[i]) < 6 * std_error[i]


@pytest.mark.parametrize("p", [0.2, 0.5])
def test_the_minimiser_is_ridge_on_rescaled_features(p):
    """Plain L2 (sklearn's Ridge, alpha = p/q) on features divided by sqrt(sum_i x_ij^2) gives the
    same weights as the closed-form solution, once mapped back."""
    X, y, _ = data(3, n=40, d=6)
    scale = (X**2).sum(dim=0).sqrt()
    ridge = Ridge(alpha=p / (1 - p), fit_intercept=False).fit((X / scale).numpy(), y.numpy())
    w_ridge = torch.from_numpy(ridge.coef_) / scale
    assert torch.allclose(dropout_ridge_solution(X, y, p), w_ridge, rtol=1e-8, atol=1e-10)


@pytest.mark.parametrize("p", [0.2, 0.5])
def test_the_minimiser_has_zero_gradient_of_the_enumerated_loss(p):
    X, y, _ = data(4, n=30, d=6)
    w = dropout_ridge_solution(X, y, p).requires_grad_()
    expected_loss_enumerated(X, y, w, p).sum().backward()
    assert w.grad.abs().max() < 1e-9
    w_ls = torch.linalg.lstsq(X, y).solution.requires_grad_()
    expected_loss_enumerated(X, y, w_ls, p).sum().backward()
    assert w_ls.grad.abs().max() > 1e-2


def test_hand_written_example():
    x = torch.tensor([[1.0, 2.0, -1.0]], dtype=torch.float64)
    w = torch.tensor([0.5, -1.0, 2.0], dtype=torch.float64)
    y = torch.tensor([1.0], dtype=torch.float64)
    assert expected_loss_enumerated(x, y, w, 0.5).item() == 28.5
    assert math.isclose(expected_loss_closed_form(x, y, w, 0.5).item(), 20.25 + 8.25)
