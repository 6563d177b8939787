"""Cross-file checks: every id a file names must exist, and no list may lose an entity."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

from .image_safety import image_faults
from .models import FOLDERS, WIKI_LINK
from .pictures import UnknownDrawing, drawn_value
from .problems import Problem, did_you_mean
from .text_types import typed_strings

if TYPE_CHECKING:
    from .loader import Book


def check_references(book: Book) -> list[Problem]:
    problems = [*_entity_references(book), *_differential_references(book), *_flow_prose(book),
                *_parent_cycles(book), *_duplicate_items(book), *_glossary_references(book),
                *_images(book), *_duplicate_names(book), *_nesting_cycles(book)]
    if book.lists_sound:
        problems += _orphans(book)
    return [problem for problem in problems if problem is not None]


def known_ids(book: Book, noun: str) -> dict[str, Any]:
    return {"entity": book.entities, "differential": book.differentials, "flow": book.flows}[noun]


def unknown_reference(book: Book, kind: str, owner: str, location: tuple, wanted: str,
                      noun: str) -> Problem | None:
    if wanted in book.unreadable:
        return None  # its own file is broken and already reported: one error, not two
    hint = did_you_mean(wanted, known_ids(book, noun)) or _named_elsewhere(book, wanted, noun, location) or (
        f"create data/{FOLDERS[noun]}/{wanted}.yml or use an existing {noun} id")
    return located(book, kind, owner, location, f"unknown {noun} '{wanted}'", hint)


def _named_elsewhere(book: Book, wanted: str, noun: str, location: tuple) -> str:
    """The hint for an id of the wrong kind: a list named where an entity belongs, or the reverse."""
    def a(word: str) -> str:
        return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"

    for other in ("entity", "differential", "flow"):
        if other != noun and wanted in known_ids(book, other):
            if location and location[-1] == noun:  # `entity: <id>`: the field name is the mistake
                return f"'{wanted}' is {a(other)}, not {a(noun)}: write `{other}: {wanted}`"
            return f"'{wanted}' is {a(other)}, not {a(noun)}: name {a(noun)} here"
    return ""


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
        yield from _wiki_links(book, "entities", id_, prose_fields(entity))


def prose_fields(record) -> Iterator[tuple[tuple, str]]:
    """(location, text) of every prose string in a record: found by type, so no field is missed."""
    return ((location, text) for location, kind, text in typed_strings(record) if kind == "prose")


def _wiki_links(book: Book, kind: str, owner: str,
                texts: Iterator[tuple[tuple, str]]) -> Iterator[Problem]:
    for location, text in texts:
        for match in WIKI_LINK.finditer(text):
            target = match.group(1).strip()
            if target not in book.entities:
                yield unknown_reference(book, kind, owner, location, target, "entity")
        for match in _SINGLE_BRACKETS.finditer(text):
            if match.group(1) in book.entities:
                yield located(book, kind, owner, location,
                              f"'[{match.group(1)}]' is shown as typed, not as a link",
                              f"write [[{match.group(1)}]] (two brackets on each side) to link its page")


# `[tumoral-calcinosis]`: a link with one bracket too few (an entity id in single brackets).
_SINGLE_BRACKETS = re.compile(r"(?<!\[)\[([a-z0-9]+(?:-[a-z0-9]+)*)\](?!\])")


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
        yield from _wiki_links(book, "differentials", id_, prose_fields(differential))


def _located_items(differential) -> Iterator[tuple[tuple, Any]]:
    for index, item in enumerate(differential.items):
        yield ("items", index), item
    for group_index, group in enumerate(differential.groups):
        for index, item in enumerate(group.items):
            yield ("groups", group_index, "items", index), item


def _self_reference(book: Book, kind: str, owner: str, location: tuple) -> Problem:
    return located(book, kind, owner, location, f"'{owner}' refers to itself", "name a different id here")


def _parent_cycles(book: Book) -> Iterator[Problem]:
    for kind, records in (("entities", book.entities), ("differentials", book.differentials)):
        for id_ in records:
            seen = [id_]
            current = records[id_].parent
            while current in records and current not in seen:
                seen.append(current)
                current = records[current].parent
            if current == id_ and len(seen) > 1:
                chain = " → ".join([*seen, id_])
                yield located(book, kind, id_, ("parent",), f"parent chain loops: {chain}",
                              "a parent must lead up to a top-level page; remove one `parent:`")


def _duplicate_items(book: Book) -> Iterator[Problem]:
    for id_, differential in book.differentials.items():
        seen: dict[tuple, tuple] = {}
        for location, item in _located_items(differential):
            # The same entity may sit in two groups (diabetes: arterial and tendon), not twice in one.
            group = location[1] if location[0] == "groups" else None
            target = (group, item.entity, item.differential, item.label)
            if target in seen:
                first_line, _ = book.sources[("differentials", id_)].line_of(seen[target])
                name = item.entity or item.differential
                yield located(book, "differentials", id_, location,
                              f"'{name}' is listed twice in this differential (first on line {first_line})",
                              "delete one of the two items, or give them different `label:`s")
            else:
                seen[target] = location


def _images(book: Book) -> Iterator[Problem]:
    # A path that points nowhere would publish a broken picture; one that leaves docs/ or runs
    # through a symlink, a file nobody reviewed; an SVG with script, a live page (macros/image_safety.py).
    if book.docs_dir is None:
        return
    placed = [(("entities", id_), ("images", index), image)
              for id_, entity in book.entities.items() for index, image in enumerate(entity.images)]
    for id_, differential in book.differentials.items():
        placed += [(("differentials", id_), ("images", index), image)
                   for index, image in enumerate(differential.images)]
        placed += [(("differentials", id_), ("groups", group_index, "images", index), image)
                   for group_index, group in enumerate(differential.groups)
                   for index, image in enumerate(group.images)]
    for source_key, location, image in placed:
        faults = [(fault.message, fault.hint) for fault in image_faults(book.docs_dir, image.file)]
        try:
            drawn_value(image.file)
        except UnknownDrawing as error:
            # Named after no shape or site, the drawing would be left out of the finder and the home page.
            faults.append((error.message, error.hint))
        for message, hint in faults:
            yield located(book, *source_key, (*location, "file"), message, hint)


def _flow_prose(book: Book) -> Iterator[Problem]:
    for flow_id, flow in book.flows.items():
        yield from _wiki_links(book, "flows", flow_id, prose_fields(flow))


def _glossary_references(book: Book) -> Iterator[Problem | None]:
    for term, entry in book.glossary.items():
        located = (((term, *location), text) for location, text in prose_fields(entry))
        yield from _wiki_links(book, "glossary", "glossary", located)
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


def _duplicate_names(book: Book) -> Iterator[Problem]:
    # Two pages with one title cannot be told apart in search, the A–Z or the navigation; a name
    # listed twice on one entity shows twice. (An alias may be shared: HO is several entities.)
    for kind, records in (("entities", book.entities), ("differentials", book.differentials),
                          ("flows", book.flows)):
        owner_of: dict[str, str] = {}
        for id_, record in records.items():
            key = record.title.casefold()
            if key in owner_of:
                yield located(book, kind, id_, ("title",),
                               f"title '{record.title}' is also the title of '{owner_of[key]}'",
                               "give each page its own title (add what tells them apart)")
            else:
                owner_of[key] = id_
    titles = {entity.title.casefold(): id_ for id_, entity in book.entities.items()}
    for id_, entity in book.entities.items():
        seen = {entity.title.casefold()}
        for field in ("synonyms", "eponyms", "abbreviations"):
            for index, name in enumerate(getattr(entity, field)):
                key = name.casefold()
                if key in seen:
                    yield located(book, "entities", id_, (field, index), f"'{name}' is listed twice",
                                   "keep it once: as a synonym, an eponym or an abbreviation")
                elif titles.get(key, id_) != id_:
                    yield located(book, "entities", id_, (field, index),
                                   f"'{name}' is the title of another entity, '{titles[key]}'",
                                   f"link to it with [[{titles[key]}]] in the text instead")
                seen.add(key)


def _nesting_cycles(book: Book) -> Iterator[Problem]:
    # A list that contains itself (through nested lists), or flows that continue into each other
    # in a circle, would send a reader round for ever and break the page that draws them.
    edges = {("differentials", id_): [("differentials", item.differential)
                                      for item in differential.all_items() if item.differential]
             for id_, differential in book.differentials.items()}
    edges |= {("flows", id_): [("flows", node.flow) for node in flow.nodes.values() if node.flow]
              for id_, flow in book.flows.items()}
    reported: set[frozenset] = set()
    for start in edges:
        for cycle in _cycles_from(start, edges):
            if len(cycle) > 2 and frozenset(cycle) not in reported:
                reported.add(frozenset(cycle))
                kind, id_ = start
                chain = " → ".join(node_id for _, node_id in cycle)
                yield located(book, kind, id_, (), f"{FOLDERS_NOUN[kind]}s contain each other in a "
                               f"circle: {chain}", "remove one of the links so the chain ends")


FOLDERS_NOUN = {"differentials": "list", "flows": "flow"}


def _cycles_from(start: tuple, edges: dict) -> Iterator[list]:
    """Paths from `start` that come back to it (depth first, each node once per path)."""
    stack = [(start, [start])]
    while stack:
        node, path = stack.pop()
        for following in edges.get(node, []):
            if following == start:
                yield [*path, start]
            elif following not in path and following in edges:
                stack.append((following, [*path, following]))


def located(book: Book, kind: str, owner: str, location: tuple, message: str, hint: str) -> Problem:
    """A problem at the line and column of `location` (a path of keys and indexes) in its file."""
    source = book.sources[(kind, owner)]
    line, column = source.line_of(location)
    return Problem(source.path, line, column, message, hint)
