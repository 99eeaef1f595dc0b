"""iCal feeds (RFC 5545) of the visible offerings, built with the icalendar library.

Every feed goes through ``calendar_for``, so all feeds follow the same rules:

- A repeating schedule is one VEVENT with an RRULE (BYDAY lists every weekday
  of the rule, INTERVAL says every how many weeks). DTSTART is the first rule
  date at the start time, with TZID Europe/Amsterdam, so the wall time stays the
  same across daylight-saving changes. UNTIL is in UTC (RFC 5545 requires that
  when DTSTART has a TZID), also for ``count``; open-ended schedules have no UNTIL.
- Cancelled dates and rule dates inside a break are EXDATEs with exactly the
  local time and TZID of DTSTART; clients ignore EXDATEs that differ.
- A session that is moved, or has its own topic, note or hours, is its own
  VEVENT with the series' UID and a RECURRENCE-ID holding the original local
  start; it carries its own SUMMARY, DESCRIPTION and times.
- An added session (a make-up meeting) is an event of its own, UID
  ``<slug>-extra-<yyyymmdd>@<host>``: clients that know RDATE and those that
  do not read it alike.
- A schedule of separate ``dates`` is one VEVENT per meeting, UID
  ``<slug>-<n>@<host>`` with ``n`` the meeting's number; cancelled meetings
  are left out, so expanding the feed gives exactly the sessions that happen.
- An offer by appointment has no events.
- The time zone is written as one yearly rule per clock change (the last
  Sunday of March and of October), as most calendar programs write it; a list
  of dates per change is misread by some clients (Mozilla's ical.js among them).
- UIDs depend only on the slug and the site's host, so they survive edits and
  rebuilds; DTSTAMP is the build date at 00:00 UTC, so two builds with the same
  content and build date are byte-identical. SEQUENCE and LAST-MODIFIED come
  from the offering's ``last_checked``, the day someone last went over it:
  they grow when it is edited and checked, and stay put otherwise, so
  subscribed calendars take the change.
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

from icalendar import Calendar, Event, vDuration
from icalendar.parser import Contentline, Parameters

from ..loading.agenda import Agenda, Entry
from ..loading.model import Catalog, Schedule
from ..loading.schedule import Session, expand, first_date, in_break, last_day, local, rule_dates
from ..planning import display, urls
from . import ical_folding
from .timezone import yearly_timezone

TZID = "Europe/Amsterdam"
# How long clients may keep a feed before fetching it again.
REFRESH = timedelta(days=1)
# SEQUENCE counts the days from this date to the offering's last_checked.
SEQUENCE_EPOCH = date(2020, 1, 1)
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
        if not entry.offering.schedule.appointment:  # by appointment: no dates, so no feed
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
        self.zone = yearly_timezone(TZID, build_date.year).to_ical()
        self.write = _EventWriter()
        self.named = Calendar()

    def __call__(self, entries: list[Entry], name: str) -> bytes:
        shell = self._shell(name)
        entries = sorted(entries, key=lambda e: e.slug)
        parts = [self._events(entry) for entry in entries]
        if not any(days for _, days in parts):
            return shell
        tail = b"END:VCALENDAR\r\n"
        assert shell.endswith(tail)
        return b"".join([shell[: -len(tail)], self.zone, *(body for body, _ in parts), tail])

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
        # One calendar holds each feed's name in turn; its two lines are made as its to_ical makes them.
        self.named.calendar_name = name
        lines = [
            self.named.content_line(key, value).to_ical() + b"\r\n"
            for key, value in self.named.property_items()
            if key not in ("BEGIN", "END")
        ]
        return b"".join([head, *lines, tail])

    def _empty(self, name: str) -> bytes:
        return calendar_for([], name, self.site_url, catalog=self.catalog, build_date=self.build_date).to_ical()

    def _events(self, entry: Entry) -> tuple[bytes, list[date]]:
        if entry.slug not in self.events:
            events = _events(entry, self.catalog, self.site_url, self.host, self.stamp)
            body = b"".join(self.write(properties) for properties in events)
            self.events[entry.slug] = (body, [_start(properties).date() for properties in events])
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
        for properties in _events(entry, catalog, site_url, host, stamp):
            calendar.add_component(_event(properties))

    if calendar.walk("VEVENT"):
        calendar.subcomponents.insert(0, yearly_timezone(TZID, build_date.year))
    return calendar


# --- events of one offering ---------------------------------------------------

# One VEVENT's properties, name -> value, as ``Event.add`` takes them.
Properties = dict[str, object]


def _events(entry: Entry, catalog: Catalog, site_url: str, host: str, stamp: datetime) -> list[Properties]:
    offering = entry.offering
    schedule = offering.schedule
    event = _event_maker(entry, catalog, site_url, stamp)
    if schedule.appointment:
        return []
    if schedule.dates:
        return [event(_meeting_uid(offering.slug, s, host), s.start, s.end, s) for s in _meetings(schedule)]

    horizon = _exceptions_horizon(schedule)
    dates = rule_dates(schedule, horizon)
    if not dates:
        return []
    start, end = schedule.times
    uid = f"{offering.slug}@{host}"
    first = first_date(schedule)
    series = event(uid, local(first, start), local(last_day(schedule, first), end))
    series["RRULE"] = _rrule(schedule, dates)
    excluded = sorted({c.date for c in schedule.cancelled} | {d for d in dates if in_break(schedule, d) is not False})
    if excluded:
        series["EXDATE"] = [local(d, start) for d in excluded]
    events = [series]
    for session in expand(schedule, horizon):
        if session.added:
            events.append(event(_meeting_uid(offering.slug, session, host), session.start, session.end, session))
        elif _is_own(session):
            override = event(uid, session.start, session.end, session)
            override["RECURRENCE-ID"] = local(session.original, start)
            events.append(override)
    return events


def _is_own(session: Session) -> bool:
    """A session of a rule that differs from the series: it needs its own VEVENT (a RECURRENCE-ID)."""
    return not session.cancelled and (session.moved or session.own_times or bool(session.title or session.note))


def _event_maker(entry: Entry, catalog: Catalog, site_url: str, stamp: datetime):
    """``event(uid, start, end, session=None)``: the properties of one VEVENT of ``entry``'s offering."""
    offering = entry.offering
    page = site_url.rstrip("/") + "/" + urls.offering(offering.slug)
    summary = display.summary(offering, catalog)
    title = display.title(offering, catalog)
    where = display.address_line(offering, catalog)
    coordinates = display.coordinates(offering, catalog)
    checked = datetime.combine(offering.last_checked, time(0, 0), tzinfo=UTC)
    sequence = max(0, (offering.last_checked - SEQUENCE_EPOCH).days)

    def event(uid: str, start: datetime, end: datetime, session: Session | None = None) -> Properties:
        notes = _session_notes(session) if session is not None else []
        made: Properties = {
            "UID": uid,
            "DTSTAMP": stamp,
            "DTSTART": start,
            "DTEND": end,
            "SUMMARY": f"{title} – {session.title}" if session is not None and session.title else title,
            "DESCRIPTION": "\n\n".join([summary, *notes, f"Meer informatie: {page}"]),
            "URL": page,
            "LOCATION": where,
        }
        if coordinates is not None:
            made["GEO"] = coordinates
        made["SEQUENCE"] = sequence
        made["LAST-MODIFIED"] = checked
        return made

    return event


def _event(properties: Properties) -> Event:
    """The VEVENT with these properties."""
    made = Event()
    for name, value in properties.items():
        made.add(name, value)
    return made


class _EventWriter:
    """``_event(properties).to_ical()``, with each distinct property line serialised once.

    icalendar serialises and folds an event's content lines one by one and
    puts them in a fixed order (``Event.sorted_keys``), so an event's bytes are
    its lines, in that order, each of which may have been made before. Most
    lines are shared: the build's DTSTAMP, an offering's title, text, link and
    place in all its events, the SEQUENCE and LAST-MODIFIED of a checking day,
    the hours many sessions have in common. A line is made by icalendar the
    first time (several at once, in one event) and looked up after that; the
    tests compare the result with icalendar's own, byte for byte.
    """

    # Lines that differ in (nearly) every event: not worth keeping.
    _UNSHARED = frozenset({"UID", "RECURRENCE-ID", "RRULE", "EXDATE"})

    def __init__(self) -> None:
        self.lines: dict[tuple, bytes] = {}
        self.orders: dict[tuple[str, ...], list[str]] = {}

    def __call__(self, properties: Properties) -> bytes:
        keys = {name: self._key(name, value) for name, value in properties.items()}
        missing = {name: properties[name] for name, key in keys.items() if key is None or key not in self.lines}
        # The UID is new in every event and has no parameters: its line is made on its own, with
        # the type icalendar's Event gives it, without the cost of an event around it.
        uid = missing.pop("UID", None)
        made = _lines_by_name(_event(missing).to_ical()) if missing else {}
        if uid is not None:
            made["UID"] = Contentline.from_parts("UID", Parameters(), _UID_TYPE(uid)).to_ical() + b"\r\n"
        for name, line in made.items():
            key = keys[name]
            if key is not None:
                self.lines[key] = line
        names = tuple(properties)
        if names not in self.orders:
            probe = Event()
            for name in names:
                probe[name] = ""
            self.orders[names] = probe.sorted_keys()
        lines = [made[name] if (key := keys[name]) is None else self.lines[key] for name in self.orders[names]]
        return b"".join([b"BEGIN:VEVENT\r\n", *lines, b"END:VEVENT\r\n"])

    def _key(self, name: str, value: object) -> tuple | None:
        """What a line is kept by, or None. Two datetimes of the same moment in other time zones
        are equal, so the zone is part of the key; so is the type (True == 1)."""
        if name in self._UNSHARED or isinstance(value, (dict, list)):
            return None
        return (name, type(value), value, getattr(value, "tzinfo", None))


def _lines_by_name(ical: bytes) -> dict[str, bytes]:
    """A component's serialised content lines (folded, with their line breaks) by property name,
    without its BEGIN and END."""
    lines: dict[str, bytes] = {}
    name = ""
    for physical in ical.split(b"\r\n")[:-1]:
        if not physical.startswith(b" "):
            name = _NAME.match(physical).group().decode("ascii").upper()  # type: ignore[union-attr]  # [^:;]* matches every line
        lines[name] = lines.get(name, b"") + physical + b"\r\n"
    lines.pop("BEGIN", None)
    lines.pop("END", None)
    return lines


def _session_notes(session: Session) -> list[str]:
    """What a session's own event says besides the offering's summary."""
    notes = []
    if session.title:
        notes.append(f"Onderwerp: {session.title}.")
    if session.note:
        notes.append(session.note)
    if session.moved:
        notes.append(_moved_note(session.reason))
    if session.added:
        notes.append("Dit is een extra bijeenkomst.")
    return notes


# A schedule of separate dates: every meeting is its own event; the meeting
# number keeps the UID stable when one date is edited. Cancelled meetings are left out.
def _meetings(schedule: Schedule) -> list[Session]:
    horizon = max([*schedule.dates, *(a.date for a in schedule.added)])
    return [s for s in expand(schedule, horizon) if not s.cancelled]


def _meeting_uid(slug: str, session: Session, host: str) -> str:
    if session.added:
        return f"{slug}-extra-{session.original:%Y%m%d}@{host}"
    return f"{slug}-{session.number}@{host}"


def _start(properties: Properties) -> datetime:
    """When a session starts (every event of a feed has a time)."""
    start = properties["DTSTART"]
    assert isinstance(start, datetime)
    return start


_NAME = re.compile(rb"[^:;]*")
_UID_TYPE = Event.types_factory.for_property("UID")


def _exceptions_horizon(schedule: Schedule) -> date:
    """A date on or after the first meeting and every cancelled, moved, detailed, added and break date."""
    return max(
        [
            first_date(schedule),
            *(c.date for c in schedule.cancelled),
            *(m.date for m in schedule.moved),
            *(d.date for d in schedule.sessions),
            *(a.date for a in schedule.added),
            *(b.until for b in schedule.breaks),
        ]
    )


def _rrule(schedule: Schedule, dates: list[date]) -> dict:
    """The RRULE; ``dates`` are the rule dates through at least the last one of a finite series."""
    if schedule.repeat == "maandelijks":
        week = "-1" if schedule.week == "laatste" else schedule.week
        rule: dict = {"FREQ": "MONTHLY", "BYDAY": [f"{week}{_BYDAY[d]}" for d in schedule.weekdays]}
    else:
        rule = {"FREQ": "WEEKLY", "BYDAY": [_BYDAY[d] for d in schedule.weekdays]}
        interval = 2 if schedule.repeat == "tweewekelijks" else schedule.interval or 1
        if interval > 1:
            rule["INTERVAL"] = interval
        if len(schedule.weekdays) > 1:
            rule["WKST"] = "MO"  # weeks start on Monday, as the schedule counts them
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
