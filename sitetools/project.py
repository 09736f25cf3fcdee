"""Helpers shared by the tests: build the site, run the doc suite, copy the project."""

import contextlib
import functools
import gzip
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
NOTEBOOK = DOCS / "notebooks" / "hands-on.ipynb"
CHROMIUM = "/usr/bin/chromium"  # Debian's; Playwright's own browser download cannot work here
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# What a copy of the project needs to build and run its examples (node_modules is linked, not copied).
PROJECT_FILES = ["mkdocs.yml", "pytest.ini", "docs", "snippets", "figures", "tests", "hooks", "overrides", "sitetools"]


def site_path(source):
    """A page's path on the site from its source file in docs/ (absolute, or relative to the
    project's root: "docs/explainer/maths.md" is "explainer/maths/")."""
    page = (ROOT / source).relative_to(DOCS).with_suffix("").as_posix()
    return "" if page == "index" else page + "/"


def page_paths():
    """Each page's path on the site, from its source file in docs/; and the 404 page."""
    return [site_path(source) for source in sorted([*DOCS.rglob("*.md"), *DOCS.rglob("*.ipynb")])] + ["404.html"]


def built_file(site_dir, path):
    """The HTML file a path of `page_paths()` is served from."""
    return site_dir / path if path.endswith(".html") else site_dir / path / "index.html"


def mkdocs_build(root, site_dir, site_url=None):
    """`mkdocs build --strict` of the project at `root`, for the address `site_url` if given
    (mkdocs.yml reads it from SITE_URL); returns the finished process."""
    env = ENV if site_url is None else {**ENV, "SITE_URL": site_url}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=root, env=env, capture_output=True, text=True,
    )


def run_pytest(root, *args):
    """pytest in a fresh interpreter, at `root`; returns the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args],
        cwd=root, env=ENV, capture_output=True, text=True,
    )


@contextlib.contextmanager
def mkdocs_serve(root, env=()):
    """`mkdocs serve --dirty` (as `make serve`) of the project at `root` on a free port, with its
    live examples (hooks/live_examples.py) and the environment variables `env` added; yields
    (base URL, the server's log lines so far)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root, env={**ENV, **dict(env)}, stderr=subprocess.PIPE, text=True,
        # A suite started in the background by a script inherits an ignored SIGINT, and the
        # server would never stop: give it Ctrl-C back.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    log = []
    try:
        for line in server.stderr:
            log.append(line)
            if "Serving on" in line:
                break
        else:
            raise RuntimeError("mkdocs serve stopped before serving:\n" + "".join(log))
        threading.Thread(target=log.extend, args=(server.stderr,), daemon=True).start()  # the pipe never fills
        yield f"http://127.0.0.1:{port}/", log
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: MkDocs shuts down its plugins and hooks
        server.wait()


def served_page(url, text, log, limit=300):
    """The page at `url` once its HTML contains `text`, polled while `mkdocs serve` rebuilds.
    `limit` only stops a server that never gets there (the loop's speed is in bench/)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            page = urllib.request.urlopen(url).read().decode()
            if text in page:
                return page
        time.sleep(0.2)
    raise AssertionError(f"{url} never showed {text!r}; the server's log:\n" + "".join(log[-40:]))


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
def serve(site_dir, prefix="/"):
    """Serve a built site over HTTP on 127.0.0.1 at the path `prefix`, as GitHub Pages serves a
    project's site at /<project>/ (nothing is served outside it; a missing page gets the site's
    404.html); yields the site's URL. The folder may be filled after the server starts."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site_dir)))
    server.prefix = prefix
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves as a real host does: text files gzip-compressed for a browser that accepts it,
    so page weights and load times are those readers meet."""

    def send_head(self):
        if not self.path.startswith(self.server.prefix):
            self.send_error(HTTPStatus.NOT_FOUND, "outside the site")
            return None
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()  # also redirects a folder to its trailing slash
        body = gzipped(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(path.stat().st_mtime))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def translate_path(self, path):
        # send_head has checked that the path lies under the prefix
        return super().translate_path("/" + path[len(self.server.prefix):])

    def send_error(self, code, message=None, explain=None):
        # A missing page within the site gets its 404.html, as on GitHub Pages.
        page = Path(self.directory, "404.html")
        if code != HTTPStatus.NOT_FOUND or not self.path.startswith(self.server.prefix) or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


# What hosts such as GitHub Pages compress; fonts (woff2) and images are compressed already.
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ipynb"}


@functools.lru_cache(maxsize=None)
def gzipped(path, mtime_ns):
    return gzip.compress(path.read_bytes(), compresslevel=6)


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a browser that closes a page mid-load breaks a pipe; nothing to report


def launch_chromium(playwright):
    """Headless Debian Chromium through Playwright."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


# Chromium's own background traffic would fail on a closed network (the tests and bench/pages.py).
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


# The windows pages are loaded in: the browser tests use both, bench/work.py the phone's.
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
# Resolves once the browser has drawn two more frames: work a page leaves for its next frames
# (observers, Material's set-up) is done by then.
TWO_FRAMES = "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def traced(chromium, page, action, categories=("devtools.timeline",)):
    """Chromium's trace events (complete ones) while `action()` runs in `page`, and for two
    frames after it."""
    chromium.start_tracing(page=page, categories=list(categories))
    action()
    page.evaluate(TWO_FRAMES)
    return [e for e in json.loads(chromium.stop_tracing())["traceEvents"] if e.get("ph") == "X"]


def traced_load(chromium, url, categories=("devtools.timeline",)):
    """Chromium's trace events (complete ones) over a load of `url` at a phone's size, in a
    fresh browser context, and the number of elements the page then has."""
    page = chromium.new_page(viewport=VIEWPORTS["phone"])
    events = traced(chromium, page, lambda: page.goto(url, wait_until="load"), categories)
    elements = page.evaluate("document.getElementsByTagName('*').length")
    page.close()
    return events, elements
