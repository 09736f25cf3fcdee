"""The home page names the torch releases the examples are verified on: the one requirements.txt
pins and the newer one `make test-torch-next` runs the doc suite and the notebook on."""

import re

from sitetools.project import DOCS, ROOT


def test_home_page_names_the_releases_the_suite_runs():
    (pinned,) = re.findall(r"^torch==(\S+)$", (ROOT / "requirements.txt").read_text(), re.M)
    (newest,) = re.findall(r"^TORCH_NEXT := (\S+)$", (ROOT / "Makefile").read_text(), re.M)
    assert pinned != newest
    assert f"verified on PyTorch {pinned} and {newest}:" in (DOCS / "index.md").read_text()
