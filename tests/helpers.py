"""Helpers shared by the tests: build the site, run the doc suite, copy the project."""

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
NOTEBOOK = DOCS / "notebooks" / "hands-on.ipynb"
CHROMIUM = "/usr/bin/chromium"  # Debian's; Playwright's own browser download cannot work here
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# What a copy of the project needs to build and run its examples (node_modules is linked, not copied).
PROJECT_FILES = ["mkdocs.yml", "pytest.ini", "docs", "snippets", "tests", "hooks", "overrides"]


def page_paths():
    """Each page's path on the site, from its source file in docs/; and the 404 page."""
    paths = []
    for source in sorted([*DOCS.rglob("*.md"), *DOCS.rglob("*.ipynb")]):
        page = source.relative_to(DOCS).with_suffix("").as_posix()
        paths.append("" if page == "index" else page + "/")
    return paths + ["404.html"]


def built_file(site_dir, path):
    """The HTML file a path of `page_paths()` is served from."""
    return site_dir / path if path.endswith(".html") else site_dir / path / "index.html"


def mkdocs_build(root, site_dir):
    """`mkdocs build --strict` of the project at `root`; returns the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=root, env=ENV, capture_output=True, text=True,
    )


def run_pytest(root, *args):
    """pytest in a fresh interpreter, at `root`; returns the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args],
        cwd=root, env=ENV, capture_output=True, text=True,
    )


def copy_project(dest):
    """A copy of the project at `dest`, to break on purpose."""
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, dest / name)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


@contextlib.contextmanager
def serve(site_dir):
    """Serve a built site over HTTP on 127.0.0.1; yields its base URL."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a browser that closes a page mid-load breaks a pipe; nothing to report


def launch_chromium(playwright):
    """Headless Debian Chromium through Playwright."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    return playwright.chromium.launch(
        executable_path=CHROMIUM,
        # Chromium's own background traffic would fail on a closed network.
        args=["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    )
