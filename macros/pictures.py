"""Which drawing shows each shape and site, and which list it opens. Pure: the book in, records out.

A list sorted by shape or site shows the schematic of the shape or site it is about (a list's
`images`, or a group's), named after the value: `assets/images/shapes/<morphology>.svg`,
`assets/images/sites/<site>.svg`. Those pictures in data/differentials/ are the one record of which
drawing shows which value: the finder offers each drawing beside its word, and the home page's
"What does it look like?" opens the list from it. Nothing here is typed a second time.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, NamedTuple

from .models import Image, Morphology, Site

if TYPE_CHECKING:
    from .loader import Book

# The facet a folder of drawings shows, and the values it may be named after.
FOLDERS = {"shapes": ("morphology", Morphology), "sites": ("sites", Site)}
FIELDS = {field: folder for folder, (field, _) in FOLDERS.items()}
_PREFIX = "assets/images/"


class Drawing(NamedTuple):
    field: str  # the facet it shows a value of: "morphology" or "sites"
    value: str  # the value, e.g. "ring"
    image: Image  # as the list gives it: file, alt, caption
    differential: str  # the list that shows it
    group: int | None  # its group's number on that page (anchor `#group-N`); None: under the summary
    own_list: bool  # shown on a list of entities (or a group), not on an index of sub-lists

    @property
    def anchor(self) -> str:
        return f"#group-{self.group}" if self.group else ""


class UnknownDrawing(ValueError):
    """A drawing in shapes/ or sites/ named after no value of its facet."""

    def __init__(self, message: str, hint: str):
        super().__init__(f"{message}; {hint}")
        self.message, self.hint = message, hint


def drawn_value(file: str) -> tuple[str, str] | None:
    """('morphology', 'ring') for 'assets/images/shapes/ring.svg'; None for any other picture.

    A drawing in shapes/ or sites/ named after no value raises ValueError: the finder and the home
    page would otherwise leave it out without a word."""
    folder, name = posixpath.split(file.removeprefix(_PREFIX))
    if not file.startswith(_PREFIX) or folder not in FOLDERS:
        return None
    field, values = FOLDERS[folder]
    value = posixpath.splitext(name)[0]
    known = [member.value for member in values]
    if value not in known:
        raise UnknownDrawing(f"'{file}' is in {folder}/ but '{value}' is not a {field} value",
                             f"name it after one of: {', '.join(known)}")
    return field, value


def _placements(book: Book):
    """(differential id, group number or None, whether entities are listed there, the pictures there)
    for every list and group. "Calcification by shape" pictures four shapes above its sub-lists: it
    lists no entity with them, so it is not the list a reader wants from one of them."""
    for differential_id, differential in book.differentials.items():
        lists_entities = any(item.entity for item in differential.all_items())
        yield differential_id, None, lists_entities, differential.images
        for number, group in enumerate(differential.groups, start=1):
            yield differential_id, number, any(item.entity for item in group.items), group.images


def list_picture_files(book: Book) -> set[str]:
    """Every picture a list or a group shows: the schematics of shapes and sites."""
    return {image.file for *_, images in _placements(book) for image in images}


def drawings(book: Book, field: str) -> dict[str, Drawing]:
    """Each value of a facet ('morphology' or 'sites') that a list pictures -> its drawing, in the
    facet's own order. Shown in several places, a drawing opens a list of entities before an index
    of sub-lists, a whole list before a group, then the first list in the book."""
    if field not in FIELDS:
        raise ValueError(f"no drawings for '{field}'; known: {sorted(FIELDS)}")
    candidates: dict[str, list[tuple[tuple, Drawing]]] = {}
    order = list(book.differentials)
    for differential_id, group, own_list, images in _placements(book):
        for image in images:
            drawn = drawn_value(image.file)
            if drawn is None or drawn[0] != field:
                continue
            drawing = Drawing(field, drawn[1], image, differential_id, group, own_list)
            key = (not own_list, group is not None, order.index(differential_id))
            candidates.setdefault(drawn[1], []).append((key, drawing))
    values = [member.value for member in FOLDERS[FIELDS[field]][1]]
    return {value: min(candidates[value], key=lambda pair: pair[0])[1]
            for value in values if value in candidates}
