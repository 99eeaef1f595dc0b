"""Schedules: from real YAML through load_catalog to sessions, and the checks' messages."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.loading.errors import ContentError
from herstelnetwerk.loading.schedule import TZ, Session, expand

BUILD_DATE = date(2027, 1, 1)
HORIZON = date(2028, 1, 1)


def sessions(make_content, block: str, horizon: date = HORIZON) -> list[Session]:
    root = make_content(schedules={"activiteit": block})
    catalog = load_catalog(root, BUILD_DATE).catalog
    return expand(catalog.offerings["activiteit"].schedule, horizon)


def starts(found: list[Session]) -> list[datetime]:
    return [s.start for s in found]


def at(day: str, clock: str = "19:00") -> datetime:
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock), tzinfo=TZ)


def messages(make_content, block: str) -> list[str]:
    root = make_content(schedules={"activiteit": block})
    with pytest.raises(ContentError) as raised:
        load_catalog(root, BUILD_DATE)
    return [p.message for p in raised.value.problems]


# --- expansion -----------------------------------------------------------------


@pytest.mark.parametrize(
    "first, expected_utc",
    [
        # Summer time starts on Sunday 28 March 2027: 19:00 is 18:00 UTC before, 17:00 UTC after.
        ("2027-03-16", ["18:00", "18:00", "17:00", "17:00"]),
        # Summer time ends on Sunday 31 October 2027: 19:00 is 17:00 UTC before, 18:00 UTC after.
        ("2027-10-19", ["17:00", "17:00", "18:00", "18:00"]),
    ],
)
def test_weekly_across_dst_keeps_wall_time(make_content, first, expected_utc):
    found = sessions(
        make_content,
        f"""
        repeat: wekelijks
        day: dinsdag
        from: {first}
        count: 4
        start: "19:00"
        end: "21:00"
    """,
    )
    assert [s.start.strftime("%H:%M") for s in found] == ["19:00"] * 4
    assert [s.start.astimezone(UTC).strftime("%H:%M") for s in found] == expected_utc
    assert [s.start - found[0].start for s in found] == [timedelta(weeks=n) for n in range(4)]


def test_from_on_another_weekday_starts_on_the_next_matching_day(make_content):
    found = sessions(
        make_content,
        """
        repeat: wekelijks
        day: donderdag
        from: 2027-01-04
        count: 2
        start: "10:00"
        end: "12:00"
    """,
    )
    assert starts(found) == [at("2027-01-07", "10:00"), at("2027-01-14", "10:00")]
    assert found[0].end == at("2027-01-07", "12:00")


def test_tweewekelijks_every_other_week(make_content):
    found = sessions(
        make_content,
        """
        repeat: tweewekelijks
        day: dinsdag
        from: 2027-01-05
        until: 2027-02-16
        start: "19:00"
        end: "21:00"
    """,
    )
    assert starts(found) == [at(d) for d in ("2027-01-05", "2027-01-19", "2027-02-02", "2027-02-16")]


@pytest.mark.parametrize(
    "day, week, expected",
    [
        ("dinsdag", "1", ["2027-01-05", "2027-02-02", "2027-03-02", "2027-04-06"]),
        ("vrijdag", "laatste", ["2027-01-29", "2027-02-26", "2027-03-26", "2027-04-30"]),
    ],
)
def test_monthly(make_content, day, week, expected):
    found = sessions(
        make_content,
        f"""
        repeat: maandelijks
        day: {day}
        week: {week}
        from: 2027-01-01
        count: 4
        start: "19:00"
        end: "21:00"
    """,
    )
    assert starts(found) == [at(d) for d in expected]


def test_until_is_inclusive_and_count_limits(make_content):
    until = sessions(
        make_content,
        """
        repeat: wekelijks
        day: dinsdag
        from: 2027-01-05
        until: 2027-01-19
        start: "19:00"
        end: "21:00"
    """,
    )
    counted = sessions(
        make_content,
        """
        repeat: wekelijks
        day: dinsdag
        from: 2027-01-05
        count: 3
        start: "19:00"
        end: "21:00"
    """,
    )
    expected = [at("2027-01-05"), at("2027-01-12"), at("2027-01-19")]
    assert starts(until) == expected
    assert starts(counted) == expected
    assert [s.number for s in counted] == [1, 2, 3]


def test_open_ended_runs_to_the_horizon(make_content):
    found = sessions(
        make_content,
        """
        repeat: wekelijks
        day: dinsdag
        from: 2027-01-05
        start: "19:00"
        end: "21:00"
    """,
        horizon=date(2027, 3, 1),
    )
    assert found[-1].start == at("2027-02-23")
    assert len(found) == 8


def test_cancelled_session_stays_marked_with_its_reason(make_content):
    found = sessions(
        make_content,
        """
        repeat: wekelijks
        day: dinsdag
        from: 2027-01-05
        count: 3
        start: "19:00"
        end: "21:00"
        cancelled:
          - 2027-01-12
          - date: 2027-01-19
            reason: Studiedag
    """,
    )
    assert [(s.start, s.cancelled, s.reason) for s in found] == [
        (at("2027-01-05"), False, None),
        (at("2027-01-12"), True, None),
        (at("2027-01-19"), True, "Studiedag"),
    ]


def test_moved_session_gets_new_date_and_times(make_content):
    found = sessions(
        make_content,
        """
        repeat: wekelijks
        day: dinsdag
        from: 2027-01-05
        count: 3
        start: "19:00"
        end: "21:00"
        moved:
          - date: 2027-01-12
            to: 2027-01-21
            start: "13:00"
            end: "15:30"
            reason: Zaal bezet
    """,
    )
    moved = [s for s in found if s.moved]
    assert [(s.original, s.start, s.end, s.reason, s.number) for s in moved] == [
        (date(2027, 1, 12), at("2027-01-21", "13:00"), at("2027-01-21", "15:30"), "Zaal bezet", 2)
    ]
    # Sorted by when they really happen: the moved one now comes last.
    assert starts(found) == [at("2027-01-05"), at("2027-01-19"), at("2027-01-21", "13:00")]


def test_dates_form_with_moved_date_keeps_its_number(make_content):
    found = sessions(
        make_content,
        """
        dates: [2027-01-05, 2027-01-12, 2027-01-19]
        start: "19:00"
        end: "21:00"
        moved:
          - date: 2027-01-12
            to: 2027-01-13
    """,
    )
    assert [(s.number, s.start) for s in found] == [(1, at("2027-01-05")), (2, at("2027-01-13")), (3, at("2027-01-19"))]


def test_break_leaves_its_dates_out(make_content):
    found = sessions(
        make_content,
        """
        repeat: wekelijks
        day: dinsdag
        from: 2026-12-15
        until: 2027-01-12
        start: "19:00"
        end: "21:00"
        breaks:
          - from: 2026-12-19
            until: 2027-01-03
            reason: Kerstvakantie
    """,
    )
    assert starts(found) == [at("2026-12-15"), at("2027-01-05"), at("2027-01-12")]


def test_break_does_not_use_up_the_count(make_content):
    """'count: 4' means four meetings; dates inside a break are not meetings."""
    found = sessions(
        make_content,
        """
        repeat: wekelijks
        day: dinsdag
        from: 2026-12-15
        count: 4
        start: "19:00"
        end: "21:00"
        breaks:
          - from: 2026-12-19
            until: 2027-01-03
    """,
    )
    assert starts(found) == [at("2026-12-15"), at("2027-01-05"), at("2027-01-12"), at("2027-01-19")]


# --- checks: the messages a volunteer sees ---------------------------------------


def test_end_before_start(make_content):
    assert messages(
        make_content,
        """
        dates: [2027-02-02]
        start: "21:00"
        end: "19:00"
    """,
    ) == ["De eindtijd (19:00) ligt niet na de begintijd (21:00). Controleer beide tijden."]


def test_cancelled_date_that_is_not_a_meeting(make_content):
    assert messages(
        make_content,
        """
        repeat: wekelijks
        day: dinsdag
        from: 2027-01-05
        start: "19:00"
        end: "21:00"
        cancelled: [2027-01-13]
    """,
    ) == [
        "Op 2027-01-13 is geen bijeenkomst (de activiteit is op dinsdag), dus die kan niet vervallen. "
        "Controleer de datum."
    ]


def test_moved_session_inside_a_break(make_content):
    assert messages(
        make_content,
        """
        repeat: wekelijks
        day: dinsdag
        from: 2027-01-05
        start: "19:00"
        end: "21:00"
        breaks:
          - from: 2027-02-15
            until: 2027-02-21
        moved:
          - date: 2027-02-16
            to: 2027-02-17
    """,
    ) == [
        "2027-02-16 valt in een pauze (zie 'breaks'), dus daar is geen bijeenkomst om te verplaatsen. "
        "Haal de pauze of de verplaatsing weg."
    ]


def test_dates_and_repeat_together(make_content):
    assert messages(
        make_content,
        """
        dates: [2027-02-02]
        repeat: wekelijks
        day: dinsdag
        from: 2027-02-02
        start: "19:00"
        end: "21:00"
    """,
    ) == ["Kies één vorm: een lijst met 'dates', of 'repeat' met 'day' en 'from'. Niet allebei."]


def test_time_that_does_not_exist_when_summer_time_starts(make_content):
    assert messages(
        make_content,
        """
        dates: [2027-03-28]
        start: "02:30"
        end: "04:00"
    """,
    ) == ["02:30 op 2027-03-28 bestaat niet: die nacht gaat de klok een uur vooruit (zomertijd). Kies een andere tijd."]


def test_time_that_happens_twice_when_summer_time_ends(make_content):
    assert messages(
        make_content,
        """
        repeat: wekelijks
        day: zondag
        from: 2027-10-24
        count: 2
        start: "02:30"
        end: "04:00"
    """,
    ) == [
        "02:30 op 2027-10-31 komt twee keer voor: die nacht gaat de klok een uur terug (wintertijd). "
        "Kies een andere tijd."
    ]


def test_ordinary_times_on_dst_days_are_fine(make_content):
    found = sessions(
        make_content,
        """
        dates: [2027-03-28, 2027-10-31]
        start: "10:00"
        end: "12:00"
    """,
    )
    assert starts(found) == [at("2027-03-28", "10:00"), at("2027-10-31", "10:00")]
