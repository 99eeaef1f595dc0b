"""A resident's visit on a phone (375 px wide, in Chromium): what must be in sight without scrolling far.

A cheap phone shows about 600 to 800 px of a page at a time. What a resident
came for must not hide under everything else: the calendar buttons of an
activity stand right under when and where it is, and the embedded list keeps
the crisis line and the way to all activities inside the frame the site
suggests (600 px high).
"""

from __future__ import annotations

import re

import pytest
from browser_support import open_page

from herstelnetwerk.loading.vocabulary import WEEKDAYS

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
