"""The feeds' VTIMEZONE: one yearly rule per clock change, read off the tz database.

icalendar's ``Timezone.from_tzid`` writes each change as a start date plus a
list of later dates (RDATE). That is valid RFC 5545, but Mozilla's ical.js
(Thunderbird) and, by reports, Outlook misread such lists and show summer
sessions an hour off. Calendar programs themselves write a rule per change
(``RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU``), and every client reads that.

The rule is not typed in: it is found from the zone's changes in one year
(which weekday of which month, at what wall time) and then checked against
the tz database for the years the feeds can reach. A zone whose changes do
not follow one yearly rule is refused loudly rather than written wrong.
"""

from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

# The rules are checked this many years ahead of the build year.
YEARS_CHECKED = 40
# The year the rules start from, as calendar programs write them.
RULE_START_YEAR = 1970
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Change:
    """One clock change of a year, as a rule: the ``week``-th ``weekday`` of ``month`` at ``wall`` time."""

    month: int
    weekday: int  # 0 for Monday
    week: int  # 1 to 4, or -1 for the last one of the month
    wall: tuple[int, int]  # hour and minute on the clock before the change
    offset_from: timedelta
    offset_to: timedelta
    name: str  # CET, CEST
    summer: bool

    def day_in(self, year: int) -> date:
        if self.week == -1:
            last = month_calendar.monthrange(year, self.month)[1]
            end = date(year, self.month, last)
            return end - timedelta(days=(end.weekday() - self.weekday) % 7)
        first = date(year, self.month, 1)
        return first + timedelta(days=(self.weekday - first.weekday()) % 7 + 7 * (self.week - 1))

    def instant_in(self, year: int) -> datetime:
        """When the change happens in ``year``, in UTC."""
        wall = datetime.combine(self.day_in(year), datetime.min.time()).replace(hour=self.wall[0], minute=self.wall[1])
        return (wall - self.offset_from).replace(tzinfo=UTC)


class IrregularZoneError(ValueError):
    """The zone's changes do not follow one yearly rule for the years the feeds reach."""


def changes_in(zone: ZoneInfo, year: int) -> list[Change]:
    """The zone's clock changes in ``year``, found hour by hour around each day the offset differs."""
    found = []
    moment = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    step = timedelta(days=1)
    while moment < end:
        later = moment + step
        before, after = moment.astimezone(zone).utcoffset(), later.astimezone(zone).utcoffset()
        if before != after:
            found.append(_change_between(zone, moment, later))
        moment = later
    return found


def _change_between(zone: ZoneInfo, low: datetime, high: datetime) -> Change:
    """The change within a day: narrowed to the minute by halving."""
    offset_from = low.astimezone(zone).utcoffset()
    while high - low > timedelta(minutes=1):
        middle = low + (high - low) / 2
        if middle.astimezone(zone).utcoffset() == offset_from:
            low = middle
        else:
            high = middle
    at = high.replace(second=0, microsecond=0)
    after = at.astimezone(zone)
    assert offset_from is not None and after.utcoffset() is not None
    wall = (at + offset_from).replace(tzinfo=None)
    day = wall.date()
    last = month_calendar.monthrange(day.year, day.month)[1]
    week = -1 if day.day > last - 7 else (day.day - 1) // 7 + 1
    return Change(
        month=day.month,
        weekday=day.weekday(),
        week=week,
        wall=(wall.hour, wall.minute),
        offset_from=offset_from,
        offset_to=after.utcoffset(),  # type: ignore[arg-type]
        name=after.tzname() or "",
        summer=bool(after.dst()),
    )


@lru_cache(maxsize=8)
def yearly_changes(tzid: str, year: int) -> tuple[Change, ...]:
    """The zone's yearly rules, checked against the tz database from ``year`` for ``YEARS_CHECKED`` years."""
    zone = ZoneInfo(tzid)
    rules = tuple(changes_in(zone, year))
    for later in range(year, year + YEARS_CHECKED):
        actual = [c.instant_in(later) for c in changes_in(zone, later)]
        if actual != [rule.instant_in(later) for rule in rules]:
            raise IrregularZoneError(f"{tzid}: the clock changes of {later} do not follow those of {year}")
    return rules


def yearly_timezone(tzid: str, year: int) -> Timezone:
    """The VTIMEZONE of ``tzid`` as yearly rules (no changes: one STANDARD with the fixed offset)."""
    zone = Timezone()
    zone.add("TZID", tzid)
    changes = yearly_changes(tzid, year)
    if not changes:
        offset = datetime(year, 1, 1, tzinfo=ZoneInfo(tzid)).utcoffset()
        fixed = TimezoneStandard()
        fixed.add("DTSTART", datetime(RULE_START_YEAR, 1, 1))
        fixed.add("TZOFFSETFROM", offset)
        fixed.add("TZOFFSETTO", offset)
        zone.add_component(fixed)
        return zone
    for change in changes:
        part = TimezoneDaylight() if change.summer else TimezoneStandard()
        part.add("TZNAME", change.name)
        part.add("TZOFFSETFROM", change.offset_from)
        part.add("TZOFFSETTO", change.offset_to)
        first = change.day_in(RULE_START_YEAR)
        part.add("DTSTART", datetime(first.year, first.month, first.day, *change.wall))
        part.add(
            "RRULE", {"FREQ": "YEARLY", "BYMONTH": change.month, "BYDAY": f"{change.week}{_BYDAY[change.weekday]}"}
        )
        zone.add_component(part)
    return zone
