"""Picture questions (self-test) and picture cards (Anki): fair by construction, and the deck carries
every picture it shows."""

from __future__ import annotations

import html
import json
import re
import sqlite3
import zipfile
from html.parser import HTMLParser

import pytest
from defusedxml.ElementTree import fromstring

from macros.anki import build_deck, facts, media_name
from macros.book import generated_files
from macros.image_safety import svg_faults
from macros.models import Morphology
from macros.picture_questions import (
    GENERIC_WORDS,
    NEUTRAL_TITLE,
    drawing_labels,
    entity_names,
    names_of,
    UnfitDrawing,
    picture_questions,
    quiz_copy,
    shape_names,
)

EDITION = {"version": "1.0", "date": "2024-01-01"}
LEGENDS = {"entity": "Which of these is this pattern?", "shape": "Which shape is this?"}
_SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def questions(graph):
    return picture_questions(graph)


def _by_kind(questions, kind):
    return [question for question in questions if question.kind == kind]


def _own_drawings(book) -> dict[str, set[str]]:
    """Entity → the files of its own drawings (not a list's shape or site schematic)."""
    on_lists = {image.file for d in book.differentials.values()
                for image in [*d.images, *(i for g in d.groups for i in g.images)]}
    return {entity_id: {image.file for image in entity.images} - on_lists
            for entity_id, entity in book.entities.items()
            if {image.file for image in entity.images} - on_lists}


def _shown(question) -> list[str]:
    """Everything the question gives the reader before the answer: legend, alt and the drawing's words."""
    root = fromstring(question.svg.encode())
    inner = ["".join(element.itertext()) for element in root.iter()
             if element.tag in (_SVG + "title", _SVG + "desc")]
    return [LEGENDS[question.kind], question.alt, question.file, *drawing_labels(question.svg), *inner]


# ---- Which questions there are ----------------------------------------------------------------------

def test_every_own_drawing_and_every_shape_has_a_question(book, questions):
    asked = {question.answer for question in _by_kind(questions, "entity")}
    own = _own_drawings(book)
    # A drawing shown on two entity pages has two right answers: it is not asked.
    shared = {file for files in own.values() for file in files
              if sum(file in other for other in own.values()) > 1}
    assert shared == {"assets/images/aunt-minnie/phlebolith.svg"}
    assert asked == {entity_id for entity_id, files in own.items() if files - shared}
    assert len(asked) >= 48
    assert {question.answer for question in _by_kind(questions, "shape")} == {m.value for m in Morphology}
    keys = [question.key for question in questions]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"picture:[a-z0-9-]+:\d+|shape:[a-z-]+", key) for key in keys)


# ---- Fair: the wrong answers ---------------------------------------------------------------------------

def test_every_wrong_answer_is_of_the_answers_kind_and_enough_of_them(book, questions):
    drawn = _own_drawings(book)
    for question in questions:
        wrong = question.wrong
        assert len(wrong) >= 3 and len(wrong) == len(set(wrong)), question.key
        assert question.answer not in wrong
        if question.kind == "entity":
            # Every option has a drawing of its own: none can be ruled out as "not a picture".
            assert set(wrong) <= set(drawn), question.key
            answer = book.entities[question.answer]
            same = [w for w in wrong if answer.category == book.entities[w].category
                    or "both" in (answer.category, book.entities[w].category)]
            assert same == list(wrong), f"{question.key}: another category among {wrong}"
        else:
            assert set(wrong) <= {m.value for m in Morphology}


def test_no_wrong_answer_is_a_look_alike_a_relative_or_the_same_drawing(book, questions):
    entities = book.entities
    for question in _by_kind(questions, "entity"):
        answer = entities[question.answer]
        for other_id in question.wrong:
            other = entities[other_id]
            assert other_id != answer.parent and other.parent != question.answer, (question.key, other_id)
            assert not (answer.parent and other.parent == answer.parent), (question.key, other_id)
            assert question.source not in {image.file for image in other.images}, (question.key, other_id)
            assert other_id not in {d.entity for d in answer.discriminators}, (question.key, other_id)
            assert question.answer not in {d.entity for d in other.discriminators}, (question.key, other_id)


def test_known_look_alikes_are_never_offered_together(questions):
    wrong = {question.answer: set(question.wrong) for question in _by_kind(questions, "entity")}
    # A variant and its parent draw the same deposit; two entities share the phlebolith drawing.
    assert "calcium-hydroxyapatite-deposition-disease" not in wrong["calcific-tendinitis"]
    assert "calcific-tendinitis" not in wrong["calcium-hydroxyapatite-deposition-disease"]
    assert "phlebolith" not in wrong and "soft-tissue-haemangioma" not in wrong  # one drawing, two pages
    # A page that names another in its text: calcinosis circumscripta "is the typical pattern of scleroderma".
    assert not {"scleroderma", "crest-syndrome"} & wrong["calcinosis-circumscripta"]
    assert "venous-stasis" not in wrong["ehlers-danlos-syndrome"]
    assert "myositis-ossificans" not in wrong["riders-bone"]
    # The parosteal osteosarcoma drawing shows myositis ossificans as an inset for comparison.
    assert "myositis-ossificans" not in wrong["parosteal-osteosarcoma"]


# ---- Fair: nothing shown names the answer ---------------------------------------------------------

def test_nothing_the_question_shows_names_the_answer(book, questions):
    for question in questions:
        if question.kind == "entity":
            entity = book.entities[question.answer]
            phrases = [entity.title, *entity.synonyms, *entity.eponyms]
            abbreviations, names = entity.abbreviations, entity_names(entity)
        else:
            phrases, abbreviations, names = [question.answer], [], shape_names(question.answer)
        for text in _shown(question):
            for phrase in phrases:
                assert not re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.I), (question.key, phrase, text)
            for abbreviation in abbreviations:
                assert not re.search(rf"\b{re.escape(abbreviation)}\b", text), (question.key, abbreviation, text)
            assert names.leaks(text) == [], (question.key, text)
        assert question.answer not in question.file  # the file is named by its content


def test_nothing_the_question_shows_names_a_wrong_answer(book, questions):
    for question in questions:
        for other in question.wrong:
            names = entity_names(book.entities[other]) if question.kind == "entity" else shape_names(other)
            for text in _shown(question):
                assert names.leaks(text) == [], (question.key, other, text)


def test_the_shape_drawings_own_label_is_taken_out(book, questions):
    # The gallery's drawing says "shape: ring" in its corner; the question's copy must not.
    [ring] = [question for question in questions if question.key == "shape:ring"]
    assert "shape: ring" in drawing_labels((book.docs_dir / ring.source).read_text())
    assert "shape: ring" not in drawing_labels(ring.svg) and "dense rim" in drawing_labels(ring.svg)


def test_hiding_names_keeps_the_description_and_its_generic_words():
    names = names_of(["Atherosclerosis", "Atherosclerotic calcification"], ["AS"])
    assert names.hide("Atherosclerotic plaques calcified AS seen as here") == "… plaques calcified … seen as here"
    assert names.leaks("calcification of a tendon") == []
    assert {"calcification", "tendon", "the"} <= GENERIC_WORDS
    assert names_of(["Myositis ossificans"]).hide("a myositis ossificans mass") == "a … mass"


def test_shapes_a_schematic_cannot_tell_apart_are_never_offered_together(questions):
    wrong = {question.answer: set(question.wrong) for question in _by_kind(questions, "shape")}
    assert "rounded" not in wrong["nodular"] and "nodular" not in wrong["rounded"]
    assert "tumoral" not in wrong["amorphous"] and "amorphous" not in wrong["tumoral"]


def test_names_are_found_in_their_other_forms_and_abbreviations_whole():
    assert names_of(["Tophaceous gout"]).hide("a mass (tophus) and tophi") == "a mass (…) and …"
    assert names_of(["Ossification in scars"]).leaks("bone along the midline scar") == ["scar"]
    assert names_of(["Gout"]).leaks("a gouty tophus") == ["gouty"]
    neurofibromatosis = names_of(["Neurofibromatosis"], ["NF1", "CKD-MBD"])
    assert neurofibromatosis.hide("NF1 and NF1-related nerves, not NF10; CKD-MBD") == "… and …-related nerves, not NF10; …"
    # Generic words keep every form: a description stays readable.
    assert names_of(["Calcific tendinitis of the shoulder"]).hide("tendons and bones") == "tendons and bones"


def test_no_copy_keeps_a_name_of_its_answer_anywhere_in_its_text(book, questions):
    # Checked on the raw SVG text (ids, attributes, anything), not with the names rules under test.
    for question in questions:
        raw = question.svg.casefold()
        assert question.answer.casefold() not in raw, question.key
        if question.kind == "entity":
            title_words = [w for w in re.findall(r"[^\W\d_]{5,}", book.entities[question.answer].title)
                           if w.casefold() not in GENERIC_WORDS]
            for word in title_words:
                assert not re.search(rf"(?<![a-z]){re.escape(word.casefold())}", raw), (question.key, word)


HOSTILE = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"'
           ' viewBox="0 0 10 10" aria-labelledby="gout-title" inkscape:label="Gout">'
           '<title id="gout-title">Gout</title><!-- <title>gout</title> -->'
           '<metadata><title>Gout</title></metadata><inkscape:layer>Gout</inkscape:layer>'
           '<clipPath id="gout-clip"><rect width="5" height="5"/></clipPath>'
           '<text>Gout<!-- </text><script>alert(1)</script><text> --></text>'
           '<text x="1"/><path d="M0 0" clip-path="url(#gout-clip)"/>'
           '<g><title>Tophus of gout</title><text><tspan>bone</tspan><tspan>erosion</tspan></text></g></svg>')


def test_a_copy_is_made_from_the_parsed_drawing_so_no_trick_in_its_text_survives():
    copy = quiz_copy(HOSTILE, names_of(["Gout"]), "an erosion with an overhanging edge")
    assert not svg_faults(copy.encode()) and "script" not in copy and "alert" not in copy
    assert "gout" not in copy.casefold() and "inkscape" not in copy
    root = fromstring(copy.encode())
    assert [element.text for element in root.iter(_SVG + "title")] == [NEUTRAL_TITLE]
    assert [element.text for element in root.iter(_SVG + "desc")] == ["an erosion with an overhanging edge"]
    assert root.get("aria-labelledby") == "q-title q-desc"
    # The self-closed label did not swallow the drawing after it, and a reference follows its renamed id.
    path = root.find(_SVG + "path")
    clip = path.get("clip-path").removeprefix("url(#").removesuffix(")")
    assert root.find(f"{_SVG}clipPath[@id='{clip}']") is not None
    assert drawing_labels(copy) == ["", "bone erosion"]


def test_a_drawing_that_is_not_svg_cannot_become_a_question():
    for bad in ("<svg", "<html xmlns='http://www.w3.org/1999/xhtml'/>",
                '<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>'):
        with pytest.raises(UnfitDrawing):
            quiz_copy(bad, names_of(["Gout"]), "alt")


# ---- The drawing the question shows ---------------------------------------------------------------

def test_each_copy_is_the_same_safe_drawing_without_the_words_that_name_it(book, questions):
    for question in questions:
        source = (book.docs_dir / question.source).read_text(encoding="utf-8")
        assert not svg_faults(question.svg.encode()), question.key
        root = fromstring(question.svg.encode())
        assert root.get("viewBox") == fromstring(source.encode()).get("viewBox")
        assert "".join(root.find(_SVG + "title").itertext()) == NEUTRAL_TITLE
        # Only words were taken out, with the arrows of a label that went: every shape outside the
        # labels' callouts is still there, and every callout left is one of the source's.
        assert _shapes_outside_callouts(question.svg) == _shapes_outside_callouts(source), question.key
        assert set(_callouts(question.svg)) <= set(_callouts(source)), question.key
        assert set(drawing_labels(question.svg)) <= set(drawing_labels(source))
        assert question.size and question.size[0] > 0 and question.size[1] > 0
        assert question.caption


def _callouts(svg: str) -> list[str]:
    return [" ".join(" ".join(g.itertext()).split()) for g in fromstring(svg.encode()).iter(_SVG + "g")
            if g.get("class") == "callout"]


def _shapes_outside_callouts(svg: str) -> dict[str, int]:
    root = fromstring(svg.encode())
    inside = {id(element) for g in root.iter(_SVG + "g") if g.get("class") == "callout" for element in g.iter()}
    shapes = ("path", "ellipse", "rect", "circle", "line", "polyline", "polygon")
    return {shape: sum(1 for element in root.iter(_SVG + shape) if id(element) not in inside) for shape in shapes}


def test_a_label_that_names_the_answer_goes_with_its_arrow(book, questions):
    [achilles] = [question for question in questions if question.key == "picture:achilles-tendon-ossification:0"]
    source = fromstring((book.docs_dir / achilles.source).read_bytes())
    naming = [g for g in source.iter(_SVG + "g") if g.get("class") == "callout" and "Achilles" in "".join(g.itertext())]
    assert naming, "the source drawing labels the Achilles tendon"
    arrows_gone = sum(1 for g in naming for _ in g.iter(_SVG + "path"))
    copy = fromstring(achilles.svg.encode())
    assert sum(1 for _ in copy.iter(_SVG + "path")) == sum(1 for _ in source.iter(_SVG + "path")) - arrows_gone
    assert not any("Achilles" in callout for callout in _callouts(achilles.svg))


def test_the_build_publishes_each_copy_and_the_quiz_data_names_it(graph, questions):
    files = {generated.path: generated.content for generated in generated_files(graph, EDITION, True)}
    script = files["assets/javascripts/quiz-data.js"]
    data = json.loads(script.split("=", 1)[1].strip().rstrip(";"))
    assert len(data["pictures"]) == len(questions)
    for picture in data["pictures"]:
        assert files[picture["file"]].startswith("<svg")
        assert {"alt", "caption", "width", "height", "wrong", "answer", "kind"} <= set(picture)
    assert set(data["shapes"]) == {m.value for m in Morphology}


def test_every_generated_file_but_the_quiz_copies_is_listed_before_it_is_made(graph, questions):
    """The hook lists FIXED_FILE_PATHS before the generator runs, so pages may link them: a download
    added to generated_files and not to that list would be published after the links were checked."""
    from macros.book import FIXED_FILE_PATHS

    made = [generated.path for generated in generated_files(graph, EDITION, True)]
    copies = {question.file for question in questions}
    assert sorted(path for path in made if path not in copies) == sorted(FIXED_FILE_PATHS)
    assert len(made) == len(set(made))


# ---- Anki picture cards -----------------------------------------------------------------------------

class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.sources.append(dict(attrs)["src"])


def _image_sources(html: str) -> list[str]:
    parser = _Images()
    parser.feed(html)
    return parser.sources


def test_picture_cards_front_the_drawing_and_back_the_answer(graph, questions):
    cards = {fact.key: fact for fact in facts(graph)}
    for question in questions:
        card = cards[question.key]
        assert _image_sources(card.front) == [media_name(question.file)]
        assert card.media == {media_name(question.file): question.svg}
        assert f"<b>{question.name}</b>" in html.unescape(card.back)
        assert question.caption in html.unescape(card.back)
        assert _image_sources(card.back) == []
        front_words = html.unescape(re.sub(r"<[^>]+>", " ", card.front))
        assert not re.search(rf"(?<!\w){re.escape(question.name)}(?!\w)", front_words, re.I), question.key
    assert sum(key.startswith("picture:") for key in cards) == len(_by_kind(questions, "entity"))


def test_the_deck_holds_every_picture_its_cards_show_and_nothing_remote(graph, tmp_path):
    deck = tmp_path / "deck.apkg"
    deck.write_bytes(build_deck(graph, EDITION["version"], EDITION["date"]))
    with zipfile.ZipFile(deck) as archive:
        media = json.loads(archive.read("media"))
        stored = {name: archive.read(index).decode() for index, name in media.items()}
        (tmp_path / "collection.anki2").write_bytes(archive.read("collection.anki2"))
    assert len(stored) == len(media) and len(set(media.values())) == len(media)
    assert all("/" not in name and name.startswith("stc-") for name in media.values())  # flat names
    with sqlite3.connect(tmp_path / "collection.anki2") as connection:
        notes = connection.execute("select flds from notes").fetchall()
    shown = [source for (fields,) in notes for source in _image_sources(fields)]
    assert shown and set(shown) == set(stored)  # each card's picture is in the deck, no picture unused
    assert not [source for source in shown if "//" in source or ":" in source]
    for name, content in stored.items():
        assert content.startswith("<svg") and not svg_faults(content.encode()), name
    # The card browser shows the Key field beside each card: a picture card's names no entity or shape.
    keys = [fields.split("\x1f")[2] for (fields,) in notes if _image_sources(fields)]
    assert keys and all(re.fullmatch(r"picture:stc-[0-9a-f]{16}\.svg", key) for key in keys), keys[:3]
