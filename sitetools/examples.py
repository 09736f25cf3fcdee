"""How the pages' Python examples are found and run: the one Sybil object, `sybil`.

docs/conftest.py hands it to pytest, `mkdocs serve` runs each saved page with it
(hooks/live_examples.py), and the checks (sitetools/checks.py) parse pages with it.
"""

import doctest
import traceback
import unittest
from pathlib import Path

import pytest
import pytest_socket
import torch
from pygments.lexers import get_lexer_by_name
from pygments.lexers.python import PythonConsoleLexer, PythonLexer
from pygments.util import ClassNotFound
import sybil as sybil_package
from sybil import Sybil
from sybil.evaluators import skip
from sybil.example import SybilFailure
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.abstract.doctest import DocTestStringParser
from sybil.parsers.markdown import SkipParser
from sybil.parsers.markdown.lexers import FENCE

from sitetools.project import ROOT
from sitetools.syntax import FENCES, SNIPPET, fence_language

# Fence languages the suite executes, in any case and with any attributes (`title=`, ...).
EXECUTED = {"python", "pycon"}
# Languages shown but never run. Anything else fails tests/test_every_block_runs.py. Python that
# must not run (pseudo-code) is a `python` block after the line `<!-- skip: next "why" -->`:
# Sybil's own skip, which readers never see and pytest reports as skipped, with the reason.
DISPLAY_ONLY = {"text"}

DOCTEST_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
# A page with doctest outputs: the safety net and the author-loop benchmark change one of them.
PAGE = "docs/explainer/pytorch.md"
# Seeds are moved this far by --redirect-seeds (docs/conftest.py).
SEED_SHIFT = 104729


def is_python(language):
    """Whether Pygments highlights `language` as Python (source, console, IPython, 2.x, ...)."""
    try:
        lexer = get_lexer_by_name(language)
    except ClassNotFound:
        return False
    return isinstance(lexer, (PythonLexer, PythonConsoleLexer)) or "python" in lexer.name.lower()


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
    """Every fence whose language is in EXECUTED: a doctest if it starts with `>>>`, else code;
    each example with the network_closed()."""

    def __init__(self):
        self.doctest = DocTestStringParser(DocTestEvaluator(DOCTEST_FLAGS))

    def __call__(self, document):
        for region in FENCES(document):
            if fence_language(region.lexemes["info"]) not in EXECUTED:
                continue
            source = region.lexemes["source"]
            if source.startswith(">>>"):
                # The fence's indent, which Sybil takes off each line of `source` (an exercise's
                # solution is indented under its admonition) and which adjust() does not count.
                indent = len(FENCE.match(document.text, region.start)["prefix"])
                for doctest_region in self.doctest(source, document.path):
                    lines = [source.count("\n", 0, offset) + 1 for offset in (doctest_region.start, doctest_region.end)]
                    doctest_region.adjust(region, source)
                    doctest_region.start += indent * lines[0]
                    doctest_region.end += indent * lines[1]
                    doctest_region.evaluator = network_closed(doctest_region.evaluator)
                    yield doctest_region
            else:
                region.parsed = source
                region.evaluator = network_closed(run_code)
                yield region


class Skipper(skip.Skipper):
    """Sybil's skip, with pytest reporting a skipped example at its page and line."""

    def evaluate_other_example(self, example):
        try:
            super().evaluate_other_example(example)
        except unittest.SkipTest as reason:
            raise pytest.skip.Exception(str(reason), _use_item_location=True) from None


def skip_parser():
    parser = SkipParser()
    parser.skipper = Skipper(parser.directive)
    return parser


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
    """Sybil's setup and teardown of each page: the same torch state to start from and to leave
    behind, and, when `seed_shift` is set, every torch.manual_seed(s) seeding with
    s + seed_shift until the page ends (torch's own seeding is back for everything else)."""

    def __init__(self):
        self.baseline = TorchState()
        self.seed_shift = 0
        self.restore_seeds = None

    def start(self, namespace):
        self.restore_seeds = redirect_seeds(self.seed_shift)
        self.baseline.restore()  # seeds 0, moved too

    def end(self, namespace):
        self.restore_seeds()
        self.baseline.restore()


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
    # `python` and `pycon` fences: `>>>` blocks are doctests, a `--8<--` block runs its snippet;
    # each example runs with the network closed. `<!-- skip: next "why" -->` skips the next one, and
    # `<!-- skip: start if(...) -->` a page's examples that need another environment's packages.
    parsers=[ExampleParser(), skip_parser()],
    path=str(ROOT / "docs"),
    patterns=["*.md"],
    # All blocks of a page share one namespace, fresh for each page, and start from the same
    # torch state; with --redirect-seeds, torch.manual_seed(s) seeds s + SEED_SHIFT.
    setup=page.start,
    teardown=page.end,
)


def run_page(path, seed_shift=0):
    """Run the examples of the page at `path` in this process, as pytest runs them (the same
    parsers, setup and teardown), with every torch.manual_seed(s) seeding s + seed_shift:
    {line of each example: None if it passed, else what went wrong}. Skipped examples are left out."""
    shift, page.seed_shift = page.seed_shift, seed_shift
    document = sybil.parse(Path(path))
    outcomes = {}
    sybil.setup(document.namespace)
    try:
        for example in document.examples():
            if isinstance(example.region.evaluator, Skipper):
                example.evaluate()
                continue
            try:
                example.evaluate()
                outcomes[example.line] = None
            except pytest.skip.Exception:
                pass
            except Exception as error:  # noqa: BLE001 - every failure is reported
                outcomes[example.line] = describe(error)
    finally:
        sybil.teardown(document.namespace)
        page.seed_shift = shift
    return outcomes


def describe(error):
    """What went wrong, as pytest shows it: a doctest's expected and actual output, or the
    exception with the traceback through the page and its snippets (paths from the root)."""
    if isinstance(error, SybilFailure):
        text = error.result
    else:
        internal = (Path(__file__).parent, Path(sybil_package.__file__).parent)
        frames = [frame for frame in traceback.extract_tb(error.__traceback__)
                  if not any(Path(frame.filename).is_relative_to(path) for path in internal)]
        text = "".join(["Traceback (most recent call last):\n", *traceback.format_list(frames),
                        *traceback.format_exception_only(error)])
    return text.replace(f"{ROOT}/", "")


def first_output_line(path):
    """(line of the first doctest example on a page that has an expected output, line of that output)."""
    for example in sybil.parse(Path(path)):
        parsed = example.region.parsed
        if getattr(parsed, "want", ""):
            return example.line, example.line + parsed.source.count("\n")
    raise AssertionError(f"{path} has no doctest output")
