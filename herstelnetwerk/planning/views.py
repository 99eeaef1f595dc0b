"""The data each page shows, computed once per build from the catalog and agenda.

Templates only present what is here: no date arithmetic or lookups in Jinja.
Every index is built in one pass over the offerings, so the work grows
linearly with the content.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from . import dutch
from . import editing
from . import urls
from .display import description, municipalities, offering_type, summary, title
from ..loading import vocabulary as v
from ..loading.agenda import Agenda, Entry
from ..loading.model import ONLINE, Catalog, Location, Offering, Training
from ..loading.schedule import Session, first_date, is_open_ended

LABELS = {
    "type": dict(v.OFFERING_TYPES), "audience": dict(v.AUDIENCES), "theme": dict(v.THEMES),
    "mind_block": dict(v.MIND_BLOCKS), "led_by": dict(v.LED_BY), "status": dict(v.STATUSES),
    "language": v.LANGUAGES, "week": dict(v.WEEKS_OF_MONTH),
}
# How many sessions an offering page lists; the feed has them all.
SESSIONS_SHOWN = 12
# How many sessions the home page shows for "this week".
HOME_SESSIONS = 12
# A type, audience or theme page with more activities than this lists only the
# municipalities with their numbers, each a link to the finder with both chosen:
# in a national network one theme can hold thousands, far too many for one page.
LISTING_CARDS = 150
# With more places than this the locations page lists municipalities instead.
HUB_LOCATIONS = 300


def rhythm(offering: Offering) -> str:
    """The schedule in words: ``Elke dinsdag, 10:00 - 12:00``."""
    schedule = offering.schedule
    times = f"{dutch.clock(schedule.start)} tot {dutch.clock(schedule.end)}"
    if schedule.dates:
        count = len(schedule.dates)
        if count == 1:
            return f"{dutch.day(schedule.dates[0], year=True)}, {times}"
        return f"{count} bijeenkomsten, {times}"
    if schedule.repeat == "maandelijks":
        words = f"Elke {LABELS['week'][schedule.week]} {schedule.day} van de maand"
    elif schedule.repeat == "tweewekelijks":
        words = f"Om de week op {schedule.day}"
    else:
        words = f"Elke {schedule.day}"
    if schedule.count is not None:
        words += f", {schedule.count} keer vanaf {dutch.day(first_date(schedule), weekday=False)}"
    elif schedule.until is not None:
        words += f", tot en met {dutch.day(schedule.until, weekday=False, year=True)}"
    return f"{words}, {times}"


@dataclass
class SessionView:
    day: str
    short_day: str
    iso_date: str
    times: str
    cancelled: bool
    moved: bool
    note: str | None

    @classmethod
    def of(cls, session: Session) -> "SessionView":
        note = None
        if session.cancelled:
            note = "Gaat niet door" + (f": {session.reason}" if session.reason else "")
        elif session.moved:
            note = f"Verplaatst, was {dutch.day(session.original)}" + (f" ({session.reason})" if session.reason else "")
        return cls(day=dutch.day(session.start), short_day=dutch.short_day(session.start),
                   iso_date=session.start.date().isoformat(),
                   times=f"{dutch.clock(session.start)} - {dutch.clock(session.end)}",
                   cancelled=session.cancelled, moved=session.moved, note=note)


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
    next_session: SessionView | None


@dataclass
class SiteData:
    """Everything the templates need, indexed once."""

    catalog: Catalog
    agenda: Agenda
    cards: dict[str, Card] = field(default_factory=dict)
    by_municipality: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    online_for: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_type: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_audience: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_theme: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_training: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_location: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    locations_in: dict[str, list[Location]] = field(default_factory=lambda: defaultdict(list))  # by name
    # The repository's root folder, for the "edit this page" links (None: no links).
    repo_root: Path | None = None

    @property
    def network(self):
        return self.catalog.network

    def municipality_name(self, slug: str) -> str:
        found = self.network.municipality(slug)
        return found.name if found else slug

    def municipalities_of(self, offering: Offering) -> list[str]:
        return municipalities(offering, self.catalog)

    def place_of(self, offering: Offering) -> str:
        if offering.location == ONLINE:
            return "Online"
        location = self.catalog.locations[offering.location]
        return f"{location.name}, {location.place or self.municipality_name(location.municipality)}"


def build_site_data(catalog: Catalog, agenda: Agenda, repo_root: Path | None = None) -> SiteData:
    data = SiteData(catalog=catalog, agenda=agenda, repo_root=repo_root)
    for entry in agenda.visible():
        offering = entry.offering
        slug = entry.slug
        municipality = None if offering.location == ONLINE else catalog.locations[offering.location].municipality
        data.cards[slug] = Card(
            slug=slug, url=urls.offering(slug), title=title(offering, catalog), summary=summary(offering, catalog),
            type_label=LABELS["type"][offering_type(offering)], rhythm=rhythm(offering),
            place=data.place_of(offering),
            municipality=data.municipality_name(municipality) if municipality else None,
            walk_in=offering.join.how == "binnenlopen", full=offering.status == "vol",
            online=offering.location == ONLINE,
            next_session=SessionView.of(entry.next_session) if entry.next_session else None)
        if offering.location == ONLINE:
            for m in data.municipalities_of(offering):
                data.online_for[m].append(slug)
        else:
            data.by_municipality[municipality].append(slug)
            data.by_location[offering.location].append(slug)
        data.by_type[offering_type(offering)].append(slug)
        for key in offering.audience:
            data.by_audience[key].append(slug)
        for key in offering.themes:
            data.by_theme[key].append(slug)
        if offering.training:
            data.by_training[offering.training].append(slug)
    for location in sorted(catalog.locations.values(), key=lambda l: l.name):
        data.locations_in[location.municipality].append(location)
    return data


# --- per page ---------------------------------------------------------------


def _cards(data: SiteData, slugs: list[str]) -> list[Card]:
    """Cards sorted by their next session, soonest first."""
    cards = [data.cards[s] for s in slugs]
    cards.sort(key=lambda c: (c.next_session.iso_date if c.next_session else "9999", c.title))
    return cards


def week_groups(data: SiteData, entries: list[Entry], days: int = 14) -> list[dict[str, Any]]:
    """Sessions of the next ``days`` days grouped per day: [{day, sessions: [(SessionView, Card)]}]."""
    first = data.agenda.build_date
    groups: dict[str, dict[str, Any]] = {}
    for session, entry in data.agenda.sessions_between(first, first + timedelta(days=days - 1), entries):
        key = session.start.date().isoformat()
        group = groups.setdefault(key, {"day": dutch.day(session.start), "iso_date": key, "items": []})
        group["items"].append({"session": SessionView.of(session), "card": data.cards[entry.slug]})
    return list(groups.values())


def offering_page(data: SiteData, slug: str) -> dict[str, Any]:
    catalog = data.catalog
    entry = data.agenda.entries[slug]
    offering = entry.offering
    training = catalog.trainings.get(offering.training) if offering.training else None
    location = None if offering.location == ONLINE else catalog.locations[offering.location]
    join = offering.join
    contact = catalog.network.contacts.get(join.contact) if join.contact else None
    horizon_breaks = [b for b in offering.schedule.breaks if b.until >= data.agenda.build_date]
    return {
        "slug": slug,
        "title": title(offering, catalog),
        "summary": summary(offering, catalog),
        "description": description(offering, catalog),
        "type_label": LABELS["type"][offering_type(offering)],
        "status": offering.status,
        "status_label": LABELS["status"][offering.status],
        "visible": entry.visible,
        "rhythm": rhythm(offering),
        "open_ended": is_open_ended(offering.schedule),
        "sessions": [SessionView.of(s) for s in entry.sessions[:SESSIONS_SHOWN]],
        "more_sessions": max(0, len(entry.sessions) - SESSIONS_SHOWN),
        "breaks": [{"from": dutch.day(b.first, year=True), "until": dutch.day(b.until, year=True), "reason": b.reason}
                   for b in horizon_breaks],
        "location": location_summary(data, location) if location else None,
        "online": offering.location == ONLINE,
        "municipalities": [data.municipality_name(m) for m in data.municipalities_of(offering)],
        "training": {"title": training.title, "url": urls.training(training.slug)} if training else None,
        "join": {
            "walk_in": join.how == "binnenlopen",
            "how_label": LABELS_JOIN[join.how],
            "contact": contact,
            "url": join.url,
            "deadline": dutch.day(join.deadline, year=True) if join.deadline else None,
            "note": join.note,
        },
        "cost": offering.cost,
        "free": offering.cost.strip().lower() == "gratis",
        "first_time": offering.first_time,
        "audience": [{"label": LABELS["audience"][a], "url": urls.audience(a)} for a in offering.audience],
        "themes": [{"label": LABELS["theme"][t], "url": urls.theme(t)} for t in offering.themes],
        "languages": [LABELS["language"][code] for code in offering.languages],
        "feed": urls.feed("activiteiten", slug) if entry.visible else None,
        "edit_url": editing.edit_url(catalog.network, offering.source, data.repo_root),
    }


LABELS_JOIN = dict(v.JOIN_HOW)


def location_summary(data: SiteData, location: Location) -> dict[str, Any]:
    access = location.accessibility
    facts = []
    for flag, yes, no in (
        (access.step_free, "Drempelvrije ingang", "De ingang heeft een drempel of trap"),
        (access.accessible_toilet, "Aangepast toilet", "Geen aangepast toilet"),
        (access.hearing_loop, "Ringleiding", "Geen ringleiding"),
        (access.quiet_room, "Stille ruimte om even bij te komen", None),
    ):
        if flag is True:
            facts.append({"ok": True, "text": yes})
        elif flag is False and no:
            facts.append({"ok": False, "text": no})
    return {
        "slug": location.slug,
        "url": urls.location(location.slug),
        "name": location.name,
        "address": location.address,
        "postcode": location.postcode,
        "place": location.place or data.municipality_name(location.municipality),
        "municipality": data.municipality_name(location.municipality),
        "municipality_url": urls.municipality(location.municipality),
        "coordinates": location.coordinates,
        "facts": facts,
        "access_note": access.note,
        "directions": location.directions,
    }


def municipality_page(data: SiteData, slug: str) -> dict[str, Any]:
    local_slugs = data.by_municipality.get(slug, [])
    online = data.online_for.get(slug, [])
    entries = [data.agenda.entries[s] for s in local_slugs + online]
    return {
        "slug": slug,
        "name": data.municipality_name(slug),
        "days": week_groups(data, entries),
        "cards": _cards(data, local_slugs),
        "online": _cards(data, online),
        "locations": [location_summary(data, loc) for loc in data.locations_in.get(slug, [])],
        "feed": urls.feed("gemeenten", slug),
    }


def training_page(data: SiteData, slug: str) -> dict[str, Any]:
    training: Training = data.catalog.trainings[slug]
    return {
        "slug": slug,
        "title": training.title,
        "summary": training.summary,
        "description": training.description,
        "meetings": training.meetings,
        "meeting_minutes": training.meeting_minutes,
        "max_participants": training.max_participants,
        "led_by": LABELS["led_by"][training.led_by] if training.led_by else None,
        "audience": [{"label": LABELS["audience"][a], "url": urls.audience(a)} for a in training.audience],
        "themes": [{"label": LABELS["theme"][t], "url": urls.theme(t)} for t in training.themes],
        "mind_block": LABELS["mind_block"][training.mind_block] if training.mind_block else None,
        "prerequisites": [{"title": data.catalog.trainings[p].title, "url": urls.training(p)} for p in training.prerequisites],
        "variants": training.variants,
        "extra_meetings": training.extra_meetings,
        "runs": _cards(data, data.by_training.get(slug, [])),
        "feed": urls.feed("trainingen", slug),
        "edit_url": editing.edit_url(data.network, training.source, data.repo_root),
    }


def location_page(data: SiteData, slug: str) -> dict[str, Any]:
    location = data.catalog.locations[slug]
    return {**location_summary(data, location), "cards": _cards(data, data.by_location.get(slug, [])),
            "edit_url": editing.edit_url(data.network, location.source, data.repo_root)}


def listing_page(data: SiteData, kind: str, key: str) -> dict[str, Any]:
    """A page for one type, audience or theme: its cards grouped per municipality."""
    index = {"type": data.by_type, "audience": data.by_audience, "theme": data.by_theme}[kind]
    slugs = index.get(key, [])
    groups: dict[str, list[str]] = defaultdict(list)
    for slug in slugs:
        card = data.cards[slug]
        groups[card.municipality or "Online"].append(slug)
    ordered = sorted(groups, key=lambda name: (name == "Online", name))
    feed = urls.feed("thema", key) if kind == "theme" else None
    if len(slugs) > LISTING_CARDS:
        return {"kind": kind, "key": key, "label": LABELS[kind][key], "count": len(slugs), "feed": feed,
                "compact": True, "finder": _finder_url(kind, key),
                "groups": [{"name": name, "count": len(groups[name]), "url": _finder_url(kind, key, groups[name][0], data)}
                           for name in ordered]}
    return {"kind": kind, "key": key, "label": LABELS[kind][key], "count": len(slugs),
            "groups": [{"name": name, "cards": _cards(data, groups[name])} for name in ordered], "feed": feed}


def _finder_url(kind: str, key: str, example: str | None = None, data: SiteData | None = None) -> str:
    """The finder with this type, audience or theme chosen, and the municipality of ``example`` (or online)."""
    from . import finder  # finder builds on this module

    params = [({"type": finder.TYPE, "audience": finder.AUDIENCE, "theme": finder.THEME}[kind], key)]
    if example is not None and data is not None:
        offering = data.agenda.entries[example].offering
        if offering.location == ONLINE:
            params.append((finder.ONLINE_FILTER, "ja"))
        else:
            params.append((finder.MUNICIPALITY, data.catalog.locations[offering.location].municipality))
    return "zoeken/?" + urlencode(params)


def home_page(data: SiteData) -> dict[str, Any]:
    first = data.agenda.build_date
    week = data.agenda.sessions_between(first, first + timedelta(days=6))
    soon = [{"session": SessionView.of(s), "card": data.cards[e.slug]} for s, e in week if not s.cancelled]
    return {
        "this_week": soon[:HOME_SESSIONS],
        "this_week_total": len(soon),
        "municipalities": [{"name": m.name, "url": urls.municipality(m.slug),
                            "count": len(data.by_municipality.get(m.slug, []))} for m in data.network.municipalities],
        "feed": urls.feed("alles"),
    }


def hub(data: SiteData, kind: str) -> list[dict[str, Any]]:
    """Entries of an overview page: municipalities, trainings, types, audiences or themes."""
    if kind == "municipalities":
        return [{"label": m.name, "url": urls.municipality(m.slug), "count": len(data.by_municipality.get(m.slug, []))}
                for m in data.network.municipalities]
    if kind == "trainings":
        return [{"label": t.title, "url": urls.training(t.slug), "summary": t.summary,
                 "count": len(data.by_training.get(t.slug, []))}
                for t in sorted(data.catalog.trainings.values(), key=lambda t: t.title.lower())]
    if kind == "locations":
        if len(data.catalog.locations) > HUB_LOCATIONS:
            # Thousands of places in a national network: per municipality, whose page lists its places.
            return [{"label": m.name, "url": urls.municipality(m.slug) + "#plekken",
                     "summary": "1 plek" if len(places) == 1 else f"{len(places)} plekken",
                     "count": len(data.by_municipality.get(m.slug, []))}
                    for m in data.network.municipalities if (places := data.locations_in.get(m.slug))]
        return [{"label": loc.name, "url": urls.location(loc.slug), "summary": data.municipality_name(loc.municipality),
                 "count": len(data.by_location.get(loc.slug, []))}
                for loc in sorted(data.catalog.locations.values(), key=lambda l: (l.municipality, l.name))]
    index, labels, to_url = {
        "types": (data.by_type, v.OFFERING_TYPES, urls.offering_type),
        "audiences": (data.by_audience, v.AUDIENCES, urls.audience),
        "themes": (data.by_theme, v.THEMES, urls.theme),
    }[kind]
    return [{"label": label, "url": to_url(key), "count": len(index.get(key, []))} for key, label in labels]


def hub_page(data: SiteData, hub_name: str) -> dict[str, Any]:
    """The data of a hand-written overview page, by the ``hub`` named in its front matter."""
    if hub_name == "home":
        return home_page(data)
    if hub_name == "about":
        return {"new_offering_url": editing.new_item_url(data.network, data.catalog.root, data.repo_root)}
    if hub_name == "calendar":
        return {"feed": urls.feed("alles")}
    if hub_name == "offer":
        return {"sections": [
            {"id": "soort", "title": "Wat wil je doen?", "items": hub(data, "types")},
            {"id": "voor-wie", "title": "Voor wie?", "items": hub(data, "audiences")},
            {"id": "thema", "title": "Waar wil je aan werken?", "items": hub(data, "themes")},
        ]}
    return {"items": hub(data, hub_name)}
