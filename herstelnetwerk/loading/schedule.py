"""Expand a schedule into sessions, and check that a schedule makes sense.

All times are local Europe/Amsterdam. A repeating schedule without an end goes
on for ever; for pages it is expanded up to a horizon after the build date,
while the iCal feed keeps it open-ended as an RRULE.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

from .model import Schedule

TZ = ZoneInfo("Europe/Amsterdam")
# How far after the build date open-ended schedules are expanded for pages and checks.
HORIZON_DAYS = 366
# Open-ended schedules stop after this many rule dates however far the horizon is.
MAX_RULE_DATES = 2000


class Session(NamedTuple):
    """One meeting as it really happens (or not).

    A named tuple, not a frozen dataclass: a large network has hundreds of thousands of
    sessions, and a tuple is made four times as fast; it is just as unchangeable.
    """

    original: date  # the date the rule gives; the RECURRENCE-ID of a moved session
    start: datetime  # aware, Europe/Amsterdam
    end: datetime  # on a later day when the offer has nights
    cancelled: bool = False
    moved: bool = False
    reason: str | None = None
    number: int = 0  # 1-based position among the rule dates; 0 for an added session
    title: str | None = None  # this session's own topic
    note: str | None = None
    added: bool = False  # outside the rule (``added``)
    own_times: bool = False  # other hours than the schedule's (from ``sessions`` or ``added``)


def local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, TZ)


def _interval(schedule: Schedule) -> int:
    """Every how many weeks a weekly rule meets."""
    if schedule.repeat == "tweewekelijks":
        return 2
    return schedule.interval or 1


def first_date(schedule: Schedule) -> date:
    """The first date the rule gives: ``from`` moved forward to the first of its days."""
    assert schedule.first is not None and schedule.weekdays
    return next(_candidates(schedule))


def _nth_weekday(year: int, month: int, weekday: int, week: str) -> date:
    if week == "laatste":
        last = calendar.monthrange(year, month)[1]
        return date(year, month, last - (date(year, month, last).weekday() - weekday) % 7)
    first = 1 + (weekday - date(year, month, 1).weekday()) % 7
    # Every month has at least four of each weekday.
    return date(year, month, first + 7 * (int(week) - 1))


def _candidates(schedule: Schedule) -> Iterator[date]:
    """Every date the rule gives from ``from`` on, in order, without end."""
    return _monthly(schedule) if schedule.repeat == "maandelijks" else _weekly(schedule)


def _monthly(schedule: Schedule) -> Iterator[date]:
    assert schedule.first is not None
    start = schedule.first
    year, month = start.year, start.month
    while True:
        for candidate in sorted(_nth_weekday(year, month, d, schedule.week or "1") for d in schedule.weekdays):
            if candidate >= start:
                yield candidate
        month += 1
        if month == 13:
            year, month = year + 1, 1


def _weekly(schedule: Schedule) -> Iterator[date]:
    # Weeks count from the week (Monday to Sunday) of the first meeting, as an RRULE's INTERVAL does.
    assert schedule.first is not None
    start, weekdays = schedule.first, schedule.weekdays
    first = min(start + timedelta(days=(d - start.weekday()) % 7) for d in weekdays)
    monday = first - timedelta(days=first.weekday())
    step = timedelta(days=7 * _interval(schedule))
    while True:
        for weekday in weekdays:
            candidate = monday + timedelta(days=weekday)
            if candidate >= start:
                yield candidate
        monday += step


def rule_dates(schedule: Schedule, horizon: date) -> list[date]:
    """The dates the schedule gives before exceptions, up to ``horizon`` if open-ended."""
    if schedule.dates:
        return sorted(schedule.dates)
    if schedule.appointment:
        return []
    count, breaks = schedule.count, schedule.breaks
    stop = schedule.until or horizon
    if schedule.repeat != "maandelijks" and len(schedule.weekdays) == 1 and not (count is not None and breaks):
        # One weekday, with no break to skip while counting: plain arithmetic.
        first, step = first_date(schedule), 7 * _interval(schedule)
        if count is not None:
            how_many = count
        else:
            how_many = (stop - first).days // step + 1 if stop >= first else 0
        return [first + timedelta(days=step * n) for n in range(min(how_many, MAX_RULE_DATES))]
    result: list[date] = []
    meetings = 0  # 'count' is the number of meetings: dates inside a break do not use one up
    for current in _candidates(schedule):
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


def in_break(schedule: Schedule, day: date) -> str | bool | None:
    for pause in schedule.breaks:
        if pause.first <= day <= pause.until:
            return pause.reason or True
    return False


def is_open_ended(schedule: Schedule) -> bool:
    return not schedule.dates and not schedule.appointment and schedule.until is None and schedule.count is None


def last_day(schedule: Schedule, day: date) -> date:
    """The day a session that starts on ``day`` ends: later when one stays the night."""
    return day + timedelta(days=schedule.nights) if schedule.nights else day


def expand(schedule: Schedule, horizon: date) -> list[Session]:
    """Every session, cancelled ones included, sorted by when they really happen.

    Dates inside a break are left out: the break itself is shown instead. A
    schedule by appointment has none.
    """
    if schedule.appointment:
        return []
    cancelled = {c.date: c for c in schedule.cancelled}
    moved = {m.date: m for m in schedule.moved}
    details = {d.date: d for d in schedule.sessions}
    breaks = schedule.breaks
    start, end = schedule.times
    nights = schedule.nights or 0
    sessions = []
    for number, day in enumerate(rule_dates(schedule, horizon), start=1):
        if breaks and in_break(schedule, day) is not False:
            continue
        detail = details.get(day)
        title = note = None
        at, until = start, end
        if detail is not None:
            title, note = detail.title, detail.note
            at, until = detail.start or start, detail.end or end
        own = (at, until) != (start, end)
        if day in moved:
            move = moved[day]
            to = move.to
            at, until = move.start or at, move.end or until
            sessions.append(
                Session(
                    day,
                    local(to, at),
                    local(to + timedelta(days=nights), until),
                    moved=True,
                    reason=move.reason,
                    number=number,
                    title=title,
                    note=note,
                    own_times=own or (at, until) != (start, end),
                )
            )
        else:
            sessions.append(
                Session(
                    day,
                    local(day, at),
                    local(day + timedelta(days=nights), until),
                    cancelled=day in cancelled,
                    reason=cancelled[day].reason if day in cancelled else None,
                    number=number,
                    title=title,
                    note=note,
                    own_times=own,
                )
            )
    for extra in schedule.added:
        at, until = extra.start or start, extra.end or end
        sessions.append(
            Session(
                extra.date,
                local(extra.date, at),
                local(extra.date + timedelta(days=nights), until),
                title=extra.title,
                note=extra.note,
                added=True,
                own_times=(at, until) != (start, end),
            )
        )
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
    if schedule.appointment:
        return _check_appointment(schedule)
    problems = _check_form(schedule)
    if problems:
        return problems
    assert schedule.start is not None and schedule.end is not None  # _check_form makes sure
    rule = rule_dates(
        schedule,
        max(
            [
                horizon,
                *(c.date for c in schedule.cancelled),
                *(m.date for m in schedule.moved),
                *(d.date for d in schedule.sessions),
            ]
        ),
    )
    rule_set = set(rule)
    problems += _check_exceptions(schedule, rule_set)
    problems += _check_details(schedule, rule_set)
    for day in rule:
        for key, at in (("start", schedule.start), ("end", schedule.end)):
            message = _wall_time_problem(last_day(schedule, day) if key == "end" else day, at)
            if message:
                problems.append(((key,), message))
                break
        else:
            continue
        break
    return problems


def _on_days(schedule: Schedule) -> str:
    """`` (de activiteit is op dinsdag)`` for a message about a date that is not a meeting."""
    if not schedule.days:
        return ""
    names = list(schedule.days)
    shown = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
    return f" (de activiteit is op {shown})"


def _check_appointment(schedule: Schedule) -> list[tuple[tuple, str]]:
    problems: list[tuple[tuple, str]] = []
    for key in (
        "dates",
        "repeat",
        "from",
        "until",
        "count",
        "week",
        "interval",
        "sessions",
        "added",
        "cancelled",
        "moved",
        "breaks",
    ):
        value = getattr(schedule, "first" if key == "from" else key)
        if value:
            problems.append(
                (
                    (key,),
                    f"Bij 'appointment: ja' (op afspraak) zijn er geen vaste data, dus hoort '{key}' er niet bij. "
                    "Haal deze regel weg, of haal 'appointment' weg als er wel vaste data zijn.",
                )
            )
    if (schedule.start is None) != (schedule.end is None):
        problems.append(
            ((), "Geef bij een afspraak beide tijden (tussen 'start' en 'end' kun je terecht), of geen van beide.")
        )
    elif schedule.start is not None and schedule.end is not None and schedule.end <= schedule.start:
        problems.append(
            ((("end",)), f"De eindtijd ({schedule.end:%H:%M}) ligt niet na de begintijd ({schedule.start:%H:%M}).")
        )
    return problems


def _repeated(days: Iterable[date]) -> Iterator[tuple[int, date]]:
    """The place and date of every entry whose date an earlier entry of the same list has."""
    seen: set[date] = set()
    for index, day in enumerate(days):
        if day in seen:
            yield index, day
        seen.add(day)


def _check_form(schedule: Schedule) -> list[tuple[tuple, str]]:
    """The schedule's shape: one form, with the fields it needs and none it cannot use."""
    repeating = schedule.repeat is not None
    if schedule.dates and repeating:
        return [((), "Kies één vorm: een lijst met 'dates', of 'repeat' met 'day' en 'from'. Niet allebei.")]
    if not schedule.dates and not repeating:
        return [
            (
                (),
                "Geef aan wanneer het is: een lijst met 'dates', of 'repeat' (wekelijks, tweewekelijks "
                "of maandelijks) met 'day' en 'from'. Is er geen vast moment? Schrijf dan 'appointment: ja' "
                "(op afspraak).",
            )
        ]
    problems: list[tuple[tuple, str]] = []
    for key, label, example in (("start", "begintijd", "10:00"), ("end", "eindtijd", "12:00")):
        if getattr(schedule, key) is None:
            problems.append(((), f"Het veld '{key}' ({label}) ontbreekt. Bijvoorbeeld: {key}: {example}"))
    if problems:
        return problems
    assert schedule.start is not None and schedule.end is not None
    if schedule.end <= schedule.start and not schedule.nights:
        problems.append(
            (
                ("end",),
                f"De eindtijd ({schedule.end:%H:%M}) ligt niet na de begintijd "
                f"({schedule.start:%H:%M}). Controleer beide tijden.",
            )
        )
    if repeating:
        for key, value in (("day", schedule.days), ("from", schedule.first)):
            if not value:
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
        if schedule.interval is not None and schedule.repeat != "wekelijks":
            problems.append(
                (
                    ("interval",),
                    "'interval' (om de hoeveel weken) hoort bij 'repeat: wekelijks'. Schrijf 'repeat: wekelijks' "
                    "met 'interval: 2' voor om de week, of haal 'interval' weg.",
                )
            )
        if schedule.until is not None and schedule.count is not None:
            problems.append((("count",), "Gebruik 'until' of 'count', niet allebei."))
        if schedule.until is not None and schedule.first is not None and schedule.until < schedule.first:
            problems.append(
                (
                    ("until",),
                    f"De einddatum {schedule.until} ligt voor de begindatum {schedule.first}. Controleer beide datums.",
                )
            )
    else:
        for key in ("day", "week", "from", "until", "count", "interval"):
            if getattr(schedule, {"from": "first", "day": "days"}.get(key, key)):
                problems.append(
                    (
                        (key,),
                        f"'{key}' hoort alleen bij 'repeat'. Haal deze regel weg, of gebruik "
                        "'repeat' in plaats van 'dates'.",
                    )
                )
        for index, day in _repeated(schedule.dates):
            problems.append((("dates", index), f"De datum {day} staat twee keer in de lijst."))
    for index, pause in enumerate(schedule.breaks):
        if pause.until < pause.first:
            problems.append((("breaks", index), f"De pauze eindigt ({pause.until}) voor hij begint ({pause.first})."))
    return problems


def _check_exceptions(schedule: Schedule, rule_set: set[date]) -> list[tuple[tuple, str]]:
    """Cancelled and moved sessions: each on a meeting the rule gives, once."""
    problems: list[tuple[tuple, str]] = []
    weekday = _on_days(schedule)
    for index, day in _repeated(item.date for item in schedule.cancelled):
        problems.append((("cancelled", index), f"{day} staat twee keer bij 'cancelled'. Haal er één weg."))
    for index, item in enumerate(schedule.cancelled):
        if item.date not in rule_set:
            added = (
                " Een extra bijeenkomst die niet doorgaat, haal je bij 'added' weg."
                if any(a.date == item.date for a in schedule.added)
                else ""
            )
            problems.append(
                (
                    ("cancelled", index),
                    f"Op {item.date} is geen bijeenkomst{weekday}, dus die kan niet vervallen. "
                    f"Controleer de datum.{added}",
                )
            )
    for index, day in _repeated(move.date for move in schedule.moved):
        problems.append(
            (("moved", index), f"De bijeenkomst van {day} is twee keer verplaatst. Laat één verplaatsing staan.")
        )
    cancelled = {item.date for item in schedule.cancelled}
    for index, move in enumerate(schedule.moved):
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
        elif move.date in cancelled:
            problems.append((("moved", index), f"{move.date} staat bij 'cancelled' én bij 'moved'. Kies er één."))
        start, end = _times(schedule, move.start, move.end)
        if end <= start and not schedule.nights:
            problems.append((("moved", index), "De nieuwe eindtijd ligt niet na de nieuwe begintijd."))
        for at, day in ((start, move.to), (end, last_day(schedule, move.to))):
            message = _wall_time_problem(day, at)
            if message:
                problems.append((("moved", index), message))
    return problems


def _times(schedule: Schedule, start: time | None, end: time | None) -> tuple[time, time]:
    usual_start, usual_end = schedule.times
    return start or usual_start, end or usual_end


def _check_details(schedule: Schedule, rule_set: set[date]) -> list[tuple[tuple, str]]:
    """Sessions with their own topic or hours, and added sessions."""
    problems: list[tuple[tuple, str]] = []
    weekday = _on_days(schedule)
    for index, day in _repeated(detail.date for detail in schedule.sessions):
        problems.append((("sessions", index), f"{day} staat twee keer bij 'sessions'. Zet alles bij één."))
    for index, detail in enumerate(schedule.sessions):
        where = ("sessions", index)
        if detail.date not in rule_set:
            problems.append(
                (
                    where,
                    f"Op {detail.date} is geen bijeenkomst{weekday}. Controleer de datum; een bijeenkomst "
                    "buiten het vaste ritme zet je bij 'added'.",
                )
            )
        elif in_break(schedule, detail.date) is not False:
            problems.append(
                (where, f"{detail.date} valt in een pauze (zie 'breaks'). Haal de pauze of deze regel weg.")
            )
        if not (detail.title or detail.note or detail.start or detail.end):
            problems.append((where, "Geef deze bijeenkomst een 'title', 'note', 'start' of 'end', of haal hem weg."))
        problems += _hours_problems(schedule, where, detail.date, detail.start, detail.end)
    for index, day in _repeated(extra.date for extra in schedule.added):
        problems.append((("added", index), f"{day} staat twee keer bij 'added'. Haal er één weg."))
    for index, extra in enumerate(schedule.added):
        where = ("added", index)
        if extra.date in rule_set and in_break(schedule, extra.date) is False:
            problems.append(
                (
                    where,
                    f"Op {extra.date} is al een bijeenkomst. Een eigen onderwerp of tijd voor die dag zet je bij "
                    "'sessions'.",
                )
            )
        problems += _hours_problems(schedule, where, extra.date, extra.start, extra.end)
    return problems


def _hours_problems(
    schedule: Schedule, where: tuple, day: date, start: time | None, end: time | None
) -> list[tuple[tuple, str]]:
    at, until = _times(schedule, start, end)
    problems: list[tuple[tuple, str]] = []
    if until <= at and not schedule.nights:
        problems.append(
            (where, f"De eindtijd ({until:%H:%M}) ligt niet na de begintijd ({at:%H:%M}). Controleer beide tijden.")
        )
    for moment, on in ((at, day), (until, last_day(schedule, day))):
        message = _wall_time_problem(on, moment)
        if message:
            problems.append((where, message))
    return problems


def half_days(session: Session) -> int:
    """How many dagdelen a session is: a morning, afternoon or evening is one, longer is two a day."""
    days = (session.end.date() - session.start.date()).days + 1
    if days > 1:
        return 2 * days
    return 2 if session.end - session.start > timedelta(hours=HALF_DAY_HOURS) else 1


# A session longer than this is a whole day: two dagdelen.
HALF_DAY_HOURS = 4.5


def length_problem(schedule: Schedule, meetings: int | None, wanted_half_days: int | None) -> str | None:
    """Whether a finite run of a training has the length the training says (meetings or dagdelen)."""
    if schedule.appointment or is_open_ended(schedule) or (meetings is None and wanted_half_days is None):
        return None
    if schedule.dates:
        horizon = max(schedule.dates)
    elif schedule.until is not None:
        horizon = schedule.until
    else:
        horizon = date.max - timedelta(days=400)  # 'count' stops the rule itself
    sessions = [s for s in expand(schedule, horizon) if not s.added]
    if meetings is not None and len(sessions) != meetings:
        return (
            f"Deze training heeft {meetings} bijeenkomsten (zie de training), maar dit rooster geeft er "
            f"{len(sessions)}. Klopt het aantal? Een extra bijeenkomst, zoals een terugkomdag, zet je bij 'added'."
        )
    if wanted_half_days is not None:
        found = sum(half_days(s) for s in sessions)
        if found != wanted_half_days:
            return (
                f"Deze training duurt {wanted_half_days} dagdelen (zie de training), maar dit rooster geeft er "
                f"{found} (een bijeenkomst van meer dan {HALF_DAY_HOURS:g} uur telt als twee dagdelen). "
                "Controleer de data en tijden."
            )
    return None
