"""Expand a schedule into sessions, and check that a schedule makes sense.

All times are local Europe/Amsterdam. A repeating schedule without an end goes
on for ever; for pages it is expanded up to a horizon after the build date,
while the iCal feed keeps it open-ended as an RRULE.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from .model import Schedule

TZ = ZoneInfo("Europe/Amsterdam")
WEEKDAY_NUMBERS = {
    name: number
    for number, name in enumerate(["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"])
}
# How far after the build date open-ended schedules are expanded for pages and checks.
HORIZON_DAYS = 366
# Open-ended schedules stop after this many rule dates however far the horizon is.
MAX_RULE_DATES = 2000


@dataclass(frozen=True)
class Session:
    """One meeting as it really happens (or not)."""

    original: date  # the date the rule gives; the RECURRENCE-ID of a moved session
    start: datetime  # aware, Europe/Amsterdam
    end: datetime
    cancelled: bool = False
    moved: bool = False
    reason: str | None = None
    number: int = 0  # 1-based position among the rule dates


def local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, TZ)


def _step(schedule: Schedule) -> int:
    return 14 if schedule.repeat == "tweewekelijks" else 7


def rule_weekday(schedule: Schedule) -> int:
    """A rule's weekday, 0 for Monday (the loader makes sure a repeating schedule has one)."""
    assert schedule.day is not None
    return WEEKDAY_NUMBERS[schedule.day]


def first_date(schedule: Schedule) -> date:
    """The first date the rule gives: ``from`` moved forward to the right day."""
    assert schedule.first is not None and schedule.day is not None
    if schedule.repeat == "maandelijks":
        return next(_monthly(schedule, schedule.first))
    shift = (WEEKDAY_NUMBERS[schedule.day] - schedule.first.weekday()) % 7
    return schedule.first + timedelta(days=shift)


def _nth_weekday(year: int, month: int, weekday: int, week: str) -> date:
    if week == "laatste":
        last = calendar.monthrange(year, month)[1]
        return date(year, month, last - (date(year, month, last).weekday() - weekday) % 7)
    first = 1 + (weekday - date(year, month, 1).weekday()) % 7
    # Every month has at least four of each weekday.
    return date(year, month, first + 7 * (int(week) - 1))


def _monthly(schedule: Schedule, start: date) -> Iterator[date]:
    year, month = start.year, start.month
    weekday = rule_weekday(schedule)
    while True:
        candidate = _nth_weekday(year, month, weekday, schedule.week or "1")
        if candidate >= start:
            yield candidate
        month += 1
        if month == 13:
            year, month = year + 1, 1


def rule_dates(schedule: Schedule, horizon: date) -> list[date]:
    """The dates the schedule gives before exceptions, up to ``horizon`` if open-ended."""
    if schedule.dates:
        return sorted(schedule.dates)
    count, breaks = schedule.count, schedule.breaks
    stop = schedule.until or horizon
    if schedule.repeat != "maandelijks" and not (count is not None and breaks):
        # Weekly or fortnightly, with no break to skip while counting: plain arithmetic.
        first, step = first_date(schedule), _step(schedule)
        if count is not None:
            how_many = count
        else:
            how_many = (stop - first).days // step + 1 if stop >= first else 0
        return [first + timedelta(days=step * n) for n in range(min(how_many, MAX_RULE_DATES))]
    if schedule.repeat == "maandelijks":
        assert schedule.first is not None  # a rule has a start: the loader checks it
        dates_iter = _monthly(schedule, schedule.first)
    else:
        dates_iter = _weekly(first_date(schedule), _step(schedule))
    result: list[date] = []
    meetings = 0  # 'count' is the number of meetings: dates inside a break do not use one up
    for current in dates_iter:
        if count is not None:
            if meetings >= count:
                break
        elif current > stop:
            break
        if len(result) >= MAX_RULE_DATES:
            break
        result.append(current)
        if not breaks or in_break(schedule, current) is False:
            meetings += 1
    return result


def _weekly(first: date, step: int) -> Iterator[date]:
    step_days = timedelta(days=step)
    while True:
        yield first
        first += step_days


def in_break(schedule: Schedule, day: date) -> str | bool | None:
    for pause in schedule.breaks:
        if pause.first <= day <= pause.until:
            return pause.reason or True
    return False


def is_open_ended(schedule: Schedule) -> bool:
    return not schedule.dates and schedule.until is None and schedule.count is None


def expand(schedule: Schedule, horizon: date) -> list[Session]:
    """Every session, cancelled ones included, sorted by when they really happen.

    Dates inside a break are left out: the break itself is shown instead.
    """
    cancelled = {c.date: c for c in schedule.cancelled}
    moved = {m.date: m for m in schedule.moved}
    breaks, start, end = schedule.breaks, schedule.start, schedule.end
    sessions = []
    for number, day in enumerate(rule_dates(schedule, horizon), start=1):
        if breaks and in_break(schedule, day) is not False:
            continue
        if day in moved:
            move = moved[day]
            sessions.append(
                Session(
                    day,
                    local(move.to, move.start or start),
                    local(move.to, move.end or end),
                    moved=True,
                    reason=move.reason,
                    number=number,
                )
            )
        elif day in cancelled:
            sessions.append(
                Session(
                    day, local(day, start), local(day, end), cancelled=True, reason=cancelled[day].reason, number=number
                )
            )
        else:
            sessions.append(Session(day, local(day, start), local(day, end), number=number))
    sessions.sort(key=lambda s: (s.start, s.number))
    return sessions


@lru_cache(maxsize=4096)
def _clock_changes(day: date) -> bool:
    """Whether the clock is set forward or back on ``day`` (thousands of sessions share a few hundred days)."""
    start = datetime.combine(day, time(0, 0), tzinfo=TZ)
    end = datetime.combine(day + timedelta(days=1), time(0, 0), tzinfo=TZ)
    return start.utcoffset() != end.utcoffset()


def _wall_time_problem(day: date, at: time) -> str | None:
    """Says why a local time does not exist or happens twice on ``day``, if so."""
    if not _clock_changes(day):
        return None
    naive = datetime.combine(day, at)
    first = naive.replace(tzinfo=TZ, fold=0)
    second = naive.replace(tzinfo=TZ, fold=1)
    if first.utcoffset() != second.utcoffset():
        # Either a gap (the clock jumps forward) or an overlap (it goes back).
        roundtrip = first.astimezone(ZoneInfo("UTC")).astimezone(TZ).replace(tzinfo=None)
        if roundtrip != naive:
            return (
                f"{at:%H:%M} op {day:%Y-%m-%d} bestaat niet: die nacht gaat de klok een uur vooruit "
                "(zomertijd). Kies een andere tijd."
            )
        return (
            f"{at:%H:%M} op {day:%Y-%m-%d} komt twee keer voor: die nacht gaat de klok een uur terug "
            "(wintertijd). Kies een andere tijd."
        )
    return None


def check(schedule: Schedule, horizon: date) -> list[tuple[tuple, str]]:
    """Problems that need more than one field: (path below 'schedule', Dutch message)."""
    problems: list[tuple[tuple, str]] = []
    repeating = schedule.repeat is not None
    if schedule.dates and repeating:
        return [((), "Kies één vorm: een lijst met 'dates', of 'repeat' met 'day' en 'from'. Niet allebei.")]
    if not schedule.dates and not repeating:
        return [
            (
                (),
                "Geef aan wanneer het is: een lijst met 'dates', of 'repeat' (wekelijks, tweewekelijks "
                "of maandelijks) met 'day' en 'from'.",
            )
        ]
    if schedule.end <= schedule.start:
        problems.append(
            (
                ("end",),
                f"De eindtijd ({schedule.end:%H:%M}) ligt niet na de begintijd "
                f"({schedule.start:%H:%M}). Controleer beide tijden.",
            )
        )
    if repeating:
        for key, value in (("day", schedule.day), ("from", schedule.first)):
            if value is None:
                problems.append(((), f"Bij 'repeat' hoort ook '{key}'."))
        if schedule.repeat == "maandelijks" and schedule.week is None:
            problems.append(
                (
                    (),
                    "Bij 'repeat: maandelijks' hoort 'week': 1, 2, 3, 4 of laatste "
                    "(bijvoorbeeld week: 1 voor de eerste dinsdag van de maand).",
                )
            )
        if schedule.repeat != "maandelijks" and schedule.week is not None:
            problems.append((("week",), "'week' hoort alleen bij 'repeat: maandelijks'. Haal deze regel weg."))
        if schedule.until is not None and schedule.count is not None:
            problems.append((("count",), "Gebruik 'until' of 'count', niet allebei."))
        if schedule.until is not None and schedule.first is not None and schedule.until < schedule.first:
            problems.append(
                (
                    ("until",),
                    f"De einddatum {schedule.until} ligt voor de begindatum {schedule.first}. Controleer beide datums.",
                )
            )
        if problems:
            return problems
    else:
        for key in ("day", "week", "from", "until", "count"):
            if getattr(schedule, "first" if key == "from" else key) is not None:
                problems.append(
                    (
                        (key,),
                        f"'{key}' hoort alleen bij 'repeat'. Haal deze regel weg, of gebruik "
                        "'repeat' in plaats van 'dates'.",
                    )
                )
        seen = set()
        for index, day in enumerate(schedule.dates):
            if day in seen:
                problems.append((("dates", index), f"De datum {day} staat twee keer in de lijst."))
            seen.add(day)
    for index, pause in enumerate(schedule.breaks):
        if pause.until < pause.first:
            problems.append((("breaks", index), f"De pauze eindigt ({pause.until}) voor hij begint ({pause.first})."))
    if problems:
        return problems

    rule = rule_dates(
        schedule,
        max(horizon, *(c.date for c in schedule.cancelled), *(m.date for m in schedule.moved))
        if schedule.cancelled or schedule.moved
        else horizon,
    )
    rule_set = set(rule)
    weekday = f" (de activiteit is op {schedule.day})" if schedule.day else ""
    cancelled_before: set[date] = set()
    for index, item in enumerate(schedule.cancelled):
        if item.date in cancelled_before:
            problems.append((("cancelled", index), f"{item.date} staat twee keer bij 'cancelled'. Haal er één weg."))
        cancelled_before.add(item.date)
        if item.date not in rule_set:
            problems.append(
                (
                    ("cancelled", index),
                    f"Op {item.date} is geen bijeenkomst{weekday}, dus die kan niet vervallen. Controleer de datum.",
                )
            )
    cancelled_dates = {c.date for c in schedule.cancelled}
    moved_before: set[date] = set()
    for index, move in enumerate(schedule.moved):
        if move.date in moved_before:
            problems.append(
                (
                    ("moved", index),
                    f"De bijeenkomst van {move.date} is twee keer verplaatst. Laat één verplaatsing staan.",
                )
            )
        moved_before.add(move.date)
        if move.date not in rule_set:
            problems.append(
                (
                    ("moved", index),
                    f"Op {move.date} is geen bijeenkomst{weekday}, dus die kan niet "
                    "verplaatst worden. Controleer de datum.",
                )
            )
        elif in_break(schedule, move.date) is not False:
            problems.append(
                (
                    ("moved", index),
                    f"{move.date} valt in een pauze (zie 'breaks'), dus daar is geen "
                    "bijeenkomst om te verplaatsen. Haal de pauze of de verplaatsing weg.",
                )
            )
        elif move.date in cancelled_dates:
            problems.append((("moved", index), f"{move.date} staat bij 'cancelled' én bij 'moved'. Kies er één."))
        start, end = move.start or schedule.start, move.end or schedule.end
        if end <= start:
            problems.append((("moved", index), "De nieuwe eindtijd ligt niet na de nieuwe begintijd."))
        for at in (start, end):
            message = _wall_time_problem(move.to, at)
            if message:
                problems.append((("moved", index), message))
    for day in rule:
        for key, at in (("start", schedule.start), ("end", schedule.end)):
            message = _wall_time_problem(day, at)
            if message:
                problems.append(((key,), message))
                break
        else:
            continue
        break
    return problems
