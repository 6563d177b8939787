"""Images a contributor adds: an SVG holds drawing only, a raster file is what its name says, and the
path stays a plain file inside docs/ (macros/image_safety.py, reported by the loader with file:line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.image_safety import image_faults, path_fault, raster_fault, svg_faults
from macros.loader import load_book
from macros.problems import DataError

ROOT = Path(__file__).resolve().parent.parent
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
CLEAN_SVG = (f'<?xml version="1.0" encoding="UTF-8"?>\n{SVG_OPEN}\n'
             '<defs><linearGradient id="g"><stop offset="0"/></linearGradient>'
             '<marker id="m"><path d="M0 0L1 1"/></marker></defs>\n'
             '<style>.bone { fill: url(#g); stroke: #333 }</style>\n'
             '<path class="bone" d="M0 0 L10 10" marker-end="url(#m)" style="fill: url( \'#g\' )"/>\n'
             '<use href="#m"/><use xlink:href="#m"/><a href="#m"><text>a &lt; b &amp; c</text></a>\n'
             '<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>\n'
             '</svg>\n')


def _svg(body: str) -> bytes:
    return f"{SVG_OPEN}\n{body}\n</svg>".encode()


def test_a_clean_drawing_passes():
    assert svg_faults(CLEAN_SVG.encode()) == []


# Any picture anywhere in docs/ is published as it is: each passes the checks a data image passes.
PICTURE_SUFFIXES = {".svg", ".svgz", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".ico", ".bmp", ".avif",
                    ".tif", ".tiff", ".xbm"}


def test_every_image_in_the_book_passes():
    docs = ROOT / "docs"
    images = sorted({*(docs / "assets" / "images").rglob("*.*"),
                     *(path for path in docs.rglob("*") if path.suffix.lower() in PICTURE_SUFFIXES)})
    assert len(images) >= 70
    assert {image.relative_to(docs).as_posix(): image_faults(docs, image.relative_to(docs).as_posix())
            for image in images} == {image.relative_to(docs).as_posix(): [] for image in images}


# Each bad SVG and a word its first fault must name: what is wrong, where in the SVG.
BAD_SVGS = {
    "script": (_svg('<script>alert(1)</script>'), "line 2: <script> is not allowed"),
    "script-in-other-case": (_svg('<SCRIPT>alert(1)</SCRIPT>'), "<SCRIPT> is not allowed"),
    "script-in-xhtml": (_svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'),
                        "<script> is not allowed"),
    "xhtml-element": (_svg('<h:img xmlns:h="http://www.w3.org/1999/xhtml" src="x"/>'), "<img> is not allowed"),
    "onload": (_svg('<rect onload="alert(1)"/>'), "event handler attribute 'onload'"),
    "onclick-upper": (_svg('<rect ONCLICK="alert(1)"/>'), "event handler attribute 'ONCLICK'"),
    "handler-on-root": (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "'onload'"),
    "foreign-object": (_svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div>'
                            '</foreignObject>'), "<foreignObject> is not allowed"),
    "iframe": (_svg('<iframe src="https://example.org"/>'), "<iframe> is not allowed"),
    "href-javascript": (_svg('<a href="javascript:alert(1)"><text>x</text></a>'), "points outside"),
    "xlink-href-remote": (_svg('<image xlink:href="https://example.org/x.png"/>'), "points outside"),
    "href-data": (_svg('<image href="data:image/svg+xml;base64,PHN2Zy8+"/>'), "points outside"),
    "href-file": (_svg('<use href="other.svg#part"/>'), "points outside"),
    "xml-base": (_svg('<g xml:base="https://example.org/"><use href="#a"/></g>'), "points outside"),
    "fill-url-remote": (_svg('<rect fill="url(https://example.org/p.svg#x)"/>'), "loads url(https://"),
    "style-url-remote": (_svg('<rect style="background: url(\'//example.org/t.png\')"/>'), "loads url("),
    "style-element-url": (_svg('<style>rect { fill: url("https://example.org/#x") }</style>'),
                          "<style> loads url("),
    "style-import": (_svg('<style>@import "https://example.org/x.css";</style>'), "'@import'"),
    "style-import-cdata": (_svg('<style><![CDATA[ @IMPORT url(#ok); ]]></style>'), "'@IMPORT'"),
    "css-escape": (_svg('<rect style="fill: \\75 rl(https://example.org/x)"/>'), "'\\'"),
    "image-set": (_svg('<rect style="fill: image-set(\'https://example.org/x.png\' 1x)"/>'),
                  "'image-set('"),
    "animate-href": (_svg('<a href="#x"><set attributeName="href" to="javascript:alert(1)"/>'
                          '<text>x</text></a>'), "<set> rewrites 'href'"),
    "animate-xlink-href": (_svg('<a><animate attributeName="xlink:href" values="javascript:alert(1)"/></a>'),
                           "rewrites 'xlink:href'"),
    "doctype": (b'<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
                b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' + _svg(""), "DOCTYPE"),
    "entity-bomb": (b'<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n'
                    + _svg("<text>&b;</text>"), "DOCTYPE or entity"),
    "external-entity": (b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n' + _svg("<text>&x;</text>"),
                        "DOCTYPE or entity"),
    "xml-stylesheet": (b'<?xml version="1.0"?>\n<?xml-stylesheet href="https://example.org/x.css"?>\n'
                       + _svg(""), "line 2: processing instruction <?xml-stylesheet"),
    "not-well-formed": (_svg('<rect width="1">'), "not well-formed XML"),
    "unbound-prefix": (_svg('<rect xlink:href="#a" foo:bar="1"/>'), "not well-formed XML"),
    "empty": (b"", "not well-formed XML"),
    "not-svg-root": (b'<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "not allowed"),
    "svg-without-namespace": (b'<svg viewBox="0 0 1 1"><rect/></svg>', "not an SVG drawing"),
    "html-named-svg": (b'<!doctype html><script>alert(1)</script>', "not well-formed"),
}


@pytest.mark.parametrize("name", BAD_SVGS)
def test_a_bad_svg_is_refused_saying_what_is_wrong_and_what_to_do(name):
    data, expected = BAD_SVGS[name]
    faults = svg_faults(data)
    assert faults, name
    assert expected in faults[0].message, faults
    assert all(fault.hint for fault in faults)


def test_every_fault_of_an_svg_is_reported_once():
    faults = svg_faults(_svg('<script>1</script><script>1</script><rect onclick="x" fill="url(http://a/)"/>'))
    assert [fault.message.split(": ", 1)[1].split(" ", 1)[0] for fault in faults] == [
        "<script>", "event", "attribute"]


RASTERS = {
    ".png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 16,
    ".jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 16,
    ".jpeg": b"\xff\xd8\xff\xdb" + b"\x00" * 16,
    ".webp": b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 8,
}


@pytest.mark.parametrize("suffix", RASTERS)
def test_raster_files_must_be_what_their_extension_says(suffix):
    assert raster_fault(RASTERS[suffix], suffix) is None
    jpeg = {".jpg", ".jpeg"}
    for other, data in RASTERS.items():
        if other != suffix and not {other, suffix} <= jpeg:
            assert f"not a {suffix[1:].upper()} image" in raster_fault(data, suffix).message
    assert raster_fault(_svg("<script>alert(1)</script>"), suffix) is not None
    assert raster_fault(b"", suffix) is not None


@pytest.mark.parametrize("path", ["assets/images/../../mkdocs.yml.png", "assets/images/./x.png",
                                  "assets/images/a/../x.png", "/etc/x.png", "../x.png"])
def test_a_path_that_climbs_out_is_refused(tmp_path, path):
    fault = path_fault(tmp_path, path)
    assert fault is not None and "climbs out" in fault.message


def test_a_symlinked_image_or_folder_is_refused(tmp_path):
    docs = tmp_path / "docs"
    (docs / "assets" / "images").mkdir(parents=True)
    outside = tmp_path / "outside.svg"
    outside.write_text(CLEAN_SVG)
    (docs / "assets" / "images" / "link.svg").symlink_to(outside)
    (docs / "assets" / "images" / "folder").symlink_to(tmp_path)
    assert "symlink" in image_faults(docs, "assets/images/link.svg")[0].message
    assert "'docs/assets/images/folder'" in image_faults(docs, "assets/images/folder/outside.svg")[0].message


def test_missing_directory_and_oversized_images_are_refused(tmp_path):
    (tmp_path / "assets" / "images" / "dir.svg").mkdir(parents=True)
    assert "not found" in image_faults(tmp_path, "assets/images/none.svg")[0].message
    assert "not a regular file" in image_faults(tmp_path, "assets/images/dir.svg")[0].message
    (tmp_path / "assets" / "images" / "huge.png").write_bytes(RASTERS[".png"] + b"\0" * 11 * 2**20)
    assert "larger than" in image_faults(tmp_path, "assets/images/huge.png")[0].message


def test_an_image_whose_size_cannot_be_read_is_refused(tmp_path):
    # Every page gives a picture its width and height so that nothing moves when it arrives.
    folder = tmp_path / "assets" / "images"
    folder.mkdir(parents=True)
    (folder / "unsized.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg>')
    (folder / "sized.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><path d="M0 0"/></svg>')
    [fault] = image_faults(tmp_path, "assets/images/unsized.svg")
    assert "width and height cannot be read" in fault.message and "viewBox" in fault.hint
    assert image_faults(tmp_path, "assets/images/sized.svg") == []


IMAGE_ENTRY = """images:
  - file: {file}
    alt: A drawing.
    kind: schematic
    license: CC BY-SA 4.0
    source: Drawn for this book
    attribution: The contributors
"""


def test_the_loader_places_an_image_fault_on_the_file_line_of_the_entity(valid_data):
    entity = valid_data / "entities" / "alpha-disease.yml"
    text = entity.read_text(encoding="utf-8")
    file_line = text.count("\n") + 3
    entity.write_text(text + "\n" + IMAGE_ENTRY.format(file="assets/images/alpha.svg"), encoding="utf-8")
    (valid_data.parent / "docs" / "assets" / "images" / "alpha.svg").write_bytes(
        _svg('<rect onclick="alert(1)"/>'))
    with pytest.raises(DataError) as raised:
        load_book(valid_data)
    problems = [problem for problem in raised.value.problems if "alpha.svg" in problem.message]
    assert len(problems) == 1
    problem = problems[0]
    assert (Path(problem.path).name, problem.line) == ("alpha-disease.yml", file_line)
    assert "event handler attribute 'onclick'" in problem.message
    assert "Plain SVG" in problem.hint
    assert str(problem).startswith(f"{problem.path}:{file_line}:")


def test_the_loader_refuses_an_image_path_that_climbs_out_of_docs(valid_data):
    entity = valid_data / "entities" / "alpha-disease.yml"
    text = entity.read_text(encoding="utf-8")
    entity.write_text(text + "\n" + IMAGE_ENTRY.format(file="assets/images/a/../../../data/glossary.png"),
                      encoding="utf-8")
    # The model's path pattern refuses `..` first, at the line, with the image-path hint.
    with pytest.raises(DataError, match=r"alpha-disease\.yml:\d+:\d+: 'images › item \d+ › file': .* is malformed — "
                                        r"write a path under docs/ .*no `\.\.`"):
        load_book(valid_data)
