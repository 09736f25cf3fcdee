"""Every Python block on every page is executed by the doc suite; every other block is declared
display-only, and Python that must not run says so (`<!-- not run: why -->` on the line before
it). A block the runner would skip without a word fails here, with its file and line."""

from docs.conftest import sybil
from tests.doc_examples import DISPLAY_ONLY, DOCS, fence_language, is_python, not_run
from tests.fences import fenced_blocks


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
                            "(tests/doc_examples.py)")
    return problems


def test_every_python_block_runs():
    problems = [problem for page in sorted(DOCS.rglob("*.md")) for problem in block_problems(page)]
    assert not problems, "\n".join(problems)
