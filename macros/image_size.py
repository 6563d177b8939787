"""An image's intrinsic size, read from its file when the book is built.

Written as `width` and `height` on the `<img>`, it lets the browser keep the image's place before
the image arrives, so the text below does not jump (layout shift) on a slow phone. Only the header
is read: a PNG's IHDR, a JPEG's frame header, a WebP's VP8 header, an SVG's root element (parsed
with no DTD, entities or external fetch). None when the size cannot be told; the image is shown
anyway.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

from defusedxml.ElementTree import fromstring

_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")
_JPEG_FRAMES = set(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def image_size(path: Path) -> tuple[int, int] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return size_of(data, path.suffix.lower())


def size_of(data: bytes, suffix: str) -> tuple[int, int] | None:
    """Width and height of an image's bytes, read from its header or its <svg> element."""
    try:
        if suffix == ".svg":
            return _svg_size(data)
        if suffix == ".png":
            return _png_size(data)
        if suffix in (".jpg", ".jpeg"):
            return _jpeg_size(data)
        if suffix == ".webp":
            return _webp_size(data)
    except (ValueError, struct.error, IndexError):
        return None
    return None


def _svg_size(data: bytes) -> tuple[int, int] | None:
    root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    width, height = (_LENGTH.match(root.get(name, "")) for name in ("width", "height"))
    if width and height:
        return round(float(width.group(1))), round(float(height.group(1)))
    box = root.get("viewBox", "").replace(",", " ").split()
    if len(box) == 4 and float(box[2]) > 0 and float(box[3]) > 0:
        return round(float(box[2])), round(float(box[3]))
    return None


def _png_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            return None
        marker = data[index + 1]
        if marker in _JPEG_FRAMES:
            height, width = struct.unpack(">HH", data[index + 5:index + 9])
            return width, height
        index += 2 + struct.unpack(">H", data[index + 2:index + 4])[0]
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return None
    chunk = data[12:16]
    if chunk == b"VP8X":
        return 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(data[27:30], "little")
    if chunk == b"VP8 ":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None
