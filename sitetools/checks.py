"""Checks of a project tree that the tests run on the real one and the safety net on a copy
with a mistake planted: each returns one message per problem, with its file and line."""

from figures import drawings
from figures.svg import OUT, shown
from sitetools.examples import DISPLAY_ONLY, EXECUTED, SEED_SHIFT, is_python, run_page
from sitetools.project import DOCS, ROOT
from sitetools.syntax import fence_language, fenced_blocks, line_of

REDRAW = "make figures"


def block_problems(path, docs=DOCS):
    """One message per block of a page of `docs` that the doc suite neither runs nor knows as
    display-only: it would be shown and never checked."""
    text = path.read_text()
    problems = []
    for block in fenced_blocks(text):
        info = block.lexemes["info"].strip()
        language = fence_language(info)
        if language in EXECUTED | DISPLAY_ONLY:
            continue
        where = f"{path.relative_to(docs.parent).as_posix()}:{line_of(text, block.start)}"
        if is_python(language):
            problems.append(f"{where}: this `{info}` block is Python but the doc suite does not run it: write it as "
                            "`python` or `pycon` (if it must not run, put `<!-- skip: next \"why\" -->` before it)")
        else:
            problems.append(f"{where}: `{info or '(no language)'}` is neither run nor in DISPLAY_ONLY "
                            "(sitetools/examples.py)")
    return problems


def seed_dependent_examples(pages, root=ROOT):
    """One message per example of `pages` that passes with the pages' seeds and fails with every
    torch.manual_seed(s) moved to s + SEED_SHIFT (each page runs in this process)."""
    problems = []
    for page in pages:
        moved = {line: text for line, text in run_page(page, SEED_SHIFT).items() if text}
        normal = run_page(page) if moved else {}
        problems += [
            f"{page.relative_to(root).as_posix()}:{line}: passes with the page's seeds but fails with every "
            f"torch.manual_seed(s) moved to s + {SEED_SHIFT}: its output depends on which random numbers were "
            f"drawn (show a set of values, an identity or a fraction within a tolerance instead).\n{text}"
            for line, text in moved.items() if normal.get(line, "") is None
        ]
    return problems


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
