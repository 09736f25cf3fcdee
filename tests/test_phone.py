"""Every page as laid out on a phone (390 px, both palettes) and a desktop (1280 px): formulas fit
the column and stay whole with their punctuation, names in tables and words in notebook outputs
are never split, code keeps its comments in view and never scrolls on a desktop, and no commit
hash or notebook prompt reaches a reader (sitetools/layout.py). The safety net plants a formula
too wide for a phone in a small copy of the project."""

import re

import pytest

from sitetools.browser import Tab
from sitetools.layout import layout_problems
from sitetools.project import copy_project, mkdocs_build, page_paths, serve


@pytest.mark.parametrize("path", page_paths())
def test_page_reads_on_a_phone_and_a_desktop(tabs, path):
    # The palette changes colours, not layout, so the desktop is read in one palette.
    problems = [problem for tab in tabs if tab.viewport == "phone" or tab.palette == "light"
                for problem in layout_problems(tab, path)]
    assert not problems, "\n".join(problems)


WIDE = r"""# Wide

A derivation written on one line.

\[
\operatorname{Var}[y] = \mathbb{E}[y^2] - \mathbb{E}[y]^2 = \frac{(1 - p)\, a^2}{(1 - p)^2} - a^2 = \frac{a^2}{1 - p} - a^2 = \frac{p}{1 - p}\, a^2
\]
"""


def test_a_formula_too_wide_for_a_phone_fails_naming_the_page(tmp_path, chromium):
    root = copy_project(tmp_path)
    docs = root / "docs"
    # A site of two pages builds in seconds: the others go, and the nav lists only these.
    for page in [*docs.rglob("*.md"), *docs.rglob("*.ipynb")]:
        page.unlink()
    (docs / "index.md").write_text("# Home\n\nSee [the wide page](wide.md).\n")
    (docs / "wide.md").write_text(WIDE)
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r"^nav:\n(?:  .*\n)+", "nav:\n  - index.md\n  - wide.md\n", config.read_text(), flags=re.M))
    site = tmp_path / "built"
    with serve(site, "/dropout/") as url:
        build = mkdocs_build(root, site, site_url=url)
        assert build.returncode == 0, build.stdout + build.stderr
        tab = Tab(chromium, url, "phone", "light")
        problems = layout_problems(tab, "wide/")
        tab.context.close()
    assert len(problems) == 1 and problems[0].startswith("/wide/ at phone width, light: display formula"), problems
