"""One schematic per site of the site facet (macros.models.Site) that a picture can show."""

from __future__ import annotations

from . import anatomy
from .common import (BONE, CALCIUM, CORTEX, FAT, MARROW, SOFT, SOFT_DENSE, arrow, callout, bone, calcium, dots, fill,
                     knee, label, line, note, ring, trabecular, write)


NAMES = {"tendon-bursa": "tendon or bursa"}


def _site(name, title, desc, body, view, site_at=(310, 16)):
    """site_at: where the 'site:' note goes, moved off the bone where the top right corner is bone."""
    shown = NAMES.get(name, name.replace("-", " "))
    write("sites", name, title, desc, body + note(10, 16, view) + note(*site_at, f"site: {shown}", "end"))


def draw() -> list[str]:
    capsule = '<path d="M88 120C80 150 84 200 96 228M226 120C232 150 230 200 220 228" fill="none" stroke="#c3cad2" stroke-width="1.2" stroke-dasharray="4 3"/>'
    _site("periarticular", "Periarticular calcification",
          "Schematic AP radiograph of the knee: a lobulated, amorphous white calcified mass lies in the soft "
          "tissue beside the joint, outside the dashed line of the joint capsule, and the joint itself is clear.",
          knee() + capsule
          + "".join(f'<circle cx="{x}" cy="{y}" r="{r}" fill="{CALCIUM}" opacity=".9"/>'
                    for x, y, r in [(240, 150, 8), (248, 166, 10), (240, 182, 8), (252, 188, 6)])
          + callout(label(312, 216, "beside the joint,|outside the capsule", "end"), arrow(268, 205, 253, 196)),
          "knee, AP")
    _site("tendon-bursa", "Calcification in a tendon or bursa",
          "Schematic AP radiograph of the shoulder: an oval white deposit lies in the supraspinatus tendon, "
          "just above the greater tuberosity of the humerus and below the acromion.",
          anatomy.shoulder() + f'<ellipse cx="46" cy="96" rx="12" ry="6" fill="{CALCIUM}" transform="rotate(-50 46 96)"/>'
          + callout(label(12, 200, "in the tendon,|near its insertion"), arrow(30, 186, 42, 108)),
          "shoulder, AP")
    spine, discs = anatomy.spine(top=20, count=4, height=36, gap=16, x=90)
    _site("ligament", "Calcification or ossification of a ligament",
          "Schematic lateral radiograph of the spine: a long white band runs along the front of the vertebral "
          "bodies and discs in the line of the anterior longitudinal ligament, and a second line joins the "
          "spinous processes behind, in the line of the interspinous and supraspinous ligaments.",
          spine + line("M84 24C80 60 82 100 82 140C82 170 80 196 84 210", 4)
          + line("M256 60L246 112L238 164L232 206", 2.5)
          + callout(label(14, 232, "along a ligament"), arrow(60, 222, 80, 196)),
          "spine, lateral")
    _site("fingertips", "Fingertip calcification",
          "Schematic PA radiograph of a finger: small white nodules and dots of calcification lie in the soft "
          "tissue of the finger pulp around the tip of the distal phalanx.",
          anatomy.finger() + dots([(136, 34, 4), (184, 38, 3.5), (160, 22, 3), (130, 56, 3), (190, 62, 4.5),
                                   (176, 24, 2.5), (142, 22, 2.5)])
          + callout(label(312, 120, "in the finger pulp", "end"), arrow(262, 108, 196, 66)),
          "finger, PA")
    _site("articular-cartilage", "Articular cartilage calcification (chondrocalcinosis)",
          "Schematic AP radiograph of the knee: thin white lines of calcification run parallel to the femoral "
          "condyles within the articular cartilage, and white triangles lie in the menisci at the joint margins.",
          knee() + calcium("M94 176L134 183L95 190Z") + calcium("M231 176L190 183L230 190Z")
          + line("M100 166C110 176 126 178 140 170", 1.8) + line("M182 170C196 178 212 176 222 166", 1.8)
          + callout(label(312, 232, "line in the cartilage", "end"), arrow(258, 220, 210, 176))
          + callout(label(8, 232, "meniscus"), arrow(40, 222, 96, 186)),
          "knee, AP")
    spine, discs = anatomy.spine(top=14, count=4, height=40, gap=20, x=96)
    _site("intervertebral-disc", "Intervertebral disc calcification",
          "Schematic lateral radiograph of the spine: one disc contains a round white calcification in its "
          "centre, in the nucleus pulposus; another shows thin white calcification at the periphery of the "
          "disc, in the annulus fibrosus.",
          spine + f'<ellipse cx="139" cy="{discs[0]}" rx="16" ry="6" fill="{CALCIUM}"/>'
          + line(f"M100 {discs[2] - 6}L104 {discs[2] + 6}M178 {discs[2] - 6}L176 {discs[2] + 6}", 3)
          + callout(label(12, 14 + 20 + 40 + 60 + 16, "nucleus (centre)"), arrow(70, 112, 128, discs[0] + 6))
          + callout(label(12, 234, "annulus (rim)"), arrow(50, 222, 98, discs[2] + 6)),
          "spine, lateral")
    _site("pinna", "Calcification of the pinna",
          "Schematic lateral view of the ear over the skull: curved white plates of calcification follow the "
          "cartilage of the helix and antihelix, and the lobule, which has no cartilage, is spared.",
          anatomy.ear()
          + line("M160 44C210 30 246 66 242 108C238 144 216 164 204 180", 5)
          + line("M158 80C180 70 208 82 212 108", 3.5)
          + callout(label(312, 226, "lobule spared", "end"), arrow(240, 222, 192, 220))
          + callout(label(20, 80, "auricular|cartilage"), arrow(76, 84, 152, 56)),
          "ear, lateral", site_at=(310, 38))
    _site("vessel", "Vascular calcification",
          "Schematic AP radiograph of the lower leg: two fine, smooth, parallel white lines run down the soft "
          "tissue between the tibia and fibula, outlining the wall of an artery (tram-track), and a round "
          "phlebolith lies in a vein nearer the skin.",
          anatomy.lower_leg() + line("M172 0C172 80 176 160 180 240", 1.8) + line("M184 0C184 80 188 160 192 240", 1.8)
          + ring(248, 150, 6, width=4)
          + callout(label(312, 40, "artery wall,|parallel lines", "end"), arrow(240, 58, 190, 88))
          + callout(label(312, 196, "phlebolith", "end"), arrow(284, 184, 256, 156)),
          "lower leg, AP")
    _site("nerve", "Calcification along a nerve",
          "Schematic PA radiograph of a finger: a fine, slightly beaded white line runs along the side of the "
          "phalanges in the soft tissue, in the course of a digital nerve.",
          anatomy.finger() + line("M196 236C194 180 194 120 190 70", 2, extra='stroke-dasharray="10 2"')
          + callout(label(8, 120, "along the|course of a|digital nerve"), arrow(72, 136, 192, 150)),
          "finger, PA")
    fibres = "".join(f'<path d="M{x} 10C{x - 6} 90 {x - 6} 160 {x} 230" stroke="#59626d" stroke-width="1" fill="none"/>'
                     for x in (180, 200, 220, 240, 256))
    _site("muscle", "Calcification or ossification in muscle",
          "Schematic AP radiograph of the thigh: in the muscle beside the femur, small oval white calcifications "
          "lie in a line along the muscle fibres.",
          anatomy.thigh() + fibres
          + "".join(f'<ellipse cx="{x}" cy="{y}" rx="2.5" ry="7" fill="{CALCIUM}"/>'
                    for x, y in [(196, 40), (215, 70), (197, 100), (236, 96), (216, 130), (234, 160), (198, 170), (216, 200)])
          + label(312, 228, "along the muscle fibres", "end"),
          "thigh, AP")
    _site("subcutaneous", "Subcutaneous calcification",
          "Schematic AP radiograph of the lower leg: the subcutaneous fat forms a darker layer between the skin "
          "and the muscle, and irregular white plaques and nodules of calcification lie within that layer.",
          anatomy.lower_leg()
          + calcium("M44 60C50 62 54 80 52 100C50 104 46 100 44 96Z") + dots([(48, 130, 3), (50, 150, 4), (270, 80, 3.5)])
          + calcium("M266 120C272 124 274 150 270 170C266 172 264 150 264 130Z")
          + callout(label(312, 232, "in the fat under the skin", "end"), arrow(290, 218, 270, 172)),
          "lower leg, AP")
    _site("skin", "Calcification or ossification in the skin",
          "Schematic radiograph of the skin seen in tangent: small white round and plate-like foci lie in the "
          "thin layer of the dermis just under the skin surface, above the subcutaneous fat.",
          fill("M0 60C80 52 240 52 320 60V240H0Z", SOFT) + fill("M0 84C80 76 240 76 320 84V240H0Z", FAT)
          + fill("M0 150H320V240H0Z", SOFT_DENSE)
          + dots([(60, 66, 3.5), (104, 64, 2.5), (150, 63, 4), (196, 64, 3), (244, 65, 3.5), (282, 68, 2.5)])
          + calcium("M126 68h10v3h-10z")
          + callout(label(160, 40, "in the skin, seen in tangent", "middle"), arrow(168, 44, 152, 58))
          + label(160, 120, "subcutaneous fat", "middle") + label(160, 200, "muscle", "middle"),
          "skin in tangent")
    _site("juxtacortical", "Juxtacortical: on the surface of a bone",
          "Schematic radiograph of a long bone: a white lobulated mass sits on the outer surface of the cortex, "
          "broadly attached to it, while the medullary cavity is intact.",
          anatomy.thigh()
          + calcium("M153 70C176 62 206 74 210 104C214 132 198 160 176 166C164 168 156 160 153 150Z")
          + callout(label(312, 220, "on the bone surface", "end"), arrow(250, 206, 196, 160)),
          "long bone")
    _site("deep-soft-tissue", "Deep soft tissue",
          "Schematic AP radiograph of the thigh: a mineralised soft tissue mass lies deep in the muscles, "
          "separated from the femur by a band of normal soft tissue.",
          anatomy.thigh() + f'<ellipse cx="220" cy="118" rx="30" ry="48" fill="{SOFT_DENSE}"/>'
          + "".join(f'<circle cx="{x}" cy="{y}" r="{r}" fill="{CALCIUM}" opacity=".8"/>'
                    for x, y, r in [(214, 104, 6), (228, 122, 8), (218, 138, 5), (226, 96, 4)])
          + callout(label(312, 226, "deep, separate from bone", "end"), arrow(250, 212, 228, 166)),
          "thigh, AP")
    figure = ("M160 14C172 14 180 24 180 36C180 48 172 56 160 56C148 56 140 48 140 36C140 24 148 14 160 14Z"
              "M134 62H186L214 140L202 144L184 100V150L192 232H172L160 160L148 232H128L136 150V100L118 144L106 140Z")
    _site("generalised", "Generalised calcification",
          "A schematic body outline with white streaks and sheets of calcification in many regions at once: the "
          "shoulders, arms, trunk, thighs and legs.",
          fill(figure, SOFT)
          + line("M138 70L146 90M182 70L176 92M118 118L124 128M204 120L198 130M148 120L150 136M170 118L168 134"
                 "M142 172L146 190M176 176L174 194M140 204L142 220M178 206L178 222", 3)
          + label(312, 120, "many regions|at once", "end"),
          "whole body")
    return ["periarticular", "tendon-bursa", "ligament", "fingertips", "articular-cartilage", "intervertebral-disc",
            "pinna", "vessel", "nerve", "muscle", "subcutaneous", "skin", "juxtacortical", "deep-soft-tissue",
            "generalised"]
