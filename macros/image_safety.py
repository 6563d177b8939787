"""Is an image a contributor added safe to publish? Pure checks of its path and of its bytes.

An SVG is a program as much as a picture: opened by its own URL it runs its scripts and event
handlers, loads what it references, and `<foreignObject>` embeds HTML. So an SVG is parsed with a
hardened XML parser (defusedxml: no DTD, no entities, no external fetch) and refused when it holds
anything but drawing. A PNG, JPEG or WebP must really be one (its first bytes say so), so a browser
never guesses another type from a misnamed file. And the path must stay a plain file inside docs/.

Each check returns `ImageFault`s (what is wrong, what to do); macros/references.py places them on the
`file:` line of the entity that names the image.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path, PurePosixPath
from xml.sax import SAXException, SAXParseException
from xml.sax.handler import ContentHandler

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.expatreader import DefusedExpatParser

from .image_size import size_of

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
# A schematic is a few kilobytes, a radiograph a few hundred: anything far larger is a mistake, and
# a parser should not be handed it.
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_FAULTS_PER_IMAGE = 10

# The first bytes of each raster format, by the extensions the models accept.
_MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}
# Elements that run code or embed another document.
_ACTIVE_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
# Animation elements can rewrite an attribute (an href, an event handler) after the checks.
_ANIMATIONS = {"set", "animate", "animatetransform", "animatemotion", "animatecolor"}
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
# CSS that loads something without url(…), and escapes that could spell any of it in disguise.
_CSS_LOADS = re.compile(r"@import|image-set\(|\bsrc\(|\\", re.IGNORECASE)

_CLEAN_SVG_HINT = ("save it again as a plain drawing (Inkscape: Save As › Optimized SVG or Plain SVG) "
                   "or as PNG; images here are pictures, not programs or pages")


@dataclass(frozen=True)
class ImageFault:
    message: str
    hint: str


def image_faults(docs_dir: Path, relative: str) -> list[ImageFault]:
    """Everything wrong with the image `docs/<relative>`: its path first, then its content."""
    if fault := path_fault(docs_dir, relative):
        return [fault]
    path = docs_dir / relative
    if not path.exists():
        return [ImageFault(f"image file 'docs/{relative}' not found",
                           "add the file under docs/assets/images/ or correct the path")]
    if not path.is_file():
        return [ImageFault(f"image 'docs/{relative}' is not a regular file",
                           "put the image file itself at this path")]
    stat = path.stat()
    if stat.st_size > MAX_IMAGE_BYTES:
        return [ImageFault(f"image 'docs/{relative}' is larger than {MAX_IMAGE_BYTES // 2**20} MB",
                           "export it smaller (a web image needs well under 1 MB)")]
    faults = _content_faults(path.read_bytes(), path.suffix.lower())
    return [ImageFault(f"image 'docs/{relative}': {fault.message}", fault.hint) for fault in faults]


@lru_cache(maxsize=256)
def _content_faults(data: bytes, suffix: str) -> tuple[ImageFault, ...]:
    # Asked by the data's pictures and again by the check of every file in docs/: the same bytes are
    # parsed once (keyed by the content itself, so an edited file is always checked again).
    faults = svg_faults(data) if suffix == ".svg" else [fault for fault in [raster_fault(data, suffix)]
                                                        if fault]
    if not faults and size_of(data, suffix) is None:
        # Pages give every picture its width and height, so that nothing moves when it arrives.
        faults = [ImageFault("its width and height cannot be read",
                             "give the <svg> a viewBox (or width and height), or export the image again")]
    return tuple(faults)


def path_fault(docs_dir: Path, relative: str) -> ImageFault | None:
    """A path that leaves docs/ or passes through a symlink publishes a file nobody reviewed."""
    parts = PurePosixPath(relative).parts
    if relative.startswith("/") or any(part in ("..", ".") for part in relative.split("/")):
        return ImageFault(f"image path '{relative}' climbs out of its folder ('..' or '.' in it)",
                          "write the path from docs/ straight down, e.g. assets/images/aunt-minnie/gout.svg")
    current = docs_dir
    for part in parts:
        current = current / part
        if current.is_symlink():
            return ImageFault(f"image path 'docs/{relative}' goes through a symlink "
                              f"('docs/{current.relative_to(docs_dir).as_posix()}')",
                              "put the image file itself under docs/assets/images/, not a link to it")
    return None


def raster_fault(data: bytes, suffix: str) -> ImageFault | None:
    """A PNG, JPEG or WebP whose first bytes are not those of its format."""
    if suffix == ".webp":
        matches = data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    elif suffix in _MAGIC:
        matches = data.startswith(_MAGIC[suffix])
    else:
        return ImageFault(f"'{suffix}' is not an image type the book publishes",
                          "use .svg, .png, .jpg, .jpeg or .webp")
    if matches:
        return None
    return ImageFault(f"the file is not a {suffix.lstrip('.').upper()} image (its first bytes say otherwise)",
                      f"export the picture as a real {suffix} file, or give it the extension of its format")


def svg_faults(data: bytes) -> list[ImageFault]:
    """Everything in an SVG that is not drawing: script, handlers, embedded pages, outside references,
    DTDs and entities, style sheets; or an SVG that is not well-formed XML."""
    handler = _SvgInspector()
    parser = DefusedExpatParser(namespaceHandling=1, forbid_dtd=True, forbid_entities=True,
                                forbid_external=True)
    parser.setContentHandler(handler)
    try:
        parser.parse(BytesIO(data))  # parse(), not feed(): it hands the handler a locator (SVG lines)
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden):
        handler.add("it has a DOCTYPE or entity declarations, which can pull in other files",
                    "delete the <!DOCTYPE …> and <!ENTITY …> lines; " + _CLEAN_SVG_HINT)
    except DefusedXmlException as error:
        handler.add(f"refused by the XML parser ({type(error).__name__})", _CLEAN_SVG_HINT)
    except SAXParseException as error:
        handler.add(f"line {error.getLineNumber()}: not well-formed XML ({error.getMessage()})",
                    "open it in an SVG editor or a browser to find the mistake, then save it again")
    except SAXException as error:
        handler.add(f"not readable as XML ({error.getMessage()})", _CLEAN_SVG_HINT)
    else:
        if handler.root is None or handler.root != (SVG_NAMESPACE, "svg"):
            handler.add("it is not an SVG drawing (its root element must be <svg "
                        f"xmlns=\"{SVG_NAMESPACE}\">)", "export the picture as SVG from a drawing program")
    return handler.faults[:MAX_FAULTS_PER_IMAGE]


class _SvgInspector(ContentHandler):
    """Collects, with their SVG line, the faults of an SVG while it is parsed."""

    def __init__(self) -> None:
        super().__init__()
        self.faults: list[ImageFault] = []
        self.root: tuple[str | None, str] | None = None
        self._locator = None
        self._style_depth = 0
        self._style_text: list[str] = []

    def add(self, message: str, hint: str) -> None:
        fault = ImageFault(message, hint)
        if fault not in self.faults:
            self.faults.append(fault)

    def setDocumentLocator(self, locator) -> None:  # noqa: N802 (SAX's name)
        self._locator = locator

    def _line(self) -> str:
        return f"line {self._locator.getLineNumber()}: " if self._locator else ""

    def processingInstruction(self, target: str, data: str) -> None:  # noqa: N802
        # <?xml-stylesheet href="…"?> loads a style sheet from elsewhere.
        self.add(f"{self._line()}processing instruction <?{target} …?> is not allowed",
                 f"delete the <?{target} …?> line; " + _CLEAN_SVG_HINT)

    def startElementNS(self, name, qname, attributes) -> None:  # noqa: N802
        namespace, local = name
        if self.root is None:
            self.root = (namespace, local)
        element = local.lower()
        if element in _ACTIVE_ELEMENTS or namespace == XHTML_NAMESPACE:
            self.add(f"{self._line()}<{local}> is not allowed (it can run code or embed a page)",
                     f"remove the <{local}> element; " + _CLEAN_SVG_HINT)
        if element == "style":
            self._style_depth += 1
        for (attribute_namespace, attribute), value in attributes.items():
            self._check_attribute(element, attribute_namespace, attribute, value)

    def endElementNS(self, name, qname) -> None:  # noqa: N802
        if name[1].lower() == "style" and self._style_depth:
            self._style_depth -= 1
            if not self._style_depth:
                self._check_css("".join(self._style_text), "<style>")
                self._style_text = []

    def characters(self, content: str) -> None:
        if self._style_depth:
            self._style_text.append(content)

    def _check_attribute(self, element: str, namespace: str | None, attribute: str, value: str) -> None:
        name = attribute.lower()
        if name.startswith("on"):
            self.add(f"{self._line()}event handler attribute '{attribute}' is not allowed (it runs code)",
                     f"remove the {attribute}=\"…\" attribute; " + _CLEAN_SVG_HINT)
        elif name in ("href", "base") and not value.strip().startswith("#"):
            # href / xlink:href / xml:base: only a reference inside this same drawing ('#id') is safe.
            self.add(f"{self._line()}{attribute}=\"{_shorten(value)}\" points outside the drawing",
                     "draw or embed the referenced part in this SVG and refer to it as '#id'; "
                     "images here load nothing else")
        elif name == "attributename" and element in _ANIMATIONS and (
                value.lower().split(":")[-1] in ("href", "base") or value.lower().startswith("on")):
            self.add(f"{self._line()}<{element}> rewrites '{value}', which can turn into a link or code",
                     "remove this animation; " + _CLEAN_SVG_HINT)
        elif namespace is None:
            # Attributes without a namespace are SVG's own; many (fill, filter, style …) are CSS.
            # Editors' own attributes (inkscape:…, sodipodi:…) mean nothing to a browser.
            self._check_css(value, f"attribute '{attribute}'")

    def _check_css(self, text: str, where: str) -> None:
        for match in _CSS_URL.finditer(text):
            if not match.group(2).strip().startswith("#"):
                self.add(f"{self._line()}{where} loads url({_shorten(match.group(2))})",
                         "refer only to parts of this drawing, as url(#id); images here load nothing else")
        if loads := _CSS_LOADS.search(text):
            self.add(f"{self._line()}{where} uses '{loads.group(0)}' in CSS, which can load other files",
                     "remove it: style the drawing with plain properties and url(#id) only")


def _shorten(value: str, limit: int = 60) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"
