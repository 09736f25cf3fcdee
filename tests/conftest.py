"""Fixtures shared by the tests: one strict build of the site per run, served on 127.0.0.1, and
one pair of fresh notebook runs."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.helpers import NOTEBOOK, ROOT, mkdocs_build, serve
from tests.notebook_check import execute


@pytest.fixture(scope="session")
def build(tmp_path_factory):
    """The strict build of the site as it is: its folder and its log."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, result.stdout + result.stderr


@pytest.fixture(scope="session")
def site(build):
    return build[0]


@pytest.fixture(scope="session")
def server(site):
    """The built site served over HTTP on 127.0.0.1; yields its base URL."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def notebook_runs():
    """The notebook executed afresh: a normal run and a run with redirected seeds, side by side
    (each runs on one thread)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        normal = pool.submit(execute, NOTEBOOK)
        redirected = pool.submit(execute, NOTEBOOK, redirect_seeds=True)
        return {"normal": normal.result(), "redirected": redirected.result()}
