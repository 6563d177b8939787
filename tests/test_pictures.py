"""The book's pictures: a schematic for every shape and site, on the lists and in the gallery."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.image_safety import svg_faults
from macros.models import Morphology, Site
from site_crawl import Site as BuiltSite

DOCS = Path(__file__).resolve().parents[1] / "docs"
IMAGES = DOCS / "assets" / "images"


@pytest.mark.parametrize("folder, values", [("shapes", [m.value for m in Morphology]),
                                            ("sites", [s.value for s in Site])])
def test_every_shape_and_site_has_a_safe_labelled_schematic_in_the_gallery(folder, values, built_site):
    # The gallery is drawn from the lists' pictures (macros/pictures.py): a value no list pictures is
    # missing from it, which this catches in the built page.
    site = BuiltSite(built_site)
    # Each drawing the page shows, from its file or written into the page (the first card).
    shown = [site.image_bytes("shapes/", img["src"]) for img in site.page("shapes/").soup.select("article img")]
    for value in values:
        path = IMAGES / folder / f"{value}.svg"
        data = path.read_bytes()
        assert not svg_faults(data), path
        text = data.decode()
        assert re.search(r"<title[^>]*>[^<]+</title>", text) and re.search(r"<desc[^>]*>[^<]+</desc>", text), path
        assert len(data) < 8 * 1024, f"{path} is not small"
        assert data in shown, f"{value} is missing from the drawings page"


def test_at_least_half_the_entities_have_a_picture():
    from macros.loader import load_book

    book = load_book(DOCS.parent / "data")
    with_picture = [entity for entity in book.entities.values() if entity.images]
    assert len(with_picture) >= 46


# ---- Which drawing shows which value (macros/pictures.py) ------------------------------------------

def _book_with(*differentials: dict):
    """A stand-in book holding only lists: all `drawings` reads."""
    from types import SimpleNamespace

    from macros.models import Differential

    return SimpleNamespace(differentials={d["id"]: Differential.model_validate(d) for d in differentials})


def _picture(file: str) -> dict:
    return {"file": file, "alt": "A drawing.", "kind": "schematic", "license": "CC BY-SA 4.0",
            "source": "Drawn for this book", "attribution": "The contributors"}


@pytest.mark.parametrize("field, values", [("morphology", [m.value for m in Morphology]),
                                           ("sites", [s.value for s in Site])])
def test_every_shape_and_site_has_a_drawing_from_the_lists_that_exists(field, values):
    from macros.loader import load_book
    from macros.pictures import drawings

    book = load_book(DOCS.parent / "data")
    found = drawings(book, field)
    assert list(found) == values  # every value, in the facet's own order
    for value, drawing in found.items():
        assert drawing.value == value and drawing.field == field
        assert drawing.image.file == f"assets/images/{'shapes' if field == 'morphology' else 'sites'}/{value}.svg"
        assert (DOCS / drawing.image.file).is_file()
        differential = book.differentials[drawing.differential]
        pictured = differential.groups[drawing.group - 1].images if drawing.group else differential.images
        assert drawing.image in pictured  # the list it opens shows it


def test_a_drawing_opens_a_list_of_entities_before_an_index_and_a_whole_list_before_a_group():
    from macros.pictures import drawings

    entity = [{"entity": "gout"}]
    book = _book_with(
        {"id": "by-shape", "title": "By shape", "axis": "shape", "summary": "Index.",
         "items": [{"differential": "rings"}],
         "images": [_picture("assets/images/shapes/ring.svg"), _picture("assets/images/shapes/sheet.svg")]},
        {"id": "shapes", "title": "Shapes", "axis": "shape", "summary": "Groups.",
         "groups": [{"label": "Rings", "items": entity, "images": [_picture("assets/images/shapes/ring.svg")]},
                    {"label": "Lines", "items": entity, "images": [_picture("assets/images/shapes/linear.svg")]}]},
        {"id": "rings", "title": "Rings", "axis": "shape", "summary": "A list.", "items": entity,
         "images": [_picture("assets/images/shapes/ring.svg"), _picture("assets/images/aunt-minnie/gout.svg")]},
    )
    found = drawings(book, "morphology")
    assert list(found) == ["linear", "sheet", "ring"]  # Morphology's order; no drawing, no entry
    assert (found["ring"].differential, found["ring"].anchor, found["ring"].own_list) == ("rings", "", True)
    assert (found["linear"].differential, found["linear"].anchor) == ("shapes", "#group-2")
    # Pictured only above an index of sub-lists: no list of its own (the home page opens the finder).
    assert (found["sheet"].differential, found["sheet"].own_list) == ("by-shape", False)
    assert drawings(book, "sites") == {}


def test_a_drawing_named_after_no_value_fails_and_other_pictures_are_not_drawings():
    from macros.pictures import UnknownDrawing, drawings, drawn_value

    assert drawn_value("assets/images/shapes/ring.svg") == ("morphology", "ring")
    assert drawn_value("assets/images/sites/tendon-bursa.svg") == ("sites", "tendon-bursa")
    assert drawn_value("assets/images/aunt-minnie/gout.svg") is None
    with pytest.raises(UnknownDrawing, match="'oval' is not a morphology value"):
        drawn_value("assets/images/shapes/oval.svg")
    book = _book_with({"id": "odd", "title": "Odd", "axis": "shape", "summary": "S.",
                       "items": [{"entity": "gout"}], "images": [_picture("assets/images/sites/elbow.svg")]})
    with pytest.raises(UnknownDrawing, match="'elbow' is not a sites value"):
        drawings(book, "sites")
    with pytest.raises(ValueError, match="no drawings for 'age'"):
        drawings(book, "age")


def test_the_finder_form_pictures_only_the_choices_that_have_a_drawing():
    from macros.finder import form_groups
    from macros.loader import load_book
    from macros.pictures import FIELDS, drawings

    book = load_book(DOCS.parent / "data")
    pictures = {field: {value: d.image.file for value, d in drawings(book, field).items()} for field in FIELDS}
    groups = {group["name"]: group for group in form_groups(book.entities.values(), pictures)}
    assert groups["morphology"]["pictured"] and groups["site"]["pictured"]
    for name in ("kind", "distribution", "age", "calcium", "phosphate", "finding"):
        assert not groups[name]["pictured"]
        assert all(drawing is None for _, _, drawing in groups[name]["choices"])
    for value, _, drawing in groups["morphology"]["choices"]:
        assert drawing == f"assets/images/shapes/{value}.svg"
    with pytest.raises(ValueError, match="pictures for no finder question"):
        form_groups(book.entities.values(), {"colour": {}})
