"""Cross-references computed from the data: backlinks, the tree of lists, breadcrumbs."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .loader import Book
from .models import WIKI_LINK, Item
from .references import prose_fields


@dataclass(frozen=True)
class Appearance:
    """One place an entity or a list is named inside a differential list."""

    differential: str
    group: str | None
    item: Item


class Graph:
    """Read-only index over a Book; every answer is derived, never stored in the data."""

    def __init__(self, book: Book):
        self.book = book

    @cached_property
    def titles(self) -> dict[str, str]:
        """Entity id → title, for `[[id]]` links in prose."""
        return {entity_id: entity.title for entity_id, entity in self.book.entities.items()}

    @cached_property
    def _appearances(self) -> dict[str, list[Appearance]]:
        found: dict[str, list[Appearance]] = {}
        for differential_id, differential in self.book.differentials.items():
            for group, item in differential.grouped_items():
                target = item.entity or f"differential:{item.differential}"
                found.setdefault(target, []).append(Appearance(differential_id, group, item))
        return found

    def appearances_of_entity(self, entity_id: str) -> list[Appearance]:
        return self._appearances.get(entity_id, [])

    def appearances_of_differential(self, differential_id: str) -> list[Appearance]:
        return self._appearances.get(f"differential:{differential_id}", [])

    def differentials_naming(self, entity_id: str) -> list[str]:
        """Distinct differential ids that list the entity, in book order."""
        seen = {a.differential for a in self.appearances_of_entity(entity_id)}
        return sorted(seen, key=self._reading_position.__getitem__)

    @cached_property
    def _children(self) -> dict[str | None, list[str]]:
        # Built once: asking each page for its children by scanning every list grows quadratically.
        children: dict[str | None, list[str]] = {}
        for differential_id, differential in self.book.differentials.items():
            children.setdefault(differential.parent, []).append(differential_id)
        for ids in children.values():
            ids.sort(key=lambda i: (self.book.differentials[i].order, self.book.differentials[i].title))
        return children

    def children(self, differential_id: str | None) -> list[str]:
        """Child lists (by `parent`), ordered by `order` then title."""
        return list(self._children.get(differential_id, []))

    def roots(self) -> list[str]:
        return self.children(None)

    def ancestors(self, differential_id: str) -> list[str]:
        """From the top-level list down to, not including, this one."""
        chain = []
        current = self.book.differentials[differential_id].parent
        while current is not None:
            chain.insert(0, current)
            current = self.book.differentials[current].parent
        return chain

    @cached_property
    def _reading_position(self) -> dict[str, int]:
        return {differential_id: index for index, differential_id in enumerate(self.book_order())}

    def book_order(self) -> list[str]:
        """Every differential id in reading order: depth first through the tree."""
        ordered: list[str] = []

        def visit(differential_id: str) -> None:
            ordered.append(differential_id)
            for child in self.children(differential_id):
                visit(child)

        for root in self.roots():
            visit(root)
        return ordered

    def candidates(self, differential_id: str) -> list[str]:
        """Entities a list compares: its own items, then those of the lists it nests, once each."""
        differential = self.book.differentials[differential_id]
        found = [item.entity for item in differential.all_items() if item.entity]
        for item in differential.all_items():
            if item.differential:
                nested = self.book.differentials[item.differential]
                found += [sub.entity for sub in nested.all_items() if sub.entity]
        return list(dict.fromkeys(found))

    def unlisted_children(self, differential_id: str) -> list[str]:
        """Children that the list does not already name as items."""
        named = {i.differential for i in self.book.differentials[differential_id].all_items()}
        return [c for c in self.children(differential_id) if c not in named]

    @cached_property
    def _entity_mentions(self) -> dict[str, list[str]]:
        mentions: dict[str, set[str]] = {}
        for source_id, entity in self.book.entities.items():
            targets = set(entity.related) | {d.entity for d in entity.discriminators}
            for _, text in prose_fields(entity):
                targets |= {m.group(1).strip() for m in WIKI_LINK.finditer(text)}
            if entity.parent:
                targets.add(entity.parent)
            for target in targets - {source_id}:
                mentions.setdefault(target, set()).add(source_id)
        return {target: sorted(sources) for target, sources in mentions.items()}

    def entities_linking_to(self, entity_id: str) -> list[str]:
        return self._entity_mentions.get(entity_id, [])

    def entities_linked_from(self, entity_id: str) -> list[str]:
        """The entities this one's page names: parent, related, discriminators, links in its text."""
        return sorted(target for target, sources in self._entity_mentions.items() if entity_id in sources)

    def flow_order(self) -> list[str]:
        flows = self.book.flows
        return sorted(flows, key=lambda f: (flows[f].order, flows[f].title))

    def flows_naming(self, kind: str, target_id: str) -> list[str]:
        """Flows with an outcome leading to an entity, differential or flow, in flow order."""
        return [flow_id for flow_id in self.flow_order()
                if any(getattr(node, kind) == target_id
                       for node in self.book.flows[flow_id].nodes.values())]

    def variants_of(self, entity_id: str) -> list[str]:
        return sorted(i for i, e in self.book.entities.items() if e.parent == entity_id)

