"""Every list of the seed lecture is in the book, whole, on one page."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from site_crawl import Site

COVERAGE = yaml.safe_load((Path(__file__).parent / "seed_coverage.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site(built_site):
    return Site(built_site)


def _normalise(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def test_the_map_covers_every_heading_of_the_seed():
    assert len(COVERAGE) >= 40


@pytest.mark.parametrize("entry", COVERAGE, ids=[entry["seed"] for entry in COVERAGE])
def test_seed_list_is_whole_on_its_page(site, entry):
    text = _normalise(site.page(entry["page"]).text)
    missing = [item for item in entry["items"] if _normalise(item) not in text]
    assert missing == [], f"{entry['page']} lacks {missing}"


def test_aunt_minnie_page_is_a_real_page_of_patterns(book):
    aunt_minnie = book.differentials["aunt-minnie"]
    assert len(aunt_minnie.items) >= 10
    assert all(item.entity and item.note for item in aunt_minnie.items)
