"""The open data downloads: JSON valid against its schema, CSV of every list item, a real Anki deck."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import time
import zipfile

import jsonschema
import pytest

from macros.anki import facts
from site_crawl import Site

VERSION_FILE = "VERSION"


@pytest.fixture(scope="module")
def downloads(built_site):
    return built_site / "downloads"


def test_json_download_validates_against_its_schema(downloads, book):
    document = json.loads((downloads / "soft-tissue-calcification.json").read_text())
    schema = json.loads((downloads / "soft-tissue-calcification.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(document)
    assert document["license"] == "CC BY-SA 4.0"
    assert set(document["entities"]) == set(book.entities)
    assert set(document["differentials"]) == set(book.differentials)
    assert set(document["flows"]) == set(book.flows)


def test_schema_rejects_a_broken_document(downloads):
    schema = json.loads((downloads / "soft-tissue-calcification.schema.json").read_text())
    document = json.loads((downloads / "soft-tissue-calcification.json").read_text())
    del document["entities"]["gout"]["imaging"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(document)


def test_csv_has_every_list_item_with_licence_and_version(downloads, book):
    from pathlib import Path

    version = (Path(__file__).resolve().parent.parent / VERSION_FILE).read_text().strip()
    rows = list(csv.DictReader((downloads / "soft-tissue-calcification-differentials.csv")
                               .read_text().splitlines()))
    assert len(rows) == sum(len(d.all_items()) for d in book.differentials.values())
    assert {row["license"] for row in rows} == {"CC BY-SA 4.0"}
    assert {row["version"] for row in rows} == {version}
    listed = {row["entity_id"] for row in rows if row["entity_id"]}
    assert listed == set(book.entities)


def test_anki_deck_is_a_valid_collection_with_one_note_per_fact(downloads, graph, tmp_path):
    archive = zipfile.ZipFile(downloads / "soft-tissue-calcification.apkg")
    assert "collection.anki2" in archive.namelist()
    database = tmp_path / "collection.anki2"
    database.write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(database) as connection:
        notes = connection.execute("select guid, flds from notes").fetchall()
        cards = connection.execute("select count(*) from cards").fetchone()[0]
    expected = facts(graph)
    assert len(notes) == len(expected) == cards
    assert any("Myositis ossificans" in fields for _, fields in notes)


def test_anki_deck_bytes_depend_on_the_build_date_not_the_clock(graph):
    from macros.anki import build_deck

    deck = build_deck(graph, "9.9.9", "2026-03-04T05:06:08")
    entries = zipfile.ZipFile(io.BytesIO(deck)).infolist()
    assert {entry.date_time for entry in entries} == {(2026, 3, 4, 5, 6, 8)}
    assert "collection.anki2" in {entry.filename for entry in entries}
    assert build_deck(graph, "9.9.9", "2026-03-04T05:06:08") == deck
    # A copy of the project without git has no build date: still never the clock.
    undated = build_deck(graph, "9.9.9", "unreleased")
    assert {entry.date_time for entry in zipfile.ZipFile(io.BytesIO(undated)).infolist()} == {(1980, 1, 1, 0, 0, 0)}
    time.sleep(1.1)  # genanki's clock-based fields count seconds
    assert build_deck(graph, "9.9.9", "unreleased") == undated


def test_anki_note_ids_are_stable_so_reimport_updates(graph):
    import genanki

    keys = [fact.key for fact in facts(graph)]
    assert len(keys) == len(set(keys))
    assert genanki.guid_for("entity:gout") == genanki.guid_for("entity:gout")


def test_home_page_links_finder_quiz_and_downloads(built_site):
    site = Site(built_site)
    hrefs = {a["href"] for a in site.page("").soup.find("article").find_all("a", href=True)}
    assert {"finder/", "quiz/", "open-data/", "downloads/soft-tissue-calcification.apkg"} <= hrefs
    page = site.page("open-data/")
    for link in page.soup.find("article").find_all("a", href=True):
        if "downloads/" in link["href"]:
            assert site.exists(site.resolve("open-data/", link["href"])[0]), link["href"]
