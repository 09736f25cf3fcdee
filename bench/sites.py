"""The two sites bench/pages.py compares, built from the same Markdown and served as a real
host serves them (gzip-compressed, sitetools/project.py):

- "this site": a strict build of the project as it is, hooks and overrides included;
- "stock": what an author would build instead: Material's defaults, Material's own copy button
  (`content.code.copy`) and Material's documented maths recipe, KaTeX typesetting in the
  browser with its files served from the site itself. It keeps only what the pages need to
  exist as written: the nav, the Markdown extensions, mkdocs-jupyter for the notebook and the
  template that loads a page's explorables (overrides/main.html). No hooks, no extra.css.
  System fonts (`font: false`) as on this site, since the closed network reaches no font host.
"""

import contextlib
import shutil
import tempfile
from pathlib import Path

import yaml
from mkdocs.utils import yaml_load

from sitetools.project import DOCS, ROOT, mkdocs_build, serve

KATEX = ROOT / "node_modules" / "katex" / "dist"
# Material's recipe (its reference, "Math", KaTeX): typeset after every page load, instant
# navigation included, with the delimiters arithmatex and notebooks leave.
KATEX_JS = r"""document$.subscribe(({ body }) => {
  renderMathInElement(body, {
    delimiters: [
      { left: "$$",  right: "$$",  display: true },
      { left: "$",   right: "$",   display: false },
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true }
    ],
  })
})
"""


def stock_config():
    """The stock build's mkdocs.yml, from the project's."""
    ours = yaml_load((ROOT / "mkdocs.yml").read_text())
    jupyter = next(plugin["mkdocs-jupyter"] for plugin in ours["plugins"] if "mkdocs-jupyter" in plugin)
    return {
        "site_name": ours["site_name"],
        "nav": ours["nav"],
        "theme": {"name": "material", "font": False, "custom_dir": "overrides", "features": ["content.code.copy"]},
        "markdown_extensions": ours["markdown_extensions"],
        "plugins": ["search", {"mkdocs-jupyter": jupyter}],
        "extra_javascript": ["javascripts/katex.js", "assets/katex/katex.min.js", "assets/katex/contrib/auto-render.min.js"],
        "extra_css": ["assets/katex/katex.min.css"],
        "exclude_docs": ours["exclude_docs"],
    }


def build_stock(root):
    """The stock project at `root` (docs copied, KaTeX's files added) built into root/site."""
    shutil.copytree(DOCS, root / "docs")
    (root / "docs" / "assets" / "katex").mkdir()
    for name in ["katex.min.js", "katex.min.css", "contrib", "fonts"]:
        copy = shutil.copytree if (KATEX / name).is_dir() else shutil.copyfile
        copy(KATEX / name, root / "docs" / "assets" / "katex" / name)
    (root / "docs" / "javascripts").mkdir()
    (root / "docs" / "javascripts" / "katex.js").write_text(KATEX_JS)
    (root / "overrides").mkdir()
    shutil.copyfile(ROOT / "overrides" / "main.html", root / "overrides" / "main.html")
    (root / "snippets").symlink_to(ROOT / "snippets")  # pymdownx.snippets reads them from the root
    (root / "mkdocs.yml").write_text(yaml.safe_dump(stock_config(), sort_keys=False))
    build(root, root / "site")


def build(root, site_dir):
    """A strict build of the project at `root` into `site_dir`; stops with MkDocs' output if it fails."""
    result = mkdocs_build(root, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr


@contextlib.contextmanager
def served():
    """{"this site": URL, "stock": URL}: both sites, freshly built and served."""
    with tempfile.TemporaryDirectory() as tmp:
        ours, stock = Path(tmp) / "site", Path(tmp) / "stock"
        build(ROOT, ours)
        stock.mkdir()
        build_stock(stock)
        with serve(ours) as our_url, serve(stock / "site") as stock_url:
            yield {"this site": our_url, "stock": stock_url}
