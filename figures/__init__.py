"""The site's figures: one module per figure, each drawn from torch computations.

`python -m figures` (or `make figures`) redraws them all into docs/figures/; the test suite
redraws them too and fails on a committed file that no longer matches (tests/test_figures.py).
Each module has `drawings()`, returning the figures it draws (figures/svg.py's Drawing), and,
if a figure shows sampled numbers, `check_sampled(sampled)`, which checks them against bounds
that hold for any seed.
"""
import importlib

MODULES = [
    "thinned_network",
    "mean_and_spread",
    "unit_outcomes",
    "train_eval_distribution",
    "gradient",
    "ensemble",
    "variance_shift",
    "model_averaging",
    "mc_convergence",
    "variant_masks",
    "dropout_penalty",
    "dropout2d_input",
    "transformer_dropouts",
    "dropblock",
]


def modules():
    return [importlib.import_module(f"figures.{name}") for name in MODULES]


def drawings():
    """Every figure file, as (module, Drawing): each figure in the light and the dark palette."""
    return [(module, variant) for module in modules() for drawing in module.drawings()
            for variant in drawing.variants()]
