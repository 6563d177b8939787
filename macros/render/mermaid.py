"""Mermaid diagrams as text: decision flows and time courses. Pure functions.

MkDocs does not rewrite links inside diagrams, so node links are written as the
final site URLs (which depend on `use_directory_urls`) and checked by the tests.
"""

from __future__ import annotations

import re

from ..flow_checks import reachable
from ..models import Flow, FlowNode, TimePoint
from .text import page_path, plain, served_url

# Mermaid reads these characters as syntax even inside quotes; its own entity codes are safe.
_MERMAID_ESCAPES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;",
                    "|": "#124;", "`": "#96;", "{": "#123;", "}": "#125;", "[": "#91;",
                    "]": "#93;", ";": "#59;"}


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
    lines = ["flowchart LR"]
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


def timeline(points: list[TimePoint], title: str) -> str:
    """`timeline` source for an evolving lesion (the myositis ossificans time course)."""
    lines = ["timeline", f"    title {_timeline_text(title)}"]
    for point in points:
        findings = " : ".join(_timeline_text(finding) for finding in point.findings)
        lines.append(f"    {_timeline_text(point.time)} : {findings}")
    return "\n".join(lines)


# Words the timeline grammar reads as a statement at the start of a line (case-insensitively).
_TIMELINE_KEYWORDS = ("timeline", "title", "section", "acctitle", "accdescr")
# U+2060 WORD JOINER: invisible, and not whitespace to mermaid's lexer, so the word is no keyword.
_NOT_A_KEYWORD = "\u2060"


def _timeline_text(text: str) -> str:
    # `:` separates events in timeline syntax; the rest is escaped as in any mermaid label. A line
    # starting with `%` and a `%%` are comments or directives: that `%` is written full-width (％).
    # A time that starts with a keyword would become a title or section (or break the diagram):
    # a word joiner keeps it a time.
    flat = mermaid_label(plain(text).replace(":", " –"))
    flat = re.sub(r"^%|%(?=%)", "\uff05", flat)
    if flat.split(" ")[0].casefold() in _TIMELINE_KEYWORDS:
        flat = _NOT_A_KEYWORD + flat
    return flat
