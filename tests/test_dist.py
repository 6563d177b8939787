"""The publishable editions: the offline zip (opened from file:// with no network) and print."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from browser import OPEN_SHADOW_ROOTS, diagrams, first_search_result, wait_for_diagrams
from site_crawl import Site

ROOT = Path(__file__).resolve().parent.parent
VERSION = (ROOT / "VERSION").read_text().strip()


def test_zip_is_versioned_and_opens_at_index_html(dist):
    archive = dist / "dist" / f"soft-tissue-calcification-offline-{VERSION}.zip"
    names = zipfile.ZipFile(archive).namelist()
    assert "index.html" in names
    assert "search/search_index.js" in names  # the index inlined for file://
    assert "entities/gout.html" in names  # pages as .html files: links work from file://


def test_zip_holds_nothing_that_nothing_opens(dist):
    archive = dist / "dist" / f"soft-tissue-calcification-offline-{VERSION}.zip"
    names = zipfile.ZipFile(archive).namelist()
    assert not [name for name in names if "mermaid" in name or name.endswith(("diagrams.js", ".map"))]
    assert not [name for name in names if "/lunr/" in name]  # the book's search is in English
    assert "search/search_index.json" not in names and "sitemap.xml" not in names


def test_offline_pages_and_print_page_show_every_diagram_drawn(offline_site, book):
    site = Site(offline_site)
    for url, page in site.pages.items():
        scripts = [tag.get("src") or tag.get_text() for tag in page.soup.find_all("script")]
        assert not [script for script in scripts if "mermaid" in script], url
        assert not page.soup.select(".mermaid, pre.stc-diagram-source"), url
    assert len(site.page("print_page.html").soup.select(".stc-diagram svg")) == len(book.flows)
    for flow_id in book.flows:
        links = site.page(f"flows/{flow_id}.html").diagram_links()
        assert links and all(link.endswith((".html", "#safety-net")) for link in links), flow_id


def test_online_site_carries_the_zip_its_home_page_links_to(dist):
    site = dist / "site"
    home = Site(site).page("")
    links = [a["href"] for a in home.soup.find_all("a", href=True) if a["href"].endswith(".zip")]
    assert links == ["downloads/soft-tissue-calcification-offline.zip"]
    assert (site / links[0]).read_bytes() == (
        dist / "dist" / f"soft-tissue-calcification-offline-{VERSION}.zip").read_bytes()


def test_offline_edition_has_no_broken_link_and_no_remote_asset(offline_site):
    site = Site(offline_site)
    assert site.broken_links() == []
    for url, page in site.pages.items():
        for tag in page.soup.find_all(["script", "link", "img"]):
            source = tag.get("src") or (tag.get("href") if tag.name == "link" else None) or ""
            assert not source.startswith(("http:", "https:", "//")), (url, source)


@pytest.mark.browser
def test_offline_edition_works_from_file_url_with_the_network_blocked(offline_site, browser):
    requests: list[str] = []
    errors: list[str] = []
    context = browser.new_context()
    context.add_init_script(OPEN_SHADOW_ROOTS)

    def block_network(route):
        requests.append(route.request.url)
        if route.request.url.startswith("file://"):
            return route.continue_()
        return route.abort()

    context.route("**/*", block_network)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto((offline_site / "index.html").as_uri(), wait_until="load")
    assert "entities/pellegrini-stieda-lesion.html" in first_search_result(page, "Pellegrini", timeout=20000)

    page.goto((offline_site / "flows" / "ossification-cause.html").as_uri(), wait_until="load")
    wait_for_diagrams(page)
    assert diagrams(page) == ["svg"]

    for html in sorted(offline_site.rglob("*.html")):
        response = page.goto(html.as_uri(), wait_until="load")
        assert response is None or response.ok, html
    context.close()
    assert errors == []
    assert [url for url in requests if not url.startswith("file://")] == []
