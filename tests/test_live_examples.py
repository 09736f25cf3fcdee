"""`mkdocs serve` runs each saved page's examples and shows the outcome on the page
(hooks/live_examples.py); a page that hangs or crashes the worker does not stop the server;
`mkdocs build` runs no examples (the safety net's broken build checks that). The safety net
breaks an example while serving."""

import re

from sitetools.examples import PAGE
from sitetools.project import served_page, site_path


def page_url(url, page):
    return url + site_path(page)


def test_passing_page_says_how_many_examples_pass(live_server):
    root, url, log = live_server
    html = served_page(page_url(url, PAGE), "live-examples", log)
    assert re.search(r'class="live-examples">\d\d+ examples, all pass<', html), html
    assert "live-example " not in html and 'live-example"' not in html


def test_hang_and_crash_are_reported_and_serving_goes_on(live_server):
    root, url, log = live_server
    page = root / "docs" / "live-probe.md"
    try:
        page.write_text("# Probe\n\n```python\nwhile True:\n    pass\n```\n")
        served_page(page_url(url, "docs/live-probe.md"), "did not finish within", log)
        page.write_text("# Probe\n\n```python\nimport os\nos._exit(3)\n```\n")
        served_page(page_url(url, "docs/live-probe.md"), "died (exit code 3)", log)
        page.write_text("# Probe\n\n```python\nassert 1 + 1 == 2\n```\n")
        served_page(page_url(url, "docs/live-probe.md"), "1 example, all pass", log)
    finally:
        page.unlink()
