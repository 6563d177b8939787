"""One schematic per value of the morphology facet (macros.models.Morphology)."""

from __future__ import annotations

from .common import (BONE, CALCIUM, CORTEX, MARROW, SOFT, SOFT_DENSE, arrow, callout, calcium, dots, fill, label,
                     line, note, ring, trabecular, write)

# Every shape is drawn in the same field: soft tissue beside a bone shaft (on the left), for scale.
FIELD = (fill("M0 20H320V220H0Z", SOFT)
         + f'<path d="M26 20H70V220H26Z" fill="{BONE}" stroke="{CORTEX}" stroke-width="3"/>'
         + fill("M38 20H58V220H38Z", MARROW))


def _shape(name, title, desc, body, words):
    write("shapes", name, title, desc, FIELD + body + note(310, 14, words, "end"))


def draw() -> list[str]:
    _shape("linear", "Linear calcification",
           "A long, thin, straight white line runs through the soft tissue beside a bone, and lower down a "
           "pair of fine parallel lines (tram-track) outlines a tube: calcification following a vessel, "
           "nerve, tendon or ligament.",
           line("M100 34L292 120", 3) + line("M100 150L292 182", 2) + line("M100 166L292 198", 2)
           + callout(label(300, 78, "thin line", "end"), arrow(250, 84, 226, 96))
           + label(106, 214, "parallel lines (tram-track)"),
           "shape: linear")
    _shape("curvilinear", "Curvilinear calcification",
           "A curved white line, an arc of a circle, outlines the wall of a rounded structure in the soft "
           "tissue, and a smaller C-shaped crescent lies below it.",
           line("M130 150C118 96 160 50 212 52C262 54 290 96 282 140", 3)
           + line("M140 196C132 180 142 164 158 164", 3)
           + callout(label(300, 190, "arc or curve", "end"), arrow(290, 176, 283, 150))
           + label(176, 214, "crescent"),
           "shape: curvilinear")
    lobes = [(190, 100, 26), (222, 122, 28), (170, 138, 24), (206, 158, 26), (240, 90, 18), (150, 104, 16),
             (250, 150, 18), (182, 178, 16)]
    _shape("tumoral", "Tumoral (conglomerate) calcification",
           "A large, lobulated, mass-like collection of dense white calcified lobules, confluent and cloudy, "
           "lies in the soft tissue: tumoral or conglomerate calcification.",
           "".join(f'<circle cx="{x}" cy="{y}" r="{r}" fill="{CALCIUM}" opacity=".92"/>' for x, y, r in lobes)
           + callout(label(310, 40, "lobulated mass", "end"), arrow(286, 46, 254, 76)),
           "shape: tumoral")
    _shape("sheet", "Sheet-like calcification",
           "A broad, flat plate of white calcification with irregular edges runs for a long distance along a "
           "fascial plane in the soft tissue, parallel to the bone, with a second thinner sheet beside it.",
           calcium("M110 30C118 70 114 110 120 150C124 180 120 200 124 218L140 218C136 196 142 170 138 140"
                   "C134 104 140 66 132 30Z")
           + calcium("M196 36C200 80 198 130 204 170L212 212L220 212C214 170 214 124 210 82L206 36Z", 'opacity=".85"')
           + callout(label(230, 110, "broad plate|along a plane"), arrow(228, 106, 140, 100)),
           "shape: sheet")
    _shape("ring", "Ring calcification: circle or oval with a lucent centre",
           "Several small circles and ovals of white calcification, each a dense rim around a lucent "
           "centre, lie in the soft tissue.",
           ring(150, 80, 16) + ring(214, 70, 11) + ring(250, 130, 14, 9, rotate=30) + ring(170, 150, 9)
           + ring(130, 190, 12, 8) + ring(220, 186, 8)
           + callout(label(300, 40, "dense rim", "end"), arrow(268, 44, 222, 62))
           + callout(label(300, 206, "lucent centre", "end"), arrow(268, 194, 250, 134)),
           "shape: ring")
    net = ("M96 60L140 40L186 62L232 44L286 66M96 60L112 104L160 96L186 62M160 96L206 110L232 44M206 110"
           "L258 100L286 66M112 104L100 150L148 146L160 96M148 146L196 160L206 110M196 160L250 150L258 100"
           "M100 150L124 196L170 194L196 160M170 194L226 200L250 150L290 176")
    _shape("reticulated", "Reticulated (lace-like) calcification",
           "Fine white lines join into a net or lace of polygons across the subcutaneous tissue: reticulated "
           "calcification.",
           line(net, 2.2) + label(300, 122, "net or lace", "end"),
           "shape: reticulated")
    _shape("amorphous", "Amorphous calcification",
           "A cloud of white calcification with soft, ill-defined edges and no internal structure, neither "
           "rim nor trabeculae, lies in the soft tissue: amorphous calcification.",
           "".join(f'<ellipse cx="{x}" cy="{y}" rx="{rx}" ry="{ry}" fill="{CALCIUM}" opacity="{o}"/>'
                   for x, y, rx, ry, o in [(200, 120, 58, 40, .2), (180, 110, 34, 26, .3), (220, 130, 36, 24, .3),
                                           (196, 126, 30, 18, .35), (214, 106, 22, 16, .3), (186, 136, 20, 12, .3)])
           + callout(label(300, 212, "no structure,|ill-defined edge", "end"), arrow(250, 200, 226, 156)),
           "shape: amorphous")
    specks = [(140, 70), (152, 84), (166, 66), (178, 92), (190, 76), (204, 96), (216, 70), (170, 110), (186, 124),
              (150, 118), (206, 132), (222, 112), (160, 140), (196, 150), (232, 140), (142, 96), (214, 160),
              (178, 160), (240, 92), (228, 84)]
    _shape("punctate", "Punctate (stippled) calcification",
           "Many tiny white dots of calcification, each a millimetre or two across, are scattered in a "
           "small area of the soft tissue: punctate or stippled calcification.",
           dots(specks, 2) + callout(label(300, 206, "tiny dots", "end"), arrow(262, 196, 236, 150)),
           "shape: punctate")
    _shape("nodular", "Nodular calcification",
           "A few discrete, solid, well-defined white nodules of calcification, a few millimetres to a "
           "centimetre across and of different sizes, lie apart from each other in the soft tissue.",
           dots([(140, 70, 9), (206, 90, 12), (168, 140, 7), (246, 150, 10), (130, 186, 6), (216, 190, 8)])
           + callout(label(300, 40, "discrete solid nodules", "end"), arrow(250, 46, 214, 78)),
           "shape: nodular")
    _shape("rounded", "Rounded calcification",
           "A smooth, round to oval, homogeneous white calcification with a sharp outline lies in the soft "
           "tissue, with a smaller oval one below it.",
           f'<ellipse cx="196" cy="100" rx="40" ry="30" fill="{CALCIUM}"/>'
           + f'<ellipse cx="160" cy="182" rx="16" ry="11" fill="{CALCIUM}"/>'
           + callout(label(300, 206, "smooth, round|or oval", "end"), arrow(262, 194, 222, 126)),
           "shape: rounded")
    _shape("trabecular", "Trabecular pattern: mature bone (ossification)",
           "An oval of mature bone in the soft tissue has a continuous white cortex around an inner network "
           "of trabeculae, the sign that it is ossification rather than calcification.",
           trabecular(196, 120, 64, 44)
           + callout(label(300, 40, "cortex", "end"), arrow(284, 46, 250, 94))
           + callout(label(300, 212, "trabeculae", "end"), arrow(262, 200, 214, 140)),
           "shape: trabecular")
    return ["linear", "curvilinear", "tumoral", "sheet", "ring", "reticulated", "amorphous", "punctate",
            "nodular", "rounded", "trabecular"]
