"""Pure renderers: validated data in, Markdown out. No MkDocs imports here."""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..graph import Graph
from ..image_size import image_size
from ..template_cache import compiled_template_cache
from ..finder import BY_FIELD, FINDER_PAGE, finder_query, value_words
from .text import front_matter, markdown_text, page_path, plain, prose, relative_link, table_cell

TEMPLATES = Path(__file__).parent / "templates"
# A page's first drawing up to this size is written into the page itself (see PageContext.image).
EMBEDDED_DRAWING_BYTES = 8 * 1024

LABELS = {
    "radiograph": "Radiograph",
    "ct": "CT",
    "mri": "MRI",
    "ultrasound": "Ultrasound",
    "nuclear": "Nuclear medicine",
}


CODE_SYSTEMS = {
    "icd10": "ICD-10 (WHO)",
    "icd10cm": "ICD-10-CM",
    "hpo": "HPO",
    "orphanet": "Orphanet",
    "omim": "OMIM",
}

# Each system's public browser. ICD-10-CM has no official per-code page, so it is shown unlinked.
CODE_BROWSERS = {
    "icd10": "https://icd.who.int/browse10/2019/en#/{code}",
    "hpo": "https://hpo.jax.org/browse/term/{code}",
    "orphanet": "https://www.orpha.net/en/disease/detail/{number}",
    "omim": "https://omim.org/entry/{code}",
}


def code_link(system: str, code: str) -> str | None:
    template = CODE_BROWSERS.get(system)
    return template.format(code=code, number=code.split(":")[-1]) if template else None


@lru_cache(maxsize=1)
def environment() -> Environment:
    # StrictUndefined: a typo in a template fails the build instead of printing nothing.
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # Markdown output: text is escaped by the `prose` filter instead
        # `{#id}` is Markdown's heading-id syntax, so Jinja comments use another marker.
        comment_start_string="{##",
        comment_end_string="##}",
        bytecode_cache=compiled_template_cache(),
    )
    env.filters["cell"] = table_cell
    env.filters["text"] = markdown_text
    env.globals["front_matter"] = front_matter
    env.filters["humanise"] = humanise
    env.filters["plain_text"] = plain
    env.filters["words"] = value_words
    env.globals["modality_labels"] = LABELS
    env.globals["code_systems"] = CODE_SYSTEMS
    env.globals["code_link"] = code_link
    return env


def humanise(value: str) -> str:
    """'heterotopic-ossification' -> 'Heterotopic ossification'."""
    text = str(value).replace("-", " ")
    return text[:1].upper() + text[1:]


class PageContext:
    """What a template needs to write links and prose from one page's point of view."""

    def __init__(self, graph: Graph, page: str):
        self.graph = graph
        self.book = graph.book
        self.page = page
        self.titles = graph.titles

    def prose(self, text: str) -> str:
        return prose(text, self.page, self.titles)

    def plain(self, text: str) -> str:
        """Prose without link markup, with entity titles for `[[id]]`: for descriptions and tooltips."""
        return plain(text, self.titles)

    def image(self, image, lazy: bool = True) -> str:
        """Markdown for an image, its path relative to this page (MkDocs checks it exists), with its
        size so the page does not shift when it arrives.

        The first image of a page is often the largest thing a phone shows first: it is fetched
        first, not lazily, and a small drawing is written into the page as a `data:` address. A
        drawing in its own file is painted only after Material's script has run (the frame after
        the page is parsed), which on a phone puts the page's largest paint seconds late.
        """
        alt = markdown_text(image.alt)
        size = image_size(self.book.docs_dir / image.file) if self.book.docs_dir else None
        attributes = ["loading=lazy"] if lazy else ["fetchpriority=high"]
        attributes += [f'width="{size[0]}"', f'height="{size[1]}"'] if size else []
        suffix = f"{{ {' '.join(attributes)} }}" if attributes else ""
        embedded = None if lazy else self._embedded_drawing(image.file)
        return f"![{alt}]({embedded or self.link_to(image.file)}){suffix}"

    def _embedded_drawing(self, file: str) -> str | None:
        """A small SVG drawing as a `data:` address (base64: no character of it means anything to
        Markdown); its file was checked like every image (macros/image_safety.py), and in an `<img>`
        a drawing runs nothing."""
        path = self.book.docs_dir / file if self.book.docs_dir else None
        if path is None or path.suffix != ".svg" or path.stat().st_size > EMBEDDED_DRAWING_BYTES:
            return None
        return "data:image/svg+xml;base64," + base64.b64encode(path.read_bytes()).decode("ascii")

    def drawing_size(self, file: str) -> tuple[int, int]:
        """A drawing's width and height, for a tile that must not move when it arrives: a drawing
        whose size cannot be read fails the build rather than shift the page."""
        size = image_size(self.book.docs_dir / file) if self.book.docs_dir else None
        if size is None:
            raise ValueError(f"cannot read the width and height of docs/{file}")
        return size

    def join_prose(self, texts: list[str], separator: str = "; ") -> str:
        return separator.join(self.prose(text) for text in texts)

    def entity_url(self, entity_id: str) -> str:
        return relative_link(self.page, page_path("entity", entity_id))

    def differential_url(self, differential_id: str) -> str:
        return relative_link(self.page, page_path("differential", differential_id))

    def finder_url(self) -> str:
        return relative_link(self.page, FINDER_PAGE)

    def link_to(self, url: str) -> str:
        return relative_link(self.page, url)

    def finder_link(self, field: str, value: str) -> str:
        """The value of a facet or serum field, linked to the finder with it chosen."""
        query = finder_query(**{BY_FIELD[field].name: value})
        return f"[{value_words(value)}]({self.finder_url()}{query})"

    def drawing_url(self, drawing) -> str:
        """Where a shape's or site's drawing leads (macros/pictures.py): the list of entities that
        pictures it, at its group; the finder with the value chosen when only an index of sub-lists
        pictures it (amorphous, muscle: no list of their own)."""
        if drawing.own_list:
            return self.differential_url(drawing.differential) + drawing.anchor
        return self.drawing_finder_url(drawing)

    def drawing_finder_url(self, drawing) -> str:
        """The finder with the drawing's shape or site chosen."""
        return self.finder_url() + finder_query(**{BY_FIELD[drawing.field].name: drawing.value})

    def drawing_list_name(self, drawing) -> str:
        """The list a drawing opens, as a link reads: 'Some characteristic shapes: Reticulated'."""
        differential = self.book.differentials[drawing.differential]
        if drawing.group is None:
            return differential.title
        return f"{differential.title}: {differential.groups[drawing.group - 1].label}"

    def entity_link(self, entity_id: str, label: str | None = None) -> str:
        shown = markdown_text(label or self.titles[entity_id])
        return f"[{shown}]({self.entity_url(entity_id)})"

    def item_names(self, entity_id: str, label: str | None) -> tuple[str, str | None]:
        """(link text, the entity's title to add in brackets or None) for a list item.

        A list may word an entry its own way ("Guinea worm"); the entity's title follows in brackets
        unless one name already holds the other: "Guinea worm (Dracunculiasis (Guinea worm))" and
        "Alkaptonuria (ochronosis) (Alkaptonuria)" say a name twice. Then the longer one is shown.
        """
        title = self.titles[entity_id]
        if not label or label == title:
            return title, None
        if _holds_words(title, label):
            return title, None
        if _holds_words(label, title):
            return label, None
        return label, title

    def appearance_details(self, entity_id: str, differential_id: str) -> str:
        """How a list words an entity: 'Arterial: Atheroma (note)'; '' when plainly listed."""
        details = []
        for appearance in self.graph.appearances_of_entity(entity_id):
            if appearance.differential != differential_id:
                continue
            heading = ": ".join(self.prose(part) for part in
                                (appearance.group, appearance.item.label) if part)
            note = f"({self.prose(appearance.item.note)})" if appearance.item.note else ""
            details.append(" ".join(part for part in (heading, note) if part))
        return "; ".join(detail for detail in details if detail)

    def flow_link(self, flow_id: str, label: str | None = None) -> str:
        shown = markdown_text(label or self.book.flows[flow_id].title)
        return f"[{shown}]({relative_link(self.page, page_path('flow', flow_id))})"

    def outcome_link(self, node) -> str:
        """A flow outcome as a link to the page it leads to."""
        if node.entity:
            return self.entity_link(node.entity, node.outcome)
        if node.differential:
            return self.differential_link(node.differential, node.outcome)
        if node.red_flag:
            # A red flag leaves the flow: it points at the safety net at the top of the same page.
            return f"[{markdown_text(node.outcome)}](#safety-net)"
        return self.flow_link(node.flow, node.outcome)

    def differential_link(self, differential_id: str, label: str | None = None) -> str:
        shown = markdown_text(label or self.book.differentials[differential_id].title)
        return f"[{shown}]({self.differential_url(differential_id)})"


def _holds_words(text: str, words: str) -> bool:
    """'Dracunculiasis (Guinea worm)' holds 'Guinea worm'; 'Post-traumatic' does not hold 'Trauma'."""
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text, re.IGNORECASE) is not None


def render(template: str, graph: Graph, page: str, **values) -> str:
    return environment().get_template(template).render(ctx=PageContext(graph, page), **values)
