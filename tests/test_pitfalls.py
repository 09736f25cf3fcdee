"""docs/beyond/pitfalls.md: the one trap a page cannot show, because it needs an interpreter in
which torch was imported without NumPy."""

import subprocess
import sys

from tests.helpers import ROOT

BLOCK_NUMPY = """
import importlib.abc
import sys
import warnings

class BlockNumpy(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "numpy" or name.startswith("numpy."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, BlockNumpy())
warnings.simplefilter("always")
import torch
y = torch.nn.Dropout(p=0.5)(torch.ones(1000))
print(sorted(set(y.tolist())))
"""


def test_torch_without_numpy_warns_and_dropout_still_works():
    result = subprocess.run([sys.executable, "-c", BLOCK_NUMPY], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "UserWarning: Failed to initialize NumPy: No module named 'numpy'" in result.stderr
    assert result.stdout.strip() == "[0.0, 2.0]"
