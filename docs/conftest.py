"""Runs the Python examples of every page under pytest, one test file per page.

Each page runs in a fresh namespace from the same torch state (tests/doc_examples.py), in an
order shuffled anew each run; blocks on one page run in page order and share names.
"""

import random

from tests.doc_examples import make_sybil


def pytest_addoption(parser):
    group = parser.getgroup("doc examples")
    group.addoption("--redirect-seeds", action="store_true",
                    help="seed every torch.manual_seed(s) call with another seed")
    group.addoption("--page-order-seed", type=int, default=random.randrange(10**6),
                    help="seed of the shuffled page order (printed in the header)")


def pytest_configure(config):
    global collect_page
    collect_page = make_sybil(redirect=config.getoption("redirect_seeds")).pytest()


def pytest_collect_file(file_path, parent):
    return collect_page(file_path, parent)


def pytest_report_header(config):
    return f"doc pages shuffled with --page-order-seed={config.getoption('page_order_seed')}"


def pytest_collection_modifyitems(config, items):
    """Shuffle the pages, keeping each page's examples in order and in their slots."""
    slots = [i for i, item in enumerate(items) if item.path.suffix == ".md"]
    pages = {}
    for i in slots:
        pages.setdefault(items[i].path, []).append(items[i])
    order = list(pages)
    random.Random(config.getoption("page_order_seed")).shuffle(order)
    for i, item in zip(slots, [item for page in order for item in pages[page]]):
        items[i] = item
