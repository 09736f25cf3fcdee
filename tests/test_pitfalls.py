"""docs/beyond/pitfalls.md: the one trap a page cannot show, because it needs an interpreter in
which torch was imported without NumPy."""

import subprocess
import sys

from sitetools.project import ROOT

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
# Record the warnings of the import statement apart from those of the first tensor operations,
# so that the test checks when the warning comes, as the page states it.
with warnings.catch_warnings(record=True) as during_import:
    warnings.simplefilter("always")
    import torch
with warnings.catch_warnings(record=True) as after_import:
    warnings.simplefilter("always")
    y = torch.nn.Dropout(p=0.5)(torch.ones(1000))
for phase, caught in (("import", during_import), ("dropout", after_import)):
    for warning in caught:
        print(phase, warning.category.__name__, warning.message)
print(sorted(set(y.tolist())))
"""


def test_import_torch_without_numpy_warns_and_dropout_still_works():
    result = subprocess.run([sys.executable, "-c", BLOCK_NUMPY], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    *warning_lines, mask_values = result.stdout.strip().splitlines()
    numpy_warnings = [line for line in warning_lines if "Failed to initialize NumPy" in line]
    # The warning is raised by `import torch` itself, once, and not again by a tensor operation.
    assert len(numpy_warnings) == 1, warning_lines
    assert numpy_warnings[0].startswith("import UserWarning Failed to initialize NumPy: No module named 'numpy'")
    assert mask_values == "[0.0, 2.0]"
