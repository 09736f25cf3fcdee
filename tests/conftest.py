"""Fixtures shared by the tests: one strict build of the site per run, served on 127.0.0.1 under
a sub-path, and one fresh run of the notebook."""

import dataclasses
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from sitetools.examples import SEED_SHIFT, redirect_seeds
from sitetools.browser import PALETTES, SHOTS, Tab
from sitetools.project import NOTEBOOK, ROOT, VIEWPORTS, copy_project, launch_chromium, mkdocs_build, mkdocs_serve, serve
from sitetools.notebook import execute


# The site is served under a sub-path, as a project's GitHub Pages site is (/<project>/), and
# built for that address: a link that works only at the root of a host fails the tests.
SUB_PATH = "/dropout/"
# The one test that reports a failed build, with its log; the other tests that need the site skip.
BUILD_REPORTER = "tests/test_build.py::test_strict_build_passes_without_warnings"


@dataclasses.dataclass
class Build:
    site: Path  # its folder
    url: str  # SITE_URL, where it is served
    log: str
    ok: bool


@pytest.fixture(scope="session")
def build(tmp_path_factory):
    """The strict build of the site as it is, served on 127.0.0.1 under SUB_PATH. A failed build
    does not raise here: BUILD_REPORTER reports it (see `site`)."""
    folder = tmp_path_factory.mktemp("site")
    with serve(folder, SUB_PATH) as url:
        result = mkdocs_build(ROOT, folder, site_url=url)
        yield Build(folder, url, result.stdout + result.stderr, result.returncode == 0)


@pytest.fixture(scope="session")
def site(build, request):
    """The built site's folder. If the build failed, the tests that need it skip with one line,
    and BUILD_REPORTER fails with the build's log; if that test is not selected, they fail."""
    if not build.ok:
        if any(item.nodeid == BUILD_REPORTER for item in request.session.items):
            pytest.skip(f"the site did not build; {BUILD_REPORTER} shows why")
        pytest.fail(f"the site did not build:\n{build.log}", pytrace=False)
    return build.site


@pytest.fixture(scope="session")
def server(build, site):
    """The built site's URL on 127.0.0.1 (SITE_URL)."""
    return build.url


@pytest.fixture(scope="session")
def notebook_run():
    """The notebook executed afresh, once, with every torch.manual_seed(s) moved to
    s + SEED_SHIFT, as the doc pages are rerun (`make notebook-check` runs it with its own seeds)."""
    return execute(NOTEBOOK, seed_shift=SEED_SHIFT)


def pytest_addoption(parser):
    parser.addoption("--half", choices=["site", "rest"],
                     help="run only the tests that use the built site, or only the others (make test "
                          "runs both halves side by side, each with its own session fixtures)")
    parser.addoption("--screenshots", action="store_true",
                     help=f"write screenshots of every page and explorable, at each width in each palette, "
                          f"to {SHOTS.relative_to(ROOT)}/ (make screenshots)")


def pytest_collection_modifyitems(config, items):
    half = config.getoption("half")
    if half:
        keep, drop = [], []
        for item in items:
            (keep if ("build" in item.fixturenames) == (half == "site") else drop).append(item)
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


# The tests of the snippets' properties: each must hold for any seed, not only for the seeds
# chosen, so each of these modules runs twice, the second time with moved seeds.
ANY_SEED = {"test_mask_enumeration", "test_input_dropout_loss", "test_scratch_dropout", "test_variants",
            "test_mc_convergence"}


def pytest_generate_tests(metafunc):
    if metafunc.module.__name__.rpartition(".")[2] in ANY_SEED:
        metafunc.parametrize("seeds", [0, SEED_SHIFT], ids=["own-seeds", "moved-seeds"], indirect=True, scope="module")


@pytest.fixture(scope="module", autouse=True)
def seeds(request):
    """Every torch.manual_seed(s) in a test seeds s + the shift: the parameter of the modules in
    ANY_SEED, else SEED_SHIFT under the doc suite's --redirect-seeds (declared in docs/conftest.py).
    Module-wide and set up before the module's other fixtures, so that fixtures that seed move too."""
    shift = getattr(request, "param", SEED_SHIFT if request.config.getoption("redirect_seeds", False) else 0)
    restore = redirect_seeds(shift)
    yield shift
    restore()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """`mkdocs serve` of a copy of the project, with its live examples: (copy's root, URL, log).
    Tests that change a page of the copy put it back."""
    root = copy_project(tmp_path_factory.mktemp("served"))
    # A page's examples may run 10 s, so the hang test waits only that long; every page needs far less.
    with mkdocs_serve(root, {"LIVE_EXAMPLES_TIME_LIMIT": "10"}) as (url, log):
        yield root, url, log


@pytest.fixture(scope="session")
def screenshots(request):
    """The folder to write screenshots to, if asked for (--screenshots), else None."""
    if request.config.getoption("screenshots"):
        SHOTS.mkdir(exist_ok=True)
        return SHOTS


@pytest.fixture(scope="session")
def chromium():
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def tabs(chromium, server):
    tabs = [Tab(chromium, server, viewport, palette) for viewport in VIEWPORTS for palette in PALETTES]
    yield tabs
    for tab in tabs:
        tab.context.close()
