"""What every page draws on, computed once per build: the cards and the indexes.

An offering's card (how it appears in a list) and the lists of offerings per
municipality, location, training, type, audience and theme are made in one
pass over the agenda, so the work grows linearly with the content. The page
views (``views``, ``programme``, ``finder``) and the search records
(``search``) read from here.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property
from pathlib import Path

from markupsafe import Markup

from ..loading import vocabulary as v
from ..loading.agenda import Agenda
from ..loading.model import Catalog, Location, Network, Offering, Schedule
from ..loading.schedule import Session, first_date
from . import display, dutch, editing, filters, urls

# Labels of the codes the content uses, by code.
TYPE_LABELS = dict(v.OFFERING_TYPES)
LED_BY_LABELS = dict(v.LED_BY)
JOIN_LABELS = dict(v.JOIN_HOW)
WEEK_LABELS = dict(v.WEEKS_OF_MONTH)

# How many coming sessions a card carries for the visitor's clock (content/assets/today.js):
# when the first has ended by the time a resident looks, the card shows the next one.
CARD_SESSIONS = 4


@dataclass(frozen=True)
class Grouping:
    """A way the offer is grouped, with a page per value: by type, by audience or by theme."""

    name: str
    # (key, label), in the order the site lists them: the fixed list and the network's own values after it.
    choices_of: Callable[[Network], tuple[tuple[str, str], ...]]
    url: Callable[[str], str]
    filter: str  # the finder's filter with the same values
    keys: Callable[[Offering], list[str]]  # the values one offering has
    feed_folder: str | None = None  # a feed per value, in this folder of the feeds


BY_TYPE = Grouping(
    "type",
    lambda network: v.OFFERING_TYPES,
    urls.offering_type,
    filters.TYPE,
    lambda offering: [display.offering_type(offering)],
)
BY_AUDIENCE = Grouping(
    "audience",
    lambda network: network.audience_choices,
    urls.audience,
    filters.AUDIENCE,
    lambda offering: list(offering.audience),
)
BY_THEME = Grouping(
    "theme",
    lambda network: network.theme_choices,
    urls.theme,
    filters.THEME,
    lambda offering: list(offering.themes),
    feed_folder="thema",
)
GROUPINGS = (BY_TYPE, BY_AUDIENCE, BY_THEME)


def rhythm(offering: Offering) -> str:
    """The schedule in words: ``Elke dinsdag, 10:00 tot 12:00``, ``Op afspraak``, ``Om de 3 weken op vrijdag``."""
    schedule = offering.schedule
    if schedule.appointment:
        words = "Op afspraak"
        if schedule.days:
            words += f", op {_days_in_words(schedule)}"
        if schedule.start is not None and schedule.end is not None:
            words += f", tussen {dutch.clock(schedule.start)} en {dutch.clock(schedule.end)}"
        return words
    start, end = schedule.times
    times = f"{dutch.clock(start)} tot {dutch.clock(end)}"
    if schedule.nights:
        times = f"van {dutch.clock(start)} op de eerste dag tot {dutch.clock(end)} op de laatste dag"
        times += f" ({dutch.count(schedule.nights, 'nacht', 'nachten')})"
    if schedule.dates:
        count = len(schedule.dates)
        if count == 1 and schedule.nights:
            first, last = schedule.dates[0], schedule.dates[0] + timedelta(days=schedule.nights)
            return (
                f"Van {dutch.day(first, year=True)} {dutch.clock(start)} tot {dutch.day(last)} {dutch.clock(end)}"
                f" ({dutch.count(schedule.nights, 'nacht', 'nachten')})"
            )
        if count == 1:
            return f"{dutch.day(schedule.dates[0], year=True)}, {times}"
        # "12 bijeenkomsten op dinsdag, vanaf 12 januari 2027": the weekdays (if at most three) and the first day;
        # more weekdays than that: "5 bijeenkomsten, vanaf maandag 25 januari 2027" (the first day's weekday).
        dates = sorted(schedule.dates)
        weekdays = sorted({when.weekday() for when in dates})
        on = f" op {dutch.join([dutch.DAYS[number] for number in weekdays])}" if len(weekdays) <= 3 else ""
        since = dutch.day(dates[0], weekday=not on, year=True)
        return f"{count} bijeenkomsten{on}, vanaf {since}, {times}"
    days = _days_in_words(schedule)
    interval = 2 if schedule.repeat == "tweewekelijks" else schedule.interval or 1
    if schedule.repeat == "maandelijks":
        words = f"Elke {WEEK_LABELS[schedule.week or '1']} {days} van de maand"
    elif interval == 2:
        words = f"Om de week op {days}"
    elif interval > 2:
        words = f"Om de {interval} weken op {days}"
    elif days == WORKING_DAYS_WORDS:
        words = "Elke werkdag"
    else:
        words = f"Elke {days}"
    if schedule.count is not None:
        words += f", {schedule.count} keer vanaf {dutch.day(first_date(schedule), weekday=False)}"
    elif schedule.until is not None:
        words += f", tot en met {dutch.day(schedule.until, weekday=False, year=True)}"
    return f"{words}, {times}"


WORKING_DAYS_WORDS = "maandag tot en met vrijdag"


def _days_in_words(schedule: Schedule) -> str:
    """``dinsdag en donderdag``; all five working days: ``maandag tot en met vrijdag``."""
    numbers = schedule.weekdays
    if numbers == (0, 1, 2, 3, 4):
        return WORKING_DAYS_WORDS
    return dutch.join([dutch.DAYS[number] for number in numbers])


@dataclass
class SessionView:
    """One session as a list shows it."""

    day: str
    short_day: str
    iso_date: str
    times: str
    cancelled: bool
    moved: bool
    note: str | None
    # When it ends, ISO 8601 with the offset: the page's script removes it once this has passed.
    end: str
    topic: str | None = None  # this session's own topic (a theme series, a return meeting)
    detail: str | None = None  # what else is good to know about this session

    @classmethod
    def of(cls, session: Session) -> SessionView:
        note = None
        if session.cancelled:
            note = "Gaat niet door" + (f": {session.reason}" if session.reason else "")
        elif session.moved:
            note = f"Verplaatst, was {dutch.day(session.original)}" + (f" ({session.reason})" if session.reason else "")
        elif session.added and not session.title:
            note = "Extra bijeenkomst"
        if session.end.date() != session.start.date():
            times = f"{dutch.clock(session.start)} tot {dutch.short_day(session.end)} {dutch.clock(session.end)}"
        else:
            times = f"{dutch.clock(session.start)} - {dutch.clock(session.end)}"
        return cls(
            day=dutch.day(session.start),
            short_day=dutch.short_day(session.start),
            iso_date=session.start.date().isoformat(),
            times=times,
            cancelled=session.cancelled,
            moved=session.moved,
            note=note,
            end=session.end.isoformat(),
            topic=session.title,
            detail=session.note,
        )


@dataclass
class Card:
    """An offering as it appears in a list."""

    slug: str
    url: str
    title: str
    summary: str
    type_label: str
    rhythm: str
    place: str
    municipality: str | None
    walk_in: bool
    full: bool
    online: bool
    free: bool
    next_session: SessionView | None
    appointment: bool = False  # no dates: you make an appointment (the card says when that is possible)
    # Meant for peer workers or other professionals (display.for_professionals): a list
    # shows it under its own heading after the residents' offer, and a count for residents leaves it out.
    for_professionals: bool = False
    # The coming sessions, for the visitor's clock (``clock_data``); the template writes them as JSON.
    clock: dict[str, object] = field(default_factory=dict)

    @cached_property
    def clock_json(self) -> Markup:
        """``clock`` as JSON for an attribute in single quotes, made once: a card stands on many pages.

        The characters that could end the attribute or start markup are written as JSON escapes
        (``\\u0027``), so the attribute needs no HTML escaping (``&#34;`` for every quote).
        """
        return embedded_json(self.clock, "&<>'")


def embedded_json(value: object, unsafe: str) -> Markup:
    """``value`` as compact JSON in which each character of ``unsafe`` is written as an escape (``\\u0027``).

    Such characters can only be inside strings, where the escape means the same. A replace per
    character that is there: much faster than ``str.translate`` over a JSON-LD block of 8 kB.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char in unsafe:
        if char in text:
            text = text.replace(char, f"\\u{ord(char):04x}")
    return Markup(text)


def clock_data(sessions: Sequence[Session]) -> dict[str, object]:
    """A card's next sessions as today.js reads them: ``{"sessions": [...], "more": bool}``.

    Each session has its end (ISO, with offset) and the words the card shows for it
    (a note only when there is one), so the script never writes a date itself.
    ``more``: the activity has sessions after these, so when all of them have ended
    the card still has a next time (just not one this page knows).
    """
    coming = [s for s in sessions if not s.cancelled]
    shown: list[dict[str, str]] = []
    for session in coming[:CARD_SESSIONS]:
        view = SessionView.of(session)
        shown.append({"end": view.end, "date": view.iso_date, "day": dutch.capital(view.day), "times": view.times})
        if view.note:
            shown[-1]["note"] = view.note
        if view.topic:
            shown[-1]["topic"] = view.topic
    return {"sessions": shown, "more": len(coming) > CARD_SESSIONS}


@dataclass
class SiteData:
    """The catalog and agenda with the cards and indexes every page draws on."""

    catalog: Catalog
    agenda: Agenda
    # The site's own folder: its templates/ fill in a new file in the web editor; None: no such links.
    repo_root: Path | None = None
    # Where the content folder stands in the network's repository (``editing.folder_in_repository``);
    # None: no links into the web editor.
    edit_folder: str | None = None
    cards: dict[str, Card] = field(default_factory=dict)
    by_municipality: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    online_for: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_training: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_location: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # Per grouping's name, per key: the offerings with that type, audience or theme.
    grouped: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: {grouping.name: defaultdict(list) for grouping in GROUPINGS}
    )
    locations_in: dict[str, list[Location]] = field(default_factory=lambda: defaultdict(list))  # by name

    @property
    def network(self) -> Network:
        return self.catalog.network

    def edit_url(self, source: Path | None) -> str | None:
        """The web-editor address of a content file, or None."""
        return editing.edit_url(self.network, source, self.catalog.root, self.edit_folder)

    def new_offering_url(self) -> str | None:
        """The web editor's "new file" page in the content's offerings/, with the template filled in."""
        return editing.new_item_url(self.network, self.catalog.root, self.edit_folder, self.repo_root)

    def municipality_name(self, slug: str) -> str:
        found = self.network.municipality(slug)
        return found.name if found else slug

    def municipalities_of(self, offering: Offering) -> list[str]:
        return display.municipalities(offering, self.catalog)

    def town(self, location: Location) -> str:
        return display.place(location, self.catalog)

    def place_of(self, offering: Offering) -> str:
        """``De Koppeling, Amersfoort``, or ``Online``."""
        if offering.is_online:
            return "Online"
        location = self.catalog.locations[offering.location]
        return f"{location.name}, {self.town(location)}"

    def choices(self, grouping: Grouping) -> tuple[tuple[str, str], ...]:
        """The values of ``grouping`` with their labels: the fixed ones, then the network's own."""
        return grouping.choices_of(self.network)

    def label(self, grouping: Grouping, key: str) -> str:
        return self._labels[grouping.name][key]

    @cached_property
    def _labels(self) -> dict[str, dict[str, str]]:
        return {grouping.name: dict(self.choices(grouping)) for grouping in GROUPINGS}

    def in_grouping(self, grouping: Grouping, key: str) -> list[str]:
        return self.grouped[grouping.name].get(key, [])

    def for_residents(self, slugs: list[str]) -> list[str]:
        """The offerings of ``slugs`` that residents go to, in the same order."""
        return [slug for slug in slugs if not self.cards[slug].for_professionals]

    def for_professionals(self, slugs: list[str]) -> list[str]:
        """The offerings of ``slugs`` meant for peer workers or other professionals, in the same order."""
        return [slug for slug in slugs if self.cards[slug].for_professionals]

    def entries_for(self, municipality: str) -> list[str]:
        """Slugs of what residents of ``municipality`` can go to: its own offer, then the online offer."""
        return self.by_municipality.get(municipality, []) + self.online_for.get(municipality, [])


def build_site_data(catalog: Catalog, agenda: Agenda, repo_root: Path | None = None) -> SiteData:
    edit_folder = editing.folder_in_repository(catalog.network, catalog.root, repo_root)
    data = SiteData(catalog=catalog, agenda=agenda, repo_root=repo_root, edit_folder=edit_folder)
    for entry in agenda.visible():
        offering = entry.offering
        slug = entry.slug
        municipality = None if offering.is_online else catalog.locations[offering.location].municipality
        data.cards[slug] = Card(
            slug=slug,
            url=urls.offering(slug),
            title=display.title(offering, catalog),
            summary=display.summary(offering, catalog),
            type_label=TYPE_LABELS[display.offering_type(offering)],
            rhythm=rhythm(offering),
            place=data.place_of(offering),
            municipality=data.municipality_name(municipality) if municipality else None,
            walk_in=offering.is_walk_in,
            full=offering.is_full,
            online=offering.is_online,
            free=offering.is_free,
            next_session=SessionView.of(entry.next_session) if entry.next_session else None,
            appointment=offering.schedule.appointment,
            for_professionals=display.for_professionals(offering, catalog),
            clock=clock_data(entry.sessions),
        )
        if municipality is None:
            for m in data.municipalities_of(offering):
                data.online_for[m].append(slug)
        else:
            data.by_municipality[municipality].append(slug)
            data.by_location[offering.location].append(slug)
        for grouping in GROUPINGS:
            for key in grouping.keys(offering):
                data.grouped[grouping.name][key].append(slug)
        if offering.training:
            data.by_training[offering.training].append(slug)
    for location in sorted(catalog.locations.values(), key=lambda loc: loc.name):
        data.locations_in[location.municipality].append(location)
    return data
