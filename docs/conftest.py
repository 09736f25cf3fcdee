"""The doc suite: pytest runs the Python examples of every page with the one Sybil object of
sitetools/examples.py, one test file per page."""

import random

from sitetools.examples import SEED_SHIFT, page, sybil

pytest_collect_file = sybil.pytest()


def pytest_addoption(parser):
    group = parser.getgroup("doc examples")
    group.addoption("--redirect-seeds", action="store_true",
                    help=f"seed every torch.manual_seed(s) call with s + {SEED_SHIFT}")
    group.addoption("--page-order-seed", type=int, default=random.randrange(10**6),
                    help="seed of the shuffled page order (printed in the header)")


def pytest_configure(config):
    page.seed_shift = SEED_SHIFT if config.getoption("redirect_seeds") else 0


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
    for i, item in zip(slots, [item for path in order for item in pages[path]]):
        items[i] = item
