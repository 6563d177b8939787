"""Cross-file checks: every id a file names must exist, and no list may lose an entity."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from .models import ENTITY_PROSE_FIELDS, FOLDERS, WIKI_LINK
from .problems import Problem, did_you_mean

if TYPE_CHECKING:
    from .loader import Book


def check_references(book: Book) -> list[Problem]:
    problems = [*_entity_references(book), *_differential_references(book), *_flow_prose(book),
                *_parent_cycles(book), *_duplicate_items(book), *_glossary_references(book),
                *_images(book)]
    if not book.unreadable:
        # With a file unreadable, its entities' lists are unknown: orphans would be false alarms.
        problems += _orphans(book)
    return [problem for problem in problems if problem is not None]


def known_ids(book: Book, noun: str) -> dict[str, Any]:
    return {"entity": book.entities, "differential": book.differentials, "flow": book.flows}[noun]


def unknown_reference(book: Book, kind: str, owner: str, location: tuple, wanted: str,
                      noun: str) -> Problem | None:
    if wanted in book.unreadable:
        return None  # its own file is broken and already reported: one error, not two
    source = book.sources[(kind, owner)]
    line, column = source.line_of(location)
    hint = did_you_mean(wanted, known_ids(book, noun)) or (
        f"create data/{FOLDERS[noun]}/{wanted}.yml or use an existing {noun} id")
    return Problem(source.path, line, column, f"unknown {noun} '{wanted}'", hint)


def _entity_references(book: Book) -> Iterator[Problem]:
    for id_, entity in book.entities.items():
        if entity.parent == id_:
            yield _self_reference(book, "entities", id_, ("parent",))
        elif entity.parent and entity.parent not in book.entities:
            yield unknown_reference(book, "entities", id_, ("parent",), entity.parent, "entity")
        for index, related in enumerate(entity.related):
            if related not in book.entities:
                yield unknown_reference(book, "entities", id_, ("related", index), related,
                                        "entity")
        for index, discriminator in enumerate(entity.discriminators):
            if discriminator.entity not in book.entities:
                yield unknown_reference(book, "entities", id_, ("discriminators", index, "entity"),
                                        discriminator.entity, "entity")
        yield from _wiki_links(book, "entities", id_, entity_prose(entity))


def entity_prose(entity) -> Iterator[tuple[tuple, str]]:
    for field in ENTITY_PROSE_FIELDS:
        value = getattr(entity, field)
        if isinstance(value, str):
            yield (field,), value
        elif isinstance(value, list):
            for index, text in enumerate(value):
                yield (field, index), text
    for index, discriminator in enumerate(entity.discriminators):
        yield ("discriminators", index, "text"), discriminator.text


# Markup that would bypass the checks: a hand-written link is not validated, HTML could run code.
RAW_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
MARKDOWN_LINK = re.compile(r"\]\((?!https?://)[^)]*\)")


def _wiki_links(book: Book, kind: str, owner: str,
                texts: Iterator[tuple[tuple, str]]) -> Iterator[Problem]:
    for location, text in texts:
        yield from _forbidden_markup(book, kind, owner, location, text)
        for match in WIKI_LINK.finditer(text):
            target = match.group(1).strip()
            if target not in book.entities:
                yield unknown_reference(book, kind, owner, location, target, "entity")


def _forbidden_markup(book: Book, kind: str, owner: str, location: tuple,
                      text: str) -> Iterator[Problem]:
    source = book.sources[(kind, owner)]
    if html := RAW_HTML.search(text):
        line, column = source.line_of(location)
        yield Problem(source.path, line, column,
                      f"HTML is not allowed in the text: '{html.group(0)}'",
                      "write plain text (for a link to an entity write [[entity-id]])")
    if link := MARKDOWN_LINK.search(text):
        line, column = source.line_of(location)
        yield Problem(source.path, line, column,
                      f"a hand-written link '{link.group(0)}' is not checked",
                      "link to an entity with [[entity-id]] or [[entity-id|shown text]]")


def _differential_references(book: Book) -> Iterator[Problem]:
    for id_, differential in book.differentials.items():
        if differential.parent == id_:
            yield _self_reference(book, "differentials", id_, ("parent",))
        elif differential.parent and differential.parent not in book.differentials:
            yield unknown_reference(book, "differentials", id_, ("parent",), differential.parent,
                                    "differential")
        for location, item in _located_items(differential):
            if item.entity and item.entity not in book.entities:
                yield unknown_reference(book, "differentials", id_, (*location, "entity"),
                                        item.entity, "entity")
            if item.differential and item.differential not in book.differentials:
                yield unknown_reference(book, "differentials", id_, (*location, "differential"),
                                        item.differential, "differential")
            if item.differential == id_:
                yield _self_reference(book, "differentials", id_, (*location, "differential"))
        prose = [(("summary",), differential.summary)]
        prose += [(("key_points", index), text) for index, text in enumerate(differential.key_points)]
        prose += [((*location, "note"), item.note) for location, item in _located_items(differential)
                  if item.note]
        yield from _wiki_links(book, "differentials", id_, iter(prose))


def _located_items(differential) -> Iterator[tuple[tuple, Any]]:
    for index, item in enumerate(differential.items):
        yield ("items", index), item
    for group_index, group in enumerate(differential.groups):
        for index, item in enumerate(group.items):
            yield ("groups", group_index, "items", index), item


def _self_reference(book: Book, kind: str, owner: str, location: tuple) -> Problem:
    source = book.sources[(kind, owner)]
    line, column = source.line_of(location)
    return Problem(source.path, line, column, f"'{owner}' refers to itself",
                   "name a different id here")


def _parent_cycles(book: Book) -> Iterator[Problem]:
    for kind, records in (("entities", book.entities), ("differentials", book.differentials)):
        for id_ in records:
            seen = [id_]
            current = records[id_].parent
            while current in records and current not in seen:
                seen.append(current)
                current = records[current].parent
            if current == id_ and len(seen) > 1:
                source = book.sources[(kind, id_)]
                line, column = source.line_of(("parent",))
                chain = " → ".join([*seen, id_])
                yield Problem(source.path, line, column, f"parent chain loops: {chain}",
                              "a parent must lead up to a top-level page; remove one `parent:`")


def _duplicate_items(book: Book) -> Iterator[Problem]:
    for id_, differential in book.differentials.items():
        seen: dict[tuple, tuple] = {}
        for location, item in _located_items(differential):
            # The same entity may sit in two groups (diabetes: arterial and tendon), not twice in one.
            group = location[1] if location[0] == "groups" else None
            target = (group, item.entity, item.differential, item.label)
            if target in seen:
                source = book.sources[("differentials", id_)]
                line, column = source.line_of(location)
                first_line, _ = source.line_of(seen[target])
                name = item.entity or item.differential
                yield Problem(source.path, line, column,
                              f"'{name}' is listed twice in this differential (first on line {first_line})",
                              "delete one of the two items, or give them different `label:`s")
            else:
                seen[target] = location


def _images(book: Book) -> Iterator[Problem]:
    # A path that points nowhere would publish a broken picture.
    for id_, entity in book.entities.items():
        for index, image in enumerate(entity.images):
            if book.docs_dir is not None and not (book.docs_dir / image.file).is_file():
                source = book.sources[("entities", id_)]
                line, column = source.line_of(("images", index, "file"))
                yield Problem(source.path, line, column, f"image file 'docs/{image.file}' not found",
                              "add the file under docs/assets/images/ or correct the path")


def _flow_prose(book: Book) -> Iterator[Problem]:
    for flow_id, flow in book.flows.items():
        texts = [(("title",), flow.title), (("summary",), flow.summary)]
        for node_id, node in flow.nodes.items():
            texts += [(("nodes", node_id, field), getattr(node, field))
                      for field in ("question", "outcome", "note") if getattr(node, field)]
            texts += [(("nodes", node_id, "answers", index, "label"), answer.label)
                      for index, answer in enumerate(node.answers)]
        texts += [(("safety_net", index, field), getattr(flag, field))
                  for index, flag in enumerate(flow.safety_net) for field in ("sign", "action")]
        texts += [(("left_out", index, "reason"), item.reason) for index, item in enumerate(flow.left_out)]
        for location, text in texts:
            yield from _forbidden_markup(book, "flows", flow_id, location, text)


def _glossary_references(book: Book) -> Iterator[Problem | None]:
    for term, entry in book.glossary.items():
        for field in ("expansion", "definition"):
            text = getattr(entry, field)
            if text:
                yield from _forbidden_markup(book, "glossary", "glossary", (term, field), text)
        for noun in ("entity", "differential"):
            target = getattr(entry, noun)
            if target and target not in known_ids(book, noun):
                yield unknown_reference(book, "glossary", "glossary", (term, noun), target, noun)


def _orphans(book: Book) -> Iterator[Problem]:
    # An entity that no list names cannot be reached while browsing: it would be lost.
    listed = {item.entity for differential in book.differentials.values()
              for item in differential.all_items()}
    for id_ in book.entities:
        if id_ not in listed:
            source = book.sources[("entities", id_)]
            yield Problem(source.path, 1, 1, f"entity '{id_}' appears in no differential list",
                          "add `- entity: " + id_ + "` to the items of a list in data/differentials/")
