"""Anatomy drawn once and reused: each function returns SVG for the bones and soft tissue of a view."""

from __future__ import annotations

from .common import BONE, CORTEX, FAT, MARROW, SOFT, SOFT_DENSE, bone, fill

FULL = "M0 0H320V240H0Z"


def shoulder() -> str:
    """Shoulder, AP: lateral on the left; acromion, clavicle, coracoid, humeral head and glenoid."""
    return (fill("M0 40C60 24 120 18 200 20L320 22V240H0Z", SOFT)
            + bone("M150 96C158 110 160 140 150 160L214 240H320V70C262 70 200 78 150 96Z", 2.5)  # scapula
            + bone("M130 44C180 36 240 28 320 24V42C250 46 194 54 150 60C136 58 128 52 130 44Z", 2.5)  # clavicle
            + bone("M36 58C66 44 100 40 134 44L136 60C106 62 76 66 46 76C34 72 32 64 36 58Z", 2.5)  # acromion
            + bone("M58 240C60 200 54 170 48 146C40 108 58 82 92 80C124 78 144 102 138 128C134 150 126 172 124 200L122 240Z")
            + fill("M72 240C72 210 70 190 68 176H114C110 196 110 216 110 240Z", MARROW)
            + bone("M168 92C176 80 196 80 204 88C200 96 186 100 170 100Z", 2))  # coracoid


def spine(top: float = 14, count: int = 4, height: float = 36, gap: float = 16, x: float = 100,
          width: float = 86) -> tuple[str, list[float]]:
    """Lateral spine, anterior on the left. Returns the drawing and the centre y of each disc."""
    parts, discs = [], []
    soft = fill(FULL, SOFT)
    for i in range(count):
        y = top + i * (height + gap)
        parts.append(f'<rect x="{x}" y="{y}" width="{width}" height="{height}" rx="5" fill="{BONE}" '
                     f'stroke="{CORTEX}" stroke-width="2.5"/>')
        # pedicle and spinous process behind the body
        parts.append(bone(f"M{x + width} {y + 8}H{x + width + 26}L{x + width + 84} {y + height + 2}"
                          f"L{x + width + 76} {y + height + 10}L{x + width + 22} {y + height - 4}H{x + width}Z", 2))
        if i < count - 1:
            discs.append(y + height + gap / 2)
            parts.append(f'<rect x="{x + 2}" y="{y + height + 2}" width="{width - 4}" height="{gap - 4}" '
                         f'fill="{SOFT_DENSE}"/>')
    return soft + "".join(parts), discs


def finger() -> str:
    """A finger, PA, tip at the top: the three phalanges and the pulp."""
    return (fill("M116 240V60C116 26 136 12 160 12C184 12 204 26 204 60V240Z", SOFT)
            + bone("M146 44C146 34 174 34 174 44L170 58C168 70 172 86 176 94H144C148 86 152 70 150 58Z", 2.5)
            + bone("M142 104C142 98 178 98 178 104L172 128V150L180 164H140L148 150V128Z", 2.5)
            + bone("M138 174C138 168 182 168 182 174L174 200V230L184 240H136L146 230V200Z", 2.5))


def lower_leg(fat: bool = True) -> str:
    """Lower leg, AP: tibia and fibula with the subcutaneous fat as a darker layer under the skin."""
    skin = "M40 0H280C288 80 286 160 276 240H44C34 160 32 80 40 0Z"
    muscle = "M62 0H258C264 80 262 160 254 240H66C58 160 56 80 62 0Z"
    return (fill(skin, SOFT) + (fill(muscle, SOFT_DENSE) if fat else "")
            + (fill("M62 0H258C264 80 262 160 254 240H66C58 160 56 80 62 0Z", "none") if fat else "")
            + bone("M104 0H156C154 80 154 160 158 240H106C108 160 108 80 104 0Z")
            + fill("M116 0H144C142 80 142 160 146 240H118C120 160 120 80 116 0Z", MARROW)
            + bone("M198 0H214C212 80 212 160 216 240H200C202 160 202 80 198 0Z", 2.5))


def thigh() -> str:
    """Thigh, AP: femoral shaft in its muscles."""
    return (fill("M50 0C38 80 40 160 54 240H270C282 160 284 80 272 0Z", SOFT)
            + bone("M108 0H152C150 80 150 160 153 240H109C112 160 111 80 108 0Z")
            + fill("M117 0H143C141 80 141 160 144 240H118C121 160 120 80 117 0Z", MARROW))


def hip() -> str:
    """Hip, AP: the acetabulum, femoral head and neck, greater and lesser trochanters; lateral on the left."""
    return (fill(FULL, SOFT)
            + bone("M160 0H320V150C300 160 280 150 262 136C250 120 240 100 220 92C200 86 180 70 170 40Z", 2.5)
            + bone("M214 92C222 70 196 52 176 60C160 66 152 84 150 96L100 120C84 118 70 124 66 136"
                   "C62 160 70 200 78 240H138C134 212 132 190 138 170L150 150C162 140 176 134 184 130"
                   "C204 124 210 110 214 92Z")
            + fill("M96 240C94 210 92 190 96 176H126C122 196 122 216 124 240Z", MARROW)
            # the joint space: a dark band between the femoral head and the acetabular roof
            + f'<path d="M222 98C228 66 196 44 172 54C156 60 148 76 146 92" fill="none" stroke="{SOFT}" stroke-width="4"/>')


def ankle() -> str:
    """Ankle, lateral: distal tibia, talus and calcaneus, with the Achilles tendon behind (on the right)."""
    return (fill("M60 0H250C252 60 256 110 276 150C292 180 294 206 280 226L20 230C14 190 40 150 60 110Z", SOFT)
            + fill("M214 0H246C248 60 252 110 268 148L246 160C230 120 220 60 214 0Z", SOFT_DENSE)  # Achilles
            + bone("M96 0H168C168 60 174 100 180 128C160 136 120 138 92 128C98 100 98 60 96 0Z")
            + fill("M112 0H152C152 50 154 80 158 100H110C114 80 112 50 112 0Z", MARROW)
            + bone("M84 140C110 132 170 132 190 142C194 158 186 170 170 174H100C86 168 80 154 84 140Z")
            + bone("M150 176C190 168 236 164 262 176C276 186 276 212 262 222H150C136 210 138 188 150 176Z")
            + bone("M30 196C50 180 80 176 110 180L144 184C140 200 142 212 150 222H40C30 216 26 206 30 196Z", 2.5))


def neck() -> str:
    """Cervical spine, lateral, anterior on the left: C1 anterior arch, dens, C2 to C4, pharynx in front."""
    return (fill(FULL, SOFT)
            + fill("M0 0H62C66 60 70 130 72 240H0Z", "#262b31")  # airway
            + bone("M104 40C112 34 126 34 130 42C130 54 120 60 108 58C100 54 100 46 104 40Z", 2.5)  # C1 anterior arch
            + bone("M150 20C162 14 176 18 178 32L182 70H142L146 32Z", 2.5)  # dens
            + bone("M138 70H190C196 90 196 110 190 124L140 128C134 110 134 90 138 70Z")  # C2 body
            + bone("M142 140H192V178H142Z")
            + bone("M144 190H194V228H144Z")
            + bone("M196 76H228L288 112L280 124L226 108H196Z", 2)
            + bone("M196 146H226L280 170L274 180L224 168H196Z", 2))


def ear() -> str:
    """The pinna, lateral, projected over the skull: helix, antihelix, concha and lobule."""
    return (fill(FULL, SOFT)
            + fill("M0 240C40 120 140 40 320 20V0H0Z", "#2a3036")
            + bone("M0 150C60 60 160 10 320 0V18C170 26 76 82 14 170Z", 2)
            + fill("M170 30C222 26 254 64 250 110C246 150 220 170 206 190C198 210 196 230 176 232"
                   "C156 234 150 216 154 200C142 172 124 140 126 100C128 60 146 32 170 30Z", SOFT_DENSE)
            + fill("M172 108C186 104 200 116 198 132C196 146 182 150 174 144C166 136 164 116 172 108Z", FAT))
