"""The site's own small stylesheets (`extra_css` files in docs/, under 8 KiB, with no url())
are inlined into each page's head: on a slow connection each stylesheet is a request the first
paint waits for, and a small one costs a round trip for a few hundred bytes."""

import re
from pathlib import Path

from mkdocs.utils import get_relative_url

LIMIT = 8 * 1024
COMMENT_OR_INDENT = re.compile(r"/\*.*?\*/|\n\s*", re.S)


def on_post_page(output, page, config):
    for entry in config.extra_css:
        source = Path(config.docs_dir, entry)
        if not source.is_file() or source.stat().st_size > LIMIT:
            continue
        css = source.read_text()
        if "url(" in css:
            continue  # relative URLs would resolve against the page instead
        link = f'<link rel="stylesheet" href="{get_relative_url(entry, page.url)}">'
        assert link in output, f"{page.file.src_uri}: {link} not found; update {__file__}"
        output = output.replace(link, "<style>" + COMMENT_OR_INDENT.sub("", css) + "</style>", 1)
    return output
