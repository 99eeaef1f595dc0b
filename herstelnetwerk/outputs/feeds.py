"""iCal feeds (RFC 5545) of the visible offerings, built with the icalendar library.

Every feed goes through ``calendar_for``, so all feeds follow the same rules:

- A repeating schedule is one VEVENT with an RRULE. DTSTART is the first rule
  date at the start time, with TZID Europe/Amsterdam, so the wall time stays the
  same across daylight-saving changes. UNTIL is in UTC (RFC 5545 requires that
  when DTSTART has a TZID), also for ``count``; open-ended schedules have no UNTIL.
- Cancelled dates and rule dates inside a break are EXDATEs with exactly the
  local time and TZID of DTSTART; clients ignore EXDATEs that differ.
- A moved session is its own VEVENT with the series' UID and a RECURRENCE-ID
  holding the original local start.
- A schedule of separate ``dates`` is one VEVENT per meeting, UID
  ``<slug>-<n>@<host>`` with ``n`` the meeting's number; cancelled meetings
  are left out, so expanding the feed gives exactly the sessions that happen.
- UIDs depend only on the slug and the site's host, so they survive edits and
  rebuilds; DTSTAMP is the build date at 00:00 UTC, so two builds with the same
  content and build date are byte-identical.
- The network is a neutral brand: no ORGANIZER, ATTENDEE or CONTACT, and never
  the provider.

Nothing here imports MkDocs; ``write_feeds`` writes them into the built site.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from icalendar import Calendar, Component, Event, Timezone, vDuration

from ..loading.agenda import Agenda, Entry
from ..loading.model import Catalog, Schedule
from ..loading.schedule import Session, expand, first_date, in_break, local, rule_dates, rule_weekday
from ..planning import display, urls
from . import ical_folding

TZID = "Europe/Amsterdam"
# How long clients may keep a feed before fetching it again.
REFRESH = timedelta(days=1)
# The VTIMEZONE lists the clock changes up to this many years after the build.
TIMEZONE_YEARS = 10
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_END_OF_DAY = time(23, 59, 59)

ical_folding.install()


def build_feeds(catalog: Catalog, agenda: Agenda, site_url: str) -> dict[str, bytes]:
    """Every feed of the site: site-relative path -> .ics bytes.

    One feed with everything, and one per visible offering, municipality,
    training (all its runs) and theme. Feeds of municipalities, trainings and
    themes exist even while they are empty, so their pages can always link them.
    """
    return dict(iter_feeds(catalog, agenda, site_url))


def write_feeds(folder: Path, catalog: Catalog, agenda: Agenda, site_url: str) -> int:
    """Write every feed into ``folder`` at its path in the site, one at a time; returns how many."""
    written = 0
    made: set[Path] = set()
    for path, body in iter_feeds(catalog, agenda, site_url):
        target = folder / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(body)
        written += 1
    return written


def iter_feeds(catalog: Catalog, agenda: Agenda, site_url: str) -> Iterator[tuple[str, bytes]]:
    """The feeds of ``build_feeds``, one by one, so a large network's feeds need not all be in memory."""
    network = catalog.network
    visible = agenda.visible()
    splice = _Splicer(catalog, site_url, agenda.build_date)

    def feed(path: str, entries: list[Entry], subject: str | None = None) -> tuple[str, bytes]:
        name = network.name if subject is None else f"{network.name} – {subject}"
        return path, splice(entries, name)

    # Each offering is in several feeds: index them once instead of scanning all per feed.
    by_municipality: dict[str, list[Entry]] = {}
    by_training: dict[str, list[Entry]] = {}
    by_theme: dict[str, list[Entry]] = {}
    for entry in visible:
        for slug in display.municipalities(entry.offering, catalog):
            by_municipality.setdefault(slug, []).append(entry)
        if entry.offering.training:
            by_training.setdefault(entry.offering.training, []).append(entry)
        for slug in entry.offering.themes:
            by_theme.setdefault(slug, []).append(entry)

    yield feed(urls.feed("alles"), visible)
    for entry in visible:
        yield feed(urls.feed("activiteiten", entry.slug), [entry], display.title(entry.offering, catalog))
    for municipality in network.municipalities:
        yield feed(
            urls.feed("gemeenten", municipality.slug), by_municipality.get(municipality.slug, []), municipality.name
        )
    for slug, training in sorted(catalog.trainings.items()):
        yield feed(urls.feed("trainingen", slug), by_training.get(slug, []), training.title)
    for slug, label in network.theme_choices:
        yield feed(urls.feed("thema", slug), by_theme.get(slug, []), label)


class _Splicer:
    """The bytes of ``calendar_for(entries, name, ...).to_ical()``, without serialising an offering twice.

    An offering is in up to a handful of feeds (everything, its own, its
    municipalities, its training, its themes). Its events are made and
    serialised once; a feed is the empty calendar with the time zone and those
    bytes spliced in, in the order ``calendar_for`` uses. The result is
    byte-for-byte the same (the tests compare them).
    """

    def __init__(self, catalog: Catalog, site_url: str, build_date: date):
        self.catalog, self.site_url, self.build_date = catalog, site_url, build_date
        self.host = urlsplit(site_url).hostname or ""  # calendar_for refuses an address without one
        self.stamp = datetime.combine(build_date, time(0, 0), tzinfo=UTC)
        self.events: dict[str, tuple[bytes, list[date]]] = {}
        # The empty calendar's bytes before and after its name lines; False when they cannot be split.
        self.around_name: tuple[bytes, bytes] | bool | None = None
        self.zones: dict[tuple[date, date], bytes] = {}
        self.meeting_times: dict[tuple[datetime, datetime], dict[bytes, bytes]] = {}

    def __call__(self, entries: list[Entry], name: str) -> bytes:
        shell = self._shell(name)
        entries = sorted(entries, key=lambda e: e.slug)
        parts = [self._events(entry) for entry in entries]
        starts = [day for _, days in parts for day in days]
        if not starts:
            return shell
        ends = [*starts, self.build_date, *(e.offering.schedule.until for e in entries if e.offering.schedule.until)]
        span = (date(min([*starts, self.build_date]).year, 1, 1), date(max(ends).year + TIMEZONE_YEARS, 1, 1))
        if span not in self.zones:
            self.zones[span] = Timezone.from_tzid(TZID, first_date=span[0], last_date=span[1]).to_ical()
        tail = b"END:VCALENDAR\r\n"
        assert shell.endswith(tail)
        return b"".join([shell[: -len(tail)], self.zones[span], *(body for body, _ in parts), tail])

    def _shell(self, name: str) -> bytes:
        """``calendar_for([], name).to_ical()``: made once, and per feed only the lines with its name."""
        if self.around_name is None:
            marker = "HERSTELNETWERK-AGENDANAAM"
            lines = self._empty(marker).split(b"\r\n")
            at = [i for i, line in enumerate(lines) if line.endswith(b":" + marker.encode())]
            # NAME and X-WR-CALNAME next to each other, as icalendar orders them (else: the slow way).
            self.around_name = (
                (b"\r\n".join(lines[: at[0]] + [b""]), b"\r\n".join(lines[at[1] + 1 :]))
                if len(at) == 2 and at[1] == at[0] + 1
                else False
            )
        if not isinstance(self.around_name, tuple):
            return self._empty(name)
        head, tail = self.around_name
        named = Calendar()
        named.calendar_name = name
        ical = named.to_ical()
        return head + ical[len(b"BEGIN:VCALENDAR\r\n") : -len(b"END:VCALENDAR\r\n")] + tail

    def _empty(self, name: str) -> bytes:
        return calendar_for([], name, self.site_url, catalog=self.catalog, build_date=self.build_date).to_ical()

    def _events(self, entry: Entry) -> tuple[bytes, list[date]]:
        if entry.slug not in self.events:
            if entry.offering.schedule.dates:
                body, starts = _dated_events_ical(
                    entry, self.catalog, self.site_url, self.host, self.stamp, self.meeting_times
                )
            else:
                events = _events(entry, self.catalog, self.site_url, self.host, self.stamp)
                body, starts = b"".join(e.to_ical() for e in events), [_start(e).date() for e in events]
            self.events[entry.slug] = (body, starts)
        return self.events[entry.slug]


def calendar_for(entries: Iterable[Entry], name: str, site_url: str, *, catalog: Catalog, build_date: date) -> Calendar:
    """One calendar with the events of ``entries``, called ``name``.

    ``site_url`` gives the host in the UIDs and the links back to the pages.
    """
    host = urlsplit(site_url).hostname
    if not host:
        raise ValueError(f"site_url '{site_url}' heeft geen host; schrijf het volledige adres, met https://.")
    stamp = datetime.combine(build_date, time(0, 0), tzinfo=UTC)

    calendar = Calendar()
    calendar.add("PRODID", f"-//{catalog.network.name}//Activiteitenagenda//NL")
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.calendar_name = name  # NAME (RFC 7986) and X-WR-CALNAME
    calendar.add("X-WR-TIMEZONE", TZID)
    calendar.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH))

    entries = sorted(entries, key=lambda e: e.slug)
    for entry in entries:
        for event in _events(entry, catalog, site_url, host, stamp):
            calendar.add_component(event)

    starts = [_start(event).date() for event in calendar.walk("VEVENT")]
    if starts:
        # Ten years past the build or the last date, whichever is later; the
        # feed is rebuilt long before that.
        ends = [*starts, build_date, *(e.offering.schedule.until for e in entries if e.offering.schedule.until)]
        calendar.add_missing_timezones(
            first_date=date(min([*starts, build_date]).year, 1, 1),
            last_date=date(max(ends).year + TIMEZONE_YEARS, 1, 1),
        )
    return calendar


# --- events of one offering ---------------------------------------------------


def _events(entry: Entry, catalog: Catalog, site_url: str, host: str, stamp: datetime) -> list[Event]:
    offering = entry.offering
    schedule = offering.schedule
    event = _event_maker(entry, catalog, site_url, stamp)
    if schedule.dates:
        return [
            event(_meeting_uid(offering.slug, s, host), s.start, s.end, _session_note(s)) for s in _meetings(schedule)
        ]

    dates = rule_dates(schedule, _exceptions_horizon(schedule))
    if not dates:
        return []
    uid = f"{offering.slug}@{host}"
    first = first_date(schedule)
    series = event(uid, local(first, schedule.start), local(first, schedule.end))
    series.add("RRULE", _rrule(schedule, dates))
    moved = {m.date: m for m in schedule.moved}
    excluded = sorted({c.date for c in schedule.cancelled} | {d for d in dates if in_break(schedule, d) is not False})
    if excluded:
        series.add("EXDATE", [local(d, schedule.start) for d in excluded])
    events = [series]
    for original, move in sorted(moved.items()):
        if original in excluded:  # inside a break: the schedule drops it, so does the feed
            continue
        override = event(
            uid,
            local(move.to, move.start or schedule.start),
            local(move.to, move.end or schedule.end),
            _moved_note(move.reason),
        )
        override.add("RECURRENCE-ID", local(original, schedule.start))
        events.append(override)
    return events


def _event_maker(entry: Entry, catalog: Catalog, site_url: str, stamp: datetime):
    """``event(uid, start, end, note=None)``: one VEVENT of ``entry``'s offering."""
    offering = entry.offering
    page = site_url.rstrip("/") + "/" + urls.offering(offering.slug)
    summary = display.summary(offering, catalog)
    title = display.title(offering, catalog)
    where = display.address_line(offering, catalog)
    coordinates = display.coordinates(offering, catalog)

    def event(uid: str, start: datetime, end: datetime, note: str | None = None) -> Event:
        text = summary if note is None else f"{summary}\n\n{note}"
        made = Event()
        made.add("UID", uid)
        made.add("DTSTAMP", stamp)
        made.add("DTSTART", start)
        made.add("DTEND", end)
        made.add("SUMMARY", title)
        made.add("DESCRIPTION", f"{text}\n\nMeer informatie: {page}")
        made.add("URL", page)
        made.add("LOCATION", where)
        if coordinates is not None:
            made.add("GEO", coordinates)
        return made

    return event


# A schedule of separate dates: every meeting is its own event; the meeting
# number keeps the UID stable when one date is edited. Cancelled meetings are left out.
def _meetings(schedule: Schedule) -> list[Session]:
    return [s for s in expand(schedule, max(schedule.dates)) if not s.cancelled]


def _meeting_uid(slug: str, session: Session, host: str) -> str:
    return f"{slug}-{session.number}@{host}"


def _session_note(session: Session) -> str | None:
    return _moved_note(session.reason) if session.moved else None


def _dated_events_ical(
    entry: Entry,
    catalog: Catalog,
    site_url: str,
    host: str,
    stamp: datetime,
    times: dict[tuple[datetime, datetime], dict[bytes, bytes]],
) -> tuple[bytes, list[date]]:
    """``b"".join(e.to_ical() for e in _events(...))`` for a schedule of dates, made faster; and the days.

    The events of a course differ only in their UID, DTSTART and DTEND (and a
    moved meeting's note). The first event with each note (no note is one too)
    is made and serialised whole; for the others only those three properties
    are, and their lines take the place of that first event's lines. Content lines are
    serialised and folded one by one, so the result is the same bytes.
    ``times`` keeps the DTSTART and DTEND lines of a start and end: many
    courses meet at the same hours.
    """
    event = _event_maker(entry, catalog, site_url, stamp)
    slug = entry.offering.slug
    whole: dict[str | None, tuple[list[bytes], dict[bytes, int]]] = {}  # note -> first event's lines, where is what
    parts: list[bytes] = []
    meetings = _meetings(entry.offering.schedule)
    for session in meetings:
        uid, note = _meeting_uid(slug, session, host), _session_note(session)
        if note not in whole:
            lines = _content_lines(event(uid, session.start, session.end, note).to_ical())
            whole[note] = lines, {_line_name(line): index for index, line in enumerate(lines)}
            parts.extend(lines)
            continue
        key = (session.start, session.end)
        if key not in times:
            times[key] = _property_lines(("DTSTART", session.start), ("DTEND", session.end))
        lines, where = whole[note]
        lines = list(lines)
        for name, line in (*times[key].items(), *_property_lines(("UID", uid)).items()):
            lines[where[name]] = line
        parts.extend(lines)
    return b"".join(parts), [session.start.date() for session in meetings]


def _property_lines(*properties: tuple[str, object]) -> dict[bytes, bytes]:
    """The serialised content lines of these properties of an event, by name."""
    made = Event()
    for name, value in properties:
        made.add(name, value)
    return {_line_name(line): line for line in _content_lines(made.to_ical())[1:-1]}


def _content_lines(ical: bytes) -> list[bytes]:
    """Serialised content lines, each with its folded continuations and its line break."""
    lines: list[bytes] = []
    for physical in ical.split(b"\r\n")[:-1]:
        if physical.startswith(b" ") and lines:
            lines[-1] += physical + b"\r\n"
        else:
            lines.append(physical + b"\r\n")
    return lines


def _start(event: Component) -> datetime:
    """When a session starts (every event of a feed has a time)."""
    return event.decoded("DTSTART")


def _line_name(line: bytes) -> bytes:
    """A content line's property name: what comes before its parameters (;) or value (:)."""
    return _NAME.match(line).group()  # type: ignore[union-attr]  # [^:;]* matches every line


_NAME = re.compile(rb"[^:;]*")


def _exceptions_horizon(schedule: Schedule) -> date:
    """A date on or after the first meeting and every cancelled, moved and break date."""
    return max(
        [
            first_date(schedule),
            *(c.date for c in schedule.cancelled),
            *(m.date for m in schedule.moved),
            *(b.until for b in schedule.breaks),
        ]
    )


def _rrule(schedule: Schedule, dates: list[date]) -> dict:
    """The RRULE; ``dates`` are the rule dates through at least the last one of a finite series."""
    day = _BYDAY[rule_weekday(schedule)]
    if schedule.repeat == "maandelijks":
        week = "-1" if schedule.week == "laatste" else schedule.week
        rule: dict = {"FREQ": "MONTHLY", "BYDAY": f"{week}{day}"}
    else:
        rule = {"FREQ": "WEEKLY", "BYDAY": day}
        if schedule.repeat == "tweewekelijks":
            rule["INTERVAL"] = 2
    if schedule.count is not None or schedule.until is not None:
        # 'count' becomes UNTIL the last rule date: an RRULE's COUNT would also
        # count the dates inside a break, and the schedule does not.
        last = schedule.until if schedule.count is None and schedule.until is not None else dates[-1]
        # Through the end of that day, in UTC as RFC 5545 requires with a TZID.
        rule["UNTIL"] = local(last, _END_OF_DAY).astimezone(UTC)
    return rule


def _moved_note(reason: str | None) -> str:
    note = "Let op: deze bijeenkomst is verplaatst."
    return f"{note} {reason}" if reason else note
