"""iCal feeds: every feed, read back by icalendar and expanded by recurring_ical_events,
gives exactly the model's sessions; plus one test per rule calendar clients depend on.

Focused cases write small real content with the ``make_content`` fixture (conftest.py)
and are named after what they reproduce.
"""

from __future__ import annotations

import textwrap
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
import recurring_ical_events
from icalendar import Calendar

from herstelnetwerk.loading import vocabulary as v
from herstelnetwerk.loading.agenda import Agenda, Entry, build_agenda
from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.loading.model import Catalog
from herstelnetwerk.loading.schedule import TZ
from herstelnetwerk.outputs.feeds import build_feeds, calendar_for
from herstelnetwerk.planning import urls

EXAMPLE = Path(__file__).resolve().parents[1] / "activities"
BUILD_DATE = date(2026, 11, 23)
WINDOW = timedelta(days=90)
SITE = "https://herstel.example.org/"
HOST = "herstel.example.org"


# --- helpers ---------------------------------------------------------------------


def build(root: Path, build_date: date = BUILD_DATE, site_url: str = SITE) -> tuple[Catalog, Agenda, dict[str, bytes]]:
    catalog = load_catalog(root, build_date).catalog
    agenda = build_agenda(catalog, build_date)
    return catalog, agenda, build_feeds(catalog, agenda, site_url)


def window(build_date: date) -> tuple[datetime, datetime]:
    start = datetime.combine(build_date, time(0, 0), tzinfo=TZ)
    return start, start + WINDOW


def expanded(ics: bytes, build_date: date) -> list[tuple[str, datetime]]:
    """(UID, start in UTC) of every occurrence in the window, as a client would see them."""
    calendar = Calendar.from_ical(ics)
    occurrences = recurring_ical_events.of(calendar).between(*window(build_date))
    return sorted((str(e["UID"]), e.start.astimezone(UTC)) for e in occurrences)


def modelled(entries: list[Entry], build_date: date, host: str = HOST) -> list[tuple[str, datetime]]:
    """(UID, start in UTC) of the model's sessions that happen in the window."""
    start, stop = window(build_date)
    found = []
    for entry in entries:
        for session in entry.sessions:
            if session.cancelled or session.end <= start or session.start >= stop:
                continue
            if session.added:  # an event of its own, named after its day
                uid = f"{entry.slug}-extra-{session.original:%Y%m%d}@{host}"
            elif entry.offering.schedule.dates:
                uid = f"{entry.slug}-{session.number}@{host}"
            else:
                uid = f"{entry.slug}@{host}"
            found.append((uid, session.start.astimezone(UTC)))
    return sorted(found)


def expected_feeds(catalog: Catalog, agenda: Agenda) -> dict[str, list[Entry]]:
    """Which entries each feed holds, written out from the rules (not from the code under test)."""
    visible = [e for e in agenda.entries.values() if e.offering.status in ("actief", "vol") and e.next_session]

    def where(entry: Entry) -> set[str]:
        offering = entry.offering
        if offering.location == "online":
            return set(offering.municipalities or [m.slug for m in catalog.network.municipalities])
        return {catalog.locations[offering.location].municipality}

    feeds = {urls.feed("alles"): visible}
    feeds |= {urls.feed("activiteiten", e.slug): [e] for e in visible}
    feeds |= {
        urls.feed("gemeenten", m.slug): [e for e in visible if m.slug in where(e)]
        for m in catalog.network.municipalities
    }
    feeds |= {urls.feed("trainingen", t): [e for e in visible if e.offering.training == t] for t in catalog.trainings}
    feeds |= {urls.feed("thema", t): [e for e in visible if t in e.offering.themes] for t, _ in v.THEMES}
    return feeds


def unfolded(ics: bytes) -> str:
    return ics.decode("utf-8").replace("\r\n ", "")


def events(ics: bytes) -> list:
    return Calendar.from_ical(ics).walk("VEVENT")


def one_feed(root: Path, slug: str = "activiteit", build_date: date = BUILD_DATE) -> bytes:
    _, agenda, feeds = build(root, build_date)
    ics = feeds[urls.feed("activiteiten", slug)]
    assert expanded(ics, build_date) == modelled([agenda.entries[slug]], build_date)
    return ics


WEEKLY = """
    repeat: wekelijks
    day: dinsdag
    from: 2026-11-03
    start: "19:00"
    end: "21:00"
"""


def weekly(*extra: str) -> str:
    """WEEKLY with more schedule lines; each snippet may be indented as it reads best."""
    return "".join(textwrap.dedent(part).strip("\n") + "\n" for part in (WEEKLY, *extra))


# --- the example content: every feed equals the model -------------------------------


@pytest.fixture(scope="module", params=[BUILD_DATE, date.today()], ids=["fixed-build-date", "today"])
def example(request):
    catalog = load_catalog(EXAMPLE, request.param).catalog
    agenda = build_agenda(catalog, request.param)
    return catalog, agenda, build_feeds(catalog, agenda, catalog.network.site_url)


def test_example_has_one_feed_per_offering_municipality_training_and_theme(example):
    catalog, agenda, feeds = example
    assert sorted(feeds) == sorted(expected_feeds(catalog, agenda))
    assert len(agenda.visible()) >= 5, "the example content should show a real mix of offerings"


def test_every_example_feed_expands_to_the_model_sessions(example):
    catalog, agenda, feeds = example
    host = "herstelnetwerk-eemland.example.org"
    assert catalog.network.site_url == f"https://{host}/"
    checked = 0
    for path, entries in expected_feeds(catalog, agenda).items():
        assert expanded(feeds[path], agenda.build_date) == modelled(entries, agenda.build_date, host), path
        checked += bool(entries)
    assert checked > 10


def test_example_feeds_never_show_a_provider_or_people(example):
    catalog, _, feeds = example
    providers = {o.provider for o in catalog.offerings.values() if o.provider}
    assert providers, "the example content should store providers, to prove they stay out"
    for path, ics in feeds.items():
        text = unfolded(ics)
        for name in ("ORGANIZER", "ATTENDEE", "CONTACT"):
            assert f"\n{name}" not in text, path
        for provider in providers:
            assert provider not in text, (path, provider)


# --- focused cases ---------------------------------------------------------------------


def test_calendar_properties(make_content):
    root = make_content(schedules={"activiteit": WEEKLY})
    _, _, feeds = build(root)
    text = unfolded(feeds[urls.feed("gemeenten", "soest")])
    for line in (
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "PRODID:-//Herstelnetwerk Test//",
        "NAME:Herstelnetwerk Test – Soest",
        "X-WR-CALNAME:Herstelnetwerk Test – Soest",
        "X-WR-TIMEZONE:Europe/Amsterdam",
        "REFRESH-INTERVAL;VALUE=DURATION:P1D",
        "X-PUBLISHED-TTL:P1D",
    ):
        assert f"\r\n{line}" in text, line
    assert "BEGIN:VEVENT" not in text  # the offering is in Amersfoort
    assert "NAME:Herstelnetwerk Test\r\n" in unfolded(feeds[urls.feed("alles")])


def test_event_properties(make_content):
    root = make_content(schedules={"activiteit": WEEKLY})
    [event] = events(one_feed(root))
    assert str(event["UID"]) == f"activiteit@{HOST}"
    assert event["SUMMARY"] == "Inloop"
    page = f"{SITE}activiteiten/activiteit/"
    assert event["DESCRIPTION"] == f"Een open huiskamer.\n\nMeer informatie: {page}"
    assert event["URL"] == page
    assert event["LOCATION"] == "Buurthuis De Tussenstap, Stationsstraat 12, 3811 AB Amersfoort"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (52.155, 5.379)
    assert event["DTSTAMP"].dt == datetime(2026, 11, 23, tzinfo=UTC)
    assert "RRULE:FREQ=WEEKLY;BYDAY=TU\r\n" in unfolded(event.to_ical())


def test_vtimezone_for_every_tzid(make_content):
    root = make_content(schedules={"activiteit": WEEKLY})
    calendar = Calendar.from_ical(one_feed(root))
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Amsterdam"]
    assert calendar.get_missing_tzids() == set()
    assert calendar.walk("VEVENT")[0]["DTSTART"].params["TZID"] == "Europe/Amsterdam"


def test_open_ended_repeat_has_no_until_or_count(make_content):
    root = make_content(schedules={"activiteit": WEEKLY})
    [event] = events(one_feed(root))
    assert set(event["RRULE"]) == {"FREQ", "BYDAY"}


def test_online_offering_without_municipalities_is_in_every_municipality_feed(make_content):
    online = """\
        title: Online lotgenotengroep
        summary: Praten met anderen via video.
        type: lotgenotengroep
        location: online
        join:
          how: binnenlopen
        last_checked: 2026-11-01
        schedule:
          repeat: wekelijks
          day: maandag
          from: 2026-11-02
          start: "20:00"
          end: "21:00"
    """
    root = make_content(
        {
            "online-overal": online,
            "online-soest": online.replace("location: online\n", "location: online\n        municipalities: [soest]\n"),
        }
    )
    _, _, feeds = build(root)
    uids = {
        path: {str(e["UID"]) for e in events(feeds[urls.feed("gemeenten", path)])} for path in ("amersfoort", "soest")
    }
    assert uids == {"amersfoort": {f"online-overal@{HOST}"}, "soest": {f"online-overal@{HOST}", f"online-soest@{HOST}"}}
    [event] = events(feeds[urls.feed("activiteiten", "online-soest")])
    assert event["LOCATION"] == "Online" and "GEO" not in event


def test_exdate_matches_dtstart_tzid(make_content):
    """Cancelled dates and dates inside a break: EXDATE at DTSTART's local time and TZID."""
    root = make_content(
        schedules={
            "activiteit": weekly("""
        cancelled: [2026-12-01]
        breaks:
          - from: 2026-12-19
            until: 2027-01-03
            reason: Kerstvakantie
    """)
        }
    )
    [event] = events(one_feed(root))
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    exdates = [
        d for prop in (event["EXDATE"] if isinstance(event["EXDATE"], list) else [event["EXDATE"]]) for d in prop.dts
    ]
    assert {d.params.get("TZID") for d in exdates} == {"Europe/Amsterdam"}
    assert [d.dt.replace(tzinfo=None) for d in exdates] == [
        datetime(2026, 12, 1, 19),
        datetime(2026, 12, 22, 19),
        datetime(2026, 12, 29, 19),
    ]


def test_moved_session_recurrence_id(make_content):
    root = make_content(
        schedules={
            "activiteit": weekly("""
        moved:
          - date: 2026-12-08
            to: 2026-12-10
            start: "13:00"
            end: "15:00"
            reason: De zaal is bezet.
    """)
        }
    )
    series, moved = events(one_feed(root))
    assert moved["UID"] == series["UID"]
    assert moved["RECURRENCE-ID"].params["TZID"] == "Europe/Amsterdam"
    assert moved["RECURRENCE-ID"].dt == datetime(2026, 12, 8, 19, tzinfo=TZ)
    assert (moved.start, moved.end) == (datetime(2026, 12, 10, 13, tzinfo=TZ), datetime(2026, 12, 10, 15, tzinfo=TZ))
    assert "verplaatst. De zaal is bezet." in moved["DESCRIPTION"]
    assert "RRULE" not in moved


@pytest.mark.parametrize("limit", ["until: 2027-01-26", "count: 11"])
def test_until_is_utc(make_content, limit):
    """RFC 5545: with a TZID on DTSTART, UNTIL must be UTC. 11 meetings skip the two in the break,
    so 'count' also becomes UNTIL (an RRULE COUNT would count the break dates)."""
    root = make_content(
        schedules={
            "activiteit": weekly(
                limit,
                """
        breaks:
          - from: 2026-12-19
            until: 2027-01-03
    """,
            )
        }
    )
    [event] = events(one_feed(root))
    assert "UNTIL=20270126T225959Z" in unfolded(event.to_ical())
    assert event["RRULE"]["UNTIL"][0] == datetime(2027, 1, 26, 22, 59, 59, tzinfo=UTC)
    assert "COUNT" not in event["RRULE"]


def test_dst_week_keeps_wall_time(make_content):
    root = make_content(
        schedules={
            "activiteit": """
        repeat: wekelijks
        day: dinsdag
        from: 2027-03-16
        count: 4
        start: "19:00"
        end: "21:00"
    """
        }
    )
    ics = one_feed(root, build_date=date(2027, 3, 1))
    occurrences = recurring_ical_events.of(Calendar.from_ical(ics)).between(date(2027, 3, 1), date(2027, 5, 1))
    assert [e.start.astimezone(TZ).strftime("%d %H:%M") for e in occurrences] == [
        "16 19:00",
        "23 19:00",
        "30 19:00",
        "06 19:00",
    ]
    assert [e.start.astimezone(UTC).hour for e in occurrences] == [18, 18, 17, 17]


@pytest.mark.parametrize("week, byday", [("1", "1TU"), ("laatste", "-1TU")])
def test_monthly_rrule(make_content, week, byday):
    root = make_content(
        schedules={
            "activiteit": f"""
        repeat: maandelijks
        day: dinsdag
        week: {week}
        from: 2026-11-01
        start: "19:00"
        end: "21:00"
    """
        }
    )
    [event] = events(one_feed(root))
    assert f"RRULE:FREQ=MONTHLY;BYDAY={byday}\r\n" in unfolded(event.to_ical())


def test_tweewekelijks_rrule(make_content):
    root = make_content(schedules={"activiteit": WEEKLY.replace("wekelijks", "tweewekelijks")})
    [event] = events(one_feed(root))
    assert "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU\r\n" in unfolded(event.to_ical())


def test_dates_form_uid_per_meeting_number_and_cancelled_left_out(make_content):
    root = make_content(
        schedules={
            "activiteit": """
        dates: [2026-12-01, 2026-12-08, 2026-12-15, 2026-12-22]
        start: "19:00"
        end: "21:00"
        cancelled: [2026-12-15]
        moved:
          - date: 2026-12-08
            to: 2026-12-09
    """
        }
    )
    found = events(one_feed(root))
    assert [(str(e["UID"]), e.start) for e in found] == [
        (f"activiteit-1@{HOST}", datetime(2026, 12, 1, 19, tzinfo=TZ)),
        (f"activiteit-2@{HOST}", datetime(2026, 12, 9, 19, tzinfo=TZ)),
        (f"activiteit-4@{HOST}", datetime(2026, 12, 22, 19, tzinfo=TZ)),
    ]
    assert all("RRULE" not in e and "RECURRENCE-ID" not in e for e in found)


def test_offering_of_a_training_takes_its_title_and_summary(make_content):
    root = make_content(
        {
            "wrap-soest": """\
        training: wrap
        location: buurthuis
        join:
          how: aanmelden
          contact: coordinatie
        last_checked: 2026-11-01
        schedule:
          dates: [2026-12-01]
          start: "10:00"
          end: "12:30"
    """
        }
    )
    _, _, feeds = build(root)
    [event] = events(feeds[urls.feed("trainingen", "wrap")])
    assert event["SUMMARY"] == "WRAP"
    assert event["DESCRIPTION"].startswith("Je maakt je eigen plan om je goed te voelen.\n\n")
    assert "NAME:Herstelnetwerk Test – WRAP\r\n" in unfolded(feeds[urls.feed("trainingen", "wrap")])


def test_title_with_newline_comma_semicolon(make_content):
    """The library escapes text: a title can never break out into a property of its own."""
    root = make_content(schedules={"activiteit": WEEKLY})
    catalog = load_catalog(root, BUILD_DATE).catalog
    agenda = build_agenda(catalog, BUILD_DATE)
    title = "Koffie, thee; taart\nORGANIZER:mailto:iemand@example.org"
    catalog.offerings["activiteit"].title = title
    ics = calendar_for(agenda.visible(), "Test", SITE, catalog=catalog, build_date=BUILD_DATE).to_ical()
    assert "SUMMARY:Koffie\\, thee\\; taart\\nORGANIZER:mailto:iemand@example.org" in unfolded(ics)
    [event] = events(ics)
    assert event["SUMMARY"] == title
    assert "ORGANIZER" not in event


def test_provider_never_in_feed(make_content):
    root = make_content(schedules={"activiteit": WEEKLY})
    path = root / "offerings" / "activiteit.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "provider: Stichting Achter de Schermen\n", encoding="utf-8")
    _, _, feeds = build(root)
    assert load_catalog(root, BUILD_DATE).catalog.offerings["activiteit"].provider == "Stichting Achter de Schermen"
    for ics in feeds.values():
        assert "Achter de Schermen" not in unfolded(ics)


def test_uids_stable_when_title_changes(make_content):
    root = make_content(
        schedules={
            "activiteit": WEEKLY,
            "cursus": """
        dates: [2026-12-01, 2026-12-08]
        start: "19:00"
        end: "21:00"
    """,
        }
    )
    before = events(build(root)[2][urls.feed("alles")])
    for path in (root / "offerings").iterdir():
        path.write_text(
            path.read_text(encoding="utf-8").replace("title: Inloop", "title: Open huiskamer"), encoding="utf-8"
        )
    after = events(build(root)[2][urls.feed("alles")])
    assert [str(e["UID"]) for e in after] == [str(e["UID"]) for e in before]
    assert {str(e["SUMMARY"]) for e in before} == {"Inloop"}
    assert {str(e["SUMMARY"]) for e in after} == {"Open huiskamer"}


def test_two_builds_with_the_same_build_date_are_byte_identical(make_content):
    root = make_content(schedules={"activiteit": weekly("cancelled: [2026-12-01]")})
    first, second = build(root)[2], build(root)[2]
    assert first == second
    later = build(root, BUILD_DATE + timedelta(days=1))[2]
    assert later[urls.feed("alles")] != first[urls.feed("alles")]  # DTSTAMP follows the build date


def test_site_url_without_host_is_refused(make_content):
    root = make_content(schedules={"activiteit": WEEKLY})
    with pytest.raises(ValueError, match="heeft geen host"):
        build(root, site_url="herstel.example.org")
