"""build_feeds serialises each offering once and splices the bytes into every feed
it belongs to. Every feed must still be exactly what ``calendar_for`` makes."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from herstelnetwerk.loading import vocabulary as v
from herstelnetwerk.loading.agenda import build_agenda
from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.outputs.feeds import build_feeds, calendar_for
from herstelnetwerk.planning import display, urls

REPO = Path(__file__).resolve().parents[1]
BUILD_DATE = date(2026, 11, 23)
sys.path.insert(0, str(REPO / "bench"))
import generate  # noqa: E402


def reference_feeds(catalog, agenda) -> dict[str, bytes]:
    """Every feed the slow, obvious way: one calendar_for per feed."""
    network, visible, site = catalog.network, agenda.visible(), catalog.network.site_url

    def one(entries, subject=None):
        name = network.name if subject is None else f"{network.name} – {subject}"
        return calendar_for(entries, name, site, catalog=catalog, build_date=BUILD_DATE).to_ical()

    feeds = {urls.feed("alles"): one(visible)}
    for entry in visible:
        if not entry.offering.schedule.appointment:  # no dates, no feed
            feeds[urls.feed("activiteiten", entry.slug)] = one([entry], display.title(entry.offering, catalog))
    for m in network.municipalities:
        feeds[urls.feed("gemeenten", m.slug)] = one(
            [e for e in visible if m.slug in display.municipalities(e.offering, catalog)], m.name
        )
    for slug, training in sorted(catalog.trainings.items()):
        feeds[urls.feed("trainingen", slug)] = one([e for e in visible if e.offering.training == slug], training.title)
    for slug, label in v.THEMES:
        feeds[urls.feed("thema", slug)] = one([e for e in visible if slug in e.offering.themes], label)
    return feeds


@pytest.fixture(params=["example", "generated"])
def content(request, tmp_path) -> Path:
    if request.param == "example":
        return REPO / "activities"
    generate.generate(tmp_path / "netwerk", 150, seed=7, build_date=BUILD_DATE)
    return tmp_path / "netwerk"


def test_every_feed_is_byte_identical_to_calendar_for(content):
    catalog = load_catalog(content, BUILD_DATE).catalog
    agenda = build_agenda(catalog, BUILD_DATE)
    fast = build_feeds(catalog, agenda, catalog.network.site_url)
    slow = reference_feeds(catalog, agenda)
    assert sorted(fast) == sorted(slow)
    differing = [path for path in slow if fast[path] != slow[path]]
    assert differing == []
    # Not vacuous: most feeds hold events and the zone that goes with them.
    assert sum(b"BEGIN:VTIMEZONE" in body and b"BEGIN:VEVENT" in body for body in fast.values()) > len(fast) // 2


def test_long_names_with_marks_are_folded_as_icalendar_folds_them(make_content):
    """A feed's name is put into a shell made once; long names must fold and escape as icalendar does."""
    long_title = "Werken met eigen ervaring, deel 2; voor wie al begonnen is – met een naam die niet op één regel past"
    root = make_content(
        schedules={
            "inloop": """
        repeat: wekelijks
        day: dinsdag
        from: 2026-12-01
        start: "10:00"
        end: "12:00"
    """
        },
        trainings={"wrap": f"title: {long_title}\nsummary: Een plan.\n"},
    )
    catalog = load_catalog(root, BUILD_DATE).catalog
    agenda = build_agenda(catalog, BUILD_DATE)
    fast, slow = build_feeds(catalog, agenda, catalog.network.site_url), reference_feeds(catalog, agenda)
    assert fast == slow
    assert b"\r\n " in fast[urls.feed("trainingen", "wrap")].split(b"BEGIN:VTIMEZONE")[0]  # the name line is folded


def test_courses_with_moved_and_cancelled_meetings_and_long_uids(make_content):
    """A course's events share all lines but UID, DTSTART and DTEND, unless a meeting moved: check every mix."""
    long_slug = "cursus-" + "met-een-heel-lange-naam-" * 3 + "x"
    assert len(long_slug) <= 80
    root = make_content(
        schedules={
            long_slug: """
            dates: [2026-12-01, 2026-12-08, 2026-12-15, 2026-12-22, 2027-01-05, 2027-01-12]
            start: "19:00"
            end: "21:00"
            moved:
              - {date: 2026-12-08, to: 2026-12-09, reason: "De zaal is bezet."}
              - {date: 2026-12-22, to: 2026-12-23, start: "18:30", end: "20:30", reason: "De zaal is bezet."}
              - {date: 2027-01-05, to: 2027-01-06}
            cancelled: [2027-01-12]
        """,
            "eerste-keer-verplaatst": """
            dates: [2026-12-02, 2026-12-09, 2026-12-16]
            start: "10:00"
            end: "11:30"
            moved:
              - {date: 2026-12-02, to: 2026-12-03, reason: "Een feestdag."}
        """,
        }
    )
    catalog = load_catalog(root, BUILD_DATE).catalog
    agenda = build_agenda(catalog, BUILD_DATE)
    fast, slow = build_feeds(catalog, agenda, catalog.network.site_url), reference_feeds(catalog, agenda)
    assert fast == slow
    course = fast[urls.feed("activiteiten", long_slug)]
    assert course.count(b"BEGIN:VEVENT") == 5
    assert course.count(b"De zaal is bezet.") == 2
    uid_lines = [part.split(b"\r\nDESCRIPTION")[0] for part in course.split(b"\r\nUID:")[1:]]
    assert len(uid_lines) == 5 and all(b"\r\n " in line for line in uid_lines)  # folded


def test_the_event_writer_keeps_lines_apart_that_only_look_alike():
    """The writer keeps a line by its property's value; equal values that serialise
    differently (the same moment in two time zones) must each get their own line."""
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from herstelnetwerk.outputs.feeds import _event, _EventWriter

    amsterdam = datetime(2027, 3, 28, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    in_utc = amsterdam.astimezone(UTC)
    assert amsterdam == in_utc  # the trap: equal, and hashed alike
    write = _EventWriter()
    events = [
        {"UID": f"a{n}@example.org", "DTSTART": start, "SUMMARY": "Inloop, koffie; thee", "SEQUENCE": 1}
        for n, start in enumerate([amsterdam, in_utc, amsterdam])
    ]
    written = [write(properties) for properties in events]
    assert written == [_event(properties).to_ical() for properties in events]
    assert b"DTSTART;TZID=Europe/Amsterdam:20270328T100000" in written[0]
    assert b"DTSTART:20270328T080000Z" in written[1]
