"""Picture questions for the self-test and picture cards for the Anki deck, fair by construction.

A picture question shows a schematic drawn for the book and asks which of four names it shows: an
entity's own drawing ("Which of these is this pattern?") or a shape schematic ("Which shape is
this?"). Pure functions: graph in, questions out; the build publishes them in quiz-data.js and the deck.

Fair means that only the picture answers it:
- nothing the reader is given names the answer: its alt text has the answer's names hidden, and the
  copy of the drawing the question shows has its title, description and any label naming the answer
  taken out (the book's drawings label their parts, and a shape's drawing says "shape: ring");
  its file name is a content hash, not the answer's id;
- every wrong answer is of the same kind as the answer (an entity with a drawing of its own, of the
  same category where there are enough; another shape), and none is the answer under another name
  or a look-alike the drawing does not tell apart: no variant of it, nothing sharing its drawing,
  nothing either one names as a look-alike (discriminators), nothing the picture's words name.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from typing import Iterable, Literal

from .finder import value_words
from .graph import Graph
from .image_size import image_size
from .models import Entity, Morphology
from .render.text import plain

QUIZ_IMAGE_FOLDER = "assets/images/quiz"
SHAPE_FOLDER = "assets/images/shapes"
NEUTRAL_TITLE = "Schematic to identify"
HIDDEN = "…"
MIN_WRONG_ANSWERS = 3
# Words of a name that say what the picture shows in any case, not which entity it is: hiding them
# would blank most of a description ("… in the …") and leave the answer no less hidden.
GENERIC_WORDS = frozenset("""
    a an and at by for from in of on the to with
    bone bones calcific calcification calcifications calcified calcium deposit deposition disease
    joint lesion ligament muscle ossification ossified ossifying sign soft syndrome tendon tissue tissues
    radiograph radiographic anterior posterior medial lateral upper lower proximal distal
""".split())
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_TEXT_ELEMENT = re.compile(r"<text\b[^>]*>.*?</text>", re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class PictureQuestion:
    key: str  # stable: "picture:<entity>:<n>" or "shape:<shape>"; the Anki note's guid comes from it
    kind: Literal["entity", "shape"]
    answer: str  # an entity id or a shape (a morphology value)
    name: str  # the answer as the reader reads it
    source: str  # the drawing under docs/
    file: str  # the copy the question shows, under docs/: nothing in it names the answer
    svg: str  # that copy
    alt: str  # what the picture shows, the answer's names hidden
    caption: str  # plain text, shown with the answer
    size: tuple[int, int] | None
    wrong: tuple[str, ...]  # every fair wrong answer; the quiz draws three at random
    link: str | None = None  # for a shape: the list that shows it


# ---- Words that give an answer away ---------------------------------------------------------------

@dataclass(frozen=True)
class Names:
    """The names of an answer, and the words in them that would give it away."""

    phrases: tuple[str, ...]
    words: frozenset[str]  # lower case, generic words left out
    abbreviations: frozenset[str]  # as written: "AS" is an abbreviation, "as" a word

    def leaks(self, text: str) -> list[str]:
        """The words of `text` that name the answer."""
        found = [token for token in _WORD.findall(text)
                 if token in self.abbreviations or _names_word(token.casefold(), self.words)]
        return found + [phrase for phrase in self.phrases
                        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE)]

    def hide(self, text: str) -> str:
        def replace(match: re.Match) -> str:
            token = match.group(0)
            named = token in self.abbreviations or _names_word(token.casefold(), self.words)
            return HIDDEN if named else token
        hidden = _WORD.sub(replace, text)
        return re.sub(rf"{HIDDEN}(\s+{HIDDEN})+", HIDDEN, hidden)


def names_of(phrases: Iterable[str], abbreviations: Iterable[str] = ()) -> Names:
    phrases = tuple(p for p in phrases if p)
    words = frozenset(w.casefold() for p in phrases for w in _WORD.findall(p)
                      if len(w) >= 3 and w.casefold() not in GENERIC_WORDS)
    return Names(phrases, words, frozenset(a for a in abbreviations if len(a) >= 2))


def entity_names(entity: Entity) -> Names:
    return names_of([entity.title, *entity.synonyms, *entity.eponyms], entity.abbreviations)


def shape_names(shape: str) -> Names:
    return names_of([shape, value_words(shape)])


def _names_word(token: str, words: frozenset[str]) -> bool:
    """A word of the text names the answer when it is one of its words, or the same word with
    another ending (atherosclerotic, atherosclerosis); a generic word never does."""
    if token in GENERIC_WORDS or len(token) < 3:
        return False
    if token in words:
        return True
    return any(len(word) >= 7 and len(token) >= 7 and token[:len(word) - 3] == word[:len(word) - 3]
               for word in words)


# ---- The copy of a drawing a question shows ---------------------------------------------------------

def quiz_copy(svg: str, names: Names, alt: str) -> str:
    """The drawing without what names the answer: a neutral title, the hidden alt as its description,
    and no label that names it. The rest (the drawing, its other labels) is left exactly as it is."""
    copy = re.sub(r"(<title\b[^>]*>).*?(</title>)", lambda m: m.group(1) + NEUTRAL_TITLE + m.group(2),
                  svg, count=1, flags=re.S)
    copy = re.sub(r"(<desc\b[^>]*>).*?(</desc>)",
                  lambda m: m.group(1) + html.escape(alt, quote=False) + m.group(2), copy, count=1, flags=re.S)
    return _TEXT_ELEMENT.sub(lambda m: "" if names.leaks(label_text(m.group(0))) else m.group(0), copy)


def label_text(element: str) -> str:
    return html.unescape(" ".join(_TAG.sub(" ", element).split()))


def drawing_labels(svg: str) -> list[str]:
    return [label_text(element) for element in _TEXT_ELEMENT.findall(svg)]


def quiz_file(copy: str) -> str:
    # Named by its content: the name says nothing of the answer, and a changed drawing is a new file.
    return f"{QUIZ_IMAGE_FOLDER}/{hashlib.sha256(copy.encode()).hexdigest()[:16]}.svg"


# ---- The questions --------------------------------------------------------------------------------

def picture_questions(graph: Graph) -> list[PictureQuestion]:
    """Every picture question the book can ask fairly: entity drawings, then shapes."""
    if graph.book.docs_dir is None:
        return []
    return [*entity_questions(graph), *shape_questions(graph)]


def entity_questions(graph: Graph) -> list[PictureQuestion]:
    book = graph.book
    generic = _list_picture_files(book)
    # An entity whose picture is a list's schematic of a shape or site has no drawing of its own:
    # that picture shows the shape, and the shape questions ask it.
    drawn = {entity_id: [(n, image) for n, image in enumerate(entity.images)
                         if image.kind == "schematic" and image.file.endswith(".svg") and image.file not in generic]
             for entity_id, entity in book.entities.items()}
    drawn = {entity_id: images for entity_id, images in drawn.items() if images}
    questions = []
    for entity_id, images in drawn.items():
        entity = book.entities[entity_id]
        names = entity_names(entity)
        for number, image in images:
            svg = (book.docs_dir / image.file).read_text(encoding="utf-8")
            alt = names.hide(image.alt)
            copy = quiz_copy(svg, names, alt)
            shown = [alt, *drawing_labels(copy)]
            wrong = _fair_entities(graph, entity_id, drawn, image.file, shown)
            if len(wrong) < MIN_WRONG_ANSWERS:
                continue
            questions.append(PictureQuestion(
                key=f"picture:{entity_id}:{number}", kind="entity", answer=entity_id, name=entity.title,
                source=image.file, file=quiz_file(copy), svg=copy, alt=alt,
                caption=plain(image.caption or image.alt, graph.titles),
                size=image_size(book.docs_dir / image.file), wrong=tuple(wrong)))
    return questions


def _fair_entities(graph: Graph, answer_id: str, drawn: dict, file: str, shown: list[str]) -> list[str]:
    """The entities that are fair wrong answers to a picture of `answer_id`: same category first."""
    entities = graph.book.entities
    answer = entities[answer_id]
    look_alikes = _look_alikes(graph, answer_id)
    fair = [other_id for other_id, images in sorted(drawn.items())
            if other_id != answer_id and other_id not in look_alikes
            and file not in {image.file for _, image in images}
            and not any(entity_names(entities[other_id]).leaks(text) for text in shown)]
    same = [other_id for other_id in fair if _same_category(answer, entities[other_id])]
    return same if len(same) >= MIN_WRONG_ANSWERS else fair


def _look_alikes(graph: Graph, entity_id: str) -> set[str]:
    """Entities a picture of `entity_id` cannot fairly be told from: its variants and its parent (and
    their other variants), and the look-alikes either one names in its discriminators."""
    entities = graph.book.entities
    entity = entities[entity_id]
    family = {entity_id, entity.parent} - {None}
    family |= {other_id for other_id, other in entities.items() if other.parent in family}
    named = {d.entity for member in family for d in entities[member].discriminators}
    naming = {other_id for other_id, other in entities.items()
              if any(d.entity in family for d in other.discriminators)}
    return family | named | naming


def _same_category(answer: Entity, other: Entity) -> bool:
    return answer.category == other.category or "both" in (answer.category, other.category)


def _list_picture_files(book) -> set[str]:
    files = set()
    for differential in book.differentials.values():
        files |= {image.file for image in differential.images}
        files |= {image.file for group in differential.groups for image in group.images}
    return files


def shape_questions(graph: Graph) -> list[PictureQuestion]:
    """Which shape is this? One question per shape whose schematic a list shows (with its caption)."""
    book = graph.book
    shown_on = _shape_pictures_on_lists(graph)
    shapes = [shape.value for shape in Morphology if shape.value in shown_on]
    questions = []
    for shape in shapes:
        list_id, image = shown_on[shape]
        names = shape_names(shape)
        svg = (book.docs_dir / image.file).read_text(encoding="utf-8")
        alt = names.hide(image.alt)
        copy = quiz_copy(svg, names, alt)
        shown = [alt, *drawing_labels(copy)]
        wrong = [other for other in shapes
                 if other != shape and not any(shape_names(other).leaks(text) for text in shown)]
        if len(wrong) < MIN_WRONG_ANSWERS:
            continue
        questions.append(PictureQuestion(
            key=f"shape:{shape}", kind="shape", answer=shape, name=value_words(shape).capitalize(),
            source=image.file, file=quiz_file(copy), svg=copy, alt=alt,
            caption=plain(image.caption or image.alt, graph.titles),
            size=image_size(book.docs_dir / image.file), wrong=tuple(wrong), link=list_id))
    return questions


def _shape_pictures_on_lists(graph: Graph) -> dict:
    """Each shape's schematic, as the first list in reading order shows it (with its caption)."""
    found: dict = {}
    for list_id in graph.book_order():
        differential = graph.book.differentials[list_id]
        for image in [*differential.images, *(i for group in differential.groups for i in group.images)]:
            folder, _, name = image.file.rpartition("/")
            if folder == SHAPE_FOLDER and name.endswith(".svg"):
                found.setdefault(name.removesuffix(".svg"), (list_id, image))
    return found
