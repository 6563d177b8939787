"""Every entity page is complete: the sections a resident needs are there and not empty."""

from __future__ import annotations

from site_crawl import Site

REQUIRED_FOR_ALL = ("summary", "description", "key_features", "discriminators", "report", "references")
REQUIRED_FOR_CONDITIONS = ("who", "where")
SECTION_IDS = {"description": "overview", "key_features": "key-features",
               "discriminators": "telling-it-apart", "report": "what-to-report",
               "references": "references", "who": "who-and-where", "where": "who-and-where"}


def _missing(entity) -> list[str]:
    fields = list(REQUIRED_FOR_ALL)
    if entity.kind in ("condition", "variant"):
        fields += REQUIRED_FOR_CONDITIONS
    missing = [field for field in fields if not getattr(entity, field)]
    if entity.kind in ("condition", "variant") and not entity.facets.age:
        missing.append("facets.age")
    if not entity.codes.all() and not entity.codes.none_reason:
        missing.append("codes")
    return missing


def test_every_entity_has_every_required_field(book):
    incomplete = {entity_id: _missing(entity) for entity_id, entity in book.entities.items()
                  if _missing(entity)}
    assert incomplete == {}


def test_every_entity_page_shows_each_required_section_with_content(built_site, book):
    site = Site(built_site)
    for entity_id, entity in book.entities.items():
        page = site.page(f"entities/{entity_id}/")
        for field, section in SECTION_IDS.items():
            if not getattr(entity, field):
                continue
            heading = page.soup.find(id=section)
            assert heading is not None, (entity_id, section)
            following = heading.find_next_sibling()
            assert following is not None and following.get_text(strip=True), (entity_id, section)
        imaging = page.soup.find(id="imaging")
        assert imaging.find_next_sibling().name == "h3", entity_id
