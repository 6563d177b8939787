"""An Anki deck of the book's key facts and differential lists, built with genanki.

Ids are fixed and each note's guid comes from what it is about (an entity, a list, a pattern, a
picture), so importing a newer deck updates the cards a reader already has instead of adding duplicates.

Picture cards show the copy of a drawing the self-test shows (macros/picture_questions.py: nothing in
it names the answer), packed in the deck as media. Anki keeps every deck's media in one flat folder,
so each file is named `stc-<content hash>.svg`: unique, the same for the same drawing, and no hint.
"""

from __future__ import annotations

import html
import io
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .export import LICENSE
from .file_names import APKG_NAME  # noqa: F401
from .finder import value_words
from .graph import Graph
from .picture_questions import PictureQuestion, picture_questions
from .render.text import plain

DECK_ID = 1_742_600_210  # fixed forever: changing it would make every reader's cards orphans
MODEL_ID = 1_742_600_211
DECK_NAME = "Soft Tissue Calcification and Ossification"


@dataclass(frozen=True)
class Fact:
    key: str  # what the card is about, e.g. "entity:gout"; the note's stable guid comes from it
    front: str  # HTML
    back: str  # HTML
    media: dict[str, str] = field(default_factory=dict)  # file name in the deck → its content (SVG)
    shown_key: str | None = None  # the Key field (the card browser's sort column) when `key` would tell

    @property
    def key_field(self) -> str:
        return self.shown_key or self.key


def facts(graph: Graph, pictures: list[PictureQuestion] | None = None) -> list[Fact]:
    """One card per list (its items), per entity (its key features), per associated finding (the
    entities it points to), per Aunt Minnie pattern and per picture question (the drawing)."""
    book = graph.book
    titles = graph.titles
    found = []
    for list_id in graph.book_order():
        differential = book.differentials[list_id]
        names = [_item_name(book, item) for item in differential.all_items()]
        found.append(Fact(f"list:{list_id}", f"List: <b>{_h(differential.title)}</b>",
                          _bullets(names)))
    for entity_id, entity in book.entities.items():
        lines = [plain(line, titles) for line in entity.key_features] or [plain(entity.summary, titles)]
        found.append(Fact(f"entity:{entity_id}", f"Key features of <b>{_h(entity.title)}</b>?",
                          _bullets(lines)))
    for finding, entity_ids in _entities_by_associated_finding(book).items():
        found.append(Fact(f"associated:{finding}",
                          f"Which entities typically come with <b>{_h(value_words(finding))}</b>?",
                          _bullets([titles[entity_id] for entity_id in entity_ids])))
    if "aunt-minnie" in book.differentials:
        for item in book.differentials["aunt-minnie"].items:
            if item.entity and item.note:
                found.append(Fact(f"aunt-minnie:{item.entity}",
                                  f"Name this pattern: {_h(plain(item.note, titles))}",
                                  f"<b>{_h(titles[item.entity])}</b>"))
    for question in picture_questions(graph) if pictures is None else pictures:
        found.append(_picture_fact(graph, question))
    return found


def _picture_fact(graph: Graph, question: PictureQuestion) -> Fact:
    """Front: the drawing and the question; back: the answer, the caption and, for an entity, its
    first key feature."""
    name = media_name(question.file)
    size = f' width="{question.size[0]}" height="{question.size[1]}"' if question.size else ""
    asked = "What is this pattern?" if question.kind == "entity" else "Which shape of calcification is this?"
    front = f'<img src="{name}" alt="{_h(question.alt)}"{size}><br>{asked}'
    back = f"<b>{_h(question.name)}</b><br>{_h(question.caption)}"
    if question.kind == "entity":
        entity = graph.book.entities[question.answer]
        back += _bullets([plain((entity.key_features or [entity.summary])[0], graph.titles)])
    # The card browser lists the Key field beside the front: "picture:gout:0" would give the answer.
    return Fact(question.key, front, back, {name: question.svg}, shown_key=f"picture:{name}")


def media_name(file: str) -> str:
    """A picture's name in the deck: flat, and prefixed so it cannot collide with another deck's."""
    return "stc-" + file.rsplit("/", 1)[-1]


def _entities_by_associated_finding(book) -> dict[str, list[str]]:
    """Each associated finding some entity records, A to Z, with those entities by title."""
    by_finding: dict[str, list[str]] = {}
    for entity_id, entity in sorted(book.entities.items(), key=lambda pair: pair[1].title.casefold()):
        for finding in entity.facets.associated:
            by_finding.setdefault(finding, []).append(entity_id)
    return dict(sorted(by_finding.items()))


def _item_name(book, item) -> str:
    if item.entity:
        return item.label or book.entities[item.entity].title
    return item.label or book.differentials[item.differential].title


def _h(text: str) -> str:
    """Data text as the HTML of an Anki field. Anki shows fields as HTML (and runs their scripts), and
    reads `[sound:…]`, `[latex]…` and `[$]…` in them as commands: `[` becomes `&#91;` so none is one."""
    return html.escape(" ".join(text.split())).replace("[", "&#91;")


def _bullets(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{_h(line)}</li>" for line in lines) + "</ul>"


def build_deck(graph: Graph, version: str, date: str,
               pictures: list[PictureQuestion] | None = None) -> bytes:
    import genanki

    model = genanki.Model(
        MODEL_ID, "Soft tissue calcification — basic",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Key"}],
        templates=[{"name": "Card", "qfmt": "{{Front}}",
                    "afmt": '{{FrontSide}}<hr id="answer">{{Back}}'
                            f'<p style="font-size:small">{LICENSE} · version {_h(version)}</p>'}],
        sort_field_index=2)
    deck = genanki.Deck(DECK_ID, DECK_NAME)
    media: dict[str, str] = {}
    for fact in facts(graph, pictures):
        deck.add_note(genanki.Note(model=model, fields=[fact.front, fact.back, _h(fact.key_field)],
                                   guid=genanki.guid_for(fact.key)))
        media.update(fact.media)
    stamp = _timestamp(date)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "media"
        folder.mkdir()
        for name, content in sorted(media.items()):
            (folder / name).write_text(content, encoding="utf-8")
        target = Path(work) / APKG_NAME
        package = genanki.Package(deck, media_files=[str(folder / name) for name in sorted(media)])
        package.write_to_file(str(target), timestamp=stamp)
        return _with_fixed_dates(target.read_bytes(), stamp)


# The earliest date a zip can hold: the deck's date when the build has none (a copy without git).
EARLIEST_ZIP_DATE = datetime(1980, 1, 1, tzinfo=timezone.utc)


def _timestamp(date: str) -> float:
    # The build date (last commit), not the clock, so the same commit gives the same deck contents;
    # without one a fixed date, never the clock (genanki dates the collection by it when given none).
    try:
        return max(datetime.fromisoformat(date).replace(tzinfo=timezone.utc), EARLIEST_ZIP_DATE).timestamp()
    except ValueError:
        return EARLIEST_ZIP_DATE.timestamp()


def _with_fixed_dates(package: bytes, stamp: float) -> bytes:
    """The same zip with every entry dated `stamp`: genanki dates each entry by the clock, so two
    builds of one commit would publish different bytes."""
    date_time = datetime.fromtimestamp(stamp, timezone.utc).timetuple()[:6]
    result = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(result, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time)
            info.compress_type = entry.compress_type
            info.external_attr = entry.external_attr
            target.writestr(info, source.read(entry))
    return result.getvalue()
