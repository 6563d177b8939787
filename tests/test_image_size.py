"""Images carry their size into the page, so nothing shifts when they arrive."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from macros.image_size import image_size

ROOT = Path(__file__).resolve().parent.parent


def _png(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + header
            + struct.pack(">I", zlib.crc32(b"IHDR" + header)))


def test_sizes_are_read_from_the_file_headers(tmp_path):
    cases = {
        "a.svg": (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 240"/>', (320, 240)),
        "b.svg": (b'<svg xmlns="http://www.w3.org/2000/svg" width="100px" height="50" viewBox="0 0 1 1"/>',
                  (100, 50)),
        "c.svg": (b'<svg xmlns="http://www.w3.org/2000/svg" width="100%"/>', None),
        "d.png": (_png(640, 480), (640, 480)),
        "e.jpg": (b"\xff\xd8\xff\xe0\x00\x04ab\xff\xc0\x00\x11\x08\x01\xe0\x02\x80\x03", (640, 480)),
        "f.png": (b"not a png at all", None),
        "g.svg": (b'<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"/>', None),
    }
    for name, (content, size) in cases.items():
        (tmp_path / name).write_bytes(content)
        assert image_size(tmp_path / name) == size, name  # a DTD is refused, like everywhere else
    assert image_size(tmp_path / "missing.png") is None


def test_every_image_of_the_book_has_a_size():
    for path in (ROOT / "docs" / "assets" / "images").rglob("*"):
        if path.suffix.lower() in (".svg", ".png", ".jpg", ".jpeg", ".webp"):
            assert image_size(path), path
