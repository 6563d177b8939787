"""Valid data, hostile text: the real site built once from fixtures/hostile/ shows every payload as
typed (lossless) and runs none of it (inert), in the HTML, in Debian's chromium and in the downloads.

fixtures/hostile/ is fixtures/valid/ plus three entities, a list, a flow and glossary terms whose text
is template, Markdown, HTML, attribute-list, abbreviation, snippet, mermaid, URL and spreadsheet
syntax. Each payload below names where it is written and the page that must show it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from macros.loader import load_book
from macros.render.text import plain
from projects import book_project
from site_crawl import SitePage

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).parent / "fixtures" / "hostile"


# --- the build -------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The real book (hook, templates, plugins) built once, with fixtures/hostile/ as its data/."""
    work = tmp_path_factory.mktemp("hostile")
    config = book_project(work / "project", HOSTILE)
    site = work / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
         "--site-dir", str(site)],
        cwd=config.parent, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings == [], "\n".join(warnings)
    return site


@pytest.fixture(scope="session")
def hostile_book():
    return load_book(HOSTILE)


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "lxml")


def _page(site: Path, page: str) -> SitePage:
    return SitePage(site / page, page, _soup(site, page))


def _words(text: str) -> str:
    return " ".join(text.split())


# --- the payloads ----------------------------------------------------------------------------------

GOUT, FORMULA, TIMELINE = "entities/hostile-gout", "entities/hostile-formula", "entities/hostile-timeline"
LIST, FLOW, GLOSSARY = "differentials/hostile-list", "flows/hostile-flow", "glossary"


@dataclass(frozen=True)
class Payload:
    id: str
    record: str  # "entities/<id>", "differentials/<id>", "flows/<id>" or "glossary"
    location: tuple  # field path inside the record; for glossary (term, field) or (term,) for the key
    marker: str  # the hostile part: the data must still hold it (a fixture edit cannot defang it)
    page: str | None = None  # the page that shows it, when not the record's own page

    @property
    def shown_on(self) -> str:
        return f"{self.page or self.record}/index.html"


P = Payload
PAYLOADS = [
    # Front matter, <title>, meta description
    P("title-with-colon-space-the-front-matter-break", GOUT, ("title",), ": "),
    P("summary-with-quotes-breaking-out-of-meta-description", GOUT, ("summary",), '" onmouseover="'),
    P("synonym-with-colon-space", GOUT, ("synonyms", 0), ": "),
    P("synonym-in-hebrew-right-to-left-script", GOUT, ("synonyms", 1), "שלום"),
    P("synonym-with-full-width-angle-brackets", GOUT, ("synonyms", 2), "＜script＞"),
    # Markdown block syntax at the start of prose
    P("description-with-headings-list-and-indented-code", GOUT, ("description",), "## Injected heading"),
    P("who-starting-with-a-dash-list-marker", GOUT, ("who", 0), "- "),
    P("who-starting-with-an-ordered-list-marker", GOUT, ("who", 1), "1. "),
    P("who-starting-with-a-plus-list-marker", GOUT, ("who", 2), "+ "),
    P("where-starting-with-a-blockquote-marker", GOUT, ("where", 0), "> "),
    P("where-starting-with-a-definition-marker", GOUT, ("where", 1), ": "),
    P("where-starting-with-a-details-marker", GOUT, ("where", 2), "???"),
    P("key-feature-with-escaped-pipe-in-comparison-table", GOUT, ("key_features", 0), "\\|", page=LIST),
    P("key-feature-with-escaped-pipe-on-its-page", GOUT, ("key_features", 0), "\\|"),
    P("key-feature-with-abbreviation-definition", GOUT, ("key_features", 1), "*[HTML]:"),
    P("key-feature-with-html-entities-for-a-script-tag", GOUT, ("key_features", 2), "&lt;script&gt;"),
    P("key-feature-with-code-fence", GOUT, ("key_features", 3), "```"),
    P("key-feature-with-admonition-marker", GOUT, ("key_features", 4), "!!! danger"),
    P("key-feature-with-setext-underline", GOUT, ("key_features", 5), "==="),
    P("key-feature-with-horizontal-rule", GOUT, ("key_features", 6), "---"),
    P("key-feature-with-tilde-fence", GOUT, ("key_features", 7), "~~~"),
    P("key-feature-with-numeric-entities-spelling-javascript", GOUT, ("key_features", 8), "&#115;"),
    P("key-feature-with-bare-address-of-an-image", GOUT, ("key_features", 9), "https://evil.example"),
    P("key-feature-with-wiki-link-followed-by-an-address", GOUT, ("key_features", 10), "]](https://"),
    P("key-feature-with-image-bang-before-a-wiki-link", GOUT, ("key_features", 11), "![["),
    P("key-feature-with-snippet-marker-variants", GOUT, ("key_features", 12), "8<--"),
    P("key-feature-naming-abbreviations-with-hostile-expansions", GOUT, ("key_features", 13), "XSS"),
    P("key-feature-with-stars-and-underscores", GOUT, ("key_features", 14), "__init__"),
    P("key-feature-ending-in-a-backslash", GOUT, ("key_features", 15), "\\"),
    P("key-feature-with-percent-encoded-script", GOUT, ("key_features", 16), "%3Cscript%3E"),
    P("key-feature-with-anki-sound-and-latex-commands", GOUT, ("key_features", 17), "[sound:"),
    P("wiki-link-text-with-quotes-and-ampersand", GOUT, ("imaging", "radiograph", 0), '"sign"'),
    P("imaging-with-mermaid-entity-codes", GOUT, ("imaging", "ct", 0), "#lt;"),
    P("pitfall-with-admonition-marker-inside-an-admonition", GOUT, ("pitfalls", 0), "!!! warning"),
    P("discriminator-with-arrows", GOUT, ("discriminators", 0, "text"), "-->"),
    P("codes-reason-with-formula-characters", GOUT, ("codes", "none_reason"), "= + - @"),
    # Text fields (shown escaped, never parsed): template, HTML, snippet, attribute list, links
    P("citation-with-jinja-expression-running-a-shell", GOUT, ("references", 0, "citation"), "popen"),
    P("citation-with-jinja-include-of-git-config", GOUT, ("references", 1, "citation"), "{% include"),
    P("citation-with-script-tag", GOUT, ("references", 2, "citation"), "<script>"),
    P("citation-with-html-comment", GOUT, ("references", 3, "citation"), "<!--"),
    P("citation-with-snippet-of-git-config", GOUT, ("references", 4, "citation"), '--8<-- ".git/config"'),
    P("citation-with-attribute-list-onfocus", GOUT, ("references", 5, "citation"), "{ onfocus="),
    P("citation-with-javascript-links-and-definition", GOUT, ("references", 6, "citation"),
      "](javascript:"),
    P("url-with-markdown-characters-and-entity", GOUT, ("references", 6, "url"), "*(d)[e]"),
    P("url-with-single-quotes-and-handler", GOUT, ("references", 7, "url"), "'onmouseover='"),
    P("url-with-parenthesis-closing-a-markdown-link", GOUT, ("references", 8, "url"), ")](javascript:"),
    # Spreadsheet formulas and other plain names
    P("title-starting-with-equals-hyperlink-formula", FORMULA, ("title",), "=HYPERLINK("),
    P("summary-starting-with-equals-formula", FORMULA, ("summary",), "=1+1"),
    P("synonym-starting-with-plus-formula", FORMULA, ("synonyms", 0), "+SUM("),
    P("synonym-starting-with-minus-formula", FORMULA, ("synonyms", 1), "-2+3"),
    P("synonym-starting-with-at-formula", FORMULA, ("synonyms", 2), "@SUM("),
    P("synonym-that-is-a-javascript-address", FORMULA, ("synonyms", 3), "javascript:"),
    P("do-not-miss-with-a-page-wide-link-and-handler", FORMULA, ("prevalence", "do_not_miss"), "onerror="),
    P("eponym-starting-with-heading-hashes", FORMULA, ("eponyms", 0), "## "),
    P("abbreviation-that-is-a-mermaid-comment", FORMULA, ("abbreviations", 0), "%%"),
    # Mermaid timeline (time course) and image text
    P("title-with-mermaid-statement-separator-and-click", TIMELINE, ("title",), "; click"),
    P("time-with-mermaid-init-directive-and-theme-css", TIMELINE, ("time_course", 0, "time"), "%%{init"),
    P("time-finding-with-mermaid-click-href", TIMELINE, ("time_course", 0, "findings", 0), "click n0 href"),
    P("time-with-mermaid-section-keyword", TIMELINE, ("time_course", 1, "time"), "section "),
    P("time-finding-with-arrow-and-style", TIMELINE, ("time_course", 1, "findings", 0), "style n0"),
    P("time-that-is-a-mermaid-comment", TIMELINE, ("time_course", 2, "time"), "%% "),
    P("time-finding-that-is-a-mermaid-keyword", TIMELINE, ("time_course", 2, "findings", 0), "end"),
    P("image-caption-with-quotes-and-ampersand", TIMELINE, ("images", 0, "caption"), "&"),
    P("image-licence-with-html", TIMELINE, ("images", 0, "license"), "<b>"),
    P("image-source-that-is-a-javascript-address", TIMELINE, ("images", 0, "source"), "javascript:"),
    P("image-attribution-with-a-javascript-link-and-jinja", TIMELINE, ("images", 0, "attribution"),
      'href="javascript:'),
    # A differential list
    P("list-title-starting-with-plus-formula", LIST, ("title",), "+SUM("),
    P("list-summary-with-pipes-quotes-and-hash", LIST, ("summary",), "\\|"),
    P("key-point-with-admonition-marker", LIST, ("key_points", 0), "!!! note"),
    P("key-point-starting-with-four-spaces", LIST, ("key_points", 1), "four spaces"),
    P("item-label-starting-with-at-formula", LIST, ("items", 0, "label"), "@SUM("),
    P("item-note-starting-with-equals-and-pipes", LIST, ("items", 0, "note"), "=1+1"),
    P("item-note-starting-with-minus", LIST, ("items", 2, "note"), "-2+3"),
    P("group-label-starting-with-minus", LIST, ("groups", 0, "label"), "-2+3"),
    P("group-note-with-fences", LIST, ("groups", 0, "note"), "```"),
    P("group-item-label-starting-with-plus", LIST, ("groups", 0, "items", 0, "label"), "+1"),
    # A decision flow (mermaid flowchart)
    P("flow-title-with-mermaid-end-and-click", FLOW, ("title",), "; click"),
    P("flow-summary-with-mermaid-arrows-and-quotes", FLOW, ("summary",), '"]'),
    P("question-closing-the-mermaid-label-and-adding-a-node", FLOW, ("nodes", "first", "question"),
      '"] -->'),
    P("question-with-mermaid-style-and-classdef", FLOW, ("nodes", "second", "question"), "classDef"),
    P("answer-label-with-mermaid-click-call", FLOW, ("nodes", "first", "answers", 0, "label"), "click"),
    P("answer-label-that-is-the-mermaid-end-keyword", FLOW, ("nodes", "first", "answers", 1, "label"),
      "end"),
    P("answer-label-with-semicolon-and-comment", FLOW, ("nodes", "second", "answers", 0, "label"), "; %%"),
    P("answer-label-with-mermaid-link-and-class-syntax", FLOW, ("nodes", "second", "answers", 1, "label"),
      ":::"),
    P("outcome-with-mermaid-subgraph-keyword", FLOW, ("nodes", "gout", "outcome"), "subgraph"),
    P("outcome-with-hyperlink-formula", FLOW, ("nodes", "formula", "outcome"), "=HYPERLINK("),
    P("outcome-that-is-a-mermaid-comment", FLOW, ("nodes", "list", "outcome"), "%%"),
    # The glossary: tooltips on every page and the glossary page
    P("glossary-expansion-with-img-onerror", GLOSSARY, ("XSS", "expansion"), "onerror="),
    P("glossary-expansion-breaking-out-of-the-title-attribute", GLOSSARY, ("JSX", "expansion"),
      '" onmouseover="'),
    P("glossary-expansion-with-jinja", GLOSSARY, ("TPL", "expansion"), "{% include"),
    P("glossary-term-that-is-a-javascript-address", GLOSSARY, ("javascript:alert(1)",), "javascript:"),
    P("glossary-expansion-with-abbreviation-and-snippet", GLOSSARY, ("javascript:alert(1)", "expansion"),
      "--8--"),  # a tooltip may not hold < (see the tooltip fixture in tests/fixtures/invalid)
    P("glossary-definition-with-snippet-and-abbreviation", GLOSSARY, ("Snippet variants", "definition"),
      "*[HTML]:"),
]


def _record(book, record: str):
    if record == GLOSSARY:
        return book.glossary
    kind, id_ = record.split("/")
    return {"entities": book.entities, "differentials": book.differentials, "flows": book.flows}[kind][id_]


def _value(book, payload: Payload) -> str:
    if payload.record == GLOSSARY and len(payload.location) == 1:
        return payload.location[0]  # the term itself
    value: Any = _record(book, payload.record)
    for step in payload.location:
        value = value[step] if isinstance(value, (dict, list)) else getattr(value, step)
    return value


def _shown(book, payload: Payload) -> str:
    """What a reader must see: the text as typed, with `[[links]]` as their words."""
    titles = {id_: entity.title for id_, entity in book.entities.items()}
    return _words(plain(_value(book, payload), titles))


def test_there_are_many_distinct_hostile_payloads():
    assert len(PAYLOADS) >= 80
    assert len({payload.id for payload in PAYLOADS}) == len(PAYLOADS)


@pytest.mark.parametrize("payload", PAYLOADS, ids=[payload.id for payload in PAYLOADS])
def test_payload_is_shown_exactly_as_typed(payload, hostile_site, hostile_book):
    value = _value(hostile_book, payload)
    assert payload.marker in value, "the fixture no longer holds the hostile part"
    assert _shown(hostile_book, payload) in _page(hostile_site, payload.shown_on).text


# --- exact places: <title>, meta description, attributes, links ----------------------------------

def test_titles_reach_the_html_title_and_heading_as_text(hostile_site, hostile_book):
    for record in (GOUT, FORMULA, TIMELINE, LIST, FLOW):
        soup = _soup(hostile_site, f"{record}/index.html")
        title = _record(hostile_book, record).title
        assert soup.title.get_text().startswith(f"{title} - "), record
        for permalink in soup.select("article .headerlink"):
            permalink.decompose()
        assert [_words(h1.get_text()) for h1 in soup.select("article h1")] == [title], record


def test_summary_is_the_whole_meta_description(hostile_site, hostile_book):
    for record in (GOUT, FORMULA, LIST, FLOW):
        soup = _soup(hostile_site, f"{record}/index.html")
        descriptions = soup.find_all("meta", attrs={"name": "description"})
        assert [meta["content"] for meta in descriptions] == [
            _words(plain(_record(hostile_book, record).summary))], record


def test_image_alt_text_stays_one_attribute(hostile_site, hostile_book):
    image = hostile_book.entities["hostile-timeline"].images[0]
    images = _soup(hostile_site, f"{TIMELINE}/index.html").select("article img")
    assert [(img["alt"], sorted(img.attrs)) for img in images] == [
        (image.alt, ["alt", "fetchpriority", "height", "src", "width"])]  # the first image comes first


def test_reference_addresses_are_links_to_exactly_those_addresses(hostile_site, hostile_book):
    wanted = [ref.url for ref in hostile_book.entities["hostile-gout"].references if ref.url]
    links = _soup(hostile_site, f"{GOUT}/index.html").select("article a[href^='https://evil']")
    assert [(a["href"], a.get_text()) for a in links] == [(url, url) for url in wanted]


def test_glossary_expansions_are_the_tooltips_exactly(hostile_site, hostile_book):
    tooltips = {(abbr.get_text(), abbr.get("title")) for abbr in
                _soup(hostile_site, f"{GOUT}/index.html").find_all("abbr")}
    for term in ("XSS", "JSX", "ENT"):
        assert (term, hostile_book.glossary[term].expansion) in tooltips


def test_no_title_attribute_anywhere_reads_as_markup(hostile_site):
    """Material's tooltips write an element's decoded title into the page as HTML: a title that
    decodes to a tag (`&lt;img …&gt;` kept as typed by Python-Markdown) would be a real element."""
    found = [(path.relative_to(hostile_site).as_posix(), tag.name, tag["title"])
             for path in _html_files(hostile_site)
             for tag in BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").find_all(title=True)
             if BeautifulSoup(tag["title"], "html.parser").find() is not None]
    assert found == []


def test_a_lists_picture_credits_are_shown_as_typed(hostile_site, hostile_book):
    image = hostile_book.differentials["hostile-list"].images[0]
    credit = _soup(hostile_site, f"{LIST}/index.html").find(class_="stc-credit")
    assert credit.find() is None, credit  # no link, image, code or emphasis made from a credit
    for typed in (image.license, image.source, image.attribution):
        assert _words(typed) in _words(credit.get_text())


# --- nothing created: site-wide invariants -------------------------------------------------------

def _html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


MARKERS = ("alert(", "evil.example", "lipsum", "onerror", "onmouseover", "onfocus", "HYPERLINK")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data",
                  "background", "ping", "cite")


def test_no_inline_event_handler_anywhere_in_the_site(hostile_site):
    found = [(path.relative_to(hostile_site).as_posix(), tag.name, attribute)
             for path in _html_files(hostile_site)
             for tag in BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").find_all(True)
             for attribute in tag.attrs if attribute.lower().startswith("on")]
    assert found == []


def test_no_script_or_data_address_in_any_link_or_source(hostile_site):
    found = []
    for path in _html_files(hostile_site):
        for tag in BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").find_all(True):
            for attribute in URL_ATTRIBUTES:
                value = re.sub(r"[\s\x00-\x1f]", "", str(tag.get(attribute, ""))).lower()
                if value.startswith(("javascript:", "vbscript:", "data:text", "data:application")):
                    found.append((path.relative_to(hostile_site).as_posix(), tag.name, value))
    assert found == []


def test_only_the_themes_own_scripts_in_every_page(hostile_site):
    for path in _html_files(hostile_site):
        for script in BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").find_all("script"):
            source = script.get("src", "")
            assert "//" not in source, (path, source)  # no foreign script, only the site's own files
            assert not any(marker in (script.string or "") for marker in MARKERS), (path, script)


FORBIDDEN_IN_ARTICLES = ("script", "style", "iframe", "object", "embed", "form", "input", "textarea",
                         "base", "meta", "link", "blockquote", "details", "dl", "hr", "video", "audio")
HOSTILE_PAGES = [GOUT, FORMULA, TIMELINE, LIST, FLOW, GLOSSARY, "entities", "flows", "differentials/top-list"]


@pytest.mark.parametrize("record", HOSTILE_PAGES)
def test_no_element_is_smuggled_into_a_hostile_page(record, hostile_site):
    article = _soup(hostile_site, f"{record}/index.html").find("article")
    assert [tag.name for tag in article.find_all(FORBIDDEN_IN_ARTICLES)] == []
    assert len(article.find_all("h1")) == 1
    assert [tag["class"] for tag in article.find_all("pre")] in ([], [["mermaid"]]), "a code block"
    assert [tag for tag in article.find_all("code") if tag.parent.name != "pre"] == []
    titles = {_words(t.get_text()) for t in article.select(".admonition-title")}
    assert titles <= {"Pitfall", "Key points", "Red flags: these leave the flow"}, titles
    assert len(article.find_all("img")) == (1 if record in (TIMELINE, LIST) else 0)  # their drawings
    assert [h.get_text() for h in article.find_all(["h2", "h3"]) if "Injected" in h.get_text()] == []


def test_every_abbreviation_comes_from_the_glossary_with_its_expansion(hostile_site, hostile_book):
    expansions = {term: _words(entry.expansion) for term, entry in hostile_book.glossary.items()
                  if entry.expansion}
    found = {(abbr.get_text(), abbr.get("title")) for path in _html_files(hostile_site)
             for abbr in BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").find_all("abbr")}
    assert found, "the glossary's abbreviations are used in the hostile pages"
    assert {text for text, _ in found} <= set(expansions), found
    assert all(title == expansions[text] for text, title in found), found


def test_no_repository_file_is_pulled_into_the_site(hostile_site):
    # .git/config, mkdocs.yml and the templates: what a snippet or a Jinja include would bring in.
    leaked = ("repositoryformatversion", "[core]", "site_name:", "render_by_default", "{% for")
    for path in hostile_site.rglob("*"):
        if path.suffix in (".html", ".json", ".js", ".csv", ".xml") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not [word for word in leaked if word in text and "vendor" not in path.parts
                        and path.name not in ("bundle.min.js",) and not path.name.startswith("bundle.")
                        and "workers" not in path.parts and "lunr" not in path.parts], path


def test_no_template_was_evaluated(hostile_site, hostile_book):
    """The Jinja payloads are shown as typed: had they run, the text would differ (or be 'root')."""
    text = _page(hostile_site, f"{GOUT}/index.html").text
    assert _words(hostile_book.entities["hostile-gout"].references[0].citation) in text
    glossary = _page(hostile_site, f"{GLOSSARY}/index.html").text
    assert hostile_book.glossary["TPL"].expansion in glossary


def test_links_to_evil_example_are_only_the_declared_references(hostile_site, hostile_book):
    declared = {ref.url for ref in hostile_book.entities["hostile-gout"].references if ref.url}
    found = {tag.get(attribute) for path in _html_files(hostile_site)
             for tag in BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").find_all(True)
             for attribute in URL_ATTRIBUTES if "evil.example" in str(tag.get(attribute, ""))}
    assert found <= declared, found - declared


# --- the downloads carry the payloads as data ------------------------------------------------------

def _export(hostile_site) -> dict:
    return json.loads((hostile_site / "downloads" / "soft-tissue-calcification.json").read_text("utf-8"))


def test_json_download_holds_every_record_exactly(hostile_site, hostile_book):
    export = _export(hostile_site)
    for kind, records in (("entities", hostile_book.entities), ("differentials", hostile_book.differentials),
                          ("flows", hostile_book.flows), ("glossary", hostile_book.glossary)):
        for id_, record in records.items():
            assert export[kind][id_] == record.model_dump(mode="json", exclude_none=True), (kind, id_)


def _csv_rows(hostile_site) -> list[dict]:
    text = (hostile_site / "downloads" / "soft-tissue-calcification-differentials.csv").read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _unneutralised(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].lstrip(" ").startswith(FORMULA_STARTS) else cell


def test_csv_download_carries_every_hostile_name_and_note(hostile_site, hostile_book):
    rows = [row for row in _csv_rows(hostile_site) if _unneutralised(row["list_id"]) == "hostile-list"]
    differential = hostile_book.differentials["hostile-list"]
    wanted = [(differential.title, group or "", hostile_book.entities[item.entity].title, item.label or "",
               item.note or "") for group, item in differential.grouped_items()]
    assert [tuple(_unneutralised(row[column]) for column in
                  ("list_title", "group", "entity_title", "label", "note")) for row in rows] == wanted


def test_csv_cells_that_could_start_a_formula_are_neutralised(hostile_site):
    live = [cell for row in _csv_rows(hostile_site) for cell in row.values()
            if cell.lstrip(" ").startswith(FORMULA_STARTS)]
    assert live == []


def _anki_fields(hostile_site) -> list[str]:
    with zipfile.ZipFile(hostile_site / "downloads" / "soft-tissue-calcification.apkg") as deck:
        database = deck.read("collection.anki2")
    path = hostile_site.parent / "collection.anki2"
    path.write_bytes(database)
    with sqlite3.connect(path) as connection:
        notes = [row[0] for row in connection.execute("SELECT flds FROM notes")]
    return [field for note in notes for field in note.split("\x1f")]


def test_anki_deck_holds_hostile_text_as_text(hostile_site, hostile_book):
    fields = _anki_fields(hostile_site)
    allowed_tags = {"b", "ul", "li"}
    for field in fields:
        tags = BeautifulSoup(field, "html.parser").find_all(True)
        assert {tag.name for tag in tags} <= allowed_tags, field
        assert all(not tag.attrs for tag in tags), field
    shown = " ".join(_words(BeautifulSoup(field, "html.parser").get_text()) for field in fields)
    titles = {id_: entity.title for id_, entity in hostile_book.entities.items()}
    for entity_id in ("hostile-gout", "hostile-formula", "hostile-timeline"):
        entity = hostile_book.entities[entity_id]
        assert entity.title in shown
        for line in entity.key_features:
            assert _words(plain(line, titles)) in shown


def test_anki_fields_hold_no_square_bracket_command(hostile_site):
    assert [field for field in _anki_fields(hostile_site) if "[" in field] == []


def test_no_heading_takes_an_id_the_page_scripts_read(hostile_site):
    """A data title is a heading, and its id is the title slugged: `＿＿config` (full-width low lines,
    allowed in a name) was `id="__config"`, before Material's own <script id="__config"> on the entity
    page and the print page, and Material's whole bundle stopped there (no search, no tooltips)."""
    from macros.render.text import heading_slug

    for page in sorted(hostile_site.rglob("*.html")):
        soup = _soup(hostile_site, str(page.relative_to(hostile_site)))
        reserved = [heading["id"] for heading in soup.select("h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]")
                    if heading["id"].startswith(("_", "stc-"))]
        assert reserved == [], (page, reserved)
        assert len(soup.select('[id="__config"]')) == 1, page
    heading = _soup(hostile_site, "entities/hostile-config/index.html").h1
    assert heading["id"] == "heading-config" and heading.get_text().startswith("＿＿config")
    assert [heading_slug(title, "-") for title in ("Stc finder", "__search", "Search")] == [
        "heading-stc-finder", "heading-search", "search"]


# --- Debian's chromium: nothing runs, nothing leaves ---------------------------------------------

@pytest.fixture(scope="session")
def hostile_url(hostile_site):
    from browser import serve

    with serve(hostile_site) as url:
        yield url


class _Watch:
    """Dialogs, requests and console errors of one page."""

    def __init__(self, page):
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("request", lambda request: self.requests.append(request.url))
        self.crashes: list[str] = []
        page.on("console", lambda message: self.errors.append(message.text)
                if message.type == "error" else None)
        page.on("pageerror", lambda error: self.crashes.append(str(error)))

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def left(self, base: str) -> list[str]:
        return [url for url in self.requests
                if not url.startswith((base, "data:", "blob:", "file:", "about:"))]

    def assert_inert(self, base: str) -> None:
        assert self.dialogs == [], self.dialogs
        assert self.left(base) == [], self.left(base)
        assert [error for error in self.errors if "Content Security Policy" in error] == []

    def assert_whole(self) -> None:
        """No script stopped on the data (online: from file:// an online build finds no search index)."""
        assert self.crashes == [], self.crashes


# Material's tooltips (content.tooltips) write an element's title into the page with innerHTML: no
# title may read as markup once the book's scripts have drawn the page, nor any tooltip hold an element.
MARKUP_IN_TITLES = """() => [...document.querySelectorAll('[title]')].map(e => e.getAttribute('title'))
    .filter(title => { const t = document.createElement('template'); t.innerHTML = title;
                       return t.content.querySelector('*') !== null; })"""
ELEMENTS_IN_TOOLTIPS = "() => [...document.querySelectorAll('.md-tooltip2__inner *')].map(e => e.outerHTML)"


def _hover_every_tooltip(page) -> None:
    # Handles, not a locator: a shown tooltip takes the title off its host while it is shown.
    for host in [host for host in page.query_selector_all("article [title]") if host.is_visible()][:30]:
        host.hover()
        page.wait_for_timeout(50)
        assert page.evaluate(ELEMENTS_IN_TOOLTIPS) == []
    assert page.evaluate(MARKUP_IN_TITLES) == []


BROWSED = ["", f"{GOUT}/", f"{FORMULA}/", f"{TIMELINE}/", f"{LIST}/", f"{FLOW}/", f"{GLOSSARY}/",
           "entities/", "flows/", "differentials/top-list/", "print_page/", "finder/", "quiz/",
           "open-data/", "entities/hostile-config/"]
DIAGRAMS = {f"{FLOW}/": 1}  # the time course is a list now, not a diagram


@pytest.mark.parametrize("address", BROWSED, ids=[address or "home" for address in BROWSED])
def test_hostile_page_runs_nothing_in_chromium(address, page, hostile_url):
    from browser import diagrams, wait_for_diagrams

    watch = _Watch(page)
    page.goto(hostile_url + address, wait_until="load")
    if address in DIAGRAMS:
        wait_for_diagrams(page, DIAGRAMS[address])
        assert diagrams(page) == ["svg"] * DIAGRAMS[address]
    for abbr in page.locator("article abbr").all()[:20]:  # a tooltip's text is data, not a handler
        abbr.hover()
    _hover_every_tooltip(page)  # those the book's scripts add too (the finder's badges)
    for _ in range(5):  # `autofocus` + `onfocus` would fire here
        page.keyboard.press("Tab")
    page.wait_for_timeout(300)
    watch.assert_inert(hostile_url)
    watch.assert_whole()


@pytest.mark.parametrize("record", [GOUT, TIMELINE, FLOW, GLOSSARY])
def test_hostile_page_opened_from_file_runs_nothing(record, page, hostile_site):
    """As a reader of the offline edition opens it: from file://, where no server answers."""
    watch = _Watch(page)
    page.goto((hostile_site / record / "index.html").as_uri(), wait_until="load")
    for _ in range(5):
        page.keyboard.press("Tab")
    page.wait_for_timeout(1000)
    watch.assert_inert("file://")


def test_flow_diagram_draws_every_label_as_text(page, hostile_url, hostile_book):
    from browser import wait_for_diagrams

    watch = _Watch(page)
    page.goto(hostile_url + f"{FLOW}/", wait_until="load")
    wait_for_diagrams(page)
    drawn = page.evaluate("() => document.querySelector('.stc-diagram svg').textContent")
    flow = hostile_book.flows["hostile-flow"]
    labels = [answer.label for node in flow.nodes.values() for answer in node.answers]
    labels += [node.outcome for node in flow.nodes.values() if node.outcome]
    # The drawing and the flow in words, on the same page, both show every label as written.
    text = _words(page.evaluate("() => document.querySelector('#in-words').parentElement.innerText"))
    for label in labels:
        assert _words(label) in text, label
        # A drawing breaks long labels into rows, and the space at a break is not drawn.
        assert "".join(label.split()) in "".join(drawn.split()), label
    watch.assert_inert(hostile_url)


def test_time_course_keywords_stay_times_in_the_time_course(page, hostile_url, hostile_book):
    """`section`, `title` or `%%` in a time were diagram statements; the time course is now text."""
    watch = _Watch(page)
    page.goto(hostile_url + f"{TIMELINE}/", wait_until="load")
    drawn = _words(page.evaluate("() => document.querySelector('article').innerText"))
    for word in ("section", "Injected", "click", "comment", "end", "Week", "two", "Timeline;"):
        assert word in drawn, word
    watch.assert_inert(hostile_url)


SEARCHES = ["xylophonix", "tophaceous", "chalky", "onmouseover", "script", "javascript", "lipsum", "alert"]


@pytest.mark.parametrize("query", SEARCHES)
def test_searching_for_a_payload_word_runs_nothing(query, page, hostile_url):
    from browser import first_search_result

    watch = _Watch(page)
    page.goto(hostile_url, wait_until="load")
    first = first_search_result(page, query)
    assert first, f"search finds '{query}'"
    page.wait_for_timeout(300)
    watch.assert_inert(hostile_url)
    page.locator(".md-search-result__link").first.click()  # opens the page with ?h= highlighting
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    watch.assert_inert(hostile_url)


def test_an_id_that_names_an_object_property_is_found_as_itself(page, hostile_url, hostile_book):
    """`constructor` is an entity here; in JavaScript every object has one (a function), so a lookup
    by id that reaches the prototype finds that function instead of nothing."""
    assert "constructor" in hostile_book.entities
    watch = _Watch(page)
    for seed in (1, 2, 3):
        page.goto(hostile_url + f"quiz/?seed={seed}", wait_until="load")
        assert page.locator(".stc-question").count() > 0, seed
    page.goto(hostile_url + "finder/?kind=calcification", wait_until="load")
    links = page.locator(".stc-finder__result[data-entity=constructor] .stc-finder__title a")
    assert links.first.get_attribute("href").endswith("entities/constructor/")
    watch.assert_inert(hostile_url)
    watch.assert_whole()
