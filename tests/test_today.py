"""The lists by the visitor's clock: a resident who looks in the evening of the build day (or later)
no longer sees what ended this afternoon as coming (content/assets/today.js).

The example site is built for 2026-11-23. What must remain is worked out from the content
model (the agenda the build used), not read from the page.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from urllib.parse import urlparse

import pytest
from browser_support import BUILD_DATE, ROOT
from playwright.sync_api import expect

from herstelnetwerk.loading.agenda import build_agenda
from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.loading.schedule import TZ
from herstelnetwerk.planning import dutch, programme, urls, views
from herstelnetwerk.planning import site_data as site_data_module
from herstelnetwerk.planning.site_data import build_site_data

UPDATED = "Bijgewerkt op maandag 23 november."

# (moment, municipality, a session that has ended by then, one that is running or still to come)
MOMENTS = {
    # The build day, half past twelve: Nijkerk's morning meeting (10:00-12:00) is over.
    "build-day": (
        "2026-11-23T12:30:00+01:00",
        "nijkerk",
        ("ontmoetingsochtend-nijkerk", "2026-11-23"),
        ("ontmoetingsochtend-nijkerk", "2026-11-30"),
    ),
    # Two days on, at three: this morning's studio in Amersfoort is over, the consultation hour (14-16) runs.
    "two-days-on": (
        "2026-11-25T15:00:00+01:00",
        "amersfoort",
        ("creatief-atelier-op-de-kamp", "2026-11-25"),
        ("spreekuur-herstel-schothorst", "2026-11-25"),
    ),
}


# On the home page (this week only), what is still to come at each moment.
HOME_STAYS = {
    "build-day": ("inloop-de-lindeboom", "2026-11-24"),
    "two-days-on": ("spreekuur-herstel-schothorst", "2026-11-25"),
}


@pytest.fixture(scope="module")
def site_data():
    catalog = load_catalog(ROOT / "activities", date.fromisoformat(BUILD_DATE)).catalog
    return build_site_data(catalog, build_agenda(catalog, date.fromisoformat(BUILD_DATE)))


@pytest.fixture
def at(browser):
    """A page whose clock stands still at a moment (ISO with offset), in the Netherlands."""
    contexts = []

    def make(moment: str, **options):
        context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam", **options)
        contexts.append(context)
        page = context.new_page()
        page.clock.set_fixed_time(moment)
        return page

    yield make
    for context in contexts:
        context.close()


def slug_of(href: str) -> str:
    return urlparse(href).path.rstrip("/").rsplit("/", 1)[-1]


def listed(page, selector: str) -> list[tuple[str, str]]:
    """(activity, day) of each session in the list: its link, and the day its data says it ends."""
    found = page.locator(selector).evaluate_all(
        "items => items.map(li => [li.querySelector('a').getAttribute('href'), li.dataset.hnEnd.slice(0, 10)])"
    )
    return [(slug_of(href), day) for href, day in found]


def to_come(sessions, moment: datetime) -> list[tuple[str, str]]:
    """(activity, day) of the (slug, SessionView) pairs that have not ended at ``moment``, in their order."""
    return [(slug, s.end[:10]) for slug, s in sessions if datetime.fromisoformat(s.end) > moment]


def next_time_text(data, slug: str, moment: datetime) -> str:
    """What a card must say under 'Volgende keer' at ``moment``."""
    session = next(s for s in data.agenda.entries[slug].sessions if not s.cancelled and s.end > moment)
    return f"{dutch.capital(dutch.day(session.start))}, {dutch.clock(session.start)} - {dutch.clock(session.end)}"


@pytest.mark.parametrize("name", MOMENTS)
def test_the_home_page_shows_only_what_has_not_ended(at, site_url, site_data, name):
    moment, _, gone, _ = MOMENTS[name]
    stays = HOME_STAYS[name]
    when = datetime.fromisoformat(moment)
    page = at(moment)
    page.goto(site_url)
    shown = listed(page, "#deze-week ~ ul > li")
    assert gone not in shown and stays in shown
    built = [(item.card.slug, item.session) for item in views.home_page(site_data).this_week]
    assert gone in to_come(built, datetime(2026, 11, 23, tzinfo=TZ))  # it was on the page as built
    assert shown == to_come(built, when)
    expect(page.get_by_text("Deze week staat er niets gepland.")).to_be_hidden()


@pytest.mark.parametrize("name", MOMENTS)
def test_a_municipality_page_shows_only_what_has_not_ended(at, site_url, site_data, name):
    moment, municipality, gone, stays = MOMENTS[name]
    when = datetime.fromisoformat(moment)
    page = at(moment)
    page.goto(site_url + urls.municipality(municipality))
    shown = listed(page, ".hn-day li")
    assert gone not in shown and stays in shown
    # The residents' offer: the day list leaves the offers for professionals to their own section.
    entries = [site_data.agenda.entries[s] for s in site_data.for_residents(site_data.entries_for(municipality))]
    days = views.week_groups(site_data, entries)
    assert shown == to_come([(item.card.slug, item.session) for day in days for item in day.items], when)
    # The days left are the days that still have a session; a day whose sessions all ended is gone.
    expected_days = [d.iso_date for d in days if any(datetime.fromisoformat(i.session.end) > when for i in d.items)]
    assert page.locator(".hn-day h3 time").evaluate_all("ts => ts.map(t => t.dateTime)") == expected_days
    # Every card's next time is the first session that has not ended.
    cards = page.locator("article.hn-card")
    assert cards.count() > 0
    for index in range(cards.count()):
        card = cards.nth(index)
        slug = slug_of(card.locator("a").first.get_attribute("href"))
        expect(card.locator("[data-hn-next]")).to_have_text(next_time_text(site_data, slug, when))


@pytest.mark.parametrize("name", MOMENTS)
def test_the_embed_shows_only_what_has_not_ended(at, site_url, site_data, name):
    moment, municipality, gone, stays = MOMENTS[name]
    when = datetime.fromisoformat(moment)
    page = at(moment)
    page.goto(site_url + programme.embed_url(municipality))
    shown = listed(page, "main li")
    assert gone not in shown and stays in shown
    view = programme.embed_page(site_data, municipality)
    assert shown == to_come([(slug_of(item.url), item.session) for item in view.items], when)
    expect(page.get_by_text("De komende weken staat er niets gepland.")).to_be_hidden()


def test_the_count_of_what_the_home_page_does_not_show_is_what_is_left(at, site_url, site_data):
    """Just after the first of the activities the home page has no room for has ended: the count says what is left."""
    view = views.home_page(site_data)
    assert view.more_ends is not None and view.more_this_week >= 2
    ends = sorted(datetime.fromisoformat(end) for end in view.more_ends.split())
    moment = ends[0] + timedelta(minutes=1)
    left = sum(end > moment for end in ends)
    assert 1 <= left < view.more_this_week
    page = at(moment.isoformat())
    page.goto(site_url)
    words = "1 andere activiteit" if left == 1 else f"{left} andere activiteiten"
    expect(page.locator("#deze-week").locator("xpath=..")).to_contain_text(f"En nog {words} deze week.")
    expect(page.get_by_text("Deze week staat er niets gepland.")).to_be_hidden()


def test_a_week_later_the_lists_say_nothing_is_planned_rather_than_show_the_past(at, site_url):
    """Long after the build (a site that was not rebuilt): the embed and the home page say so in words."""
    page = at("2027-03-01T12:00:00+01:00")
    page.goto(site_url + programme.embed_url("nijkerk"))
    expect(page.locator("main li")).to_have_count(0)
    expect(page.get_by_text("De komende weken staat er niets gepland.")).to_be_visible()
    page.goto(site_url)
    expect(page.locator("#deze-week ~ ul")).to_have_count(0)
    expect(page.get_by_text("Deze week staat er niets gepland.")).to_be_visible()
    # A card of an activity that goes on beyond what the page knows points to the activity.
    page.goto(site_url + urls.municipality("nijkerk"))
    expect(page.locator(".hn-day")).to_have_count(0)
    expect(page.get_by_text("De komende twee weken staat er niets gepland.", exact=False)).to_be_visible()
    expect(page.locator("[data-hn-next]").first).to_have_text("Kijk bij de activiteit wanneer de volgende keer is.")


@pytest.mark.parametrize("path", ["", "gemeenten/nijkerk/", "gemeenten/nijkerk/inbedden/", "soort/inloop/"])
def test_without_javascript_the_page_says_when_it_was_made(browser, site_url, path):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.clock.set_fixed_time("2026-11-23T20:00:00+01:00")
    page.goto(site_url + path)
    expect(page.locator(".hn-updated")).to_have_text(UPDATED)
    if "nijkerk" in path:  # as built: the morning's session is still listed
        assert ("ontmoetingsochtend-nijkerk", "2026-11-23") in listed(page, "li[data-hn-end]")
    context.close()


@pytest.mark.parametrize("viewport", [{"width": 360, "height": 740}, {"width": 1280, "height": 900}])
@pytest.mark.parametrize("path", ["", "gemeenten/amersfoort/", "gemeenten/amersfoort/inbedden/"])
def test_taking_ended_sessions_off_does_not_shift_the_page(at, site_url, path, viewport):
    """Cumulative layout shift while the page loads and the script corrects it: under 0.02."""
    page = at("2026-11-25T15:00:00+01:00", viewport=viewport)
    page.add_init_script(
        """
        window.__shift = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
        }).observe({ type: "layout-shift", buffered: true });
        """
    )
    page.goto(site_url + path, wait_until="load")
    # The ended sessions are gone (the script ran), and the page has had time to settle.
    expect(page.locator("[data-hn-end^='2026-11-24']")).to_have_count(0)
    page.wait_for_timeout(500)
    assert page.evaluate("window.__shift") < 0.02


def test_broken_or_missing_data_leaves_the_page_as_built(at, site_url):
    """A list item or card whose data is missing or unreadable stays; the script raises no error."""
    page = at("2026-11-25T15:00:00+01:00")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    body = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Proef</title>
    <script type="module" src="../assets/today.js"></script></head><body><main>
    <ul><li data-hn-end="">leeg</li><li data-hn-end="morgen">geen datum</li><li>zonder</li>
    <li data-hn-end="2026-11-24T12:00:00+01:00">voorbij</li></ul>
    <article data-hn-sessions='{"sessions": [{"day": "Maandag"}]}'><dd data-hn-next>zo gebouwd</dd></article>
    <article data-hn-sessions='niet te lezen'><dd data-hn-next>ook zo gebouwd</dd></article>
    <p>En nog <span data-hn-count="ends" data-hn-one="een">4 andere</span></p>
    <p><span data-hn-count="iets" data-hn-ends="2026-11-24T12:00:00+01:00">blijft</span></p>
    </main></body></html>"""
    page.route(site_url + "proef/", lambda route: route.fulfill(body=body, content_type="text/html"))
    page.goto(site_url + "proef/")
    expect(page.locator("li")).to_have_text(["leeg", "geen datum", "zonder"])  # only the one that ended went
    expect(page.locator("[data-hn-next]")).to_have_text(["zo gebouwd", "ook zo gebouwd"])
    expect(page.locator("p")).to_have_text(["En nog 4 andere", "blijft"])
    assert errors == []


def test_a_card_carries_its_next_sessions_without_the_cancelled_ones(site_data):
    entry = site_data.agenda.entries["jongerengroep-amersfoort"]
    assert any(s.cancelled for s in entry.sessions)  # the example has a cancelled session
    clock = site_data.cards["jongerengroep-amersfoort"].clock
    coming = [s for s in entry.sessions if not s.cancelled]
    assert [s["end"] for s in clock["sessions"]] == [
        s.end.isoformat() for s in coming[: site_data_module.CARD_SESSIONS]
    ]
    assert clock["more"] == (len(coming) > site_data_module.CARD_SESSIONS)
    first = clock["sessions"][0]
    assert first["day"] == dutch.capital(dutch.day(coming[0].start))
    assert first["times"] == f"{dutch.clock(coming[0].start)} - {dutch.clock(coming[0].end)}"


def test_the_made_on_line_comes_from_the_build_date():
    assert views.updated_text(date(2026, 11, 23)) == UPDATED
    assert views.updated_text(date(2027, 1, 1)) == "Bijgewerkt op vrijdag 1 januari."
