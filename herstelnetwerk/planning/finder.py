"""What the finder (the search page) needs: facets per page and the finder's own options.

The site is searched in the browser with a static index. Each indexed page
carries *facets*: filter values (municipality, type, dates, ...) and a few
display values (next times, place). This module computes them from the
catalog; the templates only write them into the page.

Dates: an offering gets the dates of its sessions in the next
``FINDER_DAYS`` days as filter values. The browser turns "today", "this
week", a weekday or a date range into a set of dates from the *real* current
date, so a page built last night still answers correctly today.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from . import display
from . import markup
from . import urls
from ..loading import vocabulary as v
from ..loading.model import ONLINE
from .views import LABELS, SiteData, location_summary, offering_type

# How far ahead the date filter reaches (a little over two months).
FINDER_DAYS = 62
# How many upcoming sessions a result carries, so the browser can show the next one
# even when the site was built a day or two before.
TIMES_SHOWN = 4

# The search index is split, so one search downloads little however large the network:
# a general index (trainings, municipality pages, hand-written pages and the online offerings,
# which are not tied to a place) and one per municipality (its offerings and locations). The
# finder always loads the general index and adds the index of each municipality it searches
# in. Folders relative to the site; the general index is the one the search engine comes with.
GENERAL_INDEX = "pagefind/"
# Up to this many municipalities the finder searches all of them when none is chosen
# (a region); on a larger network it asks to choose one, or to use "near me".
SEARCH_ALL_UP_TO = 12
# "Near me" searches in this many municipalities: the ones with the nearest centre.
NEAR_MUNICIPALITIES = 3

# Filter names; the finder's URL uses the same names.
MUNICIPALITY = "gemeente"
TYPE = "soort"
AUDIENCE = "voor"
THEME = "thema"
DATE = "datum"
WALK_IN = "binnenlopen"
FREE = "gratis"
STEP_FREE = "drempelvrij"
ONLINE_FILTER = "online"
PLACE = "plek"
NEXT = "volgende"
YES = "ja"


@dataclass
class Facets:
    """The filter and display values of one indexed page."""

    kind: str  # what the result is: activiteit, training, locatie, gemeente
    filters: dict[str, list[str]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)

    def filter_items(self) -> list[tuple[str, str]]:
        return [(name, value) for name, values in self.filters.items() for value in values]


def coordinates_value(coordinates: tuple[float, float]) -> str:
    """``52.1618 5.395``: a place as one filter value (no comma: filter values are comma-separated)."""
    lat, lon = coordinates
    return f"{lat:.5f} {lon:.5f}"


def offering_facets(data: SiteData, slug: str) -> Facets | None:
    """Facets of an offering page; None when it is not shown in listings."""
    entry = data.agenda.entries[slug]
    if not entry.visible:
        return None
    offering = entry.offering
    card = data.cards[slug]
    first = data.agenda.build_date
    last = first + timedelta(days=FINDER_DAYS - 1)
    upcoming = [s for s in entry.sessions if not s.cancelled]
    dates = sorted({s.start.date().isoformat() for s in upcoming if first <= s.start.date() <= last})
    filters: dict[str, list[str]] = {
        MUNICIPALITY: list(data.municipalities_of(offering)),
        TYPE: [offering_type(offering)],
        AUDIENCE: list(offering.audience),
        THEME: list(offering.themes),
        DATE: dates,
    }
    meta = {
        "soort": card.type_label,
        "plaats": card.place,
        "samenvatting": card.summary,
        "tijden": " ".join(f"{s.start:%Y-%m-%dT%H:%M}/{s.end:%H:%M}" for s in upcoming[:TIMES_SHOWN]),
    }
    if offering.join.how == "binnenlopen":
        filters[WALK_IN] = [YES]
        meta[WALK_IN] = YES
    if offering.cost.strip().lower() == "gratis":
        filters[FREE] = [YES]
    if offering.location == ONLINE:
        filters[ONLINE_FILTER] = [YES]
        meta["gemeente"] = "Online"
    else:
        location = data.catalog.locations[offering.location]
        meta["gemeente"] = data.municipality_name(location.municipality)
        if location.accessibility.step_free is True:
            filters[STEP_FREE] = [YES]
        if location.coordinates:
            filters[PLACE] = [coordinates_value(location.coordinates)]
            meta["lat"], meta["lon"] = (f"{c:.5f}" for c in location.coordinates)
    if card.full:
        meta["vol"] = YES
    # Without words to search for, the finder lists the soonest activities first. Results of
    # several indexes can only be put in one order by a filter value, so it is a filter too.
    sort = {NEXT: f"{upcoming[0].start:%Y-%m-%dT%H:%M}"}
    filters[NEXT] = [sort[NEXT]]
    return Facets(kind="Activiteit", filters=filters, meta=meta, sort=sort)


def location_facets(data: SiteData, slug: str) -> Facets:
    location = data.catalog.locations[slug]
    filters = {MUNICIPALITY: [location.municipality]}
    meta = {"soort": "Locatie", "plaats": f"{location.address}, {location.place or data.municipality_name(location.municipality)}",
            "gemeente": data.municipality_name(location.municipality)}
    if location.accessibility.step_free is True:
        filters[STEP_FREE] = [YES]
    if location.coordinates:
        filters[PLACE] = [coordinates_value(location.coordinates)]
        meta["lat"], meta["lon"] = (f"{c:.5f}" for c in location.coordinates)
    return Facets(kind="Locatie", filters=filters, meta=meta)


def page_facets(data: SiteData, kind: str, keys: list[str]) -> Facets | None:
    """Facets of a generated page (``kind`` as in the hook's page table)."""
    if kind == "offering":
        return offering_facets(data, keys[0])
    if kind == "location":
        return location_facets(data, keys[0])
    if kind == "municipality":
        return Facets(kind="Gemeente", filters={MUNICIPALITY: [keys[0]]}, meta={"soort": "Gemeente"})
    if kind == "training":
        return Facets(kind="Training", meta={"soort": "Over de training"})
    return None


def municipality_index(slug: str) -> str:
    return f"pagefind/gemeenten/{slug}/"


@dataclass
class SearchRecord:
    """One thing the finder can find: a page, its title, the words to search in, and its facets.

    The search index is made from these records, not from the built HTML: the
    words come from the same data the page shows, so the index can be written
    while the pages are still being rendered.
    """

    page: str  # the page's path in the site, as in ``urls``
    title: str
    text: str
    facets: Facets | None = None

    def meta(self) -> dict[str, str]:
        meta = {"title": self.title}
        if self.facets is not None:
            meta["soort"] = self.facets.kind
            meta.update(self.facets.meta)
        return meta


def _words(*parts: str | None) -> str:
    """Texts as one searchable text: Markdown to plain words, empty parts left out."""
    return "\n".join(plain for part in parts if part and (plain := markup.plain_text(part)))


def _offering_record(data: SiteData, slug: str) -> SearchRecord | None:
    facets = offering_facets(data, slug)
    if facets is None:
        return None
    offering = data.agenda.entries[slug].offering
    catalog = data.catalog
    card = data.cards[slug]
    training = display.training_of(offering, catalog)
    where = None
    if offering.location != ONLINE:
        location = catalog.locations[offering.location]
        where = f"{location.name}, {location.address}, {card.place}, {data.municipality_name(location.municipality)}"
    # What the activity is about comes first: a result shows the words around the match,
    # and the title and the facts are on the result already.
    text = _words(card.summary, display.description(offering, catalog), offering.first_time, offering.join.note,
                  card.rhythm, where or "Online", ", ".join(LABELS["audience"][a] for a in offering.audience),
                  ", ".join(LABELS["theme"][t] for t in offering.themes), card.type_label,
                  training.title if training else None, card.title)
    return SearchRecord(card.url, card.title, text, facets)


def _location_record(data: SiteData, slug: str) -> SearchRecord:
    location = data.catalog.locations[slug]
    summary = location_summary(data, location)
    text = _words(location.name, f"{location.address}, {location.postcode} {summary['place']}", summary["municipality"],
                  ", ".join(fact["text"] for fact in summary["facts"]), location.accessibility.note, location.directions)
    return SearchRecord(urls.location(slug), location.name, text, location_facets(data, slug))


def _training_record(data: SiteData, slug: str) -> SearchRecord:
    training = data.catalog.trainings[slug]
    text = _words(training.summary, training.description,
                  ", ".join(LABELS["audience"][a] for a in training.audience),
                  ", ".join(LABELS["theme"][t] for t in training.themes), training.title)
    return SearchRecord(urls.training(slug), training.title, text, page_facets(data, "training", [slug]))


def _municipality_record(data: SiteData, slug: str) -> SearchRecord:
    name = data.municipality_name(slug)
    title = f"Activiteiten in {name}"
    text = _words(title, f"Alles wat er deze week en later in {name} te doen is, en de plekken waar het is.")
    return SearchRecord(urls.municipality(slug), title, text, page_facets(data, "municipality", [slug]))


def search_records(data: SiteData) -> dict[str, list[SearchRecord]]:
    """What goes in which search index: {index folder: [records]}.

    An offering is in the index of its location's municipality; an online
    offering in the general index (once, however many municipalities it is
    offered in: its municipality filter tells which). Locations are in their
    municipality's index too. Municipality and training pages are in the
    general index (``GENERAL_INDEX``), and so are the hand-written pages,
    whose records the caller adds from their text.
    """
    records: dict[str, list[SearchRecord]] = {GENERAL_INDEX: []}
    for municipality in data.network.municipalities:
        records[municipality_index(municipality.slug)] = []
        records[GENERAL_INDEX].append(_municipality_record(data, municipality.slug))
    for slug in data.catalog.trainings:
        records[GENERAL_INDEX].append(_training_record(data, slug))
    for slug, location in data.catalog.locations.items():
        records[municipality_index(location.municipality)].append(_location_record(data, slug))
    for entry in data.agenda.visible():
        record = _offering_record(data, entry.slug)
        if record is None:
            continue
        offering = entry.offering
        if offering.location == ONLINE:
            records[GENERAL_INDEX].append(record)
        else:
            records[municipality_index(data.catalog.locations[offering.location].municipality)].append(record)
    return records


def finder_search(data: SiteData) -> dict[str, Any]:
    """What the finder's script needs to know about the indexes (written into the page as JSON)."""
    return {
        "searchAllUpTo": SEARCH_ALL_UP_TO,
        "near": NEAR_MUNICIPALITIES,
        "municipalities": [
            {"slug": m.slug, "name": m.name, "index": municipality_index(m.slug),
             **({"lat": m.centre[0], "lon": m.centre[1]} if m.centre else {})}
            for m in data.network.municipalities
        ],
    }


def finder_page(data: SiteData) -> dict[str, Any]:
    """The options of the finder's form, and the links shown without JavaScript."""
    def options(pairs):
        return [{"value": key, "label": label} for key, label in pairs]

    municipalities = [(m.slug, m.name) for m in data.network.municipalities]
    return {
        "search": finder_search(data),
        "first_date": data.agenda.build_date.isoformat(),
        "last_date": (data.agenda.build_date + timedelta(days=FINDER_DAYS - 1)).isoformat(),
        "groups": [
            {"name": MUNICIPALITY, "legend": "Gemeente", "options": options(municipalities)},
            {"name": TYPE, "legend": "Wat wil je doen?", "options": options(v.OFFERING_TYPES)},
            {"name": AUDIENCE, "legend": "Voor wie?", "options": options(v.AUDIENCES)},
            {"name": THEME, "legend": "Waar wil je aan werken?", "options": options(v.THEMES)},
        ],
        "weekdays": [name for name, _ in v.WEEKDAYS],
        "extras": [
            {"name": WALK_IN, "label": "Gewoon binnenlopen, zonder aanmelden"},
            {"name": FREE, "label": "Gratis"},
            {"name": STEP_FREE, "label": "Drempelvrije ingang"},
            {"name": ONLINE_FILTER, "label": "Online, vanuit huis"},
        ],
        "links": [
            {"title": "Gemeenten", "items": [{"label": name, "url": urls.municipality(slug)} for slug, name in municipalities]},
            {"title": "Soort activiteit", "items": [{"label": label, "url": urls.offering_type(key)}
                                                    for key, label in v.OFFERING_TYPES if data.by_type.get(key)]},
            {"title": "Thema's", "items": [{"label": label, "url": urls.theme(key)}
                                           for key, label in v.THEMES if data.by_theme.get(key)]},
        ],
    }
