"""The per-page checks of tests/test_browser.py fail on mistakes planted in a two-page copy of
the project, naming the page: a formula too wide for a phone (sitetools/layout.py); a colour of
highlighted code too faint to read, which axe finds though it checks only one piece of code per
colour; and a KaTeX font cut short, whose characters Chromium then draws in a fallback font
(sitetools/browser.py)."""

import re

from fontTools import subset

from sitetools.browser import Tab
from sitetools.layout import layout_problems
from sitetools.project import copy_project, mkdocs_build, serve

WIDE = r"""# Wide

A derivation written on one line.

\[
\operatorname{Var}[y] = \mathbb{E}[y^2] - \mathbb{E}[y]^2 = \frac{(1 - p)\, a^2}{(1 - p)^2} - a^2 = \frac{a^2}{1 - p} - a^2 = \frac{p}{1 - p}\, a^2
\]

```python
x = 1  # a comment
y = 2  # another, drawn in the same colour: axe reads only the first
```
"""
# Comments in the dark palette drawn in a grey too dark for the dark code background (about 2:1).
FAINT = "\n[data-md-color-scheme=slate] .highlight .c1 { color: #555 !important; }\n"


def test_planted_mistakes_fail_naming_the_page(tmp_path, chromium):
    root = copy_project(tmp_path)
    docs = root / "docs"
    # A site of two pages builds in seconds: the others go, and the nav lists only these.
    for page in [*docs.rglob("*.md"), *docs.rglob("*.ipynb")]:
        page.unlink()
    (docs / "index.md").write_text("# Home\n\nSee [the wide page](wide.md).\n")
    (docs / "wide.md").write_text(WIDE)
    (docs / "assets" / "extra.css").write_text((docs / "assets" / "extra.css").read_text() + FAINT)
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r"^nav:\n(?:  .*\n)+", "nav:\n  - index.md\n  - wide.md\n", config.read_text(), flags=re.M))
    site = tmp_path / "built"
    with serve(site, "/dropout/") as url:
        build = mkdocs_build(root, site, site_url=url)
        assert build.returncode == 0, build.stdout + build.stderr
        # The font of \operatorname{Var} left with the digits alone.
        font = site / "assets" / "katex" / "fonts" / "KaTeX_Main-Regular.woff2"
        subset.main([str(font), "--text=0123456789", "--flavor=woff2", f"--output-file={font}"])
        found = {}
        for palette in ["light", "dark"]:
            tab = Tab(chromium, url, "phone", palette)
            tab.open("wide/")
            found[palette] = tab.accessibility_problems("contrast") + layout_problems(tab)
            if palette == "light":  # fonts do not depend on the palette
                fallbacks = tab.font_problems()
            tab.context.close()
    assert len(found["light"]) == 1 and found["light"][0].startswith("/wide/ at phone width, light: display formula"), found
    assert [problem.split(":")[0] for problem in found["dark"]] == ["axe serious color-contrast", "/wide/ at phone width, dark"], found
    assert "1x" in found["dark"][0], found["dark"]
    assert any(problem.endswith(">Var</span>") for problem in fallbacks), fallbacks
