"""Checks of a project tree that the tests run on the real one and the safety net on a copy
with a mistake planted: each returns one message per problem, with its file and line."""

import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from figures import drawings
from figures.svg import OUT, shown
from sitetools.examples import DISPLAY_ONLY, SEED_SHIFT, fence_language, is_python, not_run, sybil
from sitetools.fences import fenced_blocks
from sitetools.project import DOCS, ROOT, run_pytest

REDRAW = "make figures"


def block_problems(path, docs=DOCS):
    """What is wrong with the blocks of one page of `docs`, one message per block."""
    text = path.read_text()
    executed = [example.region.start for example in sybil.parse(path)]
    problems = []
    for block in fenced_blocks(text):
        language = fence_language(block.info)
        where = f"{path.relative_to(docs.parent)}:{block.line}"
        if language in DISPLAY_ONLY or not_run(text, block.start):
            continue
        if is_python(language):
            if not any(block.start <= offset < block.end for offset in executed):
                problems.append(f"{where}: this `{block.info}` block is Python but the doc suite does not run it"
                                " (if it must not run, put `<!-- not run: why -->` on the line before it)")
        else:
            problems.append(f"{where}: `{block.info or '(no language)'}` is neither run nor in DISPLAY_ONLY "
                            "(sitetools/examples.py)")
    return problems


def failures(root, *args):
    """{(page, line): failure text} of the doc examples that fail in `pytest *args` at `root`."""
    pages = {page.relative_to(root).as_posix().replace("/", "."): page.relative_to(root).as_posix()
             for page in (root / "docs").rglob("*.md")}
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.xml"
        result = run_pytest(root, *args, f"--junitxml={report}")
        assert result.returncode in (0, 1), result.stdout + result.stderr  # 1: some examples failed
        cases = ET.parse(report).iter("testcase")
        return {
            (pages[case.get("classname")], int(case.get("name").split(",")[0].removeprefix("line:"))): failure.text
            for case in cases for failure in case.iter("failure")
        }


def seed_dependent_examples(root, *paths):
    """One message per example under `paths` that passes with the pages' seeds and fails with
    moved ones."""
    moved = failures(root, *paths, "--redirect-seeds")
    if not moved:
        return []
    normal = failures(root, *sorted({page for page, _ in moved}))
    return [
        f"{page}:{line}: passes with the page's seeds but fails with every torch.manual_seed(s) moved to "
        f"s + {SEED_SHIFT}: its output depends on which random numbers were drawn (show a set of values, "
        f"an identity or a fraction within a tolerance instead).\n{text}"
        for (page, line), text in sorted(moved.items()) if (page, line) not in normal
    ]


def stale_figures(directory=OUT):
    """One message per committed figure that is missing or no longer shows what its code draws
    (its spec and its text, compared; sampled numbers checked by the module's bounds)."""
    messages = []
    for module, drawing in drawings():
        path = directory / f"{drawing.name}.svg"
        name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        code = module.__name__.replace(".", "/") + ".py"
        if not path.exists():
            messages.append(f"{name} is missing: {code} draws it; run `{REDRAW}`")
            continue
        committed_spec, committed_text = shown(path.read_text(encoding="utf-8"))
        fresh_spec, fresh_text = shown(drawing.svg())
        sampled = committed_spec.pop("sampled", None)
        fresh_spec.pop("sampled", None)
        differences = [key for key in sorted(set(committed_spec) | set(fresh_spec))
                       if committed_spec.get(key) != fresh_spec.get(key)]
        if committed_text != fresh_text:
            differences.append("text")
        if sampled is not None:
            try:
                module.check_sampled(sampled)
            except AssertionError as error:
                differences.append(f"sampled numbers out of bounds ({error})")
        if differences:
            messages.append(f"{name} is stale: it no longer shows what {code} draws "
                            f"(differs in: {', '.join(differences)}); run `{REDRAW}`")
    return messages
