"""The built sites a benchmark measures: a fresh strict build of the project, or built sites
given as folders (`--site`), to compare two builds (say, main and a change, each built with
`mkdocs build --site-dir`). Each is served as a real host serves it (tests/helpers.py). With
two or more, a benchmark alternates between them run by run, so that the machine's own drift
(docs/testing.md, "The latest measurement") falls on each alike."""

import contextlib
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.helpers import ROOT, mkdocs_build, page_paths, serve  # noqa: E402


def add_arguments(parser):
    parser.add_argument("--site", action="append", type=Path, default=[],
                        help="a built site to measure instead of a fresh build; give two or more to compare them")
    parser.add_argument("paths", nargs="*", default=[path for path in page_paths() if path != "404.html"],
                        help="pages as on the site, e.g. notebooks/hands-on/ (default: every page)")


@contextlib.contextmanager
def served(folders):
    """(name, URL) of each site, served; a fresh build of the project where no folder is given."""
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        if not folders:
            folders = [Path(tmp) / "site"]
            result = mkdocs_build(ROOT, folders[0])
            assert result.returncode == 0, result.stdout + result.stderr
        yield [(str(folder), stack.enter_context(serve(folder))) for folder in folders]
