"""Every abbreviation in the book has a glossary entry, a tooltip on every page and a glossary row."""

from __future__ import annotations

import re

from macros.references import prose_fields
from site_crawl import Site

# Two or more capitals (digits allowed), e.g. CPPD, HADD, T1, FGF23; Roman numerals are not abbreviations.
ABBREVIATION = re.compile(r"(?<![\w-])(?=[A-Z0-9-]*[A-Z][A-Z0-9-]*[A-Z])[A-Z0-9][A-Z0-9-]*[A-Z0-9](?![\w-])")
ROMAN = re.compile(r"^[IVXLC]+$")


def _texts(book):
    for entity in book.entities.values():
        yield entity.title
        yield from entity.synonyms
        yield from entity.abbreviations
        for _, text in prose_fields(entity):
            yield text
        for point in entity.time_course:
            yield from point.findings
        yield from (line for lines in entity.imaging.model_dump().values() for line in lines)
    for differential in book.differentials.values():
        yield differential.title
        yield differential.summary
        yield from differential.key_points
        for item in differential.all_items():
            yield from (text for text in (item.label, item.note) if text)
    for flow in book.flows.values():
        for node in flow.nodes.values():
            yield from (text for text in (node.question, node.outcome, node.note) if text)
            yield from (answer.label for answer in node.answers)


def test_every_abbreviation_in_the_data_is_in_the_glossary(book):
    used = {match for text in _texts(book) for match in ABBREVIATION.findall(text)
            if not ROMAN.match(match)}
    missing = sorted(token for token in used if token not in book.glossary)
    assert missing == [], f"add these to data/glossary.yml: {missing}"


def test_the_detector_finds_abbreviations_and_skips_words():
    found = ABBREVIATION.findall("CPPD and HADD on T1 with FGF23, not Rider's IV or Gout; CKD-MBD.")
    assert found == ["CPPD", "HADD", "FGF23", "IV", "CKD-MBD"]


def test_abbreviations_have_tooltips_on_generated_and_written_pages(built_site, book):
    site = Site(built_site)
    for url in ("entities/gout/", "differentials/tendon-bursa-calcification/", "how-to-use/"):
        titles = {abbr.get_text(): abbr["title"] for abbr in site.page(url).soup.find_all("abbr")}
        assert titles, url
        for text, title in titles.items():
            assert book.glossary[text].expansion.split()[0] in title


def test_glossary_page_lists_every_term_and_links_its_page(built_site, book):
    page = Site(built_site).page("glossary/")
    for term in book.glossary:
        assert " ".join(term.split()) in page.text, term
    hrefs = {a["href"] for a in page.soup.find("article").find_all("a", href=True)}
    assert "../entities/cppd-deposition-disease/" in hrefs
