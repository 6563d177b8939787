"""The book as open data: one JSON document (with its JSON Schema) and a CSV of the lists.

Pure functions: graph in, text out. The hook publishes them under `downloads/`; the finder and the
quiz pages each read the part they need from a script of their own (`finder-data.js`, `quiz-data.js`:
scripts, because a page opened from file:// may not fetch a JSON file).
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any, Sequence

from pydantic import BaseModel, ConfigDict, Field

from .file_names import CSV_NAME, FINDER_SCRIPT, JSON_NAME, QUIZ_SCRIPT, SCHEMA_NAME  # noqa: F401
from .graph import Graph
from .models import Differential, Entity, Flow, GlossaryTerm
from .picture_questions import PictureQuestion
from .render.text import page_path, served_url

LICENSE = "CC BY-SA 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
# What of an entity and of a list the self-test reads to ask and to explain.
QUIZ_ENTITY_FIELDS = {"title": True, "kind": True, "parent": True, "category": True, "mechanism": True,
                      "summary": True, "key_features": {0}, "synonyms": True, "eponyms": True,
                      "discriminators": True, "images": {0: {"file", "alt"}}, "facets": {"associated"}}
QUIZ_LIST_FIELDS = {"title": True, "parent": True, "axis": True,
                    "items": {"__all__": {"entity", "differential", "note"}},
                    "groups": {"__all__": {"items": {"__all__": {"entity", "differential", "note"}}}}}


class BookExport(BaseModel):
    """The downloadable dataset: every entity, list, flow and glossary term, with licence and version."""

    model_config = ConfigDict(extra="forbid")

    title: str
    version: str
    date: str
    license: str
    license_url: str
    pages: dict[str, str] = Field(description="Entity id → its page, relative to the site root.")
    entities: dict[str, Entity]
    differentials: dict[str, Differential]
    flows: dict[str, Flow]
    glossary: dict[str, GlossaryTerm]


def book_export(graph: Graph, edition: dict[str, str], directory_urls: bool) -> BookExport:
    book = graph.book
    return BookExport(
        title="Soft Tissue Calcification and Ossification",
        version=edition["version"], date=edition["date"],
        license=LICENSE, license_url=LICENSE_URL,
        pages={entity_id: served_url(page_path("entity", entity_id), directory_urls)
               for entity_id in book.entities},
        entities=book.entities, differentials=book.differentials, flows=book.flows,
        glossary=book.glossary,
    )


# Characters that let JSON text end the <script> (or HTML comment, or CDATA) it is inlined into, and
# the two line separators that ended a JavaScript string before ES2019. JSON allows each one as \uXXXX.
_EMBED_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                  "\u2028": "\\u2028", "\u2029": "\\u2029"}


def embeddable_json(value: Any, indent: int | None = None) -> str:
    """JSON that is also safe to paste into a <script> element, an HTML page or a JavaScript file.

    json.dumps writes `<`, `>`, `&`, U+2028 and U+2029 only inside strings, where `\\uXXXX` means the
    same character: the data is unchanged for any JSON reader, and a title such as
    `</script><script>…` cannot close the element it is inlined in.
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent, sort_keys=True)
    # One str.replace per character (C speed) rather than str.translate (a dict lookup per
    # character of a megabyte of JSON).
    for character, escape in _EMBED_ESCAPES.items():
        text = text.replace(character, escape)
    return text


def export_json(export: BookExport) -> str:
    document: dict[str, Any] = {"$schema": f"./{SCHEMA_NAME}",
                                **export.model_dump(mode="json", exclude_none=True)}
    return embeddable_json(document, indent=1) + "\n"


def export_schema() -> str:
    schema = BookExport.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["properties"]["$schema"] = {"type": "string"}
    return json.dumps(schema, indent=1, sort_keys=True) + "\n"


def finder_script(export: BookExport) -> str:
    from .finder import finder_data

    data = embeddable_json(finder_data(export.entities, export.pages))
    return ("// Generated from data/ by the build: what the differential finder reads.\n"
            f"window.STC_FINDER = {data};\n")


def quiz_script(export: BookExport, pictures: Sequence[PictureQuestion] = (),
                clues: dict[str, str] | None = None) -> str:
    """What the self-test reads; `pictures` are its picture questions (macros/picture_questions.py),
    each naming the copy of its drawing the build publishes beside the script; `clues` the Aunt
    Minnie clues with the answer's names hidden."""
    from .finder import BY_FIELD, value_words

    def dump(model, fields):
        return model.model_dump(mode="json", include=fields, exclude_none=True, exclude_defaults=True)

    data = {"pages": export.pages,
            "entities": {key: dump(entity, QUIZ_ENTITY_FIELDS) for key, entity in export.entities.items()},
            "differentials": {key: dump(differential, QUIZ_LIST_FIELDS)
                              for key, differential in export.differentials.items()},
            "findings": {value: value_words(value) for value in BY_FIELD["associated"].values},
            "pictures": [_quiz_picture(question) for question in pictures],
            "clues": clues or {},
            "shapes": {value: value_words(value) for value in BY_FIELD["morphology"].values}}
    return ("// Generated from data/ by the build: what the self-test reads.\n"
            f"window.STC_QUIZ = {embeddable_json(data)};\n")


def _quiz_picture(question: PictureQuestion) -> dict[str, Any]:
    width, height = question.size or (None, None)
    found = {"key": question.key, "kind": question.kind, "answer": question.answer, "file": question.file,
             "alt": question.alt, "caption": question.caption, "width": width, "height": height,
             "wrong": list(question.wrong), "list": question.link, "anchor": question.anchor}
    return {key: value for key, value in found.items() if value is not None}


CSV_COLUMNS = ["list_id", "list_title", "axis", "parent", "group", "entity_id", "entity_title",
               "nested_list_id", "label", "note", "license", "version"]


# A spreadsheet reads a cell that starts with one of these as a formula (`=HYPERLINK(…)`, `@SUM(…)`,
# `-2+3`), even after leading spaces; OWASP's "CSV Injection" and ASVS 1.2.10 list them, with the
# full-width forms some spreadsheets also accept.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20")


# Blanks a spreadsheet may skip before it reads a formula: any Unicode space (no-break, ideographic,
# em …) and the zero-width characters; tab and line breaks are formula starts themselves.
_LEADING_BLANKS = re.compile(r"(?:[^\S\t\r\n]|[\u200b\u200c\u200d\u2060\ufeff])*")


def spreadsheet_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: a leading `'` when it could start a formula (OWASP)."""
    start = _LEADING_BLANKS.match(value).end()
    return f"'{value}" if value[start:].startswith(_FORMULA_STARTS) else value


def export_csv(graph: Graph, version: str) -> str:
    """Every item of every differential list, one row each, in reading order.

    Every cell is quoted (a separator, quote or line break inside one stays inside it) and
    neutralised with `spreadsheet_cell`, so no cell opens as a formula.
    """
    book = graph.book
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for list_id in graph.book_order():
        differential = book.differentials[list_id]
        for group, item in differential.grouped_items():
            writer.writerow({column: spreadsheet_cell(value) for column, value in _csv_row(
                graph, list_id, group, item, version).items()})
    return out.getvalue()


def _csv_row(graph: Graph, list_id: str, group: str | None, item, version: str) -> dict[str, str]:
    book = graph.book
    differential = book.differentials[list_id]
    return {
        "list_id": list_id, "list_title": differential.title, "axis": differential.axis or "",
        "parent": differential.parent or "", "group": group or "",
        "entity_id": item.entity or "",
        "entity_title": book.entities[item.entity].title if item.entity else "",
        "nested_list_id": item.differential or "", "label": item.label or "",
        "note": item.note or "", "license": LICENSE, "version": version,
    }
