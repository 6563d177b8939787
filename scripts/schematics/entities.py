"""Schematics of entities whose picture is the diagnosis (docs/assets/images/aunt-minnie/<entity-id>.svg).

Each drawing claims only what its entity page (data/entities/<id>.yml) says.
"""

from __future__ import annotations

from . import anatomy
from .common import (BACKGROUND, BONE, CALCIUM, CORTEX, FAT, INSET, INSET_EDGE, MARROW, METAL, SOFT, SOFT_DENSE,
                     arrow, bone, callout, calcium, dots, fill, knee, label, line, note, ring, trabecular, write)

DRAWN: list[str] = []


def _entity(name, title, desc, body, view, right_note="", view_at=(10, 16), right_at=(310, 16)):
    """view_at (x, y[, anchor]), right_at (x, y): where the grey notes go, moved off the bone where a top
    corner is bone."""
    write("aunt-minnie", name, title, desc,
          body + note(view_at[0], view_at[1], view, *view_at[2:])
          + (note(*right_at, right_note, "end") if right_note else ""))
    DRAWN.append(name)


def _blobs(points, opacity=1.0):
    return "".join(f'<circle cx="{x}" cy="{y}" r="{r}" fill="{CALCIUM}" opacity="{opacity}"/>' for x, y, r in points)


def _crescent(x, y, r=6, turn=0):
    """A small C-shaped calcification."""
    return (f'<path d="M{x - r * .7:.1f} {y - r * .7:.1f}A{r} {r} 0 1 0 {x + r * .7:.1f} {y - r * .7:.1f}" fill="none" '
            f'stroke="{CALCIUM}" stroke-width="2.4" stroke-linecap="round" transform="rotate({turn} {x} {y})"/>')


def _candle_wax(front, discs, top, bottom, sizes=(17, 21, 18, 22)):
    """DISH: ossification along the front of the bodies, thin over each body, with a lucent line between it
    and the bone, and bulging forwards, rounded and drooping like candle wax, at every disc level."""
    thin, back = front - 9, front - 5        # the band over a body, and its back, a lucent line off the bone
    d = f"M{back:g} {top:g}C{thin:g} {top + 4:g} {thin:g} {top + 8:g} {thin:g} {top + 12:g}"
    for disc, size in zip(discs, sizes):
        apex, low = thin - size, disc + 4
        d += (f"L{thin:g} {disc - 13:g}C{thin - 1:g} {disc - 6:g} {apex:g} {disc - 7:g} {apex:g} {low:g}"
              f"C{apex:g} {low + 8:g} {thin - 2:g} {disc + 11:g} {thin:g} {disc + 16:g}")
    d += f"L{thin:g} {bottom - 8:g}C{thin:g} {bottom - 4:g} {back:g} {bottom:g} {back:g} {bottom:g}"
    # back up the posterior edge: bridging to the body corners at each disc, off the bone over each body
    for disc in reversed(discs):
        d += (f"L{back:g} {disc + 9:g}C{front - 1:g} {disc + 6:g} {front - 1:g} {disc + 4:g} {front - 1:g} {disc:g}"
              f"C{front - 1:g} {disc - 4:g} {front - 1:g} {disc - 6:g} {back:g} {disc - 9:g}")
    return d + "Z"

def hand(metacarpals=(62, 80, 78, 72, 66), child=False) -> str:
    """Hand, PA, thumb on the left: soft tissue, metacarpals and phalanges (lengths in px)."""
    xs = (56, 112, 152, 192, 230)
    base = 214
    soft = [f'<path d="M40 240L60 186H250L262 240Z" fill="{SOFT}"/>']
    bones = []
    for i, (x, length) in enumerate(zip(xs, metacarpals)):
        top = base - length
        phal = (40, 24) if i == 0 else (44, 28, 18)
        tip = top - 6 - sum(p + 6 for p in phal)
        soft.append(f'<path d="M{x} {base}L{x} {tip + 10}" stroke="{SOFT}" stroke-width="32" stroke-linecap="round"/>')
        bones.append(f'<rect x="{x - 8}" y="{top}" width="16" height="{length}" rx="6" fill="{BONE}" '
                     f'stroke="{CORTEX}" stroke-width="2"/>')
        y = top - 6
        for j, p in enumerate(phal):
            w = 14 - 2 * j
            bones.append(f'<rect x="{x - w / 2}" y="{y - p}" width="{w}" height="{p}" rx="4" fill="{BONE}" '
                         f'stroke="{CORTEX}" stroke-width="2"/>')
            y -= p + 6
    carpus = "" if child else (f'<path d="M96 {base + 4}H244V236H96Z" fill="{BONE}" stroke="{CORTEX}" '
                                f'stroke-width="2" stroke-dasharray="22 3"/>')
    return "".join(soft) + "".join(bones) + carpus


def pelvis() -> str:
    half = ('<path d="M30 40C70 16 122 26 146 58L150 130C130 146 112 150 100 156L76 150C50 122 34 84 30 40Z" '
            f'fill="{BONE}" stroke="{CORTEX}" stroke-width="2.5"/>'
            f'<circle cx="98" cy="176" r="20" fill="{BONE}" stroke="{CORTEX}" stroke-width="2.5"/>'
            '<path d="M104 160C124 178 140 188 156 190V206C134 208 116 200 104 192Z" '
            f'fill="{BONE}" stroke="{CORTEX}" stroke-width="2"/>'
            f'<path d="M84 192L76 240H112L112 194Z" fill="{BONE}" stroke="{CORTEX}" stroke-width="2.5"/>')
    return (fill("M0 0H320V240H0Z", SOFT) + half + f'<g transform="translate(320 0) scale(-1 1)">{half}</g>'
            + bone("M144 56H176L172 128C166 140 154 140 148 128Z", 2.5))


def abdomen() -> str:
    """Abdomen, frontal: spine in the midline, liver on the left of the picture (patient's right)."""
    bodies = "".join(f'<rect x="140" y="{y}" width="40" height="30" rx="4" fill="{BONE}" stroke="{CORTEX}" '
                     f'stroke-width="2"/>' for y in range(6, 240, 40))
    ribs = "".join(f'<path d="M140 {y}C100 {y + 6} 50 {y + 30} 30 {y + 70}M180 {y}C220 {y + 6} 270 {y + 30} 290 '
                   f'{y + 70}" fill="none" stroke="{BONE}" stroke-width="7"/>' for y in (10, 40))
    return (fill("M0 0H320V240H0Z", SOFT) + fill("M20 20C70 10 130 20 150 40L150 110C110 140 60 140 24 120Z", SOFT_DENSE)
            + bodies + ribs)


def forearm() -> str:
    return (fill("M50 0H270C276 80 274 160 266 240H54C46 160 44 80 50 0Z", SOFT)
            + bone("M92 0H136C134 80 134 160 140 240H98C102 160 100 80 92 0Z", 5)
            + fill("M104 0H124C122 80 122 160 126 240H110C114 160 112 80 104 0Z", MARROW)
            + bone("M196 0H232C230 80 230 160 234 240H202C204 160 204 80 196 0Z", 5)
            + fill("M206 0H222C220 80 220 160 224 240H212C214 160 214 80 206 0Z", MARROW))


def distal_femur_lateral() -> str:
    """Distal femur, lateral: anterior on the left, posterior (popliteal) surface on the right."""
    return (fill("M40 0H280C286 80 284 160 276 240H44C36 160 34 80 40 0Z", SOFT)
            + bone("M104 0H156C158 80 166 128 186 160C198 184 188 214 160 220C130 226 98 214 90 190"
                   "C84 166 98 120 104 0Z")
            + fill("M116 0H144C146 60 150 100 160 130H104C112 100 114 60 116 0Z", MARROW))


def draw() -> list[str]:
    DRAWN.clear()
    _shoulder_and_cuff()
    _spine_pictures()
    _limb_pictures()
    _hand_pictures()
    _trunk_pictures()
    return list(DRAWN)


def _shoulder_and_cuff():
    # calcific tendinitis: one tendon, two phases; the CHADD drawing shows the same deposit at more than one site
    cloud = "".join(f'<ellipse cx="{x}" cy="{y}" rx="{rx}" ry="{ry}" fill="{CALCIUM}" opacity="{o}"/>'
                    for x, y, rx, ry, o in [(228, 166, 12, 6, .3), (244, 162, 14, 6, .28), (262, 160, 13, 5, .25),
                                            (280, 161, 11, 5, .22), (296, 164, 8, 4, .2), (236, 168, 7, 4, .35),
                                            (252, 165, 6, 4, .35), (270, 164, 6, 3, .3), (222, 162, 6, 4, .3)])
    _entity("calcific-tendinitis", "Calcific tendinitis of the supraspinatus: formative and resorptive phases",
            "Schematic AP radiograph of the shoulder: a dense, homogeneous, sharply marginated oval deposit of "
            "amorphous calcification without trabeculae lies in the supraspinatus tendon just above the greater "
            "tuberosity, below the acromion (formative phase); an inset shows the resorptive phase, a faint, "
            "fluffy, ill-defined deposit spreading along the subacromial–subdeltoid bursa between the acromion "
            "and the humeral head.",
            anatomy.shoulder()
            + f'<ellipse cx="46" cy="96" rx="13" ry="7" fill="{CALCIUM}" transform="rotate(-50 46 96)"/>'
            + f'<rect x="200" y="110" width="112" height="122" rx="4" fill="{INSET}" stroke="{INSET_EDGE}"/>'
            + fill("M201 128H311V231H201Z", SOFT)
            + bone("M202 140C230 132 270 132 310 136V150C272 146 236 148 206 156Z", 2.5)
            + bone("M210 231C210 198 230 174 262 174C290 174 308 190 310 206V231Z", 2.5)
            + cloud + note(256, 123, "resorptive phase", "middle")
            + callout(label(256, 206, "faint, fluffy,|into the bursa", "middle"), arrow(240, 194, 236, 170))
            + callout(label(12, 184, "dense, sharp deposit|in supraspinatus|(formative phase)"), arrow(30, 172, 42, 108))
            + callout(label(196, 232, "greater tuberosity", "end"), arrow(110, 222, 58, 140)),
            "shoulder, AP")
    _entity("supraspinatus-tendon-ossification", "Supraspinatus tendon ossification",
            "Schematic AP radiograph of the shoulder: a well-defined oval of bone above the greater tuberosity, in "
            "the supraspinatus tendon, has a cortical outline and internal trabeculae, unlike the homogeneous "
            "density of calcific tendinitis.",
            anatomy.shoulder() + trabecular(44, 96, 16, 10, rotate=-50)
            + callout(label(12, 196, "cortex and trabeculae|in the tendon"), arrow(30, 184, 40, 110)),
            "shoulder, AP")
    _entity("coracoclavicular-ligament-ossification", "Coracoclavicular ligament ossification",
            "Schematic AP radiograph of the shoulder: a bar of ossification with a cortex runs from the top of the "
            "coracoid process up to the undersurface of the lateral clavicle, in the line of the coracoclavicular "
            "ligaments, bridging the two bones.",
            anatomy.shoulder()
            + f'<path d="M180 84C178 72 176 62 178 52L190 50C190 62 192 72 194 84Z" fill="{BONE}" stroke="{CALCIUM}" stroke-width="2.5"/>'
            + callout(label(312, 130, "ossified coracoclavicular|ligament", "end"), arrow(250, 118, 194, 70))
            + callout(label(312, 190, "coracoid", "end"), arrow(272, 180, 206, 92)),
            "shoulder, AP")


def _spine_pictures():
    body, discs = anatomy.spine(top=14, count=4, height=40, gap=18, x=96)
    _entity("idiopathic-disc-calcification", "Idiopathic intervertebral disc calcification",
            "Schematic lateral radiograph of the cervical spine of a child: an oval, dense calcification lies in the "
            "centre of one disc, in the nucleus pulposus, and the endplates above and below it are intact.",
            body + f'<ellipse cx="139" cy="{discs[1]}" rx="18" ry="6" fill="{CALCIUM}"/>'
            + callout(label(12, 228, "calcified nucleus pulposus"), arrow(70, 216, 126, discs[1] + 6))
            + callout(label(312, 228, "endplates intact", "end"), arrow(262, 216, 176, discs[1] + 12)),
            "cervical spine, lateral (child)")
    body, discs = anatomy.spine(top=16, count=5, height=34, gap=12, x=120)
    _entity("dish", "Diffuse idiopathic skeletal hyperostosis (DISH)",
            "Schematic lateral radiograph of the thoracic spine: flowing ossification runs along the front of "
            "five contiguous vertebral bodies; it is thin over each body, separated from it by a thin lucent "
            "line, and bulkiest where it bridges each disc level, bulging forwards and drooping like candle wax, "
            "while the disc spaces keep their height.",
            body + calcium(_candle_wax(120, discs, 14, 236))
            + callout(label(8, 34, "flowing|anterior|ossification"), arrow(46, 66, 108, 124))
            + callout(label(8, 140, "bulkiest at|disc levels"), arrow(64, 146, 92, 150))
            + callout(label(8, 206, "disc height|preserved"), arrow(62, 214, 140, 195)),
            "thoracic spine, lateral", view_at=(312, 12, "end"))
    body, discs = anatomy.spine(top=14, count=4, height=40, gap=18, x=96)
    # thin, vertical, marginal: straight from corner to corner, flush with the front and back of the bodies
    synd = "".join(f"M97 {d - 16}V{d + 16}M181 {d - 16}V{d + 16}" for d in discs)
    _entity("ankylosing-spondylitis", "Ankylosing spondylitis: syndesmophytes and disc calcification",
            "Schematic lateral radiograph of the lumbar spine: thin, vertical, marginal syndesmophytes bridge every "
            "disc at the front and back corners of squared vertebral bodies, flush with their surfaces (bamboo "
            "spine), and a disc in the fused segment contains central calcification.",
            body + line(synd, 2.2) + f'<ellipse cx="139" cy="{discs[1]}" rx="14" ry="4" fill="{CALCIUM}"/>'
            + callout(label(12, 219, "thin marginal|syndesmophytes"), arrow(40, 207, 94, discs[2] + 4))
            + callout(label(312, 232, "central disc calcification", "end"), arrow(250, 220, 150, discs[1] + 4)),
            "lumbar spine, lateral", view_at=(312, 12, "end"))
    swelling = fill("M62 0C74 40 86 60 92 110C90 160 80 200 72 240H62C66 160 66 60 62 0Z", SOFT)
    _entity("acute-calcific-prevertebral-tendinitis", "Acute calcific prevertebral tendinitis (longus colli)",
            "Schematic lateral radiograph of the upper cervical spine: an amorphous calcification lies in front of "
            "C2, just below the anterior arch of the atlas, in the line of longus colli, with thickened "
            "prevertebral soft tissue in front of it; the vertebrae are intact.",
            anatomy.neck() + fill("M40 30C56 60 60 100 56 150C54 190 50 220 48 240H72C80 200 90 160 92 110C86 60 74 40 62 0H40Z", SOFT)
            + f'<ellipse cx="116" cy="80" rx="7" ry="12" fill="{CALCIUM}" opacity=".9"/>'
            + callout(label(312, 60, "C1 anterior arch", "end"), arrow(232, 50, 132, 46))
            + callout(label(312, 236, "amorphous calcification", "end"), arrow(200, 222, 118, 93))
            + callout(label(8, 196, "swollen|prevertebral|soft tissue"), arrow(40, 184, 60, 150)),
            "neck, lateral")
    body, discs = anatomy.spine(top=14, count=4, height=40, gap=18, x=150, width=70)
    _entity("aneurysm", "Calcified abdominal aortic aneurysm",
            "Schematic lateral radiograph of the lumbar spine: in front of the vertebral bodies a curvilinear rim "
            "of calcification outlines the wall of a dilated abdominal aorta.",
            body + line("M110 20C60 40 40 90 44 130C48 170 70 200 118 216", 3, extra='stroke-dasharray="16 4"')
            + line("M126 20C134 60 138 120 132 214", 2, extra='stroke-dasharray="8 6" opacity=".7"')
            + callout(label(12, 232, "calcified wall of the dilated aorta"), arrow(40, 220, 52, 180)),
            "lumbar spine, lateral", "anterior ←")


def _limb_pictures():
    _entity("achilles-tendon-ossification", "Achilles tendon ossification",
            "Schematic lateral radiograph of the ankle: two elongated segments of bone, each with a cortex and "
            "trabeculae, lie in the line of the Achilles tendon above its insertion on the calcaneus.",
            anatomy.ankle() + trabecular(236, 70, 7, 26, rotate=-6) + trabecular(246, 118, 7, 18, rotate=-14)
            + callout(label(12, 56, "bone in the|Achilles tendon"), arrow(100, 60, 226, 70))
            + callout(label(312, 236, "calcaneus", "end"), arrow(270, 226, 240, 206)),
            "ankle, lateral", "posterior →")
    _entity("monckeberg-medial-calcific-sclerosis", "Mönckeberg medial calcific sclerosis",
            "Schematic AP radiograph of the lower leg: two smooth, continuous, parallel white lines outline a "
            "tibial artery along its whole length (tram-track), and an inset shows the artery seen end on as a "
            "ring.",
            anatomy.lower_leg() + line("M170 0C170 80 174 160 178 240", 1.8) + line("M181 0C181 80 185 160 189 240", 1.8)
            + f'<rect x="236" y="150" width="76" height="76" rx="4" fill="{INSET}" stroke="{INSET_EDGE}"/>'
            + ring(274, 188, 14, width=3) + note(274, 166, "end on", "middle")
            + callout(label(8, 208, "smooth, continuous|parallel lines"), arrow(96, 212, 175, 196)),
            "lower leg, AP")
    plaques = "".join(f'<path d="M{x} {y}c{d} 4 {d} 10 0 {l}" fill="none" stroke="{CALCIUM}" stroke-width="3"/>'
                      for x, y, d, l in [(178, 20, 4, 18), (190, 64, 4, 10), (180, 110, -4, 22), (192, 170, 3, 12),
                                         (181, 200, -3, 8)])
    _entity("atherosclerosis", "Atherosclerotic calcification",
            "Schematic AP radiograph of the thigh: along the course of the superficial femoral artery, short, "
            "irregular, patchy and discontinuous plaques of calcification lie now on one wall, now on the other.",
            anatomy.thigh() + plaques
            + callout(label(312, 110, "irregular, patchy|plaques", "end"), arrow(236, 114, 196, 120)),
            "thigh, AP")
    net = ("M30 100L60 120L90 104L120 124L150 108L180 128L210 110L240 126L270 106L300 122M60 120L56 150L90 160"
           "L120 124M90 160L124 150L150 108M124 150L160 164L180 128M160 164L196 150L210 110M196 150L230 166"
           "L240 126M230 166L262 150L270 106M262 150L296 160")
    _entity("calciphylaxis", "Calciphylaxis",
            "Schematic radiograph of the soft tissues of the thigh in tangent: beneath a skin ulcer, fine linear "
            "and net-like calcification of small vessels fills the subcutaneous fat, above the muscle.",
            fill("M0 50H320V240H0Z", SOFT) + fill("M0 70H320V190H0Z", FAT) + fill("M0 190H320V240H0Z", SOFT_DENSE)
            + fill("M130 50C140 64 170 64 180 50Z", BACKGROUND)
            + line(net, 1.4)
            + callout(label(160, 36, "skin ulcer", "middle"), arrow(160, 40, 156, 54))
            + callout(label(12, 222, "net-like small-vessel calcification in the fat"), arrow(60, 210, 90, 162)),
            "thigh, soft tissue in tangent")
    lobes = "".join(f'<circle cx="{x}" cy="{y}" r="{r}" fill="{c}"/>' for x, y, r, c in
                    [(214, 90, 20, "#b9c1c9"), (180, 100, 16, "#b9c1c9"), (222, 126, 26, "#b9c1c9"), (214, 164, 22, "#b9c1c9"),
                     (204, 112, 18, CALCIUM), (206, 144, 18, CALCIUM), (196, 128, 14, CALCIUM)])
    _entity("parosteal-osteosarcoma", "Parosteal osteosarcoma versus myositis ossificans",
            "Schematic lateral radiograph of the distal femur: a lobulated, densely ossified mass is attached to the "
            "posterior surface of the metaphysis, densest at its base and centre and less dense at its lobulated "
            "edge, with a thin lucent line between mass and cortex above the attachment (string sign). An inset "
            "shows myositis ossificans for comparison: densest at its rim and separated from the bone by a lucent cleft.",
            distal_femur_lateral() + lobes + calcium("M163 118L200 112L204 160L186 160C176 146 168 132 163 118Z")
            + line("M159 84C160 96 161 106 163 114", 2.5, colour=SOFT)
            + f'<rect x="8" y="150" width="86" height="84" rx="4" fill="{INSET}" stroke="{INSET_EDGE}"/>'
            + fill("M14 150H30V234H14Z", BONE) + f'<ellipse cx="60" cy="196" rx="18" ry="28" fill="{SOFT_DENSE}" '
            f'stroke="{CALCIUM}" stroke-width="4"/>' + note(52, 166, "myositis oss.", "middle")
            + callout(label(312, 40, "densest at base|and centre", "end"), arrow(270, 56, 196, 130))
            + callout(label(312, 232, "string sign", "end"), arrow(270, 222, 163, 100))
            + label(100, 230, "MO: rim, cleft"),
            "distal femur, lateral", "posterior →")
    _entity("post-arthroplasty-heterotopic-ossification", "Heterotopic ossification after hip arthroplasty",
            "Schematic AP radiograph of a hip replacement: two islands of mature bone with a cortex and trabeculae "
            "lie in the soft tissues lateral to the joint, above the greater trochanter, not attached to the pelvis "
            "or femur (Brooker I).",
            anatomy.hip()
            + f'<path d="M90 240L96 150L150 106L160 114L122 160L124 240Z" fill="{METAL}" stroke="{BONE}" stroke-width="1"/>'
            + f'<circle cx="182" cy="92" r="34" fill="{SOFT}"/>'
            + f'<path d="M150 92A32 32 0 0 1 214 92" fill="none" stroke="{METAL}" stroke-width="7"/>'
            + f'<circle cx="182" cy="98" r="18" fill="{METAL}"/>'
            + trabecular(70, 62, 10, 22, rotate=-20) + trabecular(54, 106, 8, 14, rotate=10)
            + callout(label(312, 232, "prosthesis", "end"), arrow(250, 222, 126, 200))
            + callout(label(12, 212, "islands of bone|(Brooker I)"), arrow(40, 200, 52, 122)),
            "hip arthroplasty, AP", "medial →", right_at=(310, 184))
    # After spinal cord injury the hip ossifies most often in front (flexors and adductors): on an AP
    # view the bone projects over the femoral neck, from the anterior inferior iliac spine downwards.
    _entity("paraplegia-heterotopic-ossification", "Heterotopic ossification in paraplegia",
            "Schematic AP radiograph of the hip: a large mass of mature bone with a cortex and trabeculae lies in "
            "front of the joint, projected over the femoral neck, running from the anterior inferior iliac spine "
            "down to the intertrochanteric region near the lesser trochanter, while the joint space itself is "
            "preserved.",
            anatomy.hip() + trabecular(160, 98, 20, 74, rotate=17)
            + callout(label(8, 206, "mature bone in|front of the hip"), arrow(60, 196, 146, 150))
            + callout(label(312, 200, "joint space|preserved", "end"), arrow(264, 188, 218, 82)),
            "hip, AP", "")
    _entity("venous-stasis", "Venous stasis calcification",
            "Schematic AP radiograph of the lower leg: plaque- and sheet-like calcification lies in the "
            "subcutaneous fat, round phleboliths lie along varicose veins, and solid, undulating periosteal new "
            "bone runs along the tibia.",
            anatomy.lower_leg()
            + calcium("M42 40C50 60 52 100 48 140C46 150 42 140 42 120Z") + calcium("M272 90C278 110 278 150 270 190L266 170C270 140 270 110 268 96Z")
            + ring(240, 60, 5, width=3.5) + ring(246, 130, 6, width=3.5) + ring(236, 200, 5, width=3.5)
            + line("M102 20C96 50 104 80 98 110C94 140 104 170 98 200", 3)
            + callout(label(12, 232, "sheet in subcutaneous fat"), arrow(30, 220, 44, 146))
            + callout(label(312, 232, "phleboliths", "end"), arrow(260, 222, 240, 208))
            + callout(label(312, 36, "periosteal new bone", "end"), arrow(206, 40, 104, 80)),
            "lower leg, AP")
    _entity("ehlers-danlos-syndrome", "Ehlers–Danlos syndrome: calcified subcutaneous spheroids",
            "Schematic AP radiograph of the shin: several small round and oval calcified nodules, most with a "
            "calcified rim and a lucent centre, lie in the subcutaneous fat.",
            anatomy.lower_leg()
            + ring(48, 60, 5, width=3) + ring(46, 120, 6, 4, width=3) + ring(272, 80, 5, width=3)
            + ring(268, 160, 6, width=3) + dots([(50, 180, 4)])
            + callout(label(312, 232, "spheroids in the fat", "end"), arrow(292, 220, 270, 168)),
            "shin, AP")
    _entity("riders-bone", "Rider's bone",
            "Schematic AP radiograph of the hip and upper thigh: an elongated plate of bone with a dense rim lies in "
            "the medial upper thigh, in the line of adductor longus between the pubis and the femoral shaft.",
            anatomy.hip()
            + f'<ellipse cx="196" cy="196" rx="9" ry="34" fill="{SOFT_DENSE}" stroke="{CALCIUM}" stroke-width="4" '
            f'transform="rotate(40 196 196)"/>'
            + callout(label(312, 232, "ossified adductor longus", "end"), arrow(270, 220, 214, 212)),
            "hip and thigh, AP", "medial →", right_at=(310, 184))
    _entity("extraskeletal-osteosarcoma", "Extraskeletal osteosarcoma",
            "Schematic AP radiograph of the thigh: a large soft tissue mass deep in the muscles, separate from the "
            "normal femur, contains cloud-like mineral that is densest in its centre and faint at its periphery.",
            anatomy.thigh() + f'<ellipse cx="220" cy="120" rx="40" ry="64" fill="{SOFT_DENSE}"/>'
            + "".join(f'<ellipse cx="220" cy="120" rx="{rx}" ry="{ry}" fill="{CALCIUM}" opacity="{o}"/>'
                      for rx, ry, o in [(32, 52, .15), (24, 40, .25), (16, 28, .4), (9, 16, .6)])
            + callout(label(312, 228, "densest centrally", "end"), arrow(270, 214, 226, 136))
            + callout(label(12, 228, "bone normal"), arrow(60, 216, 112, 180)),
            "thigh, AP")
    _entity("parosteal-lipoma", "Parosteal lipoma",
            "Schematic radiograph of the proximal forearm: a lucent, fat-density soft tissue mass lies against the "
            "radius, and a bony excrescence projects from the cortex into the fat at its base, without continuity "
            "with the medullary cavity.",
            forearm() + f'<ellipse cx="76" cy="110" rx="30" ry="54" fill="{FAT}" stroke="#59626d"/>'
            + f'<path d="M94 100L74 90L70 96L76 104L64 110L68 118L94 120Z" fill="{BONE}" stroke="{CALCIUM}" stroke-width="2"/>'
            + callout(label(12, 224, "fat-density mass"), arrow(40, 212, 64, 150))
            + callout(label(190, 60, "bony excrescence", "end"), arrow(140, 66, 84, 96)),
            "forearm (radius on the left)")
    _entity("fluorosis", "Fluorosis: ossified interosseous membrane",
            "Schematic AP radiograph of the forearm: the radius and ulna are dense with thick cortices, and a linear "
            "band of calcification or ossification runs between them along the interosseous membrane.",
            forearm() + line("M144 30C152 90 158 150 168 210", 3) + line("M176 40C172 90 170 140 178 200", 2)
            + callout(label(312, 232, "ossified interosseous membrane", "end"), arrow(240, 220, 168, 196))
            + callout(label(312, 40, "dense bone, thick cortex", "end"), arrow(250, 46, 232, 70)),
            "forearm, AP")
    chondroid = "".join(_crescent(x, y, 5, t) for x, y, t in [(84, 108, 0), (72, 124, 120), (90, 136, 240), (78, 152, 60)])
    _entity("juxtacortical-chondroma", "Juxtacortical (periosteal) chondroma",
            "Schematic AP radiograph of the humerus: a small soft tissue mass on the surface of the bone "
            "sits in a saucer-shaped erosion of the outer cortex with a sclerotic base, rimmed by buttresses of "
            "periosteal new bone, and contains ring-and-arc chondroid calcification.",
            anatomy.thigh() + fill("M109 90C84 90 60 108 60 130C60 154 84 172 109 170C118 150 118 110 109 90Z", SOFT_DENSE)
            + line("M109 92C118 110 118 150 109 168", 3)
            + calcium("M108 86L98 82L104 94Z") + calcium("M108 174L98 178L104 166Z") + chondroid.replace("stroke-width=\"2.4\"", "stroke-width=\"2\"")
            + callout(label(312, 60, "saucerised cortex,|sclerotic base", "end"), arrow(220, 68, 110, 130))
            + callout(label(12, 220, "buttress"), arrow(40, 208, 98, 180))
            + callout(label(12, 40, "ring-and-arc"), arrow(40, 48, 76, 100)),
            "humerus, AP")


def _hand_pictures():
    tips = [(56, 76), (112, 22), (152, 8), (192, 18), (230, 44)]
    _entity("calcinosis-circumscripta", "Calcinosis circumscripta of the fingertips",
            "Schematic PA radiograph of the hand: punctate and nodular dense calcifications lie in the skin and "
            "subcutaneous tissue of several fingertips and in the soft tissue beside a finger joint, localised to "
            "the hand.",
            hand() + dots([(108, 20, 3), (117, 23, 2.5), (148, 22, 3), (157, 21, 2), (196, 28, 3), (187, 30, 2.5),
                           (233, 34, 3), (225, 37, 2), (202, 86, 3.5), (203, 95, 2.5)])
            + callout(label(312, 236, "fingertips and beside a joint", "end"), arrow(262, 226, 205, 101)),
            "hand, PA")
    _entity("albright-hereditary-osteodystrophy", "Albright hereditary osteodystrophy",
            "Schematic PA radiograph of the hand: the fourth and fifth metacarpals are short, so a line drawn "
            "along the heads of the fourth and fifth metacarpals cuts through the third (a positive metacarpal "
            "sign), and small round dense foci lie in the subcutaneous tissue.",
            hand(metacarpals=(58, 80, 78, 54, 44))
            + '<path d="M246 175L120 141" stroke="#f5c04f" stroke-width="1.5" stroke-dasharray="5 3" fill="none"/>'
            + dots([(47, 190, 4), (248, 204, 3.5), (252, 222, 3)])
            + callout(label(312, 28, "short 4th and 5th|metacarpals", "end"), arrow(278, 46, 199, 168), arrow(290, 46, 235, 176))
            + callout(label(312, 120, "subcutaneous|ossification", "end"), arrow(300, 144, 251, 198)),
            "hand, PA")
    _entity("calcium-gluconate-extravasation", "Calcium gluconate extravasation",
            "Schematic PA radiograph of an infant's hand: amorphous and flocculent calcification, with a linear "
            "streak outlining a vein, lies in the subcutaneous tissue over the back of the hand at an intravenous "
            "site, and the underlying bones are normal.",
            hand(child=True) + "".join(f'<ellipse cx="{x}" cy="{y}" rx="{rx}" ry="{ry}" fill="{CALCIUM}" opacity="{o}"/>'
                                       for x, y, rx, ry, o in [(170, 180, 28, 16, .35), (160, 186, 16, 9, .55), (184, 174, 12, 7, .5)])
            + line("M150 200L120 232", 2.5)
            + callout(label(312, 236, "subcutaneous calcification", "end"), arrow(260, 224, 196, 186))
            + callout(label(12, 236, "along the vein"), arrow(80, 226, 124, 226)),
            "infant hand, PA")
    fingertip = ("M116 240V60C116 30 136 18 160 18C184 18 204 30 204 60V240Z")
    _entity("crest-syndrome", "CREST syndrome: fingertip calcinosis with acro-osteolysis",
            "Schematic PA radiograph of a finger: the soft tissue of the tip is tapered and atrophic, the terminal "
            "tuft of the distal phalanx is resorbed, and punctate to nodular calcification lies in the finger pulp.",
            fill(fingertip.replace("C116 30 136 18 160 18C184 18 204 30 204 60", "C120 40 146 26 160 26C174 26 200 40 204 60"), SOFT)
            + bone("M148 62C152 58 168 58 172 62L170 70C168 78 172 88 176 94H144C148 88 152 78 150 70Z", 2.5)
            + bone("M142 104C142 98 178 98 178 104L172 128V150L180 164H140L148 150V128Z", 2.5)
            + bone("M138 174C138 168 182 168 182 174L174 200V230L184 240H136L146 230V200Z", 2.5)
            + dots([(150, 38, 4), (166, 42, 3), (158, 50, 2.5), (138, 56, 3), (182, 52, 3.5)])
            + callout(label(312, 60, "calcinosis in the pulp", "end"), arrow(250, 66, 186, 52))
            + callout(label(12, 130, "tuft resorbed"), arrow(60, 118, 146, 64)),
            "finger, PA")
    _entity("leprosy", "Leprosy: calcification of a digital nerve",
            "Schematic PA radiograph of a finger: a fine linear calcification runs along the side of the "
            "phalanges in the soft tissue, following the course of a digital nerve.",
            anatomy.finger() + line("M196 236C194 180 194 120 190 70", 2, extra='stroke-dasharray="10 2"')
            + callout(label(8, 120, "calcified|digital nerve"), arrow(70, 124, 192, 150)),
            "finger, PA")
    _entity("bizarre-parosteal-osteochondromatous-proliferation",
            "Bizarre parosteal osteochondromatous proliferation (Nora lesion)",
            "Schematic PA radiograph of a finger: a well-defined, lobulated, densely mineralised mass is attached "
            "by a broad base to the surface of the proximal phalanx, whose cortex is intact and whose medullary "
            "cavity does not continue into the mass.",
            anatomy.finger() + fill("M182 200C196 192 214 196 220 208C226 220 218 232 204 234C194 236 186 230 182 226Z", "#d4dae0")
            + "".join(f'<circle cx="{x}" cy="{y}" r="{r}" fill="{CALCIUM}"/>' for x, y, r in [(198, 206, 6), (210, 218, 6), (196, 224, 5)])
            + line("M176 196L176 232", 2.5, colour=CORTEX)
            + callout(label(312, 120, "mass on the cortex", "end"), arrow(270, 128, 214, 198))
            + callout(label(8, 200, "cortex intact"), arrow(80, 196, 172, 210)),
            "finger, PA")
    arcs = "".join(_crescent(x, y, 4, t) for x, y, t in [(222, 112, 0), (232, 124, 90), (220, 132, 200), (234, 140, 300)])
    _entity("soft-tissue-chondroma", "Soft tissue chondroma of a finger",
            "Schematic PA radiograph of a finger: a well-defined soft tissue nodule beside the middle phalanx, separate "
            "from the bone, contains ring-and-arc chondroid calcification, and the adjacent cortex shows a smooth "
            "pressure erosion.",
            fill("M116 240V60C116 26 136 12 160 12C184 12 204 26 204 60V90C240 96 252 120 248 140C244 160 220 168 204 160V240Z", SOFT)
            + bone("M146 44C146 34 174 34 174 44L170 58C168 70 172 86 176 94H144C148 86 152 70 150 58Z", 2.5)
            + bone("M142 104C142 98 178 98 178 104L172 120C163 126 163 142 172 148L180 164H140L148 150V128Z", 2.5)
            + bone("M138 174C138 168 182 168 182 174L174 200V230L184 240H136L146 230V200Z", 2.5)
            + arcs
            + callout(label(312, 200, "ring-and-arc|calcification", "end"), arrow(270, 190, 232, 146))
            + callout(label(8, 40, "smooth pressure|erosion"), arrow(70, 50, 166, 130)),
            "finger, PA")


def _trunk_pictures():
    _entity("injection-granuloma", "Injection granulomas in the buttocks",
            "Schematic AP radiograph of the pelvis: multiple small nodular, ring-like and short linear "
            "calcifications are projected over the buttocks on both sides, in the gluteal soft tissues lateral to "
            "the sacrum, at the usual injection sites in the upper outer buttocks.",
            pelvis()
            + dots([(50, 70, 4), (70, 96, 3.5), (270, 72, 4), (252, 100, 3)]) + ring(40, 104, 5, width=3)
            + ring(282, 104, 5, width=3) + line("M62 120l10 4M258 122l-10 4", 3)
            + callout(label(160, 232, "nodules and rings, both buttocks", "middle"), arrow(120, 220, 66, 126), arrow(200, 220, 256, 126)),
            "pelvis, AP")
    _entity("ossification-in-scars", "Ossification in a laparotomy scar",
            "Schematic frontal radiograph of the abdomen: a vertical linear band of bone with a cortex and "
            "trabeculae lies in the midline, along the line of a laparotomy scar.",
            abdomen() + trabecular(160, 150, 5, 60)
            + callout(label(312, 200, "bone along the|midline scar", "end"), arrow(250, 188, 168, 170)),
            "abdomen, frontal")
    crescents = "".join(_crescent(x, y, 5, t) for x, y, t in [(50, 50, 0), (80, 40, 40), (112, 56, 200), (60, 90, 100),
                                                                 (96, 100, 300), (130, 86, 160), (220, 150, 60)])
    _entity("armillifer-armillatus", "Armillifer armillatus (porocephalosis)",
            "Schematic frontal radiograph of the upper abdomen: several small, dense, C-shaped crescentic "
            "calcifications, the calcified coiled nymphs, are projected over the liver and upper abdomen.",
            abdomen() + crescents
            + callout(label(312, 232, "C-shaped calcifications", "end"), arrow(240, 220, 222, 158), arrow(200, 220, 134, 94))
            + label(12, 232, "liver"),
            "abdomen, frontal")
    _entity("perichondritis", "Perichondritis: calcified auricular cartilage",
            "Schematic lateral view of the ear projected over the skull: curvilinear and plate-like calcification "
            "outlines the cartilage of the helix and antihelix, and the lobule, which has no cartilage, is spared.",
            anatomy.ear()
            + line("M160 44C210 30 246 66 242 108C238 144 216 164 204 180", 5)
            + line("M158 80C180 70 208 82 212 108", 3.5)
            + callout(label(312, 226, "lobule spared", "end"), arrow(240, 222, 192, 220))
            + callout(label(20, 80, "calcified|cartilage"), arrow(66, 84, 152, 56)),
            "ear, lateral")
    # Gout: first metatarsophalangeal joint
    joint = (fill("M60 0H260V240H60Z", SOFT)
             + bone("M130 240L128 150C128 130 142 120 160 120C178 120 192 130 192 150L190 240Z")
             + bone("M136 0L134 84C130 96 132 104 138 108C150 102 170 102 182 108C188 104 190 96 186 84L184 0Z"))
    _entity("gout", "Gout: tophus and punched-out erosion",
            "Schematic AP radiograph of the first metatarsophalangeal joint: beside the joint an eccentric, "
            "lobulated soft tissue mass (tophus) contains faint calcification, and a well-defined punched-out "
            "erosion with a sclerotic margin and an overhanging edge lies in the metatarsal head away from the "
            "articular surface; the joint space is preserved.",
            joint + fill("M128 132C110 128 92 134 84 150C76 168 86 186 104 188C116 190 126 180 130 170Z", SOFT_DENSE)
            + "".join(f'<circle cx="{x}" cy="{y}" r="{r}" fill="{CALCIUM}" opacity=".6"/>' for x, y, r in [(104, 152, 3), (96, 168, 2.5), (112, 176, 2)])
            + fill("M129 150C140 146 146 156 144 166C142 174 134 176 129 172Z", SOFT_DENSE)
            + line("M126 146L136 146", 2.5, colour=CORTEX) + line("M130 150C140 146 146 156 144 166C142 174 134 176 129 172", 2, colour=CORTEX)
            + callout(label(12, 40, "tophus"), arrow(40, 48, 96, 140))
            + callout(label(312, 200, "punched-out erosion,|overhanging edge", "end"), arrow(232, 190, 146, 166))
            + callout(label(312, 110, "joint space preserved", "end"), arrow(234, 114, 192, 112)),
            "first MTP joint, AP")
    many = "".join(f'<circle cx="{x}" cy="{y}" r="{r}" fill="none" stroke="{CALCIUM}" stroke-width="2.2"/>'
                   for x, y, r in [(116, 150, 5), (108, 166, 5), (120, 178, 4.5), (212, 150, 5), (220, 166, 5),
                                   (206, 176, 4.5), (140, 100, 5), (184, 102, 5), (162, 94, 4.5), (126, 124, 4.5),
                                   (198, 124, 4.5)])
    _entity("synovial-chondromatosis", "Synovial chondromatosis",
            "Schematic AP radiograph of the knee: many small, rounded calcified bodies of similar size, each with "
            "ring-and-arc calcification, fill the joint and its recesses, inside the distended capsule; the joint "
            "space is preserved.",
            knee() + '<path d="M92 90C70 130 78 200 100 226M232 90C254 130 246 200 224 226" fill="none" stroke="#c3cad2" stroke-width="1.2" stroke-dasharray="4 3"/>'
            + many
            + callout(label(312, 40, "many uniform bodies,|ring-and-arc", "end"), arrow(246, 56, 190, 100))
            + callout(label(312, 232, "inside the joint", "end"), arrow(262, 222, 224, 170)),
            "knee, AP")
