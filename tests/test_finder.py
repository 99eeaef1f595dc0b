"""The finder (zoeken/): real searches in Chromium over the example site's real index.

Expected results come from the content model, not from the page: the same
catalog and agenda the build used decide which offerings must be found.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from browser_support import BUILD_DATE, BUILD_MORNING, ROOT
from playwright.sync_api import expect

from herstelnetwerk.loading.agenda import build_agenda
from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.planning import urls
from herstelnetwerk.planning.site_data import build_site_data

STATUS = "[data-status]"
# What the status line says once the finder is ready: what it found, or what to do first.
COUNT = re.compile(r"^(\d+) gevonden|Niets gevonden|vonden we niets|^Typ een woord")


@pytest.fixture(scope="module")
def site_data():
    catalog = load_catalog(ROOT / "activities", date.fromisoformat(BUILD_DATE)).catalog
    return build_site_data(catalog, build_agenda(catalog, date.fromisoformat(BUILD_DATE)))


def open_finder(page, site_url, query: str = ""):
    page.goto(site_url + "zoeken/" + query)
    expect(page.locator("[data-finder][data-ready]")).to_have_count(1, timeout=15000)
    expect(page.locator(STATUS)).to_have_text(COUNT, timeout=15000)


def wait_for_count(page, count: int):
    text = "Niets gevonden" if count == 0 else f"{count} gevonden"
    # From the start: "4 gevonden" must not match "74 gevonden".
    expect(page.locator(STATUS)).to_have_text(re.compile("^" + re.escape(text)), timeout=15000)


def box(page, label: str):
    """A filter's checkbox by its label, also while its group is folded."""
    return page.locator("label", has_text=re.compile(r"^\s*" + re.escape(label))).locator("input")


def choose(page, label: str):
    """Tick a filter, opening its group first (one group is open at a time)."""
    name = re.compile(r"^\s*" + re.escape(label))
    group = page.locator("details[data-group]", has=page.locator("label", has_text=name))
    if group.get_attribute("open") is None:
        group.locator("summary").click()
    page.get_by_role("checkbox", name=name).check()


def result_paths(page) -> set[str]:
    """Every result's path; shows all results first."""
    more = page.locator("[data-more]")
    while more.is_visible():
        before = page.locator("[data-results] > li").count()
        more.click()
        expect(page.locator("[data-results] > li")).not_to_have_count(before)
    hrefs = page.locator("[data-results] h3 a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return {urlparse(href).path.lstrip("/") for href in hrefs}


def offerings(data, keep) -> set[str]:
    return {urls.offering(entry.slug) for entry in data.agenda.visible() if keep(entry.offering)}


def test_a_dutch_query_finds_words_with_the_same_stem(page, site_url):
    open_finder(page, site_url)
    page.get_by_label("Waar zoek je naar?").fill("wandelingen")
    expect(page.locator("[data-results] h3 a").first).to_have_text("Samen wandelen in de polder", timeout=15000)
    first = page.locator("[data-results] > li").first
    # A result says when it is next, where, and that you can just walk in.
    expect(first).to_contain_text("Volgende keer")
    expect(first).to_contain_text("Dorpshuis De Hooiberg, Eemnes")
    expect(first).to_contain_text("Gewoon binnenlopen")
    assert parse_qs(urlparse(page.url).query) == {"q": ["wandelingen"]}


def test_two_filters_give_exactly_the_offerings_of_the_model(page, site_url, site_data):
    expected = offerings(
        site_data, lambda o: o.join.how == "binnenlopen" and "amersfoort" in site_data.municipalities_of(o)
    )
    assert len(expected) >= 3  # the example content has several; otherwise the test proves little
    open_finder(page, site_url)
    choose(page, "Amersfoort")
    choose(page, "Gewoon binnenlopen")
    wait_for_count(page, len(expected))
    assert result_paths(page) == expected
    query = parse_qs(urlparse(page.url).query)
    assert query == {"gemeente": ["amersfoort"], "binnenlopen": ["ja"]}

    # A reload restores the same search from the address.
    page.reload()
    wait_for_count(page, len(expected))
    expect(box(page, "Amersfoort")).to_be_checked()
    expect(box(page, "Gewoon binnenlopen")).to_be_checked()
    assert result_paths(page) == expected


def test_the_back_button_goes_to_the_previous_filters(page, site_url, site_data):
    in_amersfoort = offerings(site_data, lambda o: "amersfoort" in site_data.municipalities_of(o))
    open_finder(page, site_url, "?gemeente=amersfoort")
    choose(page, "Gratis")
    expect(page).to_have_url(re.compile(r"gratis=ja"))
    page.go_back()
    expect(page).not_to_have_url(re.compile(r"gratis=ja"))
    expect(box(page, "Gratis")).not_to_be_checked()
    expect(box(page, "Amersfoort")).to_be_checked()
    # The municipality and its locations match too, next to its offerings.
    paths = result_paths(page)
    assert in_amersfoort <= paths
    assert {p for p in paths if p.startswith("activiteiten/")} == in_amersfoort


def test_the_live_region_announces_the_number_of_results(page, site_url, site_data):
    open_finder(page, site_url)
    status = page.locator(STATUS)
    assert status.get_attribute("aria-live") == "polite"
    online = offerings(site_data, lambda o: o.is_online)
    choose(page, "Online")
    wait_for_count(page, len(online))
    assert result_paths(page) == online
    # Each option says how many results it would give.
    counts = box(page, "Amersfoort").locator("xpath=..").locator("[data-count]")
    expect(counts).to_have_text(
        f"({len(online & offerings(site_data, lambda o: 'amersfoort' in site_data.municipalities_of(o)))})"
    )


def test_today_is_the_browsers_date_not_the_build_date(browser, site_url, site_data):
    day = date(2026, 11, 24)  # the day after the build
    expected = {
        urls.offering(entry.slug)
        for entry in site_data.agenda.visible()
        if any(s.start.date() == day and not s.cancelled for s in entry.sessions)
    }
    assert expected
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = context.new_page()
    page.clock.set_fixed_time("2026-11-24T08:00:00+01:00")
    open_finder(page, site_url, "?wanneer=vandaag")
    wait_for_count(page, len(expected))
    assert result_paths(page) == expected
    expect(page.locator("[data-results] > li").first.locator("dd").first).to_have_text(
        re.compile(r"^vandaag, \d\d:\d\d")
    )
    context.close()


def test_keyboard_only_search_and_filter_keep_the_focus(page, site_url):
    open_finder(page, site_url)
    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "hn-q":
            break
    else:
        pytest.fail("Tab never reached the search field")
    page.keyboard.type("koffie")
    expect(page).to_have_url(re.compile(r"q=koffie"), timeout=15000)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.type") == "checkbox":
            break
    else:
        pytest.fail("Tab never reached a filter")
    focused = page.evaluate("() => document.activeElement.name + '=' + document.activeElement.value")
    assert focused == "gemeente=amersfoort"
    before = page.locator(STATUS).text_content()
    page.keyboard.press("Space")
    expect(box(page, "Amersfoort")).to_be_checked()
    expect(page).to_have_url(re.compile(r"gemeente=amersfoort"))
    expect(page.locator(STATUS)).not_to_have_text(before, timeout=15000)
    assert page.evaluate("() => document.activeElement.name + '=' + document.activeElement.value") == focused


def test_near_me_sorts_by_distance_and_sends_the_position_nowhere(browser, site_url):
    eemnes = {"latitude": 52.2536, "longitude": 5.2570}
    context = browser.new_context(locale="nl-NL", geolocation=eemnes, permissions=["geolocation"])
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_finder(page, site_url, "?binnenlopen=ja")
    page.get_by_role("button", name="Gebruik mijn locatie").click()
    expect(page.locator(STATUS)).to_contain_text("het dichtstbij eerst", timeout=15000)
    first = page.locator("[data-results] > li").first
    expect(first).to_contain_text("Eemnes")
    distances = page.locator("[data-results] dd").all_text_contents()
    km = [0.0 if "minder dan" in d else float(d.split()[1].replace(",", ".")) for d in distances if d.endswith(" km")]
    assert len(km) >= 3 and km == sorted(km)
    assert all(url.startswith(site_url) for url in requests)
    assert not any("52.25" in url or "5.25" in url for url in requests)
    context.close()


def test_without_javascript_the_page_offers_links(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "zoeken/")
    # (A browser without scripts also applies the style sheet in <noscript>, which hides the form;
    # Chromium with scripts switched off by a test does not, so that part is read from the page.)
    expect(page.get_by_text("werkt alleen als JavaScript aan staat")).to_be_visible()
    nojs = page.locator("noscript").first.inner_html()
    assert "finder-nojs.css" in nojs
    for name in ("Soest", "Inloop", "Zingeving"):
        expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()
    context.close()


def test_every_municipality_page_links_to_the_finder_for_that_municipality(built_site, site_data):
    for municipality in site_data.network.municipalities:
        html = (built_site / urls.municipality(municipality.slug) / "index.html").read_text(encoding="utf-8")
        assert f'zoeken/?gemeente={municipality.slug}"' in html


def test_one_search_experience_only(built_site):
    html = (built_site / "zoeken" / "index.html").read_text(encoding="utf-8")
    assert "md-search" not in html  # the theme's own search box is off
    assert (built_site / "pagefind" / "pagefind.js").is_file()
    # The index is made from the content's data, not from the pages: they carry nothing for it.
    offering = (built_site / "activiteiten" / "wandelen-eemnes" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind" not in offering


def test_on_a_phone_the_filters_fold_and_their_counts_come_when_opened(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="nl-NL")
    page = context.new_page()
    open_finder(page, site_url, "?gemeente=soest")
    soest = box(page, "Soest")
    expect(soest).to_be_hidden()
    toggle = page.get_by_role("button", name="Filters (1 aan)")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    count = soest.locator("xpath=..").locator("[data-count]")
    expect(count).to_have_text("")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(soest).to_be_visible()
    expect(count).to_have_text(re.compile(r"^\(\d+\)$"), timeout=15000)
    # Only Soest was asked for: the other municipalities' indexes were not fetched, so no number.
    expect(box(page, "Amersfoort").locator("xpath=..").locator("[data-count]")).to_have_text("")
    context.close()


@pytest.mark.parametrize("query", ["dexx", "enzovoort", "qwertyuiop"])
def test_a_word_that_is_nowhere_finds_nothing_and_offers_next_steps(page, site_url, query):
    # The engine alone would search for the longest start of the word that is indexed ("de", "en").
    open_finder(page, site_url, f"?q={query}")
    expect(page.locator(STATUS)).to_have_text(f'Op "{query}" vonden we niets.')
    expect(page.locator("[data-results] > li")).to_have_count(0)
    steps = page.locator("[data-nothing]")
    expect(steps).to_be_visible()
    for name in ("Kies je gemeente", "gewoon kunt binnenlopen", "Gaat het nu niet goed"):
        expect(steps.get_by_role("link", name=re.compile(name))).to_be_visible()


def test_a_word_that_is_nowhere_is_left_out_and_said(page, site_url, site_data):
    open_finder(page, site_url, "?q=wandelen+dexx&gemeente=eemnes")
    expect(page.locator(STATUS)).to_have_text(re.compile(r'^Op "dexx" vonden we niets\. 1 gevonden: 1 activiteit\.'))
    expect(page.locator("[data-results] h3 a")).to_have_text(["Samen wandelen in de polder"])
    # With one municipality chosen, nothing found points to all that is there.
    page.get_by_label("Waar zoek je naar?").fill("dexx")
    expect(page.locator("[data-nothing]").get_by_role("link", name="Alles wat er in Eemnes is")).to_be_visible(
        timeout=15000
    )


def test_a_word_being_typed_finds_the_words_it_starts(page, site_url):
    open_finder(page, site_url, "?q=wand")
    expect(page.locator("[data-results] h3 a").first).to_have_text("Samen wandelen in de polder")


def test_excerpts_are_whole_sentences_with_the_words_marked(page, site_url):
    open_finder(page, site_url, "?q=koffie")
    excerpts = page.locator(".hn-result__excerpt")
    expect(excerpts.first).to_be_visible()
    texts = excerpts.all_text_contents()
    assert len(texts) >= 5
    for text in texts:
        assert re.match(r"^(… )?[A-Z0-9À-Ý\"'(]", text), text
        assert re.search(r"([.!?][\"')]*| …)$", text), text
    marks = page.locator(".hn-result__excerpt mark").all_text_contents()
    assert marks and all(m.lower().startswith("koffie") for m in marks), marks


def test_nothing_is_fetched_before_a_search_asks_for_it(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="nl-NL")
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(urlparse(request.url).path))
    open_finder(page, site_url)
    page.wait_for_timeout(500)
    assert not [path for path in fetched if "/pagefind/" in path]
    # A municipality asked for: the general index and that municipality's, no other.
    page.goto(site_url + "zoeken/?gemeente=soest")
    expect(page.locator(STATUS)).to_have_text(re.compile(r"^\d+ gevonden"), timeout=15000)
    municipal = {path.split("/")[3] for path in fetched if path.startswith("/pagefind/gemeenten/")}
    assert municipal == {"soest"}
    context.close()


@pytest.mark.parametrize("query", ["", "?q=wandelen", "?gemeente=soest&wanneer=week"])
def test_the_finder_does_not_move_while_it_starts(browser, site_url, query):
    context = browser.new_context(viewport={"width": 375, "height": 667}, locale="nl-NL")
    page = context.new_page()
    page.add_init_script(
        "window.__shift = 0; new PerformanceObserver((list) => { for (const e of list.getEntries())"
        " if (!e.hadRecentInput) window.__shift += e.value; }).observe({type: 'layout-shift', buffered: true});"
    )
    open_finder(page, site_url, query)
    page.wait_for_timeout(800)
    assert page.evaluate("window.__shift") < 0.01
    context.close()


def test_later_in_the_day_today_counts_only_what_is_still_to_come(browser, site_url, site_data):
    # A day in the index with sessions that end at different times; the visitor looks just after
    # the first of them has ended.
    for offset in range(14):
        day = date.fromisoformat(BUILD_DATE) + timedelta(days=offset)
        sessions = {
            (e.slug, s.end)
            for e in site_data.agenda.visible()
            for s in e.sessions
            if s.start.date() == day and not s.cancelled
        }
        if len({end for _, end in sessions}) > 1:
            break
    moment = min(end for _, end in sessions) + timedelta(minutes=1)
    still = {urls.offering(slug) for slug, end in sessions if end > moment}
    ended = {urls.offering(slug) for slug, _ in sessions} - still
    assert still and ended
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = context.new_page()
    page.clock.set_fixed_time(moment.isoformat())
    open_finder(page, site_url, "?wanneer=vandaag")
    wait_for_count(page, len(still))
    assert result_paths(page) == still
    # The option's own count agrees with the list.
    expect(box(page, "Vandaag").locator("xpath=..").locator("[data-count]")).to_have_text(f"({len(still)})")
    context.close()


def test_soest_walk_in_free_this_week_takes_two_taps_from_the_home_page(browser, site_url, site_data):
    moment = datetime.fromisoformat(BUILD_MORNING)
    sunday = moment.date() + timedelta(days=6 - moment.weekday())
    expected = {
        urls.offering(entry.slug)
        for entry in site_data.agenda.visible()
        if "soest" in site_data.municipalities_of(entry.offering)
        and entry.offering.is_walk_in
        and entry.offering.is_free
        and any(not s.cancelled and s.end > moment and s.start.date() <= sunday for s in entry.sessions)
    }
    assert expected
    context = browser.new_context(
        viewport={"width": 375, "height": 800}, locale="nl-NL", timezone_id="Europe/Amsterdam"
    )
    page = context.new_page()
    page.clock.set_fixed_time(moment)
    page.goto(site_url)
    page.get_by_role("link", name="Soest", exact=True).click()  # 1
    page.get_by_role("link", name="Deze week gewoon binnenlopen, gratis").click()  # 2
    expect(page.locator(STATUS)).to_have_text(re.compile(r"^\d+ gevonden"), timeout=15000)
    assert result_paths(page) == expected
    first = page.locator("[data-results] > li").first
    expect(first).to_contain_text("Gewoon binnenlopen")
    expect(first).to_contain_text("Gratis")
    context.close()


def test_near_me_alone_is_a_question_too(browser, site_url):
    # With no words and no filter the finder waits; "Gebruik mijn locatie" asks for what is near.
    eemnes = {"latitude": 52.2536, "longitude": 5.2570}
    context = browser.new_context(locale="nl-NL", geolocation=eemnes, permissions=["geolocation"])
    page = context.new_page()
    open_finder(page, site_url)
    page.get_by_role("button", name="Gebruik mijn locatie").click()
    expect(page.locator(STATUS)).to_contain_text("het dichtstbij eerst", timeout=15000)
    expect(page.locator("[data-results] > li").first).to_contain_text("Eemnes")
    context.close()
