"""snippets/mc_convergence.py: Monte Carlo averaging over masks converges to the arithmetic mean
like sigma / sqrt(T). Its figure is redrawn and compared by tests/test_figures.py."""

import math

import pytest
import torch

from snippets.mc_convergence import SAMPLE_SIZES, exact_moments, mc_rms_errors
from snippets.sigmoid_unit import full_output

REPEATS = 400


@pytest.fixture(scope="module", params=[0, 1, 2])
def errors(request):
    torch.manual_seed(request.param)
    return mc_rms_errors(repeats=REPEATS)


def test_error_against_the_mean_follows_sigma_over_sqrt_t(errors):
    """RMS error**2 * T / sigma**2 is a mean of REPEATS squared standardised errors: its
    standard deviation is at most sqrt((kurtosis - 1) / REPEATS), with the kurtosis of a mean of
    T draws at most max(kurtosis, 3). A correct run exceeds six such standard deviations with
    the small probability given in docs/testing.md, "Tolerances on sampled values"."""
    to_mean, _ = errors
    _, sd, kurtosis = exact_moments()
    spread = 6 * math.sqrt((max(kurtosis.item(), 3.0) - 1) / REPEATS)
    for t, error in zip(SAMPLE_SIZES, to_mean.tolist()):
        ratio_squared = error**2 * t / sd.item() ** 2
        assert 1 - spread < ratio_squared < 1 + spread, (t, ratio_squared)


def test_error_shrinks_with_slope_minus_one_half(errors):
    to_mean, _ = errors
    log_t = torch.tensor(SAMPLE_SIZES, dtype=torch.float64).log()
    log_e = to_mean.log()
    slope = ((log_t - log_t.mean()) * (log_e - log_e.mean())).sum() / ((log_t - log_t.mean()) ** 2).sum()
    assert abs(slope + 0.5) < 0.1


def test_error_against_the_full_network_levels_off_at_the_gap(errors):
    _, to_full = errors
    mean, sd, _ = exact_moments()
    gap = (full_output() - mean).abs().item()
    assert gap > 5 * sd.item() / math.sqrt(max(SAMPLE_SIZES))  # the plateau is visible
    expected = math.sqrt(gap**2 + sd.item() ** 2 / max(SAMPLE_SIZES))
    assert 0.8 * expected < to_full[-1].item() < 1.2 * expected
    assert to_full[-1] > 4 * errors[0][-1]  # far above the error against the mean
