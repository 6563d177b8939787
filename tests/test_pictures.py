"""The book's pictures: a schematic for every shape and site, on the lists and in the gallery."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.image_safety import svg_faults
from macros.models import Morphology, Site

DOCS = Path(__file__).resolve().parents[1] / "docs"
IMAGES = DOCS / "assets" / "images"


@pytest.mark.parametrize("folder, values", [("shapes", [m.value for m in Morphology]),
                                            ("sites", [s.value for s in Site])])
def test_every_shape_and_site_has_a_safe_labelled_schematic_in_the_gallery(folder, values):
    gallery = (DOCS / "shapes.md").read_text(encoding="utf-8")
    for value in values:
        path = IMAGES / folder / f"{value}.svg"
        data = path.read_bytes()
        assert not svg_faults(data), path
        text = data.decode()
        assert re.search(r"<title[^>]*>[^<]+</title>", text) and re.search(r"<desc[^>]*>[^<]+</desc>", text), path
        assert len(data) < 8 * 1024, f"{path} is not small"
        assert f"assets/images/{folder}/{value}.svg" in gallery, f"{value} is missing from docs/shapes.md"


def test_at_least_half_the_entities_have_a_picture():
    from macros.loader import load_book

    book = load_book(DOCS.parent / "data")
    with_picture = [entity for entity in book.entities.values() if entity.images]
    assert len(with_picture) >= 46
