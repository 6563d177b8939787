"""Mermaid diagrams as text: the decision flows. Pure functions.

MkDocs does not rewrite links inside diagrams, so node links are written as the
final site URLs (which depend on `use_directory_urls`) and checked by the tests.
The build draws each source into SVG (macros/diagrams.py); the source also names the drawing for
screen readers (`accTitle`, `accDescr`), which `accessible_name` reads back exactly.
"""

from __future__ import annotations

import re

from ..flow_checks import reachable
from ..models import Flow, FlowNode
from .text import page_path, plain, served_url

# Mermaid reads these characters as syntax even inside quotes; its own entity codes are safe.
_MERMAID_ESCAPES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;",
                    "|": "#124;", "`": "#96;", "{": "#123;", "}": "#125;", "[": "#91;",
                    "]": "#93;", ";": "#59;"}
_MERMAID_UNESCAPES = {code: character for character, code in _MERMAID_ESCAPES.items()}
_ACCESSIBLE_NAME = ("accTitle", "accDescr")


def mermaid_label(text: str) -> str:
    """Text made safe inside a quoted mermaid label."""
    flat = " ".join(plain(text).split())
    return "".join(_MERMAID_ESCAPES.get(character, character) for character in flat)


def node_target(node: FlowNode) -> str | None:
    """The docs page an outcome leads to."""
    if node.entity:
        return page_path("entity", node.entity)
    if node.differential:
        return page_path("differential", node.differential)
    if node.flow:
        return page_path("flow", node.flow)
    return None


def flowchart(flow: Flow, page: str, directory_urls: bool) -> str:
    """`flowchart LR` source: questions as hexagons, outcomes as clickable rounded boxes.

    Left to right keeps a question's many answers stacked down the page, readable on a screen.
    """
    names = {node_id: f"n{index}" for index, node_id in enumerate(reachable(flow))}
    description = (f"{plain(flow.summary)} Questions are hexagons and answers label the arrows; each "
                   "rounded box links to its page. The same flow is written out in words below.")
    lines = ["flowchart LR",
             f"    accTitle: {mermaid_label('Decision flow: ' + plain(flow.title))}",
             f"    accDescr: {mermaid_label(description)}"]
    for node_id, name in names.items():
        node = flow.nodes[node_id]
        if node.question:
            lines.append(f'    {name}{{{{"{mermaid_label(node.question)}"}}}}')
        else:
            lines.append(f'    {name}("{mermaid_label(node.outcome or "")}")')
    for node_id, name in names.items():
        for answer in flow.nodes[node_id].answers:
            lines.append(f'    {name} -->|"{mermaid_label(answer.label)}"| {names[answer.to]}')
    for node_id, name in names.items():
        node = flow.nodes[node_id]
        target = node_target(node)
        if node.red_flag:
            target, fragment = page, "#safety-net"  # a red flag points at the safety net above
        else:
            fragment = ""
        if target:
            url = _from_root(page, target, directory_urls) + fragment
            lines.append(f'    click {name} href "{url}" "{mermaid_label(node.outcome or "")}"')
            lines.append(f"    class {name} outcome")
    return "\n".join(lines)


def _from_root(page: str, target: str, directory_urls: bool) -> str:
    """A link up to the site root and down to the target.

    The print page shows the same diagram at the same depth, where a shorter relative link between
    two flows would point nowhere.
    """
    depth = served_url(page, directory_urls).count("/")
    return "../" * depth + served_url(target, directory_urls)


def text_version(flow: Flow) -> list[tuple[int, str, str, FlowNode]]:
    """The flow as an indented outline: (depth, answer leading here, node id, node).

    A node reached a second time is listed again without its subtree, so the outline stays finite.
    """
    rows: list[tuple[int, str, str, FlowNode]] = []
    expanded: set[str] = set()

    def walk(node_id: str, depth: int, via: str) -> None:
        rows.append((depth, via, node_id, flow.nodes[node_id]))
        if node_id in expanded:
            return
        expanded.add(node_id)
        for answer in flow.nodes[node_id].answers:
            walk(answer.to, depth + 1, answer.label)

    walk(flow.start, 0, "")
    return rows


def accessible_name(source: str) -> tuple[str, str]:
    """The (title, description) a diagram's source gives itself, as plain text.

    Mermaid rewrites these on its way (it drops what looks like markup); the build names the drawing
    with the exact text instead.
    """
    found = {}
    for line in source.splitlines():
        keyword, _, value = line.strip().partition(":")
        if keyword in _ACCESSIBLE_NAME and keyword not in found:
            found[keyword] = _unescape(value.strip())
    return found.get("accTitle", "Diagram"), found.get("accDescr", "")


def _unescape(label: str) -> str:
    return re.sub(r"#\w+;", lambda match: _MERMAID_UNESCAPES.get(match.group(), match.group()), label)
