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
import re
import xml.etree.ElementTree as ElementTree
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Iterable, Literal

from defusedxml.ElementTree import fromstring

from .finder import value_words
from .graph import Graph
from .image_safety import svg_faults
from .image_size import image_size
from .models import Entity
from .pictures import drawings, list_picture_files
from .render.svg import SVG
from .render.text import plain

QUIZ_IMAGE_FOLDER = "assets/images/quiz"
NEUTRAL_TITLE = "Schematic to identify"
HIDDEN = "…"
MIN_WRONG_ANSWERS = 3
# Words of a name that say what the picture shows in any case, not which entity it is: hiding them
# would blank most of a description ("… in the …") and leave the answer no less hidden.
GENERIC_WORDS = frozenset("""
    a an and at by for from in of on the to with
    bone bones calcific calcification calcifications calcified calcium deposit deposition disease
    joint lesion ligament muscle ossification ossified ossifying sign soft syndrome tendon tissue tissues
    radiograph radiographic anterior posterior medial lateral upper lower proximal distal first
    hip knee shoulder elbow wrist hand finger fingers foot toe ankle spine neck pelvis leg arm thigh
    disc discs intervertebral vertebral
""".split())
# Shapes a schematic cannot tell apart: never offered against each other.
SHAPE_LOOK_ALIKES = (frozenset({"nodular", "rounded"}), frozenset({"amorphous", "tumoral"}))
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


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
    link: str | None = None  # for a shape: the list of entities that shows it
    anchor: str | None = None  # and the group on that list ("group-1")


# ---- Words that give an answer away ---------------------------------------------------------------

@dataclass(frozen=True)
class Names:
    """The names of an answer, and the words in them that would give it away."""

    phrases: tuple[str, ...]
    words: frozenset[str]  # lower case, generic words left out
    abbreviations: frozenset[str]  # as written, matched whole: "AS" is an abbreviation, "as" a word; "NF1"

    def leaks(self, text: str) -> list[str]:
        """The words of `text` that name the answer."""
        found = [match.group() for match in self._abbreviation_pattern.finditer(text)] if self.abbreviations else []
        found += [token for token in _words(text) if self.names_word(token.casefold())]
        return found + [phrase for phrase, pattern in self._phrase_patterns if pattern.search(text)]

    def named_in(self, texts: tuple[str, ...]) -> bool:
        """Whether any of `texts` names the answer: what `leaks` finds, asked of every other entity
        for each drawing, so each distinct word is judged once."""
        if self.abbreviations and any(self._abbreviation_pattern.search(text) for text in texts):
            return True
        if any(self.names_word(word) for word in _casefolded_words(texts)):
            return True
        return any(pattern.search(text) for _, pattern in self._phrase_patterns for text in texts)

    def hide(self, text: str) -> str:
        if self.abbreviations:
            text = self._abbreviation_pattern.sub(HIDDEN, text)
        hidden = _WORD.sub(lambda match: HIDDEN if self.names_word(match.group().casefold())
                           else match.group(), text)
        return re.sub(rf"{HIDDEN}(\s+{HIDDEN})+", HIDDEN, hidden)

    def names_word(self, token: str) -> bool:
        """A word of the text names the answer when it is one of its words, or the same word with
        another ending (scars, gouty, atherosclerotic); a generic word never does."""
        # Asked for every word of every drawing against every other entity: each word worked out once.
        verdicts = self._verdicts
        if token not in verdicts:
            verdicts[token] = self._names_word(token)
        return verdicts[token]

    def _names_word(self, token: str) -> bool:
        if len(token) < 3 or token in GENERIC_WORDS:
            return False
        if token in self.words:
            return True
        stem = _stem(token)
        return stem not in GENERIC_WORDS and (stem in self._stems or any(
            len(token) >= 7 and token.startswith(prefix) for prefix in self._long_prefixes))

    @cached_property
    def _verdicts(self) -> dict[str, bool]:
        return {}

    @cached_property
    def _phrase_patterns(self) -> tuple[tuple[str, re.Pattern], ...]:
        return tuple((phrase, re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.IGNORECASE))
                     for phrase in self.phrases)

    @cached_property
    def _stems(self) -> frozenset[str]:
        return frozenset(_stem(word) for word in self.words if len(word) >= 4)

    @cached_property
    def _long_prefixes(self) -> tuple[str, ...]:
        # atherosclerosis / atherosclerotic: long words that differ only in their last three letters
        return tuple(word[:-3] for word in self.words if len(word) >= 7)

    @cached_property
    def _abbreviation_pattern(self) -> re.Pattern:
        # Whole words, case-sensitive, digits and hyphens included ("NF1", "CKD-MBD"), longest first.
        choices = "|".join(re.escape(a) for a in sorted(self.abbreviations, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{choices})(?!\w)")


def names_of(phrases: Iterable[str], abbreviations: Iterable[str] = ()) -> Names:
    phrases = tuple(p for p in phrases if p)
    words = frozenset(w.casefold() for p in phrases for w in _WORD.findall(p)
                      if len(w) >= 3 and w.casefold() not in GENERIC_WORDS)
    return Names(phrases, words, frozenset(a for a in abbreviations if len(a) >= 2))


def entity_names(entity: Entity) -> Names:
    return _names_of_entity(entity.title, tuple(entity.synonyms), tuple(entity.eponyms),
                            tuple(entity.abbreviations))


@lru_cache(maxsize=None)
def _names_of_entity(title: str, synonyms: tuple, eponyms: tuple, abbreviations: tuple) -> Names:
    # Asked for every pair of drawings: made once per entity, with its word stems and patterns.
    return names_of([title, *synonyms, *eponyms], abbreviations)


@lru_cache(maxsize=None)
def shape_names(shape: str) -> Names:
    return names_of([shape, value_words(shape)])


# Endings that make another form of the same word: scar/scars, gout/gouty, calcinosis/calcinotic,
# tophaceous/tophus/tophi.
_ENDINGS = ("aceous", "ies", "es", "us", "s", "y", "ic", "al", "ous", "otic", "osis", "i")


@lru_cache(maxsize=None)
def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=1024)
def _casefolded_words(texts: tuple[str, ...]) -> frozenset[str]:
    return frozenset(word.casefold() for text in texts for word in _words(text))


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    # The same alt text and labels are checked against every other entity's names.
    return tuple(_WORD.findall(text))


def hidden_clues(graph: Graph, list_id: str = "aunt-minnie") -> dict[str, str]:
    """Entity id -> its clue on the Aunt Minnie list, as plain text with its names hidden: the
    "Name this pattern" question shows it (hidden here by the same rules as the pictures' alt text)."""
    differential = graph.book.differentials.get(list_id)
    if differential is None:
        return {}
    return {item.entity: entity_names(graph.book.entities[item.entity]).hide(plain(item.note, graph.titles))
            for item in differential.all_items() if item.entity and item.note}


# ---- The copy of a drawing a question shows ---------------------------------------------------------

class UnfitDrawing(ValueError):
    """A drawing the build cannot make a fair, safe copy of."""


def quiz_copy(svg: str, names: Names, alt: str) -> str:
    """The drawing without what names the answer: a neutral title, the hidden alt as its description,
    neutral ids, and no label that names it. Built from the parsed drawing, never by editing its text:
    comments, other namespaces' elements and attributes (an editor's `inkscape:label`) and nested
    titles are dropped, so nothing hidden in the source reaches the copy."""
    try:
        root = fromstring(svg, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except Exception as error:  # defusedxml and expat raise several kinds
        raise UnfitDrawing(f"not a well-formed SVG: {error}") from None
    if root.tag != f"{{{SVG}}}svg":
        raise UnfitDrawing(f"not an SVG drawing: <{root.tag}>")
    _strip(root, names)
    _neutral_ids(root)
    for tag, text in (("title", NEUTRAL_TITLE), ("desc", alt)):
        element = ElementTree.Element(f"{{{SVG}}}{tag}", id=f"q-{tag}")
        element.text = text
        root.insert(0 if tag == "title" else 1, element)
    root.set("aria-labelledby", "q-title q-desc")
    copy = ElementTree.tostring(root, encoding="unicode")
    faults = svg_faults(copy.encode("utf-8"))
    if faults:  # the source passed the same check: a copy only ever holds less
        raise UnfitDrawing(f"the copy is not a safe drawing: {faults[0].message}")
    return copy


def _strip(element, names: Names) -> None:
    for attribute in [a for a in element.attrib if a.startswith("{") or a.startswith("aria-")]:
        del element.attrib[attribute]
    for child in list(element):
        local = child.tag.rpartition("}")[2] if isinstance(child.tag, str) else ""
        # A callout (scripts/schematics: a label and its arrows) goes whole: no arrow points at nothing.
        callout = local == "g" and "callout" in child.get("class", "").split()
        if (not isinstance(child.tag, str) or not child.tag.startswith(f"{{{SVG}}}")
                or local in ("title", "desc", "metadata")
                or (local == "text" or callout) and names.named_in((_element_text(child),))):
            element.remove(child)
        else:
            _strip(child, names)


def _neutral_ids(root) -> None:
    """Ids written for the book name their drawing ("aunt-minnie-gout-title"): renamed q-1, q-2 …,
    with every `url(#…)` and `#…` that points at them."""
    renamed = {element.get("id"): f"q-{number}"
               for number, element in enumerate((e for e in root.iter() if e.get("id")), start=1)}

    def point(match: re.Match) -> str:
        return f"url(#{renamed.get(match.group(1), match.group(1))})"

    for element in root.iter():
        for attribute, value in element.attrib.items():
            if attribute == "id":
                element.set(attribute, renamed[value])
            elif attribute == "href" and value.startswith("#"):
                element.set(attribute, "#" + renamed.get(value[1:], value[1:]))
            elif "url(#" in value:
                element.set(attribute, re.sub(r"url\(#([^)\s]+)\)", point, value))


def _element_text(element) -> str:
    # A label's lines are <tspan>s: each is a word boundary.
    return " ".join(" ".join(element.itertext()).split())


def drawing_labels(svg: str) -> list[str]:
    """The words a drawing shows: its <text> elements."""
    root = fromstring(svg, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    return [_element_text(element) for element in root.iter(f"{{{SVG}}}text")]


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
    generic = list_picture_files(book)
    # An entity whose picture is a list's schematic of a shape or site has no drawing of its own:
    # that picture shows the shape, and the shape questions ask it.
    drawn = {entity_id: [(n, image) for n, image in enumerate(entity.images)
                         if image.kind == "schematic" and image.file.endswith(".svg") and image.file not in generic]
             for entity_id, entity in book.entities.items()}
    drawn = {entity_id: images for entity_id, images in drawn.items() if images}
    # A drawing on two pages (phlebolith, haemangioma) has two right answers: it is not asked.
    pages_showing = Counter(image.file for images in drawn.values() for _, image in images)
    questions = []
    for entity_id, images in drawn.items():
        entity = book.entities[entity_id]
        names = entity_names(entity)
        for number, image in images:
            if pages_showing[image.file] > 1:
                continue
            svg = (book.docs_dir / image.file).read_text(encoding="utf-8")
            alt = names.hide(image.alt)
            copy = quiz_copy(svg, names, alt)
            shown = (alt, *drawing_labels(copy))
            wrong = _fair_entities(graph, entity_id, drawn, image.file, shown)
            if len(wrong) < MIN_WRONG_ANSWERS:
                continue
            questions.append(PictureQuestion(
                key=f"picture:{entity_id}:{number}", kind="entity", answer=entity_id, name=entity.title,
                source=image.file, file=quiz_file(copy), svg=copy, alt=alt,
                caption=plain(image.caption or image.alt, graph.titles),
                size=image_size(book.docs_dir / image.file), wrong=tuple(wrong)))
    return questions


def _fair_entities(graph: Graph, answer_id: str, drawn: dict, file: str, shown: tuple[str, ...]) -> list[str]:
    """The entities that are fair wrong answers to a picture of `answer_id`: same category first."""
    entities = graph.book.entities
    answer = entities[answer_id]
    look_alikes = _look_alikes(graph, answer_id)
    fair = [other_id for other_id, images in sorted(drawn.items())
            if other_id != answer_id and other_id not in look_alikes
            and file not in {image.file for _, image in images}
            and not entity_names(entities[other_id]).named_in(shown)]
    same = [other_id for other_id in fair if _same_category(answer, entities[other_id])]
    return same if len(same) >= MIN_WRONG_ANSWERS else fair


def _look_alikes(graph: Graph, entity_id: str) -> set[str]:
    """Entities a picture of `entity_id` cannot fairly be told from: its family (parent, variants and
    their variants) and every entity either page names — as a look-alike, a relative, or in its text
    ("calcinosis circumscripta is the typical pattern of [[scleroderma]]"). A page names another
    because they belong together, and a schematic rarely shows what tells them apart."""
    entities = graph.book.entities
    entity = entities[entity_id]
    family = {entity_id, entity.parent} - {None}
    family |= {other_id for other_id, other in entities.items() if other.parent in family}
    named = {other for member in family
             for other in [*graph.entities_linked_from(member), *graph.entities_linking_to(member)]}
    return family | named


def _same_category(answer: Entity, other: Entity) -> bool:
    return answer.category == other.category or "both" in (answer.category, other.category)


def shape_questions(graph: Graph) -> list[PictureQuestion]:
    """Which shape is this? One question per shape a list pictures (macros/pictures.py: the drawing, its
    caption, and the list it opens, as on the home page and the drawings page)."""
    book = graph.book
    drawn = drawings(book, "morphology")
    questions = []
    for shape, drawing in drawn.items():
        image = drawing.image
        names = shape_names(shape)
        svg = (book.docs_dir / image.file).read_text(encoding="utf-8")
        alt = names.hide(image.alt)
        copy = quiz_copy(svg, names, alt)
        shown = (alt, *drawing_labels(copy))
        wrong = [other for other in drawn
                 if other != shape and frozenset({shape, other}) not in SHAPE_LOOK_ALIKES
                 and not shape_names(other).named_in(shown)]
        if len(wrong) < MIN_WRONG_ANSWERS:
            continue
        questions.append(PictureQuestion(
            key=f"shape:{shape}", kind="shape", answer=shape, name=value_words(shape).capitalize(),
            source=image.file, file=quiz_file(copy), svg=copy, alt=alt,
            caption=plain(image.caption or image.alt, graph.titles),
            size=image_size(book.docs_dir / image.file), wrong=tuple(wrong),
            # Only a list of entities is worth opening; an index of sub-lists is not (the finder is).
            link=drawing.differential if drawing.own_list else None,
            anchor=drawing.anchor.removeprefix("#") or None))
    return questions
