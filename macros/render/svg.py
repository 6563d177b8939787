"""Mermaid's SVG made fit to sit inside a page. Pure: SVG text in, SVG text out.

The drawing is inlined in the page (links inside it must stay links), so it is held to an allow-list:
only elements that draw, only attributes that place or name them, links only to pages of the book,
`url(#…)` only to the drawing's own markers. Anything else — a script, an event handler, a
`<foreignObject>` (mermaid's HTML labels, which the build turns off), a link with a scheme — is
refused, not stripped: it would mean the escaping upstream failed, and the build must say so.

Mermaid's own `<style>` (hard-coded colours) and its drop-shadow filters are dropped: the book's
stylesheet colours the drawing with the theme's variables, so it follows the light and dark schemes
and prints. Numbers are rounded and attributes nothing reads are dropped: the SVG is part of every
download of its page.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from urllib.parse import urlsplit

from defusedxml.ElementTree import fromstring

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
ElementTree.register_namespace("", SVG)

# Drawing, grouping, text and a link: everything a flowchart needs.
_ELEMENTS = {"svg", "g", "a", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
             "text", "tspan", "marker", "defs", "title", "desc"}
# Dropped with their content: colours the stylesheet sets instead, unused drop shadows and gradients.
_DROPPED_ELEMENTS = {"style", "filter", "linearGradient"}
_GEOMETRY = {"x", "y", "dx", "dy", "width", "height", "d", "points", "cx", "cy", "r", "rx", "ry",
             "x1", "y1", "x2", "y2", "transform", "viewBox", "refX", "refY", "markerWidth",
             "markerHeight"}
_ATTRIBUTES = _GEOMETRY | {"id", "class", "markerUnits", "orient", "text-anchor", "font-weight",
                           "font-style", "marker-start", "marker-end", "role", "aria-roledescription",
                           "aria-labelledby", "aria-describedby", "href"}
# Written by mermaid but read by nothing once the drawing is inlined (its `title` attribute repeats
# the link's text; `style` holds stroke widths and colours the stylesheet sets).
_DROPPED_ATTRIBUTES = {"style", "title"}
_DEFAULT_VALUES = {("font-style", "normal"), ("font-weight", "normal")}
_DROPPED_CLASSES = {"text-inner-tspan"}
_LOCAL_URL = re.compile(r"url\(#([A-Za-z][\w-]*)\)")
_NUMBER = re.compile(r"-?(?:\d+\.\d*|\.\d+)(?:[eE]-?\d+)?")
# Mermaid turns a label's `#35;` into `&#35;` and `#quot;` into `&quot;`, then writes them into SVG
# text, where they would show as written: decoded once here (an author's own `&` arrives as `&`).
_UNDECODED = re.compile(r"&(#\d+|quot);")


class UnsafeDiagram(ValueError):
    """The SVG holds something that is not drawing: refused."""


@dataclass(frozen=True)
class InlineSvg:
    markup: str
    width: float
    height: float


def inline_svg(raw: str, title: str, description: str) -> InlineSvg:
    """The drawing, checked against the allow-list and tidied, named by `title` and `description`."""
    root = fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    if root.tag != f"{{{SVG}}}svg":
        raise UnsafeDiagram(f"not an SVG drawing: <{root.tag}>")
    _check(root)
    _tidy(root)
    width, height = _size(root)
    root.attrib.pop("width", None)
    _name(root, title, description)
    _drop_unreferenced_ids(root)
    root.set("width", _number(width))
    root.set("height", _number(height))
    _break_lines(root)
    return InlineSvg(ElementTree.tostring(root, encoding="unicode", short_empty_elements=False), width, height)


def _local(tag: str) -> str:
    namespace, _, name = tag.rpartition("}")
    if namespace and namespace != "{" + SVG:
        raise UnsafeDiagram(f"element <{tag}> is not SVG")
    return name


def _check(element) -> None:
    """Refuse anything outside the allow-list, in any element of the drawing."""
    for child in list(element):
        name = _local(child.tag)
        if name in _DROPPED_ELEMENTS:
            element.remove(child)
            continue
        if name not in _ELEMENTS:
            raise UnsafeDiagram(f"element <{name}> is not allowed in a diagram")
        _check(child)
    for attribute, value in list(element.attrib.items()):
        name = "href" if attribute == f"{{{XLINK}}}href" else attribute
        if name.lower().startswith("on"):
            raise UnsafeDiagram(f"event handler {name}= is not allowed in a diagram")
        del element.attrib[attribute]
        if name in _DROPPED_ATTRIBUTES or name.startswith("data-") or name == "xmlns":
            continue
        if name not in _ATTRIBUTES:
            raise UnsafeDiagram(f"attribute {name}= is not allowed in a diagram")
        if name == "href":
            _check_link(_local(element.tag), value)
        elif "url(" in value.lower() and not _LOCAL_URL.fullmatch(value):
            raise UnsafeDiagram(f"{name}='{value}': only url(#id) of the drawing itself is allowed")
        element.set(name, value)


def _check_link(element: str, href: str) -> None:
    """A node links to a page of the book: a relative address, never a scheme or another host."""
    parts = urlsplit(href)
    if element != "a" or parts.scheme or parts.netloc or href.startswith(("/", "\\")) or "\\" in href:
        raise UnsafeDiagram(f"link '{href}' on <{element}>: only relative links to the book's pages")


def _tidy(element) -> None:
    """Round numbers, drop default values and empty shapes, decode label characters, and unwrap
    bare <tspan>s."""
    if _local(element.tag) in ("text", "tspan"):
        element.text = _decoded(element.text)
    if element.tail and _local(element.tag) == "tspan":
        element.tail = _decoded(element.tail)
    for attribute, value in list(element.attrib.items()):
        if (attribute, value) in _DEFAULT_VALUES or (attribute == "class" and value in _DROPPED_CLASSES):
            del element.attrib[attribute]
        elif attribute == "class":
            element.set(attribute, " ".join(dict.fromkeys(value.split())))
        elif attribute in _GEOMETRY:
            element.set(attribute, _NUMBER.sub(lambda match: _number(float(match.group())), value))
    for child in list(element):
        _tidy(child)
        name = _local(child.tag)
        if name == "rect" and not (child.get("width") and child.get("height")):
            element.remove(child)  # mermaid leaves unsized placeholder rectangles: they draw nothing
        elif name in ("g", "defs") and not len(child) and not child.attrib:
            element.remove(child)
    _unwrap_bare_spans(element)


def _decoded(text: str | None) -> str | None:
    return text and _UNDECODED.sub(lambda match: html.unescape(match.group()), text)


def _unwrap_bare_spans(element) -> None:
    """A <tspan> with no attribute left is only text: merge it into its parent."""
    index = 0
    while index < len(element):
        child = element[index]
        if _local(child.tag) != "tspan" or child.attrib or len(child):
            index += 1
            continue
        text = (child.text or "") + (child.tail or "")
        if index:
            previous = element[index - 1]
            previous.tail = (previous.tail or "") + text
        else:
            element.text = (element.text or "") + text
        element.remove(child)


def _size(root) -> tuple[float, float]:
    try:
        _, _, width, height = (float(part) for part in root.get("viewBox", "").replace(",", " ").split())
    except ValueError:
        raise UnsafeDiagram("the drawing has no viewBox") from None
    return width, height


def _name(root, title: str, description: str) -> None:
    """The accessible name and description, as the first children, whatever mermaid wrote."""
    identifier = root.get("id") or "diagram"
    for child in list(root):
        if _local(child.tag) in ("title", "desc"):
            root.remove(child)
    title_element = ElementTree.Element(f"{{{SVG}}}title", id=f"{identifier}-title")
    title_element.text = title
    desc_element = ElementTree.Element(f"{{{SVG}}}desc", id=f"{identifier}-desc")
    desc_element.text = description
    root.insert(0, desc_element)
    root.insert(0, title_element)
    root.set("aria-labelledby", f"{identifier}-title")
    root.set("aria-describedby", f"{identifier}-desc")


def _drop_unreferenced_ids(root) -> None:
    """Keep the ids something points at (markers, the name) and the markers in use; mermaid's other
    ids would only risk clashing with the page's anchors."""
    referenced = {root.get("id")}
    for element in root.iter():
        for attribute, value in element.attrib.items():
            if attribute in ("aria-labelledby", "aria-describedby"):
                referenced.update(value.split())
            referenced.update(_LOCAL_URL.findall(value))
    missing = referenced - {element.get("id") for element in root.iter()}
    if missing:
        raise UnsafeDiagram(f"the drawing refers to #{sorted(missing)[0]}, which it does not hold")
    for element in root.iter():
        if element.get("id") not in referenced:
            element.attrib.pop("id", None)
    for parent in root.iter():
        for child in list(parent):
            if _local(child.tag) == "marker" and "id" not in child.attrib:
                parent.remove(child)  # an arrowhead no edge uses


def _break_lines(element) -> None:
    """One element a line, outside text: short lines keep line-based regular expressions downstream
    (the print plugin's, which scan a line from each `<`) from taking quadratic time."""
    if _local(element.tag) in ("text", "title", "desc"):
        return
    for child in element:
        child.tail = "\n"
        _break_lines(child)
    if len(element):
        element.text = "\n"


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
