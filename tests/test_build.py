"""The strict build: no warnings, every page and its parts where a reader expects them."""

import html
import re

from tests.helpers import built_file, page_paths

DATA_COPY = re.compile(r'data-copy="([^"]*)"')
HIGHLIGHT = re.compile(r'<div class="[^"]*\bhighlight\b[^"]*"[^>]*>.*?<code>(.*?)</code>', re.S)


def built_pages(site):
    return sorted(site.rglob("*.html"))


def test_strict_build_has_no_warnings(build):
    _, log = build
    assert "WARNING" not in log, log


def test_every_source_page_is_built(site):
    for path in page_paths():
        assert built_file(site, path).exists(), f"/{path} was not built"


def test_site_is_deployable(site):
    assert (site / "404.html").exists()
    assert (site / "sitemap.xml").exists()


def test_only_notebooks_become_notebook_pages(site):
    # mkdocs-jupyter would turn any .py under docs/ into a page; conftest.py must not be one.
    assert not list(site.rglob("conftest*")), "docs/conftest.py was published"
    assert not list(site.rglob("*.py"))


def test_snippets_are_included(site):
    for page in built_pages(site):
        assert "--8&lt;--" not in page.read_text() and "--8<--" not in page.read_text(), page


def test_doctest_blocks_copy_runnable_code(site):
    copied = 0
    for page in built_pages(site):
        text = page.read_text()
        for block in HIGHLIGHT.finditer(text):
            shown = html.unescape(re.sub(r"<[^>]+>", "", block[1]))
            if shown.startswith(">>>"):
                match = DATA_COPY.search(block[0])
                assert match, f"{page}: a doctest block without prompt-free copy text"
                code = html.unescape(match[1])
                assert ">>>" not in code and "..." not in code.split("\n")[0], code
                compile(code, str(page), "exec")
                copied += 1
    assert copied > 0, "no doctest block found on the site"


def test_notebook_page_shows_its_figure_and_offers_the_notebook(site):
    page = (site / "notebooks" / "hands-on" / "index.html").read_text()
    assert len(re.findall(r'<img alt="[^"]{40,}" src="data:image/png', page)) == 1, "the figure, with alt text"
    assert 'href="/notebooks/hands-on/hands-on.ipynb"' in page
    assert (site / "notebooks" / "hands-on" / "hands-on.ipynb").exists()
