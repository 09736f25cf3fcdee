"""How the pages' Python examples are found and run: the one Sybil object, `sybil`.

docs/conftest.py hands it to pytest, `mkdocs serve` runs each saved page with it
(hooks/live_examples.py), and the checks (sitetools/checks.py) parse pages with it.
"""

import doctest
import re

import pytest_socket
import torch
from pygments.lexers import get_lexer_by_name
from pygments.lexers.python import PythonConsoleLexer, PythonLexer
from pygments.util import ClassNotFound
from sybil import Sybil
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.abstract.doctest import DocTestStringParser
from sybil.parsers.markdown import SkipParser
from sybil.parsers.markdown.lexers import RawFencedCodeBlockLexer

from sitetools.fences import SNIPPET
from sitetools.project import ROOT

# Fence languages the suite executes, in any case and with any attributes (`title=`, ...):
# Pygments' names for Python source and Python console sessions.
EXECUTED = {"python", "py", "python3", "py3", "pycon", "python-console"}
# Languages shown but never run. Anything else fails tests/test_every_block_runs.py.
DISPLAY_ONLY = {"text", "console", "bash", "shell", "yaml", "toml", "json", "latex", "tex", "markdown", "html",
                "pytb"}  # a Python traceback: shown, never run
# The one way to show Python that must not run (pseudo-code, a session with another prompt):
# the line right before its fence is `<!-- not run: why -->` (or `<!-- not run -->`). Readers
# never see the comment.
NOT_RUN = re.compile(r"^[ \t>]*<!-- not run(:.*)? -->[ \t]*\n\Z")

DOCTEST_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
# A page with doctest outputs: the safety net and the author-loop benchmark change one of them.
PAGE = "docs/explainer/pytorch.md"
# Seeds are moved this far by --redirect-seeds (docs/conftest.py).
SEED_SHIFT = 104729


def fence_language(info):
    """The language named by a fence's info string: `python title="a.py"` -> "python",
    `{ .py .annotate }` -> "py"."""
    match = re.match(r"\s*(?:\{\s*\.)?([\w+#.-]*)", info)
    return match[1].lower()


def is_python(language):
    """Whether Pygments highlights `language` as Python (source, console, IPython, 2.x, ...)."""
    try:
        lexer = get_lexer_by_name(language)
    except ClassNotFound:
        return False
    return isinstance(lexer, (PythonLexer, PythonConsoleLexer)) or "python" in lexer.name.lower()


def not_run(text, fence_start):
    """Whether the fence at offset `fence_start` of `text` is declared not run by the line before it."""
    fence_line = text.rfind("\n", 0, fence_start) + 1
    line_before = text.rfind("\n", 0, max(fence_line - 1, 0)) + 1
    return fence_line > 0 and bool(NOT_RUN.match(text[line_before:fence_line]))


def network_closed(evaluator):
    """`evaluator` run with the network closed. Applied to each example, not once per page:
    pytest-socket reopens the network after every test."""
    def evaluate(example):
        __tracebackhide__ = True
        pytest_socket.disable_socket()
        try:
            return evaluator(example)
        finally:
            pytest_socket.enable_socket()
    return evaluate


def run_code(example):
    """Run a plain block; a block made only of `--8<--` lines runs the snippet files it shows."""
    lines = [line.strip() for line in example.parsed.splitlines() if line.strip()]
    if lines and all(SNIPPET.match(line) for line in lines):
        for line in lines:
            path = ROOT / SNIPPET.match(line)["path"]
            exec(compile(path.read_text(), str(path), "exec"), example.namespace)
    else:
        PythonEvaluator()(example)


class ExampleParser:
    """Every fence whose language is in EXECUTED, unless declared not run: a doctest if it
    starts with `>>>`, else code; each example with the network_closed()."""

    def __init__(self):
        self.lexer = RawFencedCodeBlockLexer(info_pattern=re.compile(r"(?P<info>[^\n]*)$\n", re.M))
        self.doctest = DocTestStringParser(DocTestEvaluator(DOCTEST_FLAGS))

    def __call__(self, document):
        for region in self.lexer(document):
            if fence_language(region.lexemes["info"]) not in EXECUTED or not_run(document.text, region.start):
                continue
            source = region.lexemes["source"]
            if source.startswith(">>>"):
                for doctest_region in self.doctest(source, document.path):
                    doctest_region.adjust(region, source)
                    doctest_region.evaluator = network_closed(doctest_region.evaluator)
                    yield doctest_region
            else:
                region.parsed = source
                region.evaluator = network_closed(run_code)
                yield region


class TorchState:
    """The global torch settings a page could change; every page starts from the same ones."""

    def __init__(self):
        self.dtype = torch.get_default_dtype()
        # One thread: the examples' tensors are tiny, and on a busy machine a second thread
        # makes each op many times slower.
        self.threads = 1
        self.deterministic = torch.are_deterministic_algorithms_enabled()
        self.printoptions = torch._tensor_str.PRINT_OPTS.__dict__.copy()

    def restore(self):
        torch.set_default_dtype(self.dtype)
        torch.set_grad_enabled(True)
        torch.set_num_threads(self.threads)
        if torch.are_deterministic_algorithms_enabled() != self.deterministic:
            torch.use_deterministic_algorithms(self.deterministic)  # its first call costs seconds
        torch._tensor_str.PRINT_OPTS.__dict__.update(self.printoptions)
        torch.manual_seed(0)


class PageSetup:
    """Sybil's setup and teardown of each page: the same torch state to start from, and, when
    `seed_shift` is set, every torch.manual_seed(s) seeding with s + seed_shift until the page
    ends (torch's own seeding is back for everything else in the process)."""

    def __init__(self):
        self.baseline = TorchState()
        self.seed_shift = 0
        self.restore_seeds = None

    def start(self, namespace):
        self.restore_seeds = redirect_seeds(self.seed_shift)
        self.baseline.restore()  # seeds 0, moved too

    def end(self, namespace):
        self.restore_seeds()


def redirect_seeds(shift=SEED_SHIFT):
    """Make every `torch.manual_seed(s)` seed with s + shift (an expected output that depends on
    the numbers drawn then fails); returns the function that puts the seeding back."""
    seed = torch.random.manual_seed
    if shift:
        torch.manual_seed = torch.random.manual_seed = lambda s: seed(s + shift)

    def restore():
        torch.manual_seed = torch.random.manual_seed = seed
    return restore


page = PageSetup()

sybil = Sybil(
    # `python`, `pycon` and the other Python fences; `>>>` blocks are doctests, a `--8<--` block
    # runs its snippet. Each example runs with the network closed.
    # Sybil's own `<!-- skip: ... -->` directives: a page's examples that need packages of another
    # environment (make test-frameworks) skip where those packages are missing.
    parsers=[ExampleParser(), SkipParser()],
    path=str(ROOT / "docs"),
    patterns=["*.md"],
    # All blocks of a page share one namespace, fresh for each page, and start from the same
    # torch state; with --redirect-seeds, torch.manual_seed(s) seeds s + SEED_SHIFT.
    setup=page.start,
    teardown=page.end,
)


def first_output_line(path):
    """(line of the first `>>>` that has an expected output, line of that output)."""
    lines = path.read_text().splitlines()
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith(">>>") and lines[number].strip() and not lines[number].lstrip().startswith((">>>", "...", "```")):
            return number, number + 1
    raise AssertionError(f"{path} has no doctest output")
