"""Fixtures for the tests of the built site: one strict build per run, served on 127.0.0.1."""

import pytest

from tests.helpers import ROOT, mkdocs_build, serve


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
