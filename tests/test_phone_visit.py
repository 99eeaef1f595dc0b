"""A resident's visit on a phone (375 px wide, in Chromium): what must be in sight without scrolling far.

A cheap phone shows about 600 to 800 px of a page at a time. What a resident
came for must not hide under everything else: the calendar buttons of an
activity stand right under when and where it is, and the embedded list keeps
the crisis line and the way to all activities inside the frame the site
suggests (600 px high).
"""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from browser_support import at_build_time, open_page

from herstelnetwerk.loading.vocabulary import WEEKDAYS
from herstelnetwerk.planning.plan import load_site
from herstelnetwerk.settings import read_settings

REPO = Path(__file__).resolve().parents[1]

PHONE = {"width": 375, "height": 700}
# The first screens of a phone: the calendar buttons start above this line.
FIRST_SCREENS = 900


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="nl-NL", device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    yield page
    context.close()


def _activities(built_site) -> list[str]:
    return sorted(path.name for path in (built_site / "activiteiten").iterdir() if (path / "index.html").is_file())


def test_the_calendar_buttons_of_every_activity_are_right_under_when_and_where(phone, site_url, built_site):
    far, seen = [], 0
    for slug in _activities(built_site):
        open_page(phone, site_url, f"activiteiten/{slug}/")
        button = phone.get_by_role("link", name="Zet in mijn agenda", exact=True)
        if not button.count():  # no sessions to come: nothing to put in a calendar
            continue
        seen += 1
        top = button.bounding_box()["y"]
        facts = phone.locator(".hn-facts").bounding_box()
        subscribe = phone.locator(".hn-subscribe").bounding_box()
        # Under the facts, before "Wat doe je?", within the first screens.
        first_heading = phone.locator("article h2").first.bounding_box()
        if not (facts["y"] + facts["height"] <= subscribe["y"] < first_heading["y"] and top < FIRST_SCREENS):
            far.append((slug, round(top)))
    assert seen > 20
    assert far == []


def test_when_a_course_is_says_its_weekdays_or_its_first_weekday_and_its_first_date(built_site):
    """'12 bijeenkomsten, 13:30 tot 16:00' left a resident asking: on which day, starting when?"""
    weekdays = "|".join(name for name, _ in WEEKDAYS)
    said = re.compile(
        rf"^\d+ bijeenkomsten(?: op (?:{weekdays})(?:(?:, | en )(?:{weekdays}))*, vanaf \d+ [a-z]+ \d{{4}}"
        rf"|, vanaf (?:{weekdays}) \d+ [a-z]+ \d{{4}}), \d\d:\d\d tot \d\d:\d\d$"
    )
    courses = 0
    for slug in _activities(built_site):
        html = (built_site / "activiteiten" / slug / "index.html").read_text(encoding="utf-8")
        when = re.search(r"<dt>Wanneer</dt><dd>(.*?)</dd>", html).group(1)
        if "bijeenkomsten" in when:
            courses += 1
            assert said.match(when), (slug, when)
    assert courses >= 5


# --- the help for phones (/agenda/) --------------------------------------------------------------------------


def _section(html: str, anchor: str) -> str:
    """The text from the heading with id ``anchor`` to the next heading of any level."""
    start = html.index(f'id="{anchor}"')
    following = re.search(r"<h[1-6][ >]", html[start:])
    text = html[start : start + following.start()] if following else html[start:]
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def test_the_calendar_help_says_what_to_tap_on_an_iphone_and_on_android(built_site):
    html = (built_site / "agenda" / "index.html").read_text(encoding="utf-8")
    once_iphone, once_android = _section(html, "een-keer-iphone"), _section(html, "een-keer-android")
    assert "Zet in mijn agenda" in once_iphone and "Voeg alles toe" in once_iphone
    assert "downloadt" in once_android and "Google Agenda" in once_android
    assert "Abonneer" in _section(html, "abonneren-iphone")
    # Android: subscribing on the phone itself, with an app or with Google's calendar in the phone's browser.
    android = html[html.index('id="abonneren-android"') : html.index('id="abonneren-outlook"')]
    for way in ("ICSx⁵", "calendar.google.com", "Via URL", "Desktopsite"):
        assert way in android, way
    assert "computer" not in (android + once_android).lower()


def test_the_whole_regions_buttons_say_so_and_name_the_region(built_site):
    network = load_site(read_settings(REPO, build_date=date(2026, 11, 23)), REPO).data.network
    region = network.region
    html = (built_site / "agenda" / "index.html").read_text(encoding="utf-8")
    block = html[html.index('id="alles"') :]
    buttons = [" ".join(label.split()) for label in re.findall(r'class="md-button[^"]*"[^>]*>(.*?)</a>', block)]
    assert buttons == [
        f"Zet alle activiteiten in de regio {region} in mijn agenda",
        f"Abonneer je op alle activiteiten in de regio {region}",
    ]
    assert "Hoe werkt dit op mijn telefoon?" not in html  # the page itself is the answer
    assert f'<code class="hn-address-copy">{network.site_url}agenda/alles.ics</code>' in block


# --- the embed, in the frame the site suggests ----------------------------------------------------------------

FRAME = {"width": 375, "height": 600}
MUST_SEE = {"crisis line": ".hn-embed__crisis", "link to everything": ".hn-embed__all a"}


def _fully_inside(box: dict | None, width: float, height: float) -> bool:
    return (
        bool(box)
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= width
        and (box["y"] + box["height"] <= height)
    )


def test_the_embed_keeps_the_crisis_line_and_the_way_to_everything_in_a_phone_sized_frame(
    browser, site_url, built_site
):
    # At the build's time: later, the visitor's clock takes ended sessions off the list.
    context = at_build_time(browser.new_context(viewport=FRAME, locale="nl-NL", is_mobile=True))
    page = context.new_page()
    try:
        embeds = sorted(path.parent.parent.name for path in built_site.glob("gemeenten/*/inbedden/index.html"))
        assert len(embeds) >= 8
        for slug in embeds:
            open_page(page, site_url, f"gemeenten/{slug}/inbedden/")
            assert page.locator(".hn-embed__list li").count() >= 3, slug
            # Nothing to scroll for: the page is as high as the frame, only the list scrolls inside it.
            assert page.evaluate("document.scrollingElement.scrollHeight") <= FRAME["height"], slug
            assert page.evaluate("window.scrollY") == 0
            for what, selector in MUST_SEE.items():
                assert _fully_inside(page.locator(selector).bounding_box(), **FRAME), (slug, what)
    finally:
        context.close()


def test_the_suggested_iframe_code_shows_them_on_a_phone(browser, site_url, built_site):
    """The code the municipality page gives to copy, on a partner's page 375 px wide."""
    municipality = (built_site / "gemeenten" / "amersfoort" / "index.html").read_text(encoding="utf-8")
    code = unescape(re.search(r'id="inbedden".*?<pre><code>(.*?)</code></pre>', municipality, re.S).group(1))
    network = load_site(read_settings(REPO, build_date=date(2026, 11, 23)), REPO).data.network
    assert 'height="600"' in code and code.startswith(f'<iframe src="{network.site_url}')
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="nl-NL", is_mobile=True)
    page = context.new_page()
    try:
        page.set_content(
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            '<body style="margin:0">' + code.replace(network.site_url, site_url).replace(' loading="lazy"', "")
        )
        frame = page.frame_locator("iframe")
        frame.locator(".hn-embed__crisis").wait_for()
        outer = page.locator("iframe").bounding_box()
        assert outer["width"] == 375 and outer["height"] == 600
        inner = page.frames[1]
        assert inner.evaluate("document.scrollingElement.scrollHeight") <= 600
        for what, selector in MUST_SEE.items():
            box = inner.locator(selector).bounding_box()  # relative to the partner's page
            shifted = {**box, "x": box["x"] - outer["x"], "y": box["y"] - outer["y"]}
            assert _fully_inside(shifted, outer["width"], outer["height"]), what
    finally:
        context.close()
