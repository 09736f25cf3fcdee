"""The one drawing helper of the site's figures: a small SVG writer, axes and a legend.

A figure is drawn for a phone: WIDTH units wide, shown about as many CSS pixels wide on a
390-px screen, its smallest text MIN_TEXT units. On a desktop the page shows it at most
1.25 times larger (docs/assets/extra.css, "Figures"), so that text is about body size.

A figure has no background of its own: it sits on the page. Each is written twice, once in
the colours of Material's light palette (<name>.svg) and once in those of its dark one
(<name>-dark.svg); the page shows the one that matches its palette. An <img> cannot read the
page's CSS variables, and keeping <img> keeps each page's markup small and lets a figure used
on two pages come from the browser's cache. Drawing code names colours by role (INK, BLUE,
...), never by value, so both files come from the same drawing.

What a figure shows (title, numbers, labels) goes into the SVG as JSON in <metadata>;
tests/test_figures.py redraws every figure and compares that JSON and the <text> elements with
the committed file.
"""
import copy
import json
import math
import re
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

OUT = Path(__file__).resolve().parents[1] / "docs" / "figures"
SVG_NS = "{http://www.w3.org/2000/svg}"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
WIDTH = 360
MIN_TEXT = 13  # 12.9 CSS px where a 390-px phone gives the figure 358 px

# Colour roles and their value in each palette. Text colours (ink, muted, blue, orange, green)
# keep at least 4.5:1 contrast with the page: white, and Material's slate background, #1e2129.
PALETTES = {
    "light": {"ink": "#1a1a1a", "muted": "#555555", "grid": "#e3e3e3", "blue": "#1f4e9c",
              "orange": "#b3541e", "green": "#2e7d32", "off": "#bdbdbd", "edge": "#9aa5b8",
              "rim": "#8a8a8a", "shade": "#f2f2f2", "paper": "#ffffff"},
    "dark": {"ink": "#e3e5ea", "muted": "#aab0bd", "grid": "#3b404c", "blue": "#82a9f0",
             "orange": "#f0a068", "green": "#80c784", "off": "#6a7080", "edge": "#5f6b85",
             "rim": "#8d93a3", "shade": "#2b2f3a", "paper": "#1e2129"},
}
INK, MUTED, GRID, BLUE, ORANGE, GREEN = "ink", "muted", "grid", "blue", "orange", "green"
OFF = "off"  # a dropped unit or edge
EDGE = "edge"  # a connection of a network
RIM = "rim"  # the outline of something dropped
SHADE = "shade"  # the inside of something dropped
PAPER = "paper"  # the page's own background: an empty box or node
ROLE = re.compile(r'(fill|stroke)="([a-z]+)"')


def rounded(value, digits=4):
    """A number as a figure stores it: rounded, so the spec is the same on every machine."""
    value = float(value)
    return 0.0 if value == 0 else round(value, digits)


def label(value, digits=2):
    """A number as a figure prints it: no trailing zeros ("2.5", "1", "0.25")."""
    text = f"{float(value):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _fmt(value):
    return f"{value:.1f}".rstrip("0").rstrip(".")


class Drawing:
    """One figure: docs/figures/<name>.svg, with its title, description and spec."""

    def __init__(self, name, height, title, desc, spec, width=WIDTH):
        self.name, self.width, self.height = name, width, height
        self.title, self.desc = title, desc
        self.spec = {"title": title, **spec}
        self.parts = []
        self.palette = "light"

    def variants(self):
        """This drawing in each palette: <name>.svg and <name>-dark.svg."""
        dark = copy.copy(self)
        dark.name, dark.palette = f"{self.name}-dark", "dark"
        return [self, dark]

    @property
    def path(self):
        return OUT / f"{self.name}.svg"

    def text(self, x, y, content, size=14, anchor="start", fill=INK, weight=None, rotate=False):
        assert size >= MIN_TEXT, f"{self.name}: text of size {size} is too small on a phone"
        extra = f' font-weight="{weight}"' if weight else ""
        if rotate:
            extra += f' transform="rotate(-90 {_fmt(x)} {_fmt(y)})"'
        self.parts.append(
            f'<text x="{_fmt(x)}" y="{_fmt(y)}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="{fill}"{extra}>{escape(str(content))}</text>'
        )

    def line(self, x1, y1, x2, y2, stroke=INK, width=1.5, dash=None):
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(
            f'<line x1="{_fmt(x1)}" y1="{_fmt(y1)}" x2="{_fmt(x2)}" y2="{_fmt(y2)}" '
            f'stroke="{stroke}" stroke-width="{width}"{extra}/>'
        )

    def rect(self, x, y, w, h, fill, stroke="none", rx=0, width=1.5, opacity=1):
        extra = f' fill-opacity="{opacity}"' if opacity != 1 else ""
        self.parts.append(
            f'<rect x="{_fmt(x)}" y="{_fmt(y)}" width="{_fmt(w)}" height="{_fmt(h)}" rx="{rx}" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"{extra}/>'
        )

    def circle(self, cx, cy, r, fill, stroke=INK, width=1.5, dash=None):
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(
            f'<circle cx="{_fmt(cx)}" cy="{_fmt(cy)}" r="{_fmt(r)}" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{width}"{extra}/>'
        )

    def mask(self, left, top, rows, cell):
        """A dropout mask as a grid of cells from (left, top): each entry of `rows` is 1, kept
        (filled), or 0, dropped (empty)."""
        for r, row in enumerate(rows):
            for c, keep in enumerate(row):
                x, y = left + c * cell, top + r * cell
                if keep:
                    self.rect(x + 1, y + 1, cell - 2, cell - 2, fill=BLUE, rx=3)
                else:
                    self.rect(x + 1.5, y + 1.5, cell - 3, cell - 3, fill=PAPER, stroke=RIM,
                              rx=3, width=1)

    def polyline(self, points, stroke, width=2.0, dash=None):
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        coords = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in points)
        self.parts.append(
            f'<polyline points="{coords}" fill="none" stroke="{stroke}" stroke-width="{width}" '
            f'stroke-linejoin="round"{extra}/>'
        )

    def heading(self, content):
        self.text(self.width / 2, 22, content, size=15, anchor="middle", weight="600")

    def legend(self, x, y, entries, size=14):
        """entries: (colour, kind, text) with kind "line", "dash", "box" or "dot"; one per row."""
        for i, (colour, kind, content) in enumerate(entries):
            row = y + i * (size + 7)
            if kind == "dot":
                self.circle(x + 11, row - size / 3, 4, fill=colour, stroke=PAPER, width=1)
            elif kind == "box":
                self.rect(x, row - size + 2, 14, size - 2, fill=colour)
            else:
                self.line(x, row - size / 3, x + 22, row - size / 3, stroke=colour, width=2.5,
                          dash="6 4" if kind == "dash" else None)
            self.text(x + 28, row, content, size=size)

    def svg(self):
        metadata = json.dumps(self.spec, sort_keys=True, ensure_ascii=False)
        colours = PALETTES[self.palette]
        body = ROLE.sub(lambda m: f'{m[1]}="{colours.get(m[2], m[2])}"', "\n".join(self.parts))
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width} {self.height}" '
            f'width="{self.width}" height="{self.height}" role="img" '
            f'aria-labelledby="title desc" font-family={quoteattr(FONT)}>\n'
            f'<title id="title">{escape(self.title)}</title>\n'
            f'<desc id="desc">{escape(self.desc)}</desc>\n'
            f"<metadata>{escape(metadata)}</metadata>\n{body}\n</svg>\n"
        )

    def write(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(self.svg(), encoding="utf-8")
        return self.path


def shown(svg_text):
    """What an SVG figure shows: its spec (the <metadata> JSON), and its description followed
    by its <text> strings."""
    root = ET.fromstring(svg_text)
    spec = json.loads(root.find(f"{SVG_NS}metadata").text)
    texts = [root.find(f"{SVG_NS}desc").text]
    texts += ["".join(t.itertext()) for t in root.iter(f"{SVG_NS}text")]
    return spec, texts


def against_p(drawing, p_max, ylabel):
    """The plot area of a curve against the drop probability p, from 0 to `p_max`, with values
    from 0 to 10 (the mean-and-spread and variance-shift figures)."""
    ax = Axes(drawing, 48, 40, 296, 200, xlim=(0, p_max), ylim=(0, 10))
    ax.frame([(p, f"{p:g}") for p in (0, 0.2, 0.4, 0.6, 0.8)],
             [(y, str(y)) for y in (0, 2, 4, 6, 8, 10)], "drop probability p", ylabel)
    return ax


class Axes:
    """A plot area of a Drawing with fixed limits, so that ticks never depend on the data."""

    def __init__(self, drawing, x, y, w, h, xlim, ylim, xlog=False, ylog=False):
        self.d, self.x, self.y, self.w, self.h = drawing, x, y, w, h
        self.xlim, self.ylim, self.xlog, self.ylog = xlim, ylim, xlog, ylog

    @staticmethod
    def _frac(value, lim, log):
        lo, hi = lim
        if log:
            return (math.log(value) - math.log(lo)) / (math.log(hi) - math.log(lo))
        return (value - lo) / (hi - lo)

    def px(self, value):
        return self.x + self.w * self._frac(float(value), self.xlim, self.xlog)

    def py(self, value):
        return self.y + self.h * (1 - self._frac(float(value), self.ylim, self.ylog))

    def frame(self, xticks, yticks, xlabel, ylabel, size=13, ylabel_gap=36):
        """Grid, ticks as (value, text), axis labels."""
        d = self.d
        for value, content in yticks:
            y = self.py(value)
            d.line(self.x, y, self.x + self.w, y, stroke=GRID, width=1)
            d.text(self.x - 6, y + 4, content, size=size, anchor="end", fill=MUTED)
        for value, content in xticks:
            x = self.px(value)
            d.line(x, self.y + self.h, x, self.y + self.h + 5, stroke=MUTED, width=1)
            d.text(x, self.y + self.h + 20, content, size=size, anchor="middle", fill=MUTED)
        d.line(self.x, self.y + self.h, self.x + self.w, self.y + self.h, stroke=INK, width=1.2)
        d.line(self.x, self.y, self.x, self.y + self.h, stroke=INK, width=1.2)
        d.text(self.x + self.w / 2, self.y + self.h + 36, xlabel, size=size, anchor="middle")
        if ylabel:
            d.text(self.x - ylabel_gap, self.y + self.h / 2, ylabel, size=size, anchor="middle",
                   rotate=True)

    def line(self, xs, ys, stroke, width=2.5, dash=None):
        self.d.polyline([(self.px(a), self.py(b)) for a, b in zip(xs, ys)], stroke, width, dash)

    def dots(self, xs, ys, fill, r=4):
        for a, b in zip(xs, ys):
            self.d.circle(self.px(a), self.py(b), r, fill=fill, stroke=PAPER, width=1)

    def bar(self, x0, x1, height, fill):
        top = self.py(height)
        self.d.rect(self.px(x0), top, self.px(x1) - self.px(x0), self.py(self.ylim[0]) - top,
                    fill=fill)
