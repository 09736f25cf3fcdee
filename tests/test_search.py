"""The site's search box, as a reader uses it in headless Chromium: API names written in code and
prose, and plain words, each find the page that explains them as the first hit."""

import pytest

# What a reader types, and the page (its path on the site) that explains it.
FIRST_HIT = {
    "nn.AlphaDropout": "beyond/variants/",
    "AlphaDropout": "beyond/variants/",
    "alpha dropout": "beyond/variants/",
    "F.dropout": "beyond/pitfalls/",
    "gradcheck": "explainer/backpropagation/",
    "Dropout2d": "beyond/conventions/",  # its section on how Dropout2d changed across releases
    "inplace": "explainer/pytorch/",
    "keep_prob": "beyond/conventions/",
    "co-adaptation": "explainer/core-concept/",
    "variance shift": "beyond/variance-shift/",
    "DropConnect": "beyond/variants/",
    "Bernoulli mask": "explainer/maths/",
    "ridge regression": "beyond/regularisation/",
}


@pytest.fixture(scope="module")
def search(chromium, server):
    """Type a query into the search box of the home page; the paths of the pages it lists."""
    page = chromium.new_page()

    def results(query):
        page.goto(server)
        box = page.locator("input[data-md-component=search-query]")
        box.click()
        box.fill(query[:-1])  # no keyup yet: Material searches once, on the last key
        box.press(query[-1])
        # "Initializing search", "Type to start searching", then "N matching documents"
        page.locator(".md-search-result__meta", has_text="matching document").wait_for()
        links = page.locator("li.md-search-result__item > a.md-search-result__link").evaluate_all(
            "links => links.map(a => a.href)")
        return [link.removeprefix(server).split("?")[0].split("#")[0] for link in links]

    yield results
    page.close()


@pytest.mark.parametrize("query", FIRST_HIT)
def test_search_lists_the_explaining_page_first(search, query):
    pages = search(query)
    assert pages and pages[0] == FIRST_HIT[query], f"{query!r} lists {pages[:5]}"
