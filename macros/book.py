"""The generator's entry points: which pages exist, and where they sit in the navigation.

Used by the MkDocs hook and by `define_env`; free of MkDocs itself so the same
answers can be unit tested and reused by another generator.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from itertools import groupby
from pathlib import Path
from typing import Callable, Iterator

from .graph import Graph
from .loader import load_book
from .render.pages import (
    ENTITY_INDEX,
    FLOW_INDEX,
    GLOSSARY,
    differential_page,
    entity_index_page,
    entity_page,
    flow_index_page,
    flow_page,
    glossary_page,
    initial,
)
from .render.figures import sources_in_markdown
from .render.text import page_path
from .file_names import APKG_NAME, CSV_NAME, FINDER_SCRIPT, JSON_NAME, QUIZ_SCRIPT, SCHEMA_NAME

# The generated files whose names are fixed (pages link them), known before their content is.
# Every other generated file is a quiz picture, named by its content and linked from no page.
FIXED_FILE_PATHS = (f"downloads/{JSON_NAME}", f"downloads/{SCHEMA_NAME}", f"downloads/{CSV_NAME}",
                    FINDER_SCRIPT, QUIZ_SCRIPT, f"downloads/{APKG_NAME}")

_cache: dict[Path, tuple[tuple, Graph]] = {}


@dataclass(frozen=True)
class GeneratedFile:
    path: str  # docs-relative path of a non-page file, e.g. downloads/x.json
    content: str | bytes


def generated_files(graph: Graph, edition: dict[str, str], directory_urls: bool) -> Iterator[GeneratedFile]:
    """Open data downloads and the data scripts the finder and quiz pages read."""
    from .anki import build_deck
    from .export import book_export, export_csv, export_json, export_schema, finder_script, quiz_script

    from .picture_questions import hidden_clues, picture_questions

    export = book_export(graph, edition, directory_urls)
    pictures = picture_questions(graph)
    yield GeneratedFile(f"downloads/{JSON_NAME}", export_json(export))
    yield GeneratedFile(f"downloads/{SCHEMA_NAME}", export_schema())
    yield GeneratedFile(f"downloads/{CSV_NAME}", export_csv(graph, edition["version"]))
    yield GeneratedFile(FINDER_SCRIPT, finder_script(export))
    yield GeneratedFile(QUIZ_SCRIPT, quiz_script(export, pictures, hidden_clues(graph)))
    # The copies of the drawings the picture questions show, with nothing in them naming the answer.
    for file, svg in {question.file: question.svg for question in pictures}.items():
        yield GeneratedFile(file, svg)
    yield GeneratedFile(f"downloads/{APKG_NAME}",
                        build_deck(graph, edition["version"], edition["date"], pictures))


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # docs-relative source path, e.g. entities/gout.md
    markdown: str
    source: str | None  # repository-relative data file behind the page, for "Edit this page"


def load_graph(data_dir: Path) -> Graph:
    """Load once per build; reload when a data file changes (for `mkdocs serve`)."""
    data_dir = data_dir.resolve()
    signature = _signature(data_dir)
    cached = _cache.get(data_dir)
    if cached is None or cached[0] != signature:
        _cache[data_dir] = (signature, Graph(load_book(data_dir)))
    return _cache[data_dir][1]


def _signature(data_dir: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                        for p in data_dir.rglob("*") if p.is_file()))


@dataclass(frozen=True)
class PagePlan:
    """A page to generate: where it goes and where it comes from now, its text when `render` runs."""
    path: str  # docs-relative source path, e.g. entities/gout.md
    source: str | None  # repository-relative data file behind the page, for "Edit this page"
    render: Callable[[], str]


def page_plans(graph: Graph, directory_urls: bool = True) -> list[PagePlan]:
    book = graph.book
    return [
        *(PagePlan(page_path("entity", entity_id), book.source_path("entities", entity_id),
                   partial(entity_page, graph, entity_id)) for entity_id in book.entities),
        *(PagePlan(page_path("differential", differential_id),
                   book.source_path("differentials", differential_id),
                   partial(differential_page, graph, differential_id)) for differential_id in book.differentials),
        *(PagePlan(page_path("flow", flow_id), book.source_path("flows", flow_id),
                   partial(flow_page, graph, flow_id, directory_urls)) for flow_id in book.flows),
        PagePlan(ENTITY_INDEX, None, partial(entity_index_page, graph)),
        PagePlan(FLOW_INDEX, None, partial(flow_index_page, graph)),
        *([PagePlan(GLOSSARY, "data/glossary.yml", partial(glossary_page, graph))] if book.glossary else []),
    ]


def generated_pages(graph: Graph, directory_urls: bool = True) -> Iterator[GeneratedPage]:
    for plan in page_plans(graph, directory_urls):
        yield GeneratedPage(plan.path, plan.render(), plan.source)


def generation_parts(graph: Graph, edition: dict[str, str], directory_urls: bool,
                     figures: Callable[[list[str]], dict[str, str]] | None = None) -> Iterator[object]:
    """What a build generates, in the order it needs it: the pages' text by path, the figures
    `figures` can make for their diagrams (by source), then the files."""
    pages = {plan.path: _rendered(plan) for plan in page_plans(graph, directory_urls)}
    yield pages
    yield figures([source for text in pages.values() for source in sources_in_markdown(text)]) if figures else {}
    yield list(generated_files(graph, edition, directory_urls))


def _rendered(plan: PagePlan) -> str:
    try:
        return plan.render()
    except Exception as error:
        # MkDocs names the first generated page it reads (which receives them all), whichever failed.
        error.add_note(f"while generating {plan.path} from {plan.source or 'data/'}")
        raise


def flows_nav(graph: Graph) -> list:
    """The navigation of the decision flows: their index, then each flow in order."""
    return [{"All decision flows": FLOW_INDEX},
            *({graph.book.flows[f].title: page_path("flow", f)} for f in graph.flow_order())]


def entities_nav(graph: Graph) -> list:
    """The A–Z index, then the entity pages in one section per initial letter.

    Every page carries the open sections of the navigation; letters keep that to a couple of dozen
    links however many entities the book grows to (a flat list made each page grow with the book).
    """
    entities = graph.book.entities
    ordered = sorted(entities, key=lambda e: (initial(entities[e].title), entities[e].title.casefold()))
    letters = groupby(ordered, key=lambda e: initial(entities[e].title))
    return [{"A–Z index": ENTITY_INDEX},
            *({letter: [{entities[e].title: page_path("entity", e)} for e in ids]}
              for letter, ids in letters)]


def nav_section(graph: Graph, differential_id: str) -> list:
    """The navigation under one list: its own page first, then each sub-list."""
    entries: list = [{"Overview": page_path("differential", differential_id)}]
    for child in graph.children(differential_id):
        title = graph.book.differentials[child].title
        if graph.children(child):
            entries.append({title: nav_section(graph, child)})
        else:
            entries.append({title: page_path("differential", child)})
    return entries
