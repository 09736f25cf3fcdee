"""The strict build, for a site hosted under a sub-path (tests/conftest.py): no warnings, every
page and its parts where a reader expects them."""

import re
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import nbformat
import pytest

from sitetools.project import NOTEBOOK, built_file, page_paths

MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")
# Code, scripts, styles, and the hidden copy of each notebook cell's source that
# mkdocs-jupyter's copy button reads: text a reader is not shown as prose.
NOT_PROSE = re.compile(r'<(pre|code|script|style)\b.*?</\1>|<div class="clipboard-copy-txt"[^>]*>.*?</div>', re.S)
# A Markdown table's delimiter row, |---|---|: left as text, the table did not render.
TABLE_DELIMITER_ROW = re.compile(r"\|\s*:?-{3,}:?\s*\|")


def built_pages(site):
    return sorted(site.rglob("*.html"))


def test_strict_build_passes_without_warnings(build):
    # The one report of a failed build, its log once; the other tests that need the site skip
    # (tests/conftest.py).
    if not build.ok or "WARNING" in build.log:
        pytest.fail(f"mkdocs build --strict failed:\n{build.log}", pytrace=False)


def test_every_source_page_is_built(site):
    for path in page_paths():
        assert built_file(site, path).exists(), f"/{path} was not built"


def test_every_markdown_table_renders_as_a_table(site):
    """A table needs a blank line before it: pasted under a line of text, as bench/pages.py's
    output once was, it shows as text, pipes and dashes."""
    unrendered = [page.relative_to(site).as_posix() for page in built_pages(site)
                  if TABLE_DELIMITER_ROW.search(NOT_PROSE.sub("", page.read_text()))]
    assert not unrendered, f"a table shown as text on: {unrendered}"


def target(site, url):
    """The built file and the anchor that a path of the site (after SITE_URL) leads to."""
    path, _, anchor = url.partition("#")
    if not path or path.endswith("/"):
        path += "index.html"
    return site / path, anchor


def assert_leads_somewhere(site, site_url, url, where):
    """`url`, absolute, is a file of the site, with the anchor if it has one."""
    assert url.startswith(site_url), f"{where}: {url} is not under {site_url}"
    file, anchor = target(site, url[len(site_url):])
    assert file.is_file(), f"{where}: {url}: no such file in the site"
    assert not anchor or f'id="{anchor}"' in file.read_text(), f"{where}: {url}: no anchor #{anchor}"


def test_404_page_has_the_sites_navigation_and_links_that_work_at_any_address(build, site):
    """A host serves 404.html at whatever address was missing, at any depth: its links must be
    absolute, under the site's path (browser tests open it at a missing address)."""
    page = (site / "404.html").read_text()
    assert 'class="md-nav md-nav--primary"' in page and 'data-md-component="search"' in page
    base = urlsplit(build.url).path
    assert re.search(rf'<a href="{re.escape(base)}\.?" [^>]*class="md-header__button md-logo"', page), "a link home"
    links = re.findall(r'(?:href|src)="([^"]+)"', page)
    assert len(links) > 20
    for link in links:
        if not link.startswith(("https://", "#")):
            assert link.startswith(base), f"404.html: {link} works only at the page's own address"
            assert_leads_somewhere(site, build.url, urljoin(build.url, link.removesuffix(".")), "404.html")


def test_sitemap_lists_every_page_at_site_url(build, site):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = [loc.text for loc in ElementTree.parse(site / "sitemap.xml").findall("s:url/s:loc", namespace)]
    assert sorted(listed) == sorted(build.url + path for path in page_paths() if path != "404.html")


def test_only_notebooks_become_notebook_pages(site):
    # mkdocs-jupyter would turn any .py under docs/ into a page; conftest.py must not be one.
    assert not list(site.rglob("conftest*")), "docs/conftest.py was published"
    assert not list(site.rglob("*.py"))


def test_snippets_are_included(site):
    for page in built_pages(site):
        assert "--8&lt;--" not in page.read_text() and "--8<--" not in page.read_text(), page


def test_notebook_page_shows_its_figure_and_offers_the_notebook(build, site):
    page_url = build.url + "notebooks/hands-on/"
    page = built_file(site, "notebooks/hands-on/").read_text()
    # the figure, with alt text, as a file beside the page (hooks/notebook_assets.py)
    (figure,) = re.findall(r'<img alt="[^"]{40,}" [^>]*\bsrc="([^"]+\.png)"', page)
    assert_leads_somewhere(site, build.url, urljoin(page_url, figure), "the notebook's figure")
    (download,) = re.findall(r'<a href="([^"]+)" title="Download this notebook"', page)
    assert urljoin(page_url, download) == page_url + NOTEBOOK.name
    assert_leads_somewhere(site, build.url, page_url + NOTEBOOK.name, "the download button")


def notebook_links(nb):
    return [link for cell in nb.cells if cell.cell_type == "markdown" for link in MARKDOWN_LINK.findall(cell.source)]


def test_notebook_links_work_on_the_page_and_in_the_download(build, site):
    """The page keeps the notebook's links relative; the downloaded copy links to the hosted site
    (hooks/notebooks.py). Otherwise the copy is the notebook as stored."""
    page_url = build.url + "notebooks/hands-on/"
    page = built_file(site, "notebooks/hands-on/").read_text()
    source = nbformat.read(NOTEBOOK, as_version=4)
    downloaded = nbformat.read(site / "notebooks" / "hands-on" / NOTEBOOK.name, as_version=4)
    written, offered = notebook_links(source), notebook_links(downloaded)
    to_pages = [link for link in written if not link.startswith(("https://", "#"))]
    assert len(to_pages) >= 10 and len(offered) == len(written)
    for link, absolute in zip(written, offered):
        if link.startswith(("https://", "#")):
            assert absolute == link
            continue
        assert f'href="{link}"' in page, f"the notebook page: {link} is not kept as written"
        assert absolute == urljoin(page_url, link), f"the downloaded notebook: {link} became {absolute}"
        assert_leads_somewhere(site, build.url, absolute, "the downloaded notebook")
    for cell in source.cells:  # only the links changed
        cell.source = MARKDOWN_LINK.sub("]()", cell.source)
    for cell in downloaded.cells:
        cell.source = MARKDOWN_LINK.sub("]()", cell.source)
    assert source.cells == downloaded.cells
