"""The from-scratch variants in snippets/ (docs/beyond/variants.md): each one's defining
property, and agreement with PyTorch's module where PyTorch has one."""

import itertools
import math

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from snippets.alpha_dropout import ALPHA_PRIME, SELU_ALPHA, SELU_SCALE, alpha_dropout, alpha_dropout_constants
from snippets.channel_dropout import channel_dropout
from snippets.drop_path import Residual, drop_path
from snippets.dropconnect import dropconnect_linear

CHANNEL_MODULES = [(nn.Dropout1d, (4, 6, 10)), (nn.Dropout2d, (4, 6, 5, 5)), (nn.Dropout3d, (4, 6, 2, 3, 3))]


# Channel dropout -------------------------------------------------------------------------------

@pytest.mark.parametrize("shape", [shape for _, shape in CHANNEL_MODULES])
@pytest.mark.parametrize("p", [0.25, 0.5])
def test_channel_dropout_zeroes_or_scales_whole_channels(shape, p):
    torch.manual_seed(0)
    x = torch.randn(shape)
    out = channel_dropout(x, p)
    flat_out, flat_x = out.flatten(start_dim=2), x.flatten(start_dim=2)
    zero = (flat_out == 0).all(dim=2)
    scaled = torch.isclose(flat_out, flat_x / (1 - p)).all(dim=2)
    assert bool((zero ^ scaled).all())
    assert zero.any() and scaled.any()


def test_channel_dropout_drops_a_fraction_p_of_channels():
    torch.manual_seed(0)
    n = 200 * 500
    out = channel_dropout(torch.ones(200, 500, 2, 2), 0.3)
    fraction = (out.flatten(start_dim=2) == 0).all(dim=2).float().mean().item()
    assert abs(fraction - 0.3) < 6 * math.sqrt(0.3 * 0.7 / n)


def test_channel_dropout_edge_cases():
    x = torch.randn(2, 3, 4, 4)
    assert channel_dropout(x, 0.5, training=False) is x
    assert channel_dropout(x, 0.0) is x
    assert torch.equal(channel_dropout(x, 1.0), torch.zeros_like(x))
    with pytest.raises(ValueError):
        channel_dropout(x, 1.5)


# Alpha dropout ---------------------------------------------------------------------------------

def test_selu_constants_are_pytorchs():
    z = torch.tensor([-1.0, 1.0], dtype=torch.float64)
    assert torch.allclose(F.selu(z), torch.tensor([SELU_SCALE * SELU_ALPHA * (math.exp(-1) - 1), SELU_SCALE],
                                                  dtype=torch.float64))
    assert math.isclose(-ALPHA_PRIME, 1.7580993408473766, rel_tol=1e-15)  # ATen's constant


@pytest.mark.parametrize("p", [0.05, 0.2, 0.5, 0.9])
def test_alpha_dropout_constants_restore_mean_zero_variance_one(p):
    """Exact moments of a * (m x + alpha' (1 - m)) + b for x with mean 0, variance 1."""
    q = 1 - p
    a, b = alpha_dropout_constants(p)
    mean = a * (p * ALPHA_PRIME) + b
    second_moment_of_u = q * 1 + p * ALPHA_PRIME**2
    variance = a**2 * (second_moment_of_u - (p * ALPHA_PRIME) ** 2)
    assert math.isclose(mean, 0.0, abs_tol=1e-12)
    assert math.isclose(variance, 1.0, rel_tol=1e-12)
    # ATen's formulas (aten/src/ATen/native/Dropout.cpp)
    assert math.isclose(a, 1 / math.sqrt((ALPHA_PRIME**2 * p + 1) * (1 - p)), rel_tol=1e-12)
    assert math.isclose(b, -ALPHA_PRIME * a * p, rel_tol=1e-12)


@pytest.mark.parametrize("seed, p", list(itertools.product([0, 1], [0.1, 0.2, 0.5])))
def test_alpha_dropout_draws_what_pytorch_draws(seed, p):
    x = torch.randn(1000, dtype=torch.float64)
    torch.manual_seed(seed)
    ours = alpha_dropout(x, p)
    torch.manual_seed(seed)
    assert torch.allclose(ours, nn.AlphaDropout(p)(x), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("p", [0.1, 0.2, 0.5])
def test_alpha_dropout_keeps_mean_and_variance_of_selu_activations(p):
    """Tolerances: 6 standard errors, with the output's kurtosis bounded by 3.5 for these p."""
    n = 400_000
    torch.manual_seed(0)
    x = F.selu(torch.randn(n, dtype=torch.float64))
    out = alpha_dropout(x, p)
    assert abs(out.mean()) < 6 / math.sqrt(n)
    assert abs(out.var() - 1) < 6 * math.sqrt(2.5 / n)
    plain = F.dropout(x, p)
    assert abs(plain.var() - 1 / (1 - p)) < 0.05 / (1 - p)  # plain dropout does not keep it
    assert plain.var() - 1 > 0.1


def test_alpha_dropout_edge_cases():
    x = torch.randn(10)
    assert alpha_dropout(x, 0.5, training=False) is x
    assert alpha_dropout(x, 0.0) is x
    assert torch.equal(alpha_dropout(x, 1.0), nn.AlphaDropout(1.0)(x))
    with pytest.raises(ValueError):
        alpha_dropout(x, -0.1)


# DropConnect -----------------------------------------------------------------------------------

def test_dropconnect_eval_is_the_linear_layer():
    weight, x = torch.randn(3, 4), torch.randn(5, 4)
    assert torch.equal(dropconnect_linear(x, weight, None, 0.5, training=False), F.linear(x, weight))


# DropPath --------------------------------------------------------------------------------------

@pytest.mark.parametrize("p", [0.1, 0.5])
def test_drop_path_keeps_or_drops_each_samples_branch_whole(p):
    torch.manual_seed(0)
    block = Residual(nn.Sequential(nn.Linear(6, 6), nn.Tanh()), p)
    x = torch.randn(200, 3, 6)
    with torch.no_grad():
        f = block.branch(x)
        added = block(x) - x
    flat_added, flat_f = added.flatten(start_dim=1), f.flatten(start_dim=1)
    dropped = (flat_added == 0).all(dim=1)
    kept = torch.isclose(flat_added, flat_f / (1 - p), rtol=1e-5, atol=1e-6).all(dim=1)
    assert bool((dropped ^ kept).all())
    assert dropped.any() and kept.any()


def test_drop_path_is_the_identity_in_eval_mode():
    torch.manual_seed(0)
    block = Residual(nn.Linear(4, 4), 0.5).eval()
    x = torch.randn(8, 4)
    with torch.no_grad():
        assert torch.equal(block(x), x + block.branch(x))
    h = torch.randn(8, 4)
    assert drop_path(h, 0.5, training=False) is h


def test_drop_path_drops_a_fraction_p_of_samples():
    torch.manual_seed(0)
    n = 100_000
    fraction = (drop_path(torch.ones(n, 3), 0.2) == 0).all(dim=1).float().mean().item()
    assert abs(fraction - 0.2) < 6 * math.sqrt(0.2 * 0.8 / n)


def test_drop_path_edge_cases():
    h = torch.randn(5, 3)
    assert drop_path(h, 0.0) is h
    assert torch.equal(drop_path(h, 1.0), torch.zeros_like(h))
    with pytest.raises(ValueError):
        drop_path(h, 2.0)
