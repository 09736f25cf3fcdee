"""Every stylesheet a page links (Material's, KaTeX's, the site's own, an explorable's) is
inlined into the page, its relative url()s (KaTeX's fonts) rewritten against the page. Two
reasons:

- on a slow connection each stylesheet is a request the first paint waits for;
- Material's instant navigation, as it starts, rewrites every relative `href` in the page into
  an absolute one; a rewritten stylesheet link is loaded again, and the browser then recomputes
  the style and layout of every element on the page, inside Material's start-up task.

Material's own stylesheet is identical on every page, so instant navigation keeps it in place.
The price: each page carries about 27 KiB (compressed) of stylesheets that linked files would
let the browser cache from one page to the next.
"""

import posixpath
import re
from pathlib import Path

from mkdocs.utils import get_relative_url

LINK = re.compile(r'<link rel="stylesheet" href="(?P<href>[^"]+)">')
URL = re.compile(r"url\((?P<quote>[\"']?)(?P<url>[^)\"']+)(?P=quote)\)")
COMMENT_OR_INDENT = re.compile(r"/\*.*?\*/|\n\s*", re.S)


def on_post_page(output, page, config):
    def inline(link):
        # The site's files are written before its pages (mkdocs build), Material's and KaTeX's included.
        uri = posixpath.normpath(posixpath.join(posixpath.dirname(page.url), link["href"]))
        css = Path(config.site_dir, uri).read_text()

        def rebase(url):
            if re.match(r"[a-z]+:|/|#", url["url"]):
                return url[0]
            target = posixpath.normpath(posixpath.join(posixpath.dirname(uri), url["url"]))
            return f'url({get_relative_url(target, page.url)})'

        return "<style>" + URL.sub(rebase, COMMENT_OR_INDENT.sub("", css)) + "</style>"

    return LINK.sub(inline, output)
