"""model-averaging.md: Monte Carlo averaging over masks converges to the arithmetic mean like
sigma / sqrt(T), not to the full network. The RMS errors are sampled (one draw of 1000
repetitions per T, seed 0); the lines and labels are exact. check_sampled holds the committed
draw to bounds that hold for any seed (those of tests/test_mc_convergence.py)."""
import math

import torch

from figures.svg import BLUE, MUTED, ORANGE, Axes, Drawing, rounded
from snippets.mc_convergence import SAMPLE_SIZES, exact_moments, mc_rms_errors
from snippets.sigmoid_unit import full_output

REPEATS = 1000


def exact():
    mean, sd, kurtosis = exact_moments()
    return {"T": SAMPLE_SIZES, "repeats": REPEATS,
            "sigma_over_sqrt_T": [rounded(sd / math.sqrt(t), 5) for t in SAMPLE_SIZES],
            "gap": rounded((full_output() - mean).abs(), 4)}


def check_sampled(sampled):
    """The drawn RMS errors against the mean are within six standard deviations of
    sigma / sqrt(T) (as tests/test_mc_convergence.py argues), and the errors against the full
    network end within 20% of sqrt(gap**2 + sigma**2 / T)."""
    mean, sd, kurtosis = exact_moments()
    spread = 6 * math.sqrt((max(kurtosis.item(), 3.0) - 1) / REPEATS)
    for t, error in zip(SAMPLE_SIZES, sampled["to_mean"]):
        assert 1 - spread < error**2 * t / sd.item() ** 2 < 1 + spread, (t, error)
    gap = (full_output() - mean).abs().item()
    expected = math.sqrt(gap**2 + sd.item() ** 2 / max(SAMPLE_SIZES))
    assert 0.8 * expected < sampled["to_full"][-1] < 1.2 * expected


def drawings(seed=0):
    torch.manual_seed(seed)
    to_mean, to_full = mc_rms_errors(repeats=REPEATS)
    spec = exact()
    spec["sampled"] = {"to_mean": [rounded(e, 5) for e in to_mean],
                       "to_full": [rounded(e, 5) for e in to_full]}
    d = Drawing(
        "mc-convergence", 316,
        "Monte Carlo dropout averaging: RMS error against the number of sampled masks T",
        "Log-log plot of the root-mean-square error of the Monte Carlo average against the "
        "number of sampled masks T, from 1 to 1024, for one sigmoid unit with 10 inputs and "
        "p = 0.2. The error against the exact arithmetic mean falls along sigma over the "
        f"square root of T, from {spec['sigma_over_sqrt_T'][0]:.2g} at T = 1 to "
        f"{spec['sigma_over_sqrt_T'][-1]:.2g} at T = 1024. The error "
        f"against the full network's output levels off at the gap of {spec['gap']}.",
        spec,
    )
    d.heading("Monte Carlo averaging: error against T")
    ax = Axes(d, 70, 112, 276, 140, xlim=(0.8, 1300), ylim=(0.004, 0.4), xlog=True, ylog=True)
    ax.frame([(t, str(t)) for t in (1, 4, 16, 64, 256, 1024)],
             [(y, f"{y:g}") for y in (0.005, 0.01, 0.05, 0.1, 0.2)],
             "number of sampled masks T", f"RMS error, {REPEATS} runs", ylabel_gap=56)
    ax.line(SAMPLE_SIZES, spec["sigma_over_sqrt_T"], MUTED, width=2, dash="6 4")
    ax.line(SAMPLE_SIZES, [spec["gap"]] * len(SAMPLE_SIZES), ORANGE, width=1.2, dash="2 3")
    for key, colour in (("to_mean", BLUE), ("to_full", ORANGE)):
        ax.line(SAMPLE_SIZES, spec["sampled"][key], colour, width=2)
        ax.dots(SAMPLE_SIZES, spec["sampled"][key], colour)
    d.legend(8, 50, [(MUTED, "dash", "σ/√T (exact)"),
                     (BLUE, "line", "MC average vs the arithmetic mean (one draw)"),
                     (ORANGE, "line", f"MC average vs the full network; gap {spec['gap']}")],
             size=13)
    return [d]
