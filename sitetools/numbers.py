"""Every number in the prose comes from somewhere. It is written by an example that the suite runs
on the same page (in the example's code or its expected output; for the notebook, in its code
cells and stored outputs); or, in a figure, by the figure's text or the code in figures/ that
draws it (tests/test_figures.py runs that code); or in a file of the project that its sentence
names (a test's threshold, a script's constant); or it stands in a sentence that cites a source
on the references page (a link to an entry there, or to the original explainer, which is one).

Prose is the text outside fenced code, inline and display maths included; link targets, HTML
tags and attribute lists are not prose. Only numbers written in digits are checked. The
exceptions are declared below, each with its reason."""

import decimal
import re

import nbformat
from sybil.evaluators.skip import Skipper

from sitetools.examples import sybil
from sitetools.project import DOCS, ROOT
from sitetools.prose import page_paragraphs
from sitetools.syntax import LINK, SNIPPET

# The exceptions, each with its reason. Pages whose numbers are not claims to trace:
PAGES = {
    "references.md": "the bibliographic details of the sources themselves: years, volumes, pages, versions",
    "original-explainer.md": "the original explainer quoted as written (tests/test_original_explainer.py); its "
                             "numbers are the claims under review, and each wrong one is marked there",
}
# Numbers that are notation rather than results:
NUMBERS = {
    "0": "zero, as in 'dropped units are 0' and p = 0: a constant of the notation",
    "1": "one, as in 1 − p, 1/q, 'one unit': a constant of the notation",
    "2": "two, as in 2ⁿ masks, x², 'a factor of 2': a constant of the notation",
}
# The year of an author-year citation (Hinton et al. 2012, Li et al. (2019)) names a source listed
# on the references page, even where a link cannot go (a tab's label, a heading).
CITED_YEAR = re.compile(r"(?:et\s+al\.|& [A-Z]\w+),?\s+\(?(?P<year>(?:19|20)\d\d)\b")

# Thousands may be grouped with commas or spaces (1,797 and 10 000); an exponent is part of the
# number (1.7e+06), and so is a "million" after it in the prose.
NUMBER = re.compile(r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u2009\u202f]\d{3})+(?!\d)|\d+)(?:\.\d+)?"
                    r"(?:e[+-]?\d+)?(?![\w])(?P<scale> million| billion)?")
SCALE = {" million": "e6", " billion": "e9"}
# Not prose: link targets (the text stays), HTML tags and autolinks, attribute lists, addresses
# and version triples (127.0.0.1), the numbers of an ordered list.
ATTRIBUTE = r"(?:[#.][\w-]+|[\w-]+=\"[^\"\n]*\")"
NOT_PROSE = re.compile(rf"(?<=\])\([^)\s]+(?:\s+\"[^\"]*\")?\)|<[^>\n]+>|\{{:?\s*{ATTRIBUTE}(?:\s+{ATTRIBUTE})*\s*\}}"
                       r"|\b\d+(?:\.\d+){2,}\b|(?m:^[ \t]*\d+\.(?=[ \t]))")
# Units of prose: a list item, table row, heading or admonition title starts a new one ...
UNIT_START = re.compile(r"^[ \t]*(?:[-*+] |\d+\. |\||#|!!!|\?\?\?)", re.M)
# ... and so does a sentence, except after an abbreviation.
SENTENCE_END = re.compile(r"(?<!\bal\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bcf\.)(?<!\bFig\.)(?<!\bApp\.)(?<!\bvs\.)(?<!\bSec\.)"
                          r"(?<=[.!?])\s+(?=[A-Z\[(\\*\"'`])")
FIGURE = re.compile(r"\]\((?P<src>[^)\s]+\.svg)\)")
NAMED_FILE = re.compile(r"(?<![\w/])(?P<path>(?:tests|figures|snippets|bench|hooks|sitetools)/[\w/.-]+\.(?:py|js))")
CITATION = re.compile(r"references(?:\.md|/)#|original-explainer(?:\.md|/)")


def value(match):
    """A number found by NUMBER, written one way: "10 000", "1e4" and "0.01 million" alike."""
    digits = re.sub(r"[,_ \u2009\u202f]", "", match[0].removesuffix(match["scale"] or ""))
    return str((decimal.Decimal(digits) * decimal.Decimal("1" + SCALE.get(match["scale"], "e0"))).normalize())


def numbers_in(code):
    """The numbers in code or its output; 1e-20 gives 1e-20 itself and 20, as 10^{-20} in the prose."""
    code = re.sub(r"(?<=\d)_(?=\d)", "", code)
    return {value(m) for m in NUMBER.finditer(code)} | {value(m) for m in NUMBER.finditer(re.sub(r"(?<=\d)e(?=[+-]?\d)", " ", code))}


def executed_text(path):
    """The code and expected outputs of every example the doc suite runs on a page, snippets included."""
    parts, skip = [], None
    for example in sybil.parse(path):
        parsed = example.region.parsed
        if isinstance(example.region.evaluator, Skipper):
            skip = parsed[0]  # `<!-- skip: next -->`, `start` or `end`
            continue
        if skip in ("next", "start"):
            skip = None if skip == "next" else skip
            continue
        if isinstance(parsed, str):
            snippets = [SNIPPET.match(line.strip()) for line in parsed.splitlines() if line.strip()]
            if snippets and all(snippets):
                parts += [(ROOT / match["path"]).read_text() for match in snippets]
            else:
                parts.append(parsed)
        else:
            parts += [parsed.source, parsed.want]
    return "\n".join(parts)


def notebook_executed_text(path):
    """The notebook's code cells and their stored outputs."""
    parts = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code":
            parts.append(cell.source)
            for output in cell.get("outputs", []):  # printed text, and displayed Markdown or HTML
                data = output.get("data", {})
                parts += [output.get("text", ""), *(data[kind] for kind in data if kind.startswith("text/"))]
    return "\n".join(parts)


def figure_text(paragraph):
    """The text a figure in `paragraph` shows and the code in figures/ that draws it."""
    parts = []
    for match in FIGURE.finditer(paragraph.text):
        svg = (paragraph.source.parent / match["src"]).resolve()
        parts += re.findall(r"<(?:text|title|desc)\b[^>]*>([^<]*)<", svg.read_text())
        code = ROOT / "figures" / (svg.stem.replace("-", "_") + ".py")
        parts.append(code.read_text() if code.exists() else "")
    return "\n".join(parts)


def sentences(text):
    """(start, end) of each sentence of a paragraph's text."""
    spans, bounds = [], sorted({0, len(text), *(m.start() for m in UNIT_START.finditer(text))})
    for start, end in zip(bounds, bounds[1:]):
        cut = start
        for m in SENTENCE_END.finditer(text, start, end):
            spans.append((cut, m.start()))
            cut = m.end()
        spans.append((cut, end))
    return spans


def untraced(paragraphs, supported):
    """One message per number in `paragraphs` that is neither in `supported` nor in a sentence
    that cites the references page."""
    problems = []
    for paragraph in paragraphs:
        shown = supported | numbers_in(figure_text(paragraph))
        citations = [link.span() for link in LINK.finditer(paragraph.text) if CITATION.search(link["target"])]
        text = NOT_PROSE.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), paragraph.text)
        years = {m.start("year") for m in CITED_YEAR.finditer(text)}
        for start, end in sentences(text):
            if any(s < end and start < e for s, e in citations):
                continue
            named = set().union(*(numbers_in((ROOT / f["path"]).read_text())
                                  for f in NAMED_FILE.finditer(text, start, end) if (ROOT / f["path"]).exists()))
            for m in NUMBER.finditer(text, start, end):
                # a percentage is traced by its fraction too: "60 %" by 0.6
                number = value(m)
                percent = str((decimal.Decimal(number) / 100).normalize()) if re.match(r" ?%", text[m.end():]) else None
                if m.start() in years or number in NUMBERS or {number, percent} & (shown | named):
                    continue
                sentence = " ".join(text[start:end].split())
                problems.append(f"{paragraph.line_of(m.start())}: {m[0]} in \"{sentence}\"")
    return problems


def page_problems(page, docs=DOCS):
    """The untraced numbers of one page of `docs`, each with its file and line."""
    name = page.relative_to(docs).as_posix()
    if name in PAGES:
        return []
    return untraced(page_paragraphs(page, docs.parent), numbers_in(executed_text(page)))
