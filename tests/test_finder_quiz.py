"""The differential finder and the self-test in a real browser (Debian's chromium), online and offline."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest

from browser import PageWatch, serious_accessibility_violations
from macros.finder import BY_FIELD, finder_data, rank, value_words

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "docs" / "assets" / "javascripts"
PARAMETERS = ["kind", "morphology", "site", "distribution", "age", "calcium", "phosphate", "finding"]

pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser


def _results(page) -> list[str]:
    return page.locator(".stc-finder__result").evaluate_all("items => items.map(i => i.dataset.entity)")


def _local_file(site: Path, href: str) -> Path:
    """The built file an http://127.0.0.1/… or file://… link leads to."""
    path = unquote(urlparse(href).path)
    if href.startswith("file:"):
        return Path(path)
    relative = path.lstrip("/")
    return site / (relative + "index.html" if relative.endswith("/") or not relative else relative)


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


# ---- The scripts themselves ---------------------------------------------------------------------

def test_scripts_insert_data_as_text_and_touch_no_network():
    for name in ("book-page.js", "finder.js", "quiz.js"):
        source = (SCRIPTS / name).read_text(encoding="utf-8")
        for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                          "new Function", "fetch(", "XMLHttpRequest", "import("):
            assert forbidden not in source, f"{name} uses {forbidden}"


# ---- Finder -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "expected", "top"), [
    ("kind=calcification&site=periarticular&age=young-adult", "calcium-hydroxyapatite-deposition-disease", 3),
    ("kind=ossification&site=muscle", "myositis-ossificans", 3),
    ("kind=calcification&calcium=high&phosphate=high", "hypervitaminosis-d", 15),
    ("kind=calcification&site=pinna", "perichondritis", 5),
    ("kind=ossification&site=ligament&age=older-adult", "dish", 5),
    ("kind=ossification&finding=great-toe-malformation", "fibrodysplasia-ossificans-progressiva", 1),
    ("kind=calcification&site=periarticular&finding=renal-failure", "tumoral-calcinosis", 3),
    ("kind=ossification&finding=neurological-injury", "paraplegia-heterotopic-ossification", 2),
])
def test_url_parameters_rank_the_expected_entities_and_every_result_links_to_its_page(
        page, base_url, built_site, book, query, expected, top):
    watch = PageWatch(page)
    page.goto(f"{base_url}finder/?{query}", wait_until="load")
    results = _results(page)
    assert expected in results[:top], results
    assert 0 < len(results) <= 15
    count = page.locator(".stc-finder__count").inner_text()
    assert re.match(r"(\d+|None) match(es)? everything you chose", count), count
    # The form shows the choices the address holds.
    for name, [value] in _query(page.url).items():
        assert page.locator(f"input[name='{name}'][value='{value}']").is_checked()
    # Each result: a link to an existing entity page, its summary, its matches and conflicts in words.
    for item in page.locator(".stc-finder__result").all():
        entity_id = item.get_attribute("data-entity")
        link = item.locator("a").first
        assert link.inner_text() == book.entities[entity_id].title
        assert _local_file(built_site, link.evaluate("a => a.href")).is_file(), entity_id
        assert item.locator(".stc-finder__matches").inner_text().startswith("Matches: ")
        assert item.locator(".stc-finder__conflicts").inner_text().startswith("Conflicts: ")
    assert watch.errors == []


def _expected_words(entity, choices: dict[str, str]) -> tuple[list[str], list[str]]:
    """What the finder should say for one entity: matches and conflicts, in its words."""
    words = lambda values: ", ".join(value_words(v) for v in values)  # noqa: E731
    matches, conflicts = [], []
    for name, value in choices.items():
        if name == "kind":
            ok = entity.category in (value, "both")
            (matches if ok else conflicts).append(value if ok else f"it is {entity.category}")
        elif name in ("calcium", "phosphate"):
            level = getattr(entity.facets.serum, name) if entity.facets.serum else None
            if level in (None, "variable"):
                continue
            (matches if level == value else conflicts).append(
                f"{words([value])} serum {name}" if level == value else f"serum {name} is {words([level])}")
        elif name == "finding":
            # An associated finding the entity does not list is silence, not a conflict.
            if value in entity.facets.associated:
                matches.append(f"associated finding {words([value])}")
        else:
            facet = {"site": "sites"}.get(name, name)
            noun = {"morphology": "shape"}.get(name, name)
            values = getattr(entity.facets, facet)
            if not values:
                continue
            (matches if value in values else conflicts).append(
                f"{noun} {words([value])}" if value in values else f"{noun} is {words(values)}")
    return matches, conflicts


@pytest.mark.parametrize("query", ["kind=calcification&site=pinna&age=young-adult&calcium=high",
                                   "kind=ossification&morphology=trabecular&distribution=solitary&phosphate=high",
                                   "kind=calcification&site=tendon-bursa&finding=acro-osteolysis"])
def test_each_result_spells_out_its_matches_and_conflicts_and_the_ranking_follows_them(
        page, base_url, book, query):
    page.goto(f"{base_url}finder/?{query}", wait_until="load")
    choices = dict(page.locator("#stc-finder input:checked").evaluate_all(
        "inputs => inputs.filter(i => i.value).map(i => [i.name, i.value])"))
    assert choices == {name: value for name, [value] in _query(page.url).items()}
    ranks = []
    for item in page.locator(".stc-finder__result").all():
        entity = book.entities[item.get_attribute("data-entity")]
        matches, conflicts = _expected_words(entity, choices)
        assert item.locator(".stc-finder__matches").inner_text() == f"Matches: {'; '.join(matches)}."
        assert item.locator(".stc-finder__conflicts").inner_text() == (
            f"Conflicts: {'; '.join(conflicts) if conflicts else 'none'}.")
        assert matches  # nothing without a match is shown
        ranks.append(item.get_attribute("data-entity"))
    assert len(ranks) == 15
    # The order is the weighted ranking (fit weighted by how much each finding discriminates, then
    # prevalence) that macros.finder.rank computes from the same data.
    assert ranks == rank(finder_data(book.entities, {}), choices)[:15]


def test_the_form_offers_every_facet_value_in_the_data_and_the_page_documents_each(page, base_url, book):
    page.goto(base_url + "finder/", wait_until="load")
    offered = {name: set(page.locator(f"input[name='{name}']").evaluate_all(
        "inputs => inputs.map(i => i.value).filter(Boolean)")) for name in PARAMETERS}
    facets = [entity.facets for entity in book.entities.values()]
    assert offered["kind"] == {"calcification", "ossification"}
    assert offered["morphology"] == {value for f in facets for value in f.morphology}
    assert offered["site"] == {value for f in facets for value in f.sites}
    assert offered["distribution"] == {value for f in facets for value in f.distribution}
    assert offered["age"] == {value for f in facets for value in f.age}
    assert offered["finding"] == {value for f in facets for value in f.associated}
    for serum in ("calcium", "phosphate"):
        assert offered[serum] == {getattr(f.serum, serum) for f in facets if f.serum} - {"variable"}
    # The page's table of parameters, as the reader sees it: parameter -> the values it lists.
    documented = dict(page.locator("article table tr").evaluate_all(
        "rows => rows.filter(r => r.cells.length === 3 && r.cells[0].querySelector('code'))"
        ".map(r => [r.cells[0].textContent.trim(),"
        " [...r.cells[2].querySelectorAll('code')].map(c => c.textContent)])"))
    assert set(documented) == set(PARAMETERS)
    for name, values in offered.items():
        assert set(documented[name]) >= values, name
    # Every group is a fieldset with a legend and an "any" choice, checked when nothing is chosen.
    for name in PARAMETERS:
        group = page.locator("#stc-finder fieldset").filter(has=page.locator(f"input[name='{name}']"))
        assert group.locator("legend").inner_text()
        assert page.locator(f"input[name='{name}'][value='']").is_checked()
    assert page.locator(".stc-finder__count").inner_text().startswith(f"{len(book.entities)} entities")


def test_clicking_a_choice_updates_the_address_and_the_results_without_reload(page, base_url, book):
    page.goto(base_url + "finder/", wait_until="load")
    page.evaluate("window.__sameDocument = true")
    before = _results(page)
    live = page.locator(".stc-finder [aria-live='polite']")
    assert live.count() >= 1

    page.get_by_role("radio", name="ossification", exact=True).click()
    page.wait_for_function("() => location.search.includes('kind=ossification')")
    assert _query(page.url) == {"kind": ["ossification"]}
    after = _results(page)
    assert after != before
    assert all(book.entities[e].category in ("ossification", "both") for e in after[:5])

    page.locator("input[name='site'][value='muscle']").click()
    page.wait_for_function("() => location.search.includes('site=muscle')")
    assert _query(page.url) == {"kind": ["ossification"], "site": ["muscle"]}
    assert "myositis-ossificans" in _results(page)[:3]

    # Keyboard: arrows move within a group of native radios, and the address follows.
    page.locator("input[name='age'][value='']").focus()
    page.keyboard.press("ArrowRight")
    # The address may follow the key press a moment later on a loaded machine: wait for it.
    page.wait_for_function("() => location.search.includes('age=')")
    assert _query(page.url)["age"] == ["child"]
    assert page.evaluate("document.activeElement.name") == "age"

    page.locator("#stc-finder").get_by_role("button", name="Clear").click()
    page.wait_for_function("() => location.search === ''")
    assert urlparse(page.url).query == ""
    assert _results(page) == before
    assert page.evaluate("window.__sameDocument") is True  # never reloaded


def test_an_entity_page_opens_the_finder_with_one_of_its_features_chosen(page, base_url, book):
    page.goto(base_url + "entities/fibrodysplasia-ossificans-progressiva/", wait_until="load")
    page.locator("article a[href*='finder/?']").filter(has_text="great toe malformation").click()
    page.wait_for_load_state("load")
    assert _query(page.url) == {"finding": ["great-toe-malformation"]}
    assert page.locator("input[name='finding'][value='great-toe-malformation']").is_checked()
    assert _results(page)[0] == "fibrodysplasia-ossificans-progressiva"
    assert page.locator(".stc-finder__result").first.locator(".stc-finder__matches").inner_text() == (
        "Matches: associated finding great toe malformation.")


def test_the_finder_says_so_when_its_settings_did_not_load(browser, base_url):
    # A browser holding a cached data script from before the finder's settings were added.
    context = browser.new_context()
    context.route("**/finder-data.js", lambda route: route.fulfill(
        status=200, content_type="application/javascript", body="window.STC_BOOK = {entities: {}};"))
    page = context.new_page()
    watch = PageWatch(page)
    page.goto(base_url + "finder/", wait_until="load")
    assert page.locator("#stc-finder").inner_text().strip() == "The finder could not load the book's data."
    assert watch.errors == []
    context.close()


def test_unknown_parameter_values_are_ignored(page, base_url):
    watch = PageWatch(page)
    page.goto(base_url + "finder/?site=nowhere&kind=<b>x</b>&seed=3", wait_until="load")
    assert page.locator("input[name='site'][value='']").is_checked()
    assert page.locator("input[name='kind'][value='']").is_checked()
    assert watch.errors == []


def test_the_form_is_in_the_page_before_any_script_runs_and_nothing_moves_when_it_starts(
        browser, base_url, built_site, book):
    html = (built_site / "finder" / "index.html").read_text(encoding="utf-8")
    for name in PARAMETERS:
        assert f'name="{name}"' in html, name
    assert f"{len(book.entities)} entities" in html
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.add_init_script("""window.__shifts = 0; new PerformanceObserver(list => list.getEntries()
        .forEach(e => { if (!e.hadRecentInput) window.__shifts += e.value; }))
        .observe({type: 'layout-shift', buffered: true});""")
    page = context.new_page()
    page.goto(base_url + "finder/?kind=calcification&site=periarticular", wait_until="networkidle")
    page.wait_for_timeout(300)
    assert page.locator(".stc-finder__result").count() > 0
    assert page.evaluate("window.__shifts") <= 0.05
    context.close()


@pytest.mark.parametrize(("query", "words"), [
    ("", r"91 entities — choose what you see to rank them\."),
    ("kind=ossification", r"\d+ match your choice\."),
    ("kind=calcification&site=periarticular&finding=renal-failure",
     r"\d+ match everything you chose; \d+ more match some\."),
])
def test_the_counts_say_what_they_mean(page, base_url, book, query, words):
    page.goto(f"{base_url}finder/?{query}", wait_until="load")
    count = page.locator(".stc-finder__count").inner_text()
    assert re.fullmatch(words.replace("91", str(len(book.entities))), count), count
    numbers = [int(n) for n in re.findall(r"\d+", count)]
    # Adding a choice never raises the number that match everything.
    before = numbers[0] if numbers else len(book.entities)
    page.locator("input[name='age'][value='adult']").check()
    after = page.locator(".stc-finder__count").inner_text()
    first = re.match(r"(\d+|None)", after).group(1)
    assert (0 if first == "None" else int(first)) <= before


def test_on_a_phone_the_summary_stays_in_sight_after_a_tap(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + "finder/", wait_until="load")
    status = page.locator(".stc-finder__status")
    for choice in ("stc-finder-kind-calcification", "stc-finder-site-periarticular",
                   "stc-finder-finding-renal-failure"):
        label = page.locator(f"label[for='{choice}']")
        label.scroll_into_view_if_needed()
        label.tap()
        box = status.bounding_box()
        assert 0 <= box["y"] and box["y"] + box["height"] <= 844 and box["height"] <= 844 * 0.2, box
        assert not label.evaluate("""l => { const b = l.getBoundingClientRect(),
            s = document.querySelector('.stc-finder__status').getBoundingClientRect();
            return b.top < s.bottom && b.bottom > s.top; }"""), "the summary hides the choice tapped"
    assert "match everything you chose" in status.inner_text()
    top = status.locator(".stc-finder__top a").all_inner_texts()
    assert top == page.locator(".stc-finder__result .stc-finder__title a").all_inner_texts()[:3]
    status.get_by_role("button", name="All the candidates").click()
    page.wait_for_timeout(300)
    assert page.locator(".stc-finder__result").first.bounding_box()["y"] < 844
    context.close()


def test_the_finder_fits_a_phone_screen(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + "finder/?kind=calcification", wait_until="load")
    overflow = page.evaluate("""() => [...document.querySelectorAll('#stc-finder *')]
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map(e => e.tagName + '.' + e.className)""")
    assert overflow == []
    context.close()


# ---- Quiz ---------------------------------------------------------------------------------------

def _answer(question, option: int = 0) -> str:
    question.locator("input[type=radio]").nth(option).check()
    question.get_by_role("button", name="Check").click()
    return question.locator(".stc-feedback").inner_text()


def test_quiz_renders_ten_questions_and_the_score_survives_a_reload(page, base_url):
    watch = PageWatch(page)
    page.goto(base_url + "quiz/?seed=5", wait_until="load")
    questions = page.locator(".stc-question")
    assert questions.count() == 10
    legends = questions.locator("legend").all_inner_texts()
    score = page.locator(".stc-quiz__score")
    assert score.inner_text() == "Score: 0 / 0 answered correctly"

    feedback = _answer(questions.nth(0))
    assert feedback.startswith(("Correct.", "Incorrect"))
    right = 1 if feedback.startswith("Correct.") else 0
    assert score.inner_text() == f"Score: {right} / 1 answered correctly"
    assert questions.nth(0).locator("fieldset").evaluate("f => f.disabled")  # one answer per question
    questions.nth(0).get_by_role("button", name="Check").click(force=True)  # aria-disabled: ignored
    assert score.inner_text() == f"Score: {right} / 1 answered correctly"
    assert page.evaluate("document.activeElement.textContent") == "Check"  # focus stays put

    page.reload(wait_until="load")
    assert page.locator(".stc-quiz__score").inner_text() == f"Score: {right} / 1 answered correctly"
    assert page.locator(".stc-question legend").all_inner_texts() == legends  # the same seed, the same round
    stored = page.evaluate("JSON.parse(localStorage.getItem('stc-quiz-v1'))")
    assert stored == {"correct": right, "answered": 1}

    page.get_by_role("button", name="New questions").click()
    assert _query(page.url)["seed"] == ["6"]
    assert page.locator(".stc-question").count() == 10
    assert page.locator(".stc-question legend").all_inner_texts() != legends

    page.get_by_role("button", name="Reset score").click()
    assert page.locator(".stc-quiz__score").inner_text() == "Score: 0 / 0 answered correctly"
    assert page.evaluate("localStorage.getItem('stc-quiz-v1')") is None
    assert watch.errors == []


def test_every_question_has_one_right_answer_among_four_and_explains_it_with_working_links(
        page, base_url, built_site, book):
    titles = {entity.title for entity in book.entities.values()}
    shapes = {value_words(shape).capitalize() for shape in BY_FIELD["morphology"].values}
    kinds = set()
    for seed in range(1, 9):
        page.goto(f"{base_url}quiz/?seed={seed}", wait_until="load")
        questions = page.locator(".stc-question")
        assert questions.count() == 10
        for question in questions.all():
            kinds.add(question.get_attribute("data-type"))
            options = question.locator("label.stc-choice").all_inner_texts()
            assert len(options) == len(set(options)) == 4
            assert set(options) <= (shapes if question.get_attribute("data-type") == "shape" else titles)
            assert question.locator("fieldset > legend").count() == 1
            _answer(question, seed % 4)
            assert question.locator(".stc-choice--correct").count() == 1
            links = question.locator(".stc-feedback a").evaluate_all("links => links.map(a => a.href)")
            assert links
            for href in links:
                assert _local_file(built_site, href).is_file(), href
            for image in question.locator("img").evaluate_all("imgs => imgs.map(i => i.src)"):
                assert _local_file(built_site, image).is_file(), image
    assert kinds == {"cause", "pattern", "picture", "shape", "discriminator", "association"}


def _picture_data(page, question) -> dict:
    """The picture question's data in quiz-data.js, found by the drawing the question shows."""
    src = question.locator("img").get_attribute("src")
    return page.evaluate("src => STC_QUIZ.pictures.find(p => src.endsWith(p.file))", src)


@pytest.mark.parametrize("kind", ["picture", "shape"])
def test_a_picture_question_shows_its_drawing_with_a_fair_alt_and_explains_the_answer(
        page, base_url, built_site, book, kind):
    watch = PageWatch(page)
    answered = 0
    for seed in range(1, 6):
        page.goto(f"{base_url}quiz/?seed={seed}", wait_until="load")
        for question in page.locator(f".stc-question[data-type='{kind}']").all():
            picture = _picture_data(page, question)
            image = question.locator("img.stc-question__image")
            image.scroll_into_view_if_needed()
            page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
            assert image.get_attribute("alt") == picture["alt"]
            assert (image.get_attribute("width"), image.get_attribute("height")) == ("320", "240")
            assert _local_file(built_site, image.evaluate("i => i.src")).is_file()
            legend = question.locator("legend").inner_text()
            assert legend.endswith("Which of these is this pattern?" if kind == "picture" else "Which shape is this?")
            answer = (book.entities[picture["answer"]].title if kind == "picture"
                      else value_words(picture["answer"]).capitalize())
            for text in (legend, picture["alt"]):  # the question does not name its answer
                assert answer.casefold() not in text.casefold(), text
            # Answer it right: the radio whose value is the answer.
            question.locator(f"input[value='{picture['answer']}']").check()
            question.get_by_role("button", name="Check").click()
            feedback = question.locator(".stc-feedback")
            assert feedback.inner_text().startswith("Correct.")
            assert picture["caption"] in feedback.inner_text()
            links = feedback.locator("a").evaluate_all("links => links.map(a => a.href)")
            assert links and all(_local_file(built_site, href).is_file() for href in links)
            if kind == "picture":
                assert any(href.rstrip("/").endswith("entities/" + picture["answer"]) for href in links)
            answered += 1
    assert answered >= 3
    assert watch.errors == []


def test_association_questions_are_fair(page, base_url, book):
    """The answer lists the finding; no wrong answer lists it or shares the answer's mechanism."""
    by_title = {entity.title: entity for entity in book.entities.values()}
    asked = 0
    for seed in range(1, 9):
        page.goto(f"{base_url}quiz/?seed={seed}", wait_until="load")
        questions = page.locator(".stc-question[data-type='association']").all()
        findings = [question.get_attribute("data-finding") for question in questions]
        assert len(findings) == len(set(findings)), "one question per finding in a round"
        for question, finding in zip(questions, findings):
            assert value_words(finding) in question.locator("legend").inner_text()
            _answer(question)
            answer = by_title[question.locator(".stc-choice--correct").inner_text()]
            assert finding in answer.facets.associated
            for title in question.locator("label.stc-choice").all_inner_texts():
                if title != answer.title:
                    assert finding not in by_title[title].facets.associated, title
                    assert by_title[title].mechanism != answer.mechanism, title
            finder = question.locator(".stc-feedback a", has_text="differential finder")
            assert _query(finder.get_attribute("href")) == {"finding": [finding]}
            asked += 1
    assert asked >= 8


def test_quiz_works_without_local_storage(browser, base_url):
    context = browser.new_context()
    context.add_init_script("""Object.defineProperty(window, 'localStorage',
        {get() { throw new DOMException('denied', 'SecurityError'); }});""")
    page = context.new_page()
    # Material's own scripts complain about the refused storage on every page; the quiz adds nothing.
    baseline = PageWatch(page)
    page.goto(base_url + "about/", wait_until="load")
    page.wait_for_timeout(200)
    page = context.new_page()
    watch = PageWatch(page)
    page.goto(base_url + "quiz/", wait_until="load")
    assert page.locator(".stc-question").count() == 10
    _answer(page.locator(".stc-question").first)
    assert re.fullmatch(r"Score: [01] / 1 answered correctly", page.locator(".stc-quiz__score").inner_text())
    assert "does not let the page keep your score" in page.locator(".stc-quiz__bar").inner_text()
    assert watch.errors == baseline.errors
    context.close()


# ---- Both pages ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["finder/?kind=calcification&morphology=ring", "quiz/"])
def test_no_console_error_no_outside_request_and_no_serious_accessibility_violation(page, base_url, path):
    watch = PageWatch(page)
    page.goto(base_url + path, wait_until="networkidle")
    if path.startswith("quiz"):
        for index in range(3):  # answered questions show their verdicts and links
            _answer(page.locator(".stc-question").nth(index), index)
    else:
        page.locator("input[name='age'][value='adult']").check()
    assert page.locator("#stc-finder, #stc-quiz").first.evaluate("e => e.children.length") > 1
    assert serious_accessibility_violations(page) == []
    assert watch.errors == []
    assert watch.outside(base_url) == []


def test_finder_and_quiz_work_from_file_urls_with_the_network_blocked(browser, offline_site):
    context = browser.new_context()
    outside: list[str] = []

    def block_network(route):
        if route.request.url.startswith("file://"):
            return route.continue_()
        outside.append(route.request.url)
        return route.abort()

    context.route("**/*", block_network)
    page = context.new_page()
    watch = PageWatch(page)

    page.goto((offline_site / "finder.html").as_uri() + "?kind=ossification&site=muscle", wait_until="load")
    assert "myositis-ossificans" in _results(page)[:3]
    link = page.locator(".stc-finder__result[data-entity='myositis-ossificans'] a").first.evaluate("a => a.href")
    assert link == (offline_site / "entities" / "myositis-ossificans.html").as_uri()
    page.locator("input[name='age'][value='child']").check()
    assert _query(page.url) == {"kind": ["ossification"], "site": ["muscle"], "age": ["child"]}
    page.locator(".stc-finder__result a").first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith((offline_site / "entities").as_uri())
    assert page.locator("h1").count() == 1

    # An entity page's At a glance link carries its choice into the finder, query and all.
    page.goto((offline_site / "entities" / "gout.html").as_uri(), wait_until="load")
    page.locator("article a[href*='finder.html?']").filter(has_text="joint erosions").click()
    page.wait_for_load_state("load")
    assert _query(page.url) == {"finding": ["joint-erosions"]}
    assert page.locator("input[name='finding'][value='joint-erosions']").is_checked()
    assert "gout" in _results(page)

    # A set (the seed in the address) with a picture and an association question after the first:
    # a random set may have neither, or open on the association question.
    for seed in range(1, 60):
        page.goto((offline_site / "quiz.html").as_uri() + f"?seed={seed}", wait_until="load")
        kinds = page.locator(".stc-question").evaluate_all("questions => questions.map(q => q.dataset.type)")
        if "association" in kinds[1:] and {"picture", "shape"} & set(kinds):
            break
    questions = page.locator(".stc-question")
    assert questions.count() == 10
    answered = 0
    for question in [questions.first, questions.nth(kinds.index("association", 1))]:
        _answer(question)
        answered += 1
        for href in question.locator(".stc-feedback a").evaluate_all("links => links.map(a => a.href)"):
            assert urlparse(href).path.endswith(".html") and _local_file(offline_site, href).is_file(), href
    assert re.fullmatch(rf"Score: [0-{answered}] / {answered} answered correctly",
                        page.locator(".stc-quiz__score").inner_text())
    # A picture question's drawing loads from the unzipped folder too.
    image = page.locator(".stc-question[data-type='picture'] img, .stc-question[data-type='shape'] img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert image.evaluate("i => i.src").startswith((offline_site / "assets").as_uri())

    assert watch.errors == []
    assert outside == []
    assert [url for url in watch.requests if not url.startswith("file://")] == []
    context.close()


def test_the_quiz_opens_on_a_set_of_its_own_and_the_address_keeps_it(page, base_url):
    seeds = set()
    for _ in range(3):
        page.goto(base_url + "quiz/", wait_until="load")
        [seed] = _query(page.url)["seed"]
        assert page.locator(".stc-quiz__set").inner_text().startswith(f"Question set {seed} ")
        seeds.add(seed)
    assert len(seeds) > 1  # three sets at random among 9,999: the same one three times is a bug
    legends = page.locator(".stc-question legend").all_inner_texts()
    page.reload(wait_until="load")
    assert page.locator(".stc-question legend").all_inner_texts() == legends


def test_a_cause_question_explains_the_answer_and_where_each_other_option_belongs(page, base_url, book):
    explained = 0
    for seed in range(1, 5):
        page.goto(f"{base_url}quiz/?seed={seed}", wait_until="load")
        for question in page.locator(".stc-question[data-type='cause']").all():
            options = question.locator("label.stc-choice").all_inner_texts()
            _answer(question)
            answer = question.locator(".stc-choice--correct").inner_text()
            why = question.locator(".stc-feedback__why")
            others = why.locator("li").all()
            assert sorted(item.locator("a").first.inner_text() for item in others) == sorted(
                title for title in options if title != answer)
            for item in others:  # each wrong option: its page, a list it is on, what it is
                assert item.locator("a").count() == 2 and len(item.inner_text()) > 40
            assert len(why.locator("p").first.inner_text()) > len(answer) + 40
            explained += 1
    assert explained >= 4
