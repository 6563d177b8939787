"""One function per generated page: graph in, Markdown out."""

from __future__ import annotations

from itertools import groupby

from ..graph import Graph
from . import PageContext, render
from .mermaid import flowchart
from .walk import finder_link_query, outline, steps
from .text import page_path

ENTITY_INDEX = "entities/index.md"
GLOSSARY = "glossary.md"
FLOW_INDEX = "flows/index.md"


# The entity's facets in the "At a glance" table, in reading order.
GLANCE_ROWS = {
    "age": "Typical age",
    "sites": "Site",
    "distribution": "Distribution",
    "morphology": "Shape",
    "associated": "Associated findings",
}


def glance_rows(entity) -> list[tuple[str, list[tuple[str, str]]]]:
    """(row label, [(finder field, value)]) for each facet the entity records; serum last.

    "variable" serum is a fact about the entity but no choice in the finder: it stays unlinked.
    """
    facets = entity.facets
    rows = [(label, [(field, value) for value in getattr(facets, field)])
            for field, label in GLANCE_ROWS.items() if getattr(facets, field)]
    if facets.serum:
        rows.append(("Serum calcium / phosphate",
                     [("calcium", facets.serum.calcium), ("phosphate", facets.serum.phosphate)]))
    return rows


def entity_page(graph: Graph, entity_id: str) -> str:
    entity = graph.book.entities[entity_id]
    return render("entity.md.j2", graph, page_path("entity", entity_id),
                  id=entity_id, entity=entity, glance=glance_rows(entity))


def flow_page(graph: Graph, flow_id: str, directory_urls: bool) -> str:
    flow = graph.book.flows[flow_id]
    page = page_path("flow", flow_id)
    walk = steps(flow)
    return render("flow.md.j2", graph, page, flow=flow,
                  diagram=flowchart(flow, page, directory_urls), rows=outline(flow),
                  steps=walk, first_step=walk[-1].id, finder_query=finder_link_query,
                  red_flags={flag.id: flag for flag in flow.safety_net})


def flow_index_page(graph: Graph) -> str:
    return render("flow_index.md.j2", graph, FLOW_INDEX, flow_ids=graph.flow_order())


def differential_page(graph: Graph, differential_id: str) -> str:
    differential = graph.book.differentials[differential_id]
    return render("differential.md.j2", graph, page_path("differential", differential_id),
                  id=differential_id, differential=differential,
                  entity_ids=graph.candidates(differential_id))


def entity_index_page(graph: Graph) -> str:
    return render("entity_index.md.j2", graph, ENTITY_INDEX, letters=_a_to_z(graph))


def _a_to_z(graph: Graph) -> list[tuple[str, list[tuple[str, str, str | None]]]]:
    """(letter, [(shown name, entity id, the title it is an alias of or None)]) for A–Z."""
    names = []
    for entity_id, entity in graph.book.entities.items():
        names.append((entity.title, entity_id, None))
        for alias in [*entity.synonyms, *entity.eponyms, *entity.abbreviations]:
            names.append((alias, entity_id, entity.title))
    names.sort(key=lambda name: (initial(name[0]), name[0].casefold(), name[1]))
    return [(letter.upper(), list(entries))
            for letter, entries in groupby(names, key=lambda name: initial(name[0]))]


def initial(name: str) -> str:
    """The letter a name is filed under in A–Z lists; "#" for a name starting with a digit."""
    first = name.lstrip("'\"(").upper()[:1]
    return first if first.isalpha() else "#"


def glossary_page(graph: Graph) -> str:
    glossary = graph.book.glossary
    ordered = sorted(glossary.items(), key=lambda pair: pair[0].casefold())
    abbreviations = [(term, entry) for term, entry in ordered if entry.expansion]
    terms = [(term, entry) for term, entry in ordered if not entry.expansion]
    context = PageContext(graph, GLOSSARY)

    def see(entry) -> str:
        if entry.entity:
            return context.entity_link(entry.entity)
        if entry.differential:
            return context.differential_link(entry.differential)
        return ""

    return render("glossary.md.j2", graph, GLOSSARY, abbreviations=abbreviations, terms=terms,
                  see=see)


def abbreviations(glossary: dict) -> dict[str, str]:
    """Abbreviation → expansion, for the Markdown `abbr` extension's tooltips on every page.

    Python-Markdown writes a `&` into the `title` attribute as it is when it already looks like a
    character reference, so the browser read `&lt;img …&gt;` as `<img …>`, and Material's tooltip
    shows the title as HTML: an expansion could put elements on every page. Written `&amp;` (which
    Python-Markdown leaves alone), the title holds exactly the typed text.
    """
    return {term: " ".join(entry.expansion.split()).replace("&", "&amp;")
            for term, entry in sorted(glossary.items()) if entry.expansion}
