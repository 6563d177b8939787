"""The shared parts of the book's schematics: one palette, one frame, labels and arrows.

The drawings mimic a radiograph (dark background, white calcium) like the hand-drawn Aunt Minnie
schematics, so they read the same in the light and the dark colour scheme and in print. Every file
is plain SVG: no script, no style sheet, no outside reference (macros/image_safety.py checks).
"""

from __future__ import annotations

from math import hypot
from pathlib import Path
from xml.sax.saxutils import escape

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "assets" / "images"

# The palette of the existing schematics.
BACKGROUND = "#1f2328"   # air / film
SOFT = "#3b434c"         # soft tissue
SOFT_DENSE = "#4a535d"   # a mass, muscle or fluid, a little denser than fat
FAT = "#30363d"          # fat, a little darker than soft tissue
BONE = "#8a949f"         # cancellous bone
CORTEX = "#dce2e8"       # cortical outline
MARROW = "#6c7680"       # medullary cavity
CALCIUM = "#ffffff"      # calcification and ossification: the brightest thing
METAL = "#f4f6f8"
LABEL = "#f5c04f"        # labels and their arrows
NOTE = "#9aa5b1"         # the view ("knee, AP")
INSET = "#262b31"
INSET_EDGE = "#59626d"

_HALO = f'stroke="{BACKGROUND}" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'
# Notes are grey, as light as bone: a wider halo keeps them legible where they cross a bone at phone width.
NOTE_HALO = f'stroke="{BACKGROUND}" stroke-width="5" stroke-linejoin="round" paint-order="stroke"'


def svg(name: str, title: str, desc: str, body: str, width: int = 320, height: int = 240) -> str:
    """A whole drawing: an accessible, self-contained dark panel."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
            f'aria-labelledby="{name}-title {name}-desc">\n'
            f'<title id="{name}-title">{escape(title)}</title>\n'
            f'<desc id="{name}-desc">{escape(desc)}</desc>\n'
            f'<rect width="{width}" height="{height}" rx="6" fill="{BACKGROUND}"/>\n'
            f'{body.strip()}\n</svg>\n')


def label(x: float, y: float, text: str, anchor: str = "start", size: int = 11) -> str:
    """A yellow label; '|' breaks the line."""
    lines = text.split("|")
    spans = "".join(f'<tspan x="{x}" dy="{0 if i == 0 else size + 2}">{escape(line)}</tspan>'
                    for i, line in enumerate(lines))
    return (f'<text x="{x}" y="{y}" text-anchor="{anchor}" font-family="sans-serif" font-size="{size}" '
            f'fill="{LABEL}" {_HALO}>{spans}</text>')


def note(x: float, y: float, text: str, anchor: str = "start") -> str:
    """The grey note naming the view, e.g. 'knee, AP'."""
    return (f'<text x="{x}" y="{y}" text-anchor="{anchor}" font-family="sans-serif" font-size="10" '
            f'fill="{NOTE}" {NOTE_HALO}>{escape(text)}</text>')


def arrow(x1: float, y1: float, x2: float, y2: float) -> str:
    """A yellow arrow from a label (x1, y1) to the point it names (x2, y2)."""
    length = hypot(x2 - x1, y2 - y1)
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    bx, by = x2 - 6 * ux, y2 - 6 * uy
    px, py = -uy * 3, ux * 3
    return (f'<path d="M{x1:g} {y1:g}L{bx:.1f} {by:.1f}" stroke="{LABEL}" stroke-width="1.5" fill="none"/>'
            f'<path d="M{x2:g} {y2:g}L{bx + px:.1f} {by + py:.1f}L{bx - px:.1f} {by - py:.1f}Z" fill="{LABEL}"/>')


def callout(text: str, *arrows: str) -> str:
    """A label with the arrows it sends, grouped: a copy that leaves the label out (a self-test question
    hides a label naming its answer) leaves its arrows out with it."""
    return f'<g class="callout">{text}{"".join(arrows)}</g>'


def bone(d: str, width: float = 3) -> str:
    """A bone: grey with a bright cortical outline."""
    return f'<path d="{d}" fill="{BONE}" stroke="{CORTEX}" stroke-width="{width}"/>'


def fill(d: str, colour: str, extra: str = "") -> str:
    return f'<path d="{d}" fill="{colour}"{(" " + extra) if extra else ""}/>'


def calcium(d: str, extra: str = "") -> str:
    return fill(d, CALCIUM, extra)


def line(d: str, width: float = 2, colour: str = CALCIUM, extra: str = "") -> str:
    return (f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{width}" stroke-linecap="round"'
            f'{(" " + extra) if extra else ""}/>')


def dots(points, radius: float = 2.5, colour: str = CALCIUM) -> str:
    return "".join(f'<circle cx="{x}" cy="{y}" r="{r if r else radius}" fill="{colour}"/>'
                   for x, y, *rest in points for r in [rest[0] if rest else None])


def ring(x: float, y: float, rx: float, ry: float | None = None, width: float = 2.5, rotate: float = 0) -> str:
    """A calcified rim around a lucent centre."""
    ry = rx if ry is None else ry
    turn = f' transform="rotate({rotate} {x} {y})"' if rotate else ""
    return (f'<ellipse cx="{x}" cy="{y}" rx="{rx}" ry="{ry}" fill="none" stroke="{CALCIUM}" '
            f'stroke-width="{width}"{turn}/>')


def trabecular(x: float, y: float, rx: float, ry: float, rotate: float = 0) -> str:
    """Mature bone: a cortex around trabeculae (a cross-hatch clipped to an ellipse by its own size)."""
    hatch = []
    step = 10
    for i in range(-int(rx * 2), int(rx * 2) + 1, step):
        hatch.append(f"M{x + i - ry:g} {y + ry:g}L{x + i + ry:g} {y - ry:g}")
        hatch.append(f"M{x + i - ry:g} {y - ry:g}L{x + i + ry:g} {y + ry:g}")
    clip = f"clip-{int(x)}-{int(y)}"
    turn = f' transform="rotate({rotate} {x} {y})"' if rotate else ""
    return (f'<g{turn}><clipPath id="{clip}"><ellipse cx="{x}" cy="{y}" rx="{rx - 2}" ry="{ry - 2}"/></clipPath>'
            f'<ellipse cx="{x}" cy="{y}" rx="{rx}" ry="{ry}" fill="{BONE}"/>'
            f'<path d="{"".join(hatch)}" stroke="{CORTEX}" stroke-width="1.2" opacity=".75" clip-path="url(#{clip})"/>'
            f'<ellipse cx="{x}" cy="{y}" rx="{rx}" ry="{ry}" fill="none" stroke="{CALCIUM}" stroke-width="3"/></g>')


def write(folder: str, name: str, title: str, desc: str, body: str) -> Path:
    path = IMAGES / folder / f"{name}.svg"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(svg(f"{folder}-{name}", title, desc, body), encoding="utf-8")
    return path


# Parts drawn once and reused: the knee (AP) of the hand-drawn schematics.
KNEE_TIBIA = ("M94 190C120 186 140 188 156 194L161 186L166 194C184 188 204 186 230 190C232 204 226 214 214 222"
              "C204 230 200 236 198 240H122C120 236 116 230 106 222C96 214 92 204 94 190Z")
KNEE_FIBULA = "M88 214C96 206 106 210 106 220L102 240H88L86 226C84 220 85 217 88 214Z"  # lateral, on the left
KNEE_FEMUR = ("M132 0H188C190 55 200 90 222 112C234 126 236 152 226 164C214 174 192 172 180 162C172 156 150 156 142 162"
              "C130 172 106 174 96 162C86 150 88 126 98 112C120 90 130 55 132 0Z")
KNEE_SOFT = "M70 0H254C264 90 268 150 256 240H74C62 150 62 90 70 0Z"


def knee() -> str:
    return (fill(KNEE_SOFT, SOFT) + bone(KNEE_FIBULA, 2.5) + bone(KNEE_TIBIA) + bone(KNEE_FEMUR)
            + fill("M142 0H178C179 40 182 70 190 92H130C138 70 141 40 142 0Z", MARROW))
