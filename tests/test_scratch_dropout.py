"""snippets/scratch_dropout.py behaves as nn.Dropout does, mask included, on this machine.

Two draws compared here are made on the same machine, by the same process, after the same seed:
that equality is what a reader can check too. No test compares with a mask recorded elsewhere.
"""

import importlib.util
import itertools
from pathlib import Path

import pytest
import torch
from torch import nn

SNIPPET = Path(__file__).resolve().parents[1] / "snippets" / "scratch_dropout.py"
_spec = importlib.util.spec_from_file_location("scratch_dropout", SNIPPET)
scratch = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(scratch)
DropoutFunction, ScratchDropout = scratch.DropoutFunction, scratch.ScratchDropout

PS = [0.1, 0.25, 1 / 3, 0.5, 0.6, 0.9, 0.999]
SHAPES = [(1,), (10,), (4, 7), (2, 3, 5), (3, 2, 6, 6), (100_003,)]
DTYPES = [torch.float32, torch.float64, torch.bfloat16]


def both(p, x, seed, make_input_grad=False):
    """nn.Dropout(p) and ScratchDropout(p) on copies of x, each right after manual_seed(seed).
    Returns the outputs, the input gradients of sum(y * g) and the next random draw."""
    results = []
    for module in (nn.Dropout(p), ScratchDropout(p)):
        xi = x.clone().requires_grad_(make_input_grad)
        torch.manual_seed(seed)
        y = module(xi)
        after = torch.rand(4)  # the generator must be left in the same state
        grad = None
        if make_input_grad:
            g = torch.linspace(-2, 3, y.numel(), dtype=y.dtype).reshape(y.shape)
            (y * g).sum().backward()
            grad = xi.grad
        results.append((y.detach(), grad, after))
    return results


@pytest.mark.parametrize("p, shape, dtype", list(itertools.product(PS, SHAPES, DTYPES)))
def test_same_mask_and_output_as_nn_dropout(p, shape, dtype):
    x = torch.rand(shape, dtype=torch.float64).add(0.5).to(dtype)  # no zeros: mask = (y != 0)
    (y_ref, _, after_ref), (y, _, after) = both(p, x, seed=1234)
    assert torch.equal(y != 0, y_ref != 0)  # the mask
    assert torch.equal(y, y_ref)  # the values, bit for bit
    assert torch.equal(after, after_ref)  # as many random numbers consumed


@pytest.mark.parametrize("p", PS)
@pytest.mark.parametrize("seed", [0, 1, 2024])
def test_same_gradient_as_nn_dropout(p, seed):
    x = torch.randn(3, 17)
    (y_ref, g_ref, _), (y, g, _) = both(p, x, seed, make_input_grad=True)
    assert torch.equal(y, y_ref)
    assert torch.equal(g, g_ref)


def test_noncontiguous_input():
    x = torch.rand(6, 9).add(0.5).t()
    (y_ref, _, _), (y, _, _) = both(0.3, x, seed=7)
    assert torch.equal(y, y_ref)


@pytest.mark.parametrize("p", [0.2, 0.5, 0.6, 0.75])
def test_gradient_is_mask_over_keep_probability(p):
    mask = torch.tensor([1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0])
    x = torch.randn(7, requires_grad=True)
    DropoutFunction.apply(x, mask, p).sum().backward()
    assert torch.allclose(x.grad, mask / (1 - p), rtol=0, atol=1e-6)
    assert torch.equal(x.grad == 0, mask == 0)


def test_gradcheck_with_a_given_mask():
    torch.manual_seed(0)
    x = torch.randn(4, 6, dtype=torch.float64, requires_grad=True)
    mask = torch.empty_like(x).bernoulli_(0.4)
    fn = lambda x: DropoutFunction.apply(x, mask, 0.6)  # noqa: E731
    assert torch.autograd.gradcheck(fn, (x,))
    assert torch.autograd.gradgradcheck(fn, (x,))


@pytest.mark.parametrize("p", [0.1, 0.5, 0.6, 0.9])
def test_gradcheck_through_the_module(p):
    x = torch.randn(5, 4, dtype=torch.float64, requires_grad=True)
    module = ScratchDropout(p)

    def reseeded(x):
        torch.manual_seed(42)  # the same mask at every one of gradcheck's evaluations
        return module(x)

    assert torch.autograd.gradcheck(reseeded, (x,))


@pytest.mark.parametrize("p", [0.0, 0.3, 1.0])
def test_eval_mode_is_the_identity(p):
    x = torch.randn(8)
    for module in (nn.Dropout(p), ScratchDropout(p)):
        module.eval()
        state = torch.get_rng_state()
        assert module(x) is x
        assert torch.equal(torch.get_rng_state(), state)


def test_training_is_the_default_mode():
    assert ScratchDropout().training and ScratchDropout().p == 0.5


def test_p_zero_returns_the_input_itself():
    x = torch.randn(8, requires_grad=True)
    for module in (nn.Dropout(0.0), ScratchDropout(0.0)):
        state = torch.get_rng_state()
        assert module(x) is x
        assert torch.equal(torch.get_rng_state(), state)


def test_p_one_returns_zeros_like_nn_dropout():
    x = torch.tensor([1.5, -2.0, float("inf"), 0.0], requires_grad=True)
    outputs, grads = [], []
    for module in (nn.Dropout(1.0), ScratchDropout(1.0)):
        state = torch.get_rng_state()
        y = module(x)
        assert torch.equal(torch.get_rng_state(), state)  # no random numbers drawn
        y.sum().backward()
        outputs.append(y.detach())
        grads.append(x.grad.clone())
        x.grad = None
    expected, actual = outputs
    assert torch.equal(expected.nan_to_num(7.0), actual.nan_to_num(7.0))  # inf * 0 is nan in both
    assert torch.equal(actual[[0, 1, 3]], torch.zeros(3))
    assert torch.equal(grads[0], grads[1]) and torch.equal(grads[1], torch.zeros(4))


@pytest.mark.parametrize("p", [-0.1, 1.5, -1, 2])
def test_invalid_p_raises_like_nn_dropout(p):
    with pytest.raises(ValueError) as reference:
        nn.Dropout(p)
    with pytest.raises(ValueError) as ours:
        ScratchDropout(p)
    assert str(ours.value) == str(reference.value)


@pytest.mark.parametrize("p", [0.0, 1.0, 0.5])
def test_boundary_values_are_accepted(p):
    assert ScratchDropout(p).p == p


def test_repr():
    assert repr(ScratchDropout(0.6)) == "ScratchDropout(p=0.6)"
