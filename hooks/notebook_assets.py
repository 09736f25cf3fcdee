"""Notebook pages carry only the CSS they use, and their figures as image files.

nbconvert's template, which mkdocs-jupyter uses, inlines all of JupyterLab's CSS (about 560 KiB,
with some 750 colour and layout variables) into every notebook page, though a rendered notebook
uses a few percent of it; on a phone the browser parses it before it can paint. This hook keeps
the rules whose selectors can match an element of the page, and the custom properties those
rules use. A selector is kept when every class, id and element name it requires outside
pseudo-classes, attribute tests and `:not()`/`:is()` appears in the page: states the browser or
the reader toggles (hover, focus, the palette, a table Material wraps at load) keep their rules.
A block left with no rule goes: mkdocs-jupyter 0.26.3 also writes the code colours a second time
as the text of a Python list, a <style> the browser reads no rule from.

nbconvert also inlines each figure as a base64 data URL, a third larger than the image and part
of the HTML the browser must receive before the rest of the page. Figures become files next to
the page, with their size (no layout shift) and lazy loading.
"""

import base64
import hashlib
import re
import struct
from pathlib import Path

STYLE = re.compile(r'(<style(?: type="text/css")?>)(.*?)(</style>)', re.S)
COMMENT = re.compile(r"/\*.*?\*/", re.S)
# Braces, semicolons, commas and parentheses outside strings drive the parsing below.
TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|[{};,()]')
# What a selector requires of the page, once its conditional parts are removed.
CONDITIONAL = [
    re.compile(r":[\w-]+\((?:[^()]|\([^()]*\))*\)"),  # :not(), :is(), :where(), :nth-child() ...
    re.compile(r"\[[^\]]*\]"),  # attribute tests, [data-md-color-scheme=slate] among them
    re.compile(r"::?[\w-]+"),  # :hover, ::before, :root ...
]
REQUIRED = re.compile(r"([.#]?)((?:\\.|[\w-])+)")
# Classes Material's JavaScript adds in the browser (it wraps each table).
RUNTIME_CLASSES = {"md-typeset__scrollwrap", "md-typeset__table"}
VAR = re.compile(r"var\(\s*(--[\w-]+)")
IMAGE = re.compile(r'(<img [^>]*?)src="data:image/png;base64,([A-Za-z0-9+/=\s]+)"')


def on_page_content(content, page, config, files):
    if not page.file.src_uri.endswith(".ipynb"):
        return content
    content = IMAGE.sub(lambda m: m[1] + image_file(base64.b64decode(m[2]), page), content)
    styles = STYLE.findall(content)
    markup = STYLE.sub("", content)
    present = page_names(markup)
    kept = [keep_used(parse(COMMENT.sub("", css)), present) for _, css, _ in styles]
    used = used_properties(kept, markup)
    sheets = iter(serialize(prune_properties(rules, used)) for rules in kept)
    return STYLE.sub(lambda m: (m[1] + sheet + m[3]) if (sheet := next(sheets)) else "", content)


def image_file(data, page):
    """Write a figure next to the page; the <img> tag's attributes that load it, sized."""
    name = hashlib.sha1(data).hexdigest()[:16] + ".png"
    folder = Path(page.file.abs_dest_path).parent
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    width, height = struct.unpack(">II", data[16:24])  # the PNG header (IHDR)
    return f'loading="lazy" width="{width}" height="{height}" src="{name}"'


def page_names(markup):
    """The classes (.x), ids (#x) and element names in the page's HTML."""
    names = {"html", "body", *(f".{c}" for c in RUNTIME_CLASSES)}
    names.update(f".{c}" for classes in re.findall(r'\sclass="([^"]*)"', markup) for c in classes.split())
    names.update(f"#{i}" for i in re.findall(r'\sid="([^"]*)"', markup))
    names.update(tag.lower() for tag in re.findall(r"<([a-zA-Z][\w-]*)", markup))
    return names


def parse(css):
    """A stylesheet as a list of [prelude, body] pairs; an at-rule holding rules (@media,
    @supports) has the list of its rules as body (a style rule gets the tuple of its
    declarations in keep_used). Statements such as @charset are dropped."""
    rules, depth, start, opened = [], 0, 0, 0
    for token in TOKEN.finditer(css):
        if token[0] == "{":
            if depth == 0:
                opened = token.start()
            depth += 1
        elif token[0] == "}":
            depth -= 1
            if depth == 0:
                prelude = css[start:opened].rsplit(";", 1)[-1].strip()
                body = css[opened + 1:token.start()]
                if prelude.startswith(("@media", "@supports")):
                    body = parse(body)
                rules.append([prelude, body])
                start = token.end()
    return rules


def split(text, separator):
    """`text` split at `separator` where it stands outside strings and parentheses."""
    parts, depth, start = [], 0, 0
    for token in TOKEN.finditer(text):
        depth += {"(": 1, ")": -1}.get(token[0], 0)
        if token[0] == separator and depth == 0:
            parts.append(text[start:token.start()])
            start = token.end()
    return [part.strip() for part in parts + [text[start:]] if part.strip()]


def may_match(selector, present):
    for pattern in CONDITIONAL:
        selector = pattern.sub(" ", selector)
    return all(prefix + name.replace("\\", "") in present or name == "*"
               for prefix, name in REQUIRED.findall(selector) if prefix or name[0].isalpha())


def keep_used(rules, present):
    kept = []
    for prelude, body in rules:
        if isinstance(body, list):
            body = keep_used(body, present)
            if body:
                kept.append([prelude, body])
        elif prelude.startswith("@"):
            kept.append([prelude, body])  # @keyframes, @font-face: checked by use below
        else:
            selectors = [s for s in split(prelude, ",") if may_match(s, present)]
            if selectors:
                kept.append([",".join(selectors), tuple(split(body, ";"))])
    return [[p, b] for p, b in kept if not p.startswith("@keyframes") or used_keyframes(p, kept)]


def used_keyframes(prelude, rules):
    name = prelude.split()[-1]
    return any(name in decl for _, body in walk(rules) for decl in body)


def walk(rules):
    """Each style rule, inside at-rules too, as (selectors, declarations)."""
    for prelude, body in rules:
        if isinstance(body, list):
            yield from walk(body)
        elif isinstance(body, tuple):
            yield prelude, body


def used_properties(sheets, markup):
    """The custom properties (--x) that the kept rules or the page's inline styles use,
    directly or through other custom properties."""
    definitions = {}
    used = set(VAR.findall(markup))
    for rules in sheets:
        for _, body in walk(rules):
            for decl in body:
                name, _, value = decl.partition(":")
                if name.strip().startswith("--"):
                    definitions.setdefault(name.strip(), []).append(value)
                else:
                    used.update(VAR.findall(value))
    todo = list(used)
    while todo:
        for value in definitions.get(todo.pop(), []):
            new = set(VAR.findall(value)) - used
            used |= new
            todo += new
    return used


def prune_properties(rules, used):
    kept = []
    for prelude, body in rules:
        if isinstance(body, list):
            body = prune_properties(body, used)
        elif isinstance(body, tuple):
            body = tuple(d for d in body if not d.startswith("--") or d.partition(":")[0].strip() in used)
        if body:
            kept.append([prelude, body])
    return kept


def serialize(rules):
    return "".join(
        prelude + "{" + (serialize(body) if isinstance(body, list) else
                         ";".join(body) if isinstance(body, tuple) else body) + "}"
        for prelude, body in rules
    )
