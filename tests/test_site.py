"""The real book, built with `mkdocs build --strict` and read back as a reader gets it."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from site_crawl import Site

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(built_site):
    return Site(built_site)


def test_no_internal_link_or_anchor_is_broken(site):
    assert len(site.pages) > 100
    assert site.broken_links() == []


def test_every_flow_outcome_is_a_diagram_link_to_an_existing_page(site, book):
    for flow_id, flow in book.flows.items():
        page = site.page(f"flows/{flow_id}/")
        outcomes = [node for node in flow.nodes.values() if node.outcome]
        assert len(page.diagram_links()) == len(outcomes)
        for link in page.diagram_links():
            assert site.exists(site.resolve(page.url, link)[0]), link


def test_no_published_page_loads_a_diagram_library(site, built_site):
    """Diagrams are drawn when the book is built: no page carries mermaid, or a source to draw."""
    assert not (built_site / "assets" / "vendor" / "mermaid").exists()
    assert not (built_site / "assets" / "javascripts" / "diagrams.js").exists()
    for url, page in site.pages.items():
        scripts = [s.get("src") or s.get_text() for s in page.soup.find_all("script")]
        assert not [script for script in scripts if "mermaid" in script or "diagrams.js" in script], url
        assert not page.soup.select(".mermaid, pre.stc-diagram-source"), url


def test_nothing_but_stylesheets_holds_the_first_paint_and_the_polyfills_run_first(site):
    """Scripts with a file are deferred, so a phone paints before they arrive; deferred scripts run in
    document order, so the polyfills (forgiving search, the offline search shim) still run before
    Material's bundle creates the search worker. The book's own styles are one file."""
    for url, page in site.pages.items():
        sources = [script for script in page.soup.find_all("script") if script.get("src")]
        in_head = [script for script in sources if script.find_parent("head") is not None]
        assert in_head and all(script.has_attr("defer") for script in in_head), url
        order = [script["src"].rsplit("/", 1)[-1] for script in sources if script.has_attr("defer")]
        bundle = next(n for n, name in enumerate(order) if name.startswith("bundle."))
        assert order.index("search-forgiving.js") < bundle, url
        styles = [link["href"] for link in page.soup.select("head link[rel=stylesheet]")]
        theme = ("assets/stylesheets/main.", "assets/stylesheets/palette.")
        book = [href for href in styles if "assets/stylesheets/" in href and not any(t in href for t in theme)]
        assert len(book) == 1 and book[0].endswith("assets/stylesheets/book.bundle.css"), url


def test_every_diagram_is_an_inline_drawing_with_a_name_and_only_drawing_inside(site):
    drawn = 0
    for url, page in site.pages.items():
        for svg in page.soup.select(".stc-diagram svg"):
            drawn += 1
            title = svg.find("title")
            assert title is not None and title.get_text().startswith("Decision flow: "), url
            assert svg.get("aria-labelledby") == title.get("id"), url
            assert svg.find("desc") is not None and svg.get("aria-describedby"), url
            assert not svg.find_all(["script", "foreignobject", "style", "iframe", "image"]), url
            handlers = [name for tag in svg.find_all(True) for name in tag.attrs if name.startswith("on")]
            assert handlers == [], url
    assert drawn >= 2 * len(list(ROOT.joinpath("data", "flows").glob("*.yml")))  # flow pages + print


def test_the_time_course_is_one_list_not_a_diagram_and_a_table(site, book):
    for entity_id, entity in book.entities.items():
        if not entity.time_course:
            continue
        page = site.page(f"entities/{entity_id}/")
        heading = page.soup.find(id="time-course")
        course = heading.find_next("ol", class_="stc-course")
        assert [li.select_one(".stc-course-time").get_text() for li in course.find_all("li")] == [
            point.time for point in entity.time_course]
        section = []
        for sibling in heading.find_next_siblings():
            if sibling.name and sibling.name.startswith("h2"):
                break
            section.append(sibling)
        assert not [tag for tag in section if tag.name == "table" or tag.select(".stc-diagram, table")]


def test_every_entity_has_a_page_with_its_title_and_backlinks(site, book, graph):
    for entity_id, entity in book.entities.items():
        page = site.page(f"entities/{entity_id}/")
        assert " ".join(page.soup.h1.get_text().split()).rstrip("¶ ") == entity.title
        count = len(graph.differentials_naming(entity_id))
        assert count >= 1
        assert f"Appears in {count} differential list" in page.text
        assert "appears-in" in page.ids and "imaging" in page.ids


def test_every_item_of_every_list_is_a_link_on_its_page(site, book, graph):
    from macros.render import PageContext

    names = PageContext(graph, "differentials/any.md").item_names
    for differential_id, differential in book.differentials.items():
        page = site.page(f"differentials/{differential_id}/")
        article = page.soup.find("article")
        hrefs = {a["href"].split("#")[0] for a in article.find_all("a", href=True)}
        for item in differential.all_items():
            if item.entity:
                assert f"../../entities/{item.entity}/" in hrefs, (differential_id, item.entity)
                shown = names(item.entity, item.label)[0]  # a list's own wording, never a name twice
            else:
                assert f"../{item.differential}/" in hrefs, (differential_id, item.differential)
                shown = item.label or book.differentials[item.differential].title
            assert " ".join(shown.split()) in page.text, (differential_id, shown)
            if item.note:
                assert " ".join(item.note.split()).replace("[[", "")[:20] in page.text


def test_every_list_has_a_comparison_table_with_a_row_per_candidate(site, book, graph):
    for differential_id in book.differentials:
        page = site.page(f"differentials/{differential_id}/")
        heading = page.soup.find(id="comparison")
        assert heading is not None, differential_id
        table = heading.find_next("table")
        rows = table.find("tbody").find_all("tr")
        assert len(rows) == len(graph.candidates(differential_id)), differential_id
        assert [th.get_text(strip=True) for th in table.find("thead").find_all("th")][:3] == [
            "Entity and type", "Key clue", "Typical age"]


def test_every_key_point_and_group_label_is_shown(site, book):
    for differential_id, differential in book.differentials.items():
        text = site.page(f"differentials/{differential_id}/").text
        for group in differential.groups:
            assert group.label in text
        for point in differential.key_points:
            if "[[" not in point:
                assert " ".join(point.split()) in text, (differential_id, point)


def test_every_entity_fact_reaches_its_page(site, book):
    for entity_id, entity in book.entities.items():
        text = site.page(f"entities/{entity_id}/").text
        facts = [*entity.synonyms, *entity.eponyms, *entity.abbreviations,
                 *entity.key_features, *(line for lines in entity.imaging.model_dump().values()
                                         for line in lines)]
        facts += [finding for point in entity.time_course for finding in point.findings]
        for fact in facts:
            if "[[" not in fact:
                assert " ".join(fact.split()) in text, (entity_id, fact)


def test_generated_pages_edit_their_data_file(site, book):
    for entity_id in list(book.entities)[:5]:
        edit = site.page(f"entities/{entity_id}/").soup.find("a", attrs={"title": "Edit this page"})
        assert edit["href"].endswith(f"/edit/main/data/entities/{entity_id}.yml")
    edit = site.page("differentials/calcification/").soup.find("a", attrs={"title": "Edit this page"})
    assert edit["href"].endswith("/edit/main/data/differentials/calcification.yml")
    edit = site.page("about/").soup.find("a", attrs={"title": "Edit this page"})
    assert edit["href"].endswith("/edit/main/docs/about.md")


def test_every_page_carries_the_disclaimer_and_licences(site):
    for url, page in site.pages.items():
        footer = page.soup.find("footer")
        if footer is None:
            continue
        text = footer.get_text(" ")
        assert "not medical advice" in text, url
        assert "CC BY-SA 4.0" in text and "MIT" in text, url


def test_search_index_holds_every_entity_and_its_synonyms(built_site, book):
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    text = " ".join(doc["text"] for doc in index["docs"])
    for entity_id, entity in book.entities.items():
        assert f"entities/{entity_id}/" in locations
        for synonym in entity.synonyms:
            assert synonym.split()[0] in text


def test_navigation_reaches_every_list(site, book):
    # With navigation.prune each page carries only its own branch, so gather them all.
    targets = set()
    for url, page in site.pages.items():
        nav = page.soup.find("nav", class_="md-nav--primary")
        for a in nav.find_all("a", href=True) if nav else []:
            resolved = site.resolve(url, a["href"])
            if resolved:
                targets.add(resolved[0])
    for differential_id in book.differentials:
        assert f"differentials/{differential_id}/" in targets, differential_id
    assert "entities/" in targets


def test_print_page_holds_the_whole_book(site, book):
    page = site.page("print_page/")
    assert len(page.soup.select(".stc-diagram svg")) == len(book.flows)
    # The print plugin points the drawings' links at the book's sections on the same page.
    assert all(a["href"].startswith("#") for a in page.soup.select(".stc-diagram svg a[href]"))
    text = page.text
    for entity in book.entities.values():
        assert entity.title in text, entity.title
    for differential in book.differentials.values():
        assert differential.title in text, differential.title
    for flow in book.flows.values():
        assert flow.title in text, flow.title


def test_print_page_sends_finder_links_to_the_finder_and_files_entities_by_letter(site, book):
    page = site.page("print_page/")
    finder_links = [a["href"] for a in page.soup.select("a[href*='finder']") if "?" in a["href"]]
    assert finder_links and all(href.startswith("../finder/?") for href in finder_links)
    letters = [section.find("h1").get_text(strip=True) for section in page.soup.select("section.stc-letter")]
    assert letters == sorted({entity.title[0].upper() for entity in book.entities.values()})


def test_footer_shows_version_and_build_date(site):
    footer = site.page("").soup.find("footer").get_text(" ")
    version = (ROOT / "VERSION").read_text().strip()
    assert f"Version {version} · built" in " ".join(footer.split())


def test_aunt_minnie_gallery_has_an_illustrated_card_per_pattern(site, book):
    page = site.page("differentials/aunt-minnie/")
    cards = page.soup.select(".stc-gallery li")
    items = book.differentials["aunt-minnie"].items
    assert len(cards) == len(items)
    for card, item in zip(cards, items):
        image = card.find("img")
        assert image is not None and image.get("alt"), item.entity
        shown = book.entities[item.entity].images[0].file
        assert site.image_bytes(page.url, image["src"]) == (ROOT / "docs" / shown).read_bytes(), item.entity
        assert card.find("a", href=f"../../entities/{item.entity}/")
        assert " ".join(item.note.split())[:30] in " ".join(card.get_text(" ").split())


def test_a_pages_first_drawing_is_in_the_page_and_the_others_wait(site, book):
    """The first picture, what a phone shows first, paints with the text: a small drawing is written
    into the page, byte for byte its checked file; every later picture loads lazily from its file.
    Entity pages and lists (their own pictures, under the summary) alike."""
    from macros.render import EMBEDDED_DRAWING_BYTES

    pages = [(f"entities/{entity_id}/", entity.images) for entity_id, entity in book.entities.items()]
    pages += [(f"differentials/{list_id}/", differential.images)
              for list_id, differential in book.differentials.items()]
    embedded = 0
    for url, images in pages:
        shown = site.page(url).soup.select("figure.stc-figure img")[:len(images)]
        for number, (img, image) in enumerate(zip(shown, images)):
            source = ROOT / "docs" / image.file
            if number > 0:
                assert img.get("loading") == "lazy" and site.exists(site.resolve(url, img["src"])[0]), url
            elif source.suffix == ".svg" and source.stat().st_size <= EMBEDDED_DRAWING_BYTES:
                prefix = "data:image/svg+xml;base64,"
                assert img["src"].startswith(prefix), url
                assert base64.b64decode(img["src"].removeprefix(prefix)) == source.read_bytes(), url
                assert img.get("fetchpriority") == "high" and img.get("width") and img.get("height"), url
                embedded += 1
    assert embedded >= 60


def test_every_image_on_an_entity_page_is_credited(site, book):
    for entity_id, entity in book.entities.items():
        if not entity.images:
            continue
        figures = site.page(f"entities/{entity_id}/").soup.select("figure.stc-figure")
        assert len(figures) == len(entity.images)
        for figure, image in zip(figures, entity.images):
            credit = " ".join(figure.select_one(".stc-credit").get_text().split())
            assert image.license in credit and image.attribution in credit


def test_every_image_keeps_its_place_before_it_arrives(site):
    """Width and height on every content image: the page does not shift on a slow phone."""
    for url, page in site.pages.items():
        article = page.soup.find("article")
        for image in article.find_all("img") if article else []:
            assert image.get("width") and image.get("height"), (url, image.get("src"))


def test_every_answer_of_a_walk_points_back_to_the_red_flags(site, book):
    """An answer is never the last word: at each one the walk links the flow's red flags."""
    for flow_id, flow in book.flows.items():
        page = site.page(f"flows/{flow_id}/")
        answers = {node_id for node_id, node in flow.nodes.items() if node.outcome and not node.red_flag}
        steps = page.soup.select(".stc-walk > .stc-step")
        seen = [step for step in steps if step.select_one(".stc-still-flags a[href='#safety-net']")]
        assert len(seen) == len([s for s in steps if "Where this leads" in s.get_text()]), flow_id
        assert len(seen) >= len(answers) > 0, flow_id
        assert page.soup.find(id="safety-net").find_next(class_="admonition").select("li"), flow_id


def test_every_flow_node_reaches_its_page_in_words(site, book):
    for flow_id, flow in book.flows.items():
        text = site.page(f"flows/{flow_id}/").text
        for node in flow.nodes.values():
            shown = node.question or node.outcome
            assert " ".join(shown.split()) in text, (flow_id, shown)
            for answer in node.answers:
                assert answer.label in text, (flow_id, answer.label)


def test_home_page_shows_keys_not_markup_and_offers_no_download_it_does_not_have(site, built_site):
    home = site.page("")
    assert "++" not in home.text
    assert [kbd.get_text() for kbd in home.soup.select("article kbd")] == ["S", "F"]
    # Only `make dist` adds the zip (test_dist checks that its home page offers it).
    for link in home.soup.find_all("a", href=True):
        if link["href"].startswith("downloads/"):
            assert (built_site / link["href"]).is_file(), link["href"]


def test_the_tools_come_before_the_long_browse_table(site):
    article = site.page("").soup.find("article")
    quick = article.select_one("nav.stc-quick")
    assert [a.get_text() for a in quick.find_all("a")] == [
        "Differential finder", "Decision flows", "Self-test", "Entities A–Z"]
    # Then the drawings of the shapes (a phone reader meets them in the first screen or so), then
    # "Start here"; the long browse table comes later.
    first, second = quick.find_all_next("h2")[:2]
    assert first.get_text().startswith("What does it look like?") and first.find_next("nav")["class"] == ["stc-look"]
    assert second.get_text().startswith("Start here")
