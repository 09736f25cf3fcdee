"""The built sites a benchmark measures: a fresh strict build of the project, or built sites
given as folders (`--site`), to compare two builds (say, main and a change, each built with
`mkdocs build --site-dir`). Each is served as a real host serves it (sitetools/project.py). With
two or more, a benchmark alternates between them run by run, so that the machine's own drift
(docs/testing.md, "The latest measurement") falls on each alike.

The control (`control()`, bench/pages.py's `--control`): the references page's text built by
Material with its defaults alone, a one-page site. Measured beside the pages, it shows what
this machine gives a plain Material page in the same minutes, which tells a change of the
machine's speed from a change of the site."""

import contextlib
import sys
import tempfile
from pathlib import Path

from sitetools.project import ROOT, mkdocs_build, page_paths, serve


# Material's defaults; only the Markdown the references page is written in (definition lists
# with anchors), and its links to pages the control lacks reported instead of failing the build.
CONTROL_CONFIG = """\
site_name: Control
theme:
  name: material
  font: false
markdown_extensions: [attr_list, def_list]
validation:
  links:
    not_found: info
"""


def add_arguments(parser):
    parser.add_argument("--site", action="append", type=Path, default=[],
                        help="a built site to measure instead of a fresh build; give two or more to compare them")
    parser.add_argument("paths", nargs="*", default=[path for path in page_paths() if path != "404.html"],
                        help="pages as on the site, e.g. notebooks/hands-on/ (default: every page)")


def build(root, site_dir):
    """A strict build of the project at `root` into `site_dir`; stops with MkDocs' output if it fails."""
    result = mkdocs_build(root, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr


@contextlib.contextmanager
def served(folders):
    """(name, URL) of each site, served; a fresh build of the project where no folder is given."""
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        if not folders:
            folders = [Path(tmp) / "site"]
            build(ROOT, folders[0])
        yield [(str(folder), stack.enter_context(serve(folder))) for folder in folders]


@contextlib.contextmanager
def control():
    """The URL of the control page, built and served."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "docs").mkdir()
        (root / "docs" / "index.md").write_text((ROOT / "docs" / "references.md").read_text())
        (root / "mkdocs.yml").write_text(CONTROL_CONFIG)
        build(root, root / "site")
        with serve(root / "site") as url:
            yield url
