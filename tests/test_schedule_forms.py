"""The schedule forms of real offers: by appointment, several weekdays, every N weeks, sessions with
their own topic or hours, added sessions, nights; and the Dutch message for each mistake.

Each case goes from real YAML through load_catalog to sessions, pages' words and feeds read back by icalendar.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
import recurring_ical_events
from icalendar import Calendar

from herstelnetwerk.loading.agenda import build_agenda
from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.loading.errors import ContentError
from herstelnetwerk.loading.schedule import TZ, expand
from herstelnetwerk.outputs.feeds import build_feeds
from herstelnetwerk.planning import urls
from herstelnetwerk.planning.site_data import rhythm

BUILD_DATE = date(2027, 1, 1)
HORIZON = date(2027, 12, 31)
SITE = "https://herstel.example.org/"


def load(make_content, block: str, **more):
    root = make_content(schedules={"activiteit": block}, **more)
    return load_catalog(root, BUILD_DATE)


def offering(make_content, block: str, **more):
    return load(make_content, block, **more).catalog.offerings["activiteit"]


def feed(make_content, block: str) -> Calendar:
    catalog = load(make_content, block).catalog
    feeds = build_feeds(catalog, build_agenda(catalog, BUILD_DATE), SITE)
    return Calendar.from_ical(feeds[urls.feed("activiteiten", "activiteit")])


def messages(make_content, block: str | None = None, **more) -> list[str]:
    root = make_content(schedules={"activiteit": block} if block else None, **more)
    with pytest.raises(ContentError) as raised:
        load_catalog(root, BUILD_DATE)
    return [p.message for p in raised.value.problems]


def days(found) -> list[str]:
    return [f"{s.start:%a %d %b %H:%M}" for s in found]


# --- several weekdays, every N weeks --------------------------------------------------------


def test_working_days_are_monday_to_friday_in_one_rule(make_content):
    block = 'repeat: wekelijks\nday: werkdagen\nfrom: 2027-01-04\ncount: 7\nstart: "09:30"\nend: "11:30"\n'
    found = expand(offering(make_content, block).schedule, HORIZON)
    assert days(found) == [
        "Mon 04 Jan 09:30", "Tue 05 Jan 09:30", "Wed 06 Jan 09:30", "Thu 07 Jan 09:30", "Fri 08 Jan 09:30",
        "Mon 11 Jan 09:30", "Tue 12 Jan 09:30",
    ]  # fmt: skip
    assert rhythm(offering(make_content, block)) == "Elke werkdag, 7 keer vanaf 4 januari, 09:30 tot 11:30"
    rule = feed(make_content, block).walk("VEVENT")[0]["RRULE"]
    assert rule["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"] and "INTERVAL" not in rule


def test_two_weekdays_every_three_weeks_counts_weeks_from_the_first_meeting(make_content):
    block = (
        'repeat: wekelijks\ninterval: 3\nday: [donderdag, dinsdag]\nfrom: 2027-01-07\nstart: "15:00"\nend: "17:00"\n'
    )
    schedule = offering(make_content, block).schedule
    # Weeks of 4, 25 January and 15 February; the first week's Tuesday is before 'from'.
    assert days(expand(schedule, date(2027, 2, 16))) == [
        "Thu 07 Jan 15:00", "Tue 26 Jan 15:00", "Thu 28 Jan 15:00", "Tue 16 Feb 15:00",
    ]  # fmt: skip
    assert rhythm(offering(make_content, block)) == "Om de 3 weken op dinsdag en donderdag, 15:00 tot 17:00"
    calendar = feed(make_content, block)
    rule = calendar.walk("VEVENT")[0]["RRULE"]
    assert (rule["FREQ"], rule["INTERVAL"], rule["BYDAY"], rule["WKST"]) == (["WEEKLY"], [3], ["TU", "TH"], ["MO"])
    # What a calendar makes of the rule is what the page lists.
    read = recurring_ical_events.of(calendar).between(BUILD_DATE, HORIZON)
    assert sorted(e.decoded("DTSTART") for e in read) == [s.start for s in expand(schedule, HORIZON)]


def test_monthly_on_two_weekdays(make_content):
    block = 'repeat: maandelijks\nweek: 1\nday: [maandag, vrijdag]\nfrom: 2027-01-01\nstart: "10:00"\nend: "11:00"\n'
    found = expand(offering(make_content, block).schedule, date(2027, 2, 28))
    assert days(found) == ["Fri 01 Jan 10:00", "Mon 04 Jan 10:00", "Mon 01 Feb 10:00", "Fri 05 Feb 10:00"]
    assert feed(make_content, block).walk("VEVENT")[0]["RRULE"]["BYDAY"] == ["1MO", "1FR"]


# --- by appointment ---------------------------------------------------------------------------


APPOINTMENT = 'appointment: ja\nday: [maandag, donderdag]\nstart: "09:00"\nend: "17:00"\n'


def test_an_offer_by_appointment_has_no_sessions_and_no_feed_but_is_listed(make_content):
    root = make_content(
        {
            "coaching": "title: Coaching\nsummary: Gesprekken.\ntype: coaching\nlocation: buurthuis\n"
            "join:\n  how: aanmelden\n  contact: coordinatie\nlast_checked: 2026-12-01\nschedule:\n"
            + "".join(f"  {line}\n" for line in APPOINTMENT.splitlines())
        }
    )
    catalog = load_catalog(root, BUILD_DATE).catalog
    agenda = build_agenda(catalog, BUILD_DATE)
    entry = agenda.entries["coaching"]
    assert entry.sessions == () and entry.visible
    assert rhythm(entry.offering) == "Op afspraak, op maandag en donderdag, tussen 09:00 en 17:00"
    feeds = build_feeds(catalog, agenda, SITE)
    assert urls.feed("activiteiten", "coaching") not in feeds
    assert b"BEGIN:VEVENT" not in feeds[urls.feed("alles")]


def test_an_offer_by_appointment_needs_a_way_to_make_one(make_content):
    # The test network's offering joins by walking in, with no contact: nobody would know whom to ask.
    assert messages(make_content, APPOINTMENT) == [
        "Bij een activiteit op afspraak hoort bij 'join' een 'contact' of een 'url', "
        "zodat mensen weten hoe ze een afspraak maken."
    ]


def test_an_offer_by_appointment_with_dates_says_which_to_drop(make_content):
    found = messages(make_content, APPOINTMENT + "dates: [2027-02-01]\n")
    assert (
        "Bij 'appointment: ja' (op afspraak) zijn er geen vaste data, dus hoort 'dates' er niet bij. "
        "Haal deze regel weg, of haal 'appointment' weg als er wel vaste data zijn."
    ) in found


def test_a_schedule_without_any_form_mentions_appointments(make_content):
    assert messages(make_content, 'start: "10:00"\nend: "12:00"\n') == [
        "Geef aan wanneer het is: een lijst met 'dates', of 'repeat' (wekelijks, tweewekelijks of maandelijks) "
        "met 'day' en 'from'. Is er geen vast moment? Schrijf dan 'appointment: ja' (op afspraak)."
    ]


# --- sessions of their own, added sessions, nights ----------------------------------------------

THEMES = """\
repeat: maandelijks
week: 2
day: donderdag
from: 2027-01-01
start: "19:30"
end: "21:00"
sessions:
  - date: 2027-02-11
    title: Naasten en herstel
    start: "19:00"
    note: We beginnen een half uur eerder.
added:
  - date: 2027-02-25
    title: Extra avond
"""


def test_a_session_with_its_own_topic_and_an_added_session(make_content):
    found = expand(offering(make_content, THEMES).schedule, date(2027, 3, 31))
    assert [(f"{s.start:%d %b %H:%M}", s.title, s.added) for s in found] == [
        ("14 Jan 19:30", None, False),
        ("11 Feb 19:00", "Naasten en herstel", False),
        ("25 Feb 19:30", "Extra avond", True),
        ("11 Mar 19:30", None, False),
    ]
    events = {(str(e["UID"]), "RECURRENCE-ID" in e): e for e in feed(make_content, THEMES).walk("VEVENT")}
    override = events[("activiteit@herstel.example.org", True)]
    assert override.decoded("RECURRENCE-ID") == datetime(2027, 2, 11, 19, 30, tzinfo=TZ)
    assert override.decoded("DTSTART") == datetime(2027, 2, 11, 19, 0, tzinfo=TZ)
    assert str(override["SUMMARY"]) == "Inloop – Naasten en herstel"
    assert "We beginnen een half uur eerder." in str(override["DESCRIPTION"])
    extra = events[("activiteit-extra-20270225@herstel.example.org", False)]
    assert extra.decoded("DTSTART") == datetime(2027, 2, 25, 19, 30, tzinfo=TZ)
    assert "RRULE" not in extra


def test_nights_make_one_session_over_several_days(make_content):
    block = 'dates: [2027-05-10]\nnights: 4\nstart: "14:00"\nend: "16:00"\n'
    (session,) = expand(offering(make_content, block).schedule, HORIZON)
    assert (session.start, session.end) == (
        datetime(2027, 5, 10, 14, 0, tzinfo=TZ),
        datetime(2027, 5, 14, 16, 0, tzinfo=TZ),
    )
    (event,) = feed(make_content, block).walk("VEVENT")
    assert event.decoded("DTEND") == datetime(2027, 5, 14, 16, 0, tzinfo=TZ)


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        pytest.param(
            THEMES.replace("date: 2027-02-11", "date: 2027-02-12"),
            "Op 2027-02-12 is geen bijeenkomst (de activiteit is op donderdag). Controleer de datum; "
            "een bijeenkomst buiten het vaste ritme zet je bij 'added'.",
            id="topic-on-no-meeting",
        ),
        pytest.param(
            THEMES.replace("date: 2027-02-25", "date: 2027-03-11"),
            "Op 2027-03-11 is al een bijeenkomst. Een eigen onderwerp of tijd voor die dag zet je bij 'sessions'.",
            id="added-on-a-meeting",
        ),
        pytest.param(
            'repeat: wekelijks\ninterval: 0\nday: dinsdag\nfrom: 2027-01-05\nstart: "10:00"\nend: "12:00"\n',
            "Het getal moet tussen 1 en 8 liggen.",
            id="interval-0",
        ),
        pytest.param(
            'repeat: maandelijks\nweek: 1\ninterval: 2\nday: dinsdag\nfrom: 2027-01-05\nstart: "10:00"\nend: "12:00"\n',
            "'interval' (om de hoeveel weken) hoort bij 'repeat: wekelijks'. Schrijf 'repeat: wekelijks' "
            "met 'interval: 2' voor om de week, of haal 'interval' weg.",
            id="interval-monthly",
        ),
        pytest.param(
            'dates: [2027-02-01]\nstart: "16:00"\nend: "10:00"\n',
            "De eindtijd (10:00) ligt niet na de begintijd (16:00). Controleer beide tijden.",
            id="end-before-start-without-nights",
        ),
    ],
)
def test_each_new_form_says_its_mistake_in_dutch(make_content, block, expected):
    assert messages(make_content, block) == [expected]


def test_a_group_whose_minimum_is_above_its_maximum(make_content):
    text = "title: Groep\nsummary: Samen.\nmin_participants: 9\nmax_participants: 6\n"
    assert messages(make_content, trainings={"groep": text}) == [
        "Het minimum aantal deelnemers (9) is groter dan het maximum (6). "
        "Controleer 'min_participants' en 'max_participants'."
    ]


def test_min_participants_is_a_field_now_not_a_misspelling(make_content):
    """It used to be an unknown field, answered with 'Bedoel je max_participants?': the opposite."""
    text = "title: Groep\nsummary: Samen.\nmin_participants: 6\n"
    root = make_content(trainings={"groep": text})
    assert load_catalog(root, BUILD_DATE).catalog.trainings["groep"].min_participants == 6


def test_a_course_whose_dates_do_not_match_the_training_length_is_a_warning(make_content):
    block = 'dates: [2027-02-01, 2027-02-08]\nstart: "10:00"\nend: "12:00"\n'
    root = make_content(
        {
            "cursus": "training: wrap\nlocation: buurthuis\njoin:\n  how: binnenlopen\nlast_checked: 2026-12-01\n"
            "schedule:\n" + "".join(f"  {line}\n" for line in block.splitlines())
        }
    )
    loaded = load_catalog(root, BUILD_DATE)
    assert [p.message for p in loaded.warnings if "bijeenkomsten" in p.message] == [
        "Deze training heeft 8 bijeenkomsten (zie de training), maar dit rooster geeft er 2. Klopt het aantal? "
        "Een extra bijeenkomst, zoals een terugkomdag, zet je bij 'added'."
    ]


def test_the_example_uses_every_new_form(make_content):
    from pathlib import Path

    catalog = load_catalog(Path(__file__).resolve().parents[1] / "activities", BUILD_DATE).catalog
    schedules = [o.schedule for o in catalog.offerings.values()]
    assert any(s.appointment for s in schedules)
    assert any(s.days == ["werkdagen"] for s in schedules)
    assert any((s.interval or 1) > 2 for s in schedules)
    assert any(s.sessions and any(d.title for d in s.sessions) for s in schedules)
    assert any(s.added and any(a.title == "Terugkombijeenkomst" for a in s.added) for s in schedules)
    assert any(s.added and any(a.title == "Inhaalbijeenkomst" for a in s.added) for s in schedules)
    assert any(s.nights for s in schedules)
    assert any(o.stay and o.min_participants for o in catalog.offerings.values())
    assert any(t.recommended for t in catalog.trainings.values())
    assert any(v.half_days for t in catalog.trainings.values() for v in t.variants)
    assert time(14, 0) in {s.start for s in schedules if s.nights}


# --- what a subscribed calendar needs to take an edit ---------------------------------------------


def test_sequence_and_last_modified_follow_last_checked(make_content):
    block = 'repeat: wekelijks\nday: dinsdag\nfrom: 2027-01-05\nstart: "10:00"\nend: "12:00"\n'
    (first,) = feed(make_content, block).walk("VEVENT")
    (again,) = feed(make_content, block).walk("VEVENT")
    assert (first["SEQUENCE"], first.decoded("LAST-MODIFIED")) == (again["SEQUENCE"], again.decoded("LAST-MODIFIED"))
    root = make_content(schedules={"activiteit": block})
    path = root / "offerings" / "activiteit.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("last_checked: 2026-11-01", "last_checked: 2026-12-15"))
    catalog = load_catalog(root, BUILD_DATE).catalog
    edited = Calendar.from_ical(
        build_feeds(catalog, build_agenda(catalog, BUILD_DATE), SITE)[urls.feed("activiteiten", "activiteit")]
    ).walk("VEVENT")[0]
    assert edited["SEQUENCE"] == first["SEQUENCE"] + 44
    assert edited.decoded("LAST-MODIFIED") > first.decoded("LAST-MODIFIED")


def test_the_time_zone_is_one_yearly_rule_per_change_that_matches_the_tz_database():
    from zoneinfo import ZoneInfo

    from herstelnetwerk.outputs.timezone import changes_in, yearly_timezone

    zone = yearly_timezone("Europe/Amsterdam", 2026)
    rules = {part.name: (str(part["TZNAME"]), part["RRULE"].to_ical().decode()) for part in zone.subcomponents}
    assert rules == {
        "DAYLIGHT": ("CEST", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"),
        "STANDARD": ("CET", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"),
    }
    assert "RDATE" not in zone.to_ical().decode()
    # The rule's moments are the tz database's, year after year (every year is checked when it is made, too).
    amsterdam = ZoneInfo("Europe/Amsterdam")
    changes = changes_in(amsterdam, 2026)
    for year in (2027, 2028, 2029, 2030):
        for change in changes:
            moment = change.instant_in(year)
            before, after = (moment - timedelta(minutes=1)).astimezone(amsterdam), moment.astimezone(amsterdam)
            assert (before.utcoffset(), after.utcoffset()) == (change.offset_from, change.offset_to)
