"""Helpers shared by the tests: build the site, run the doc suite, copy the project."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# What a copy of the project needs to build and run its examples (node_modules is linked, not copied).
PROJECT_FILES = ["mkdocs.yml", "pytest.ini", "docs", "snippets", "tests", "hooks", "overrides"]


def mkdocs_build(root, site_dir):
    """`mkdocs build --strict` of the project at `root`; returns the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=root, env=ENV, capture_output=True, text=True,
    )


def run_pytest(root, *args):
    """pytest in a fresh interpreter, at `root`; returns the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args],
        cwd=root, env=ENV, capture_output=True, text=True,
    )


def copy_project(dest):
    """A copy of the project at `dest`, to break on purpose."""
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, dest / name)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest
