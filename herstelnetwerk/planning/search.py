"""What the finder can find: a search record per searchable page, with its facets.

The site is searched in the browser with a static index. Each record carries
the words to search in and *facets*: filter values (municipality, type,
dates, ...) and a few values the result shows (next times, place). The
words come from the same data the page shows, so the index can be written
while the pages are still being rendered (``outputs.search_index``).

Dates: an offering gets the ends of its sessions in the next ``FINDER_DAYS``
days as filter values (``2026-12-01T16:00``). The browser turns "today",
"this week", a weekday or a date range into the set of those values that lie
ahead of the *real* current time, so a page built last night still answers
correctly tonight: a session that ended this afternoon no longer counts for
"today".

The index is split, so one search downloads little however large the network:
a general index (trainings, municipality pages, hand-written pages and the
online offerings, which are not tied to a place) and one per municipality
(its offerings and locations). The finder always loads the general index and
adds the index of each municipality it searches in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from ..loading.schedule import Session
from . import display, filters, markup, urls
from .search_topics import topics_for
from .site_data import BY_AUDIENCE, BY_THEME, SiteData
from .views import location_summary

# How far ahead the date filter reaches (a little over two months).
FINDER_DAYS = 62
# The "next time" of an offer by appointment, which has none: later than any real one.
BY_APPOINTMENT_NEXT = "9999-12-31T00:00"
# How many upcoming sessions a result carries, so the browser can show the next one
# even when the site was built a day or two before.
TIMES_SHOWN = 4
# Folders of the indexes, relative to the site; the general one comes with the search engine.
GENERAL_INDEX = "pagefind/"


def municipality_index(slug: str) -> str:
    return f"pagefind/gemeenten/{slug}/"


@dataclass
class Facets:
    """The filter and display values of one record."""

    filters: dict[str, list[str]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)


@dataclass
class SearchRecord:
    """One thing the finder can find: a page, its title, the words to search in, and its facets."""

    page: str  # the page's path in the site, as in ``urls``
    title: str
    text: str
    facets: Facets | None = None
    index: str = GENERAL_INDEX
    activity: bool = False  # each index lists the other pages first, then the activities

    def meta(self) -> dict[str, str]:
        return {"title": self.title, **(self.facets.meta if self.facets else {})}


def by_index(records: Iterable[SearchRecord], municipalities: Iterable[str]) -> dict[str, list[SearchRecord]]:
    """The records per index folder: the general index, then one per municipality (also when empty)."""
    indexes: dict[str, list[SearchRecord]] = {GENERAL_INDEX: []}
    for slug in municipalities:
        indexes[municipality_index(slug)] = []
    for record in sorted(records, key=lambda r: r.activity):  # a stable sort: the order within stays
        indexes[record.index].append(record)
    return indexes


def coordinates_value(coordinates: tuple[float, float]) -> str:
    """``52.1618 5.395``: a place as one filter value (no comma: filter values are comma-separated)."""
    lat, lon = coordinates
    return f"{lat:.5f} {lon:.5f}"


def session_end(session: Session) -> str:
    """When a session ends, as a date filter value: its day and its end, ``2026-12-01T16:00``."""
    return f"{session.start:%Y-%m-%d}T{session.end:%H:%M}"


def _words(*parts: str | None) -> str:
    """Texts as one searchable text: Markdown to plain words, empty parts left out.

    Each part ends as a sentence (a full stop is added where it has none), so the finder can
    show the whole sentence in which a word was found, and a list of facts does not run on
    into the next part.
    """
    return "\n".join(_sentence(plain) for part in parts if part and (plain := markup.plain_text(part)))


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text[-1] in ".!?" else text + "."


def offering_record(data: SiteData, slug: str) -> SearchRecord:
    """The record of an offering that the site lists (it has a card and a coming session)."""
    entry = data.agenda.entries[slug]
    offering = entry.offering
    catalog = data.catalog
    card = data.cards[slug]
    first = data.agenda.build_date
    last = first + timedelta(days=FINDER_DAYS - 1)
    upcoming = [s for s in entry.sessions if not s.cancelled]
    ends = sorted({session_end(s) for s in upcoming if first <= s.start.date() <= last})
    chosen: dict[str, list[str]] = {
        filters.MUNICIPALITY: list(data.municipalities_of(offering)),
        filters.TYPE: [display.offering_type(offering)],
        filters.AUDIENCE: list(offering.audience),
        filters.THEME: list(offering.themes),
        filters.DATE: ends,
    }
    meta = {
        "soort": card.type_label,
        "plaats": card.place,
        "samenvatting": card.summary,
        "tijden": " ".join(f"{s.start:%Y-%m-%dT%H:%M}/{s.end:%H:%M}" for s in upcoming[:TIMES_SHOWN]),
    }
    if offering.is_walk_in:
        chosen[filters.WALK_IN] = [filters.YES]
        meta[filters.WALK_IN] = filters.YES
    if offering.is_free:
        chosen[filters.FREE] = [filters.YES]
        meta[filters.FREE] = filters.YES
    if offering.schedule.appointment:
        chosen[filters.APPOINTMENT] = [filters.YES]
        meta[filters.APPOINTMENT] = filters.YES
        meta["wanneer"] = card.rhythm
    where = None
    index = GENERAL_INDEX
    if offering.is_online:
        chosen[filters.ONLINE] = [filters.YES]
        meta["gemeente"] = "Online"
    else:
        location = catalog.locations[offering.location]
        index = municipality_index(location.municipality)
        meta["gemeente"] = data.municipality_name(location.municipality)
        # The place once: its name, street and town, and the municipality when the town is another.
        town = data.town(location)
        where = ", ".join(
            [location.name, location.address, town] + ([meta["gemeente"]] if meta["gemeente"] != town else [])
        )
        _place(location, chosen, meta)
    if card.full:
        meta["vol"] = filters.YES
    if card.for_professionals:
        meta["professionals"] = filters.YES
    # Without words to search for, the finder lists the soonest activities first. Results of
    # several indexes can only be put in one order by a filter value, so it is a filter too.
    # An offer by appointment has no next time: it comes after those that have one.
    sort = {filters.NEXT: f"{upcoming[0].start:%Y-%m-%dT%H:%M}" if upcoming else BY_APPOINTMENT_NEXT}
    chosen[filters.NEXT] = [sort[filters.NEXT]]
    training = display.training_of(offering, catalog)
    meta.update(
        _topics(
            data,
            themes=offering.themes,
            types=[display.offering_type(offering)],
            audiences=offering.audience,
            texts=(card.title, card.summary, display.description(offering, catalog))
            + ((training.title, training.summary, training.description) if training else ()),
        )
    )
    # What the activity is about comes first: a result shows the words around the match,
    # and the title and the facts are on the result already.
    text = _words(
        card.summary,
        display.description(offering, catalog),
        offering.first_time,
        offering.join.note,
        card.rhythm,
        where or "Online",
        ", ".join(data.label(BY_AUDIENCE, a) for a in offering.audience),
        ", ".join(data.label(BY_THEME, t) for t in offering.themes),
        card.type_label,
        training.title if training else None,
        card.title,
    )
    return SearchRecord(card.url, card.title, text, Facets(chosen, meta, sort), index, activity=True)


def _place(location, chosen: dict[str, list[str]], meta: dict[str, str]) -> None:
    """The facets a page gets from its location: step-free, and where it is for "near me"."""
    if location.accessibility.step_free is True:
        chosen[filters.STEP_FREE] = [filters.YES]
    if location.coordinates:
        chosen[filters.PLACE] = [coordinates_value(location.coordinates)]
        meta["lat"], meta["lon"] = (f"{c:.5f}" for c in location.coordinates)


def location_record(data: SiteData, slug: str) -> SearchRecord:
    location = data.catalog.locations[slug]
    summary = location_summary(data, location)
    chosen = {filters.MUNICIPALITY: [location.municipality]}
    meta = {"soort": "Locatie", "plaats": f"{location.address}, {summary.place}", "gemeente": summary.municipality}
    _place(location, chosen, meta)
    text = _words(
        location.name,
        f"{location.address}, {location.postcode} {summary.place}",
        summary.municipality,
        ", ".join(fact.text for fact in summary.facts),
        location.accessibility.note,
        location.directions,
    )
    return SearchRecord(
        urls.location(slug), location.name, text, Facets(chosen, meta), municipality_index(location.municipality)
    )


def training_record(data: SiteData, slug: str) -> SearchRecord:
    training = data.catalog.trainings[slug]
    text = _words(
        training.summary,
        training.description,
        ", ".join(data.label(BY_AUDIENCE, a) for a in training.audience),
        ", ".join(data.label(BY_THEME, t) for t in training.themes),
        training.title,
    )
    topics = _topics(
        data,
        themes=training.themes,
        types=[display.TRAINING_TYPE],
        audiences=training.audience,
        texts=(training.title, training.summary, training.description),
    )
    return SearchRecord(urls.training(slug), training.title, text, Facets(meta={"soort": "Over de training", **topics}))


def _topics(data: SiteData, *, themes, types, audiences, texts: tuple[str | None, ...]) -> dict[str, str]:
    """The topics (zoekwoorden.yaml) an offer fits, as one made-up word per topic: ``hnonderwerp3``.

    The topics' own words are not in the record: the finder has them on its page and, when one is
    searched, looks up the topic's word, which only the fitting pages have. So the records, and
    the indexing of 20,000 of them, stay as small as without topics, and a topic's pages are found
    by a word, which fetches one small part of an index (a filter would fetch all of it).
    """
    topics = data.catalog.search_topics
    found = topics_for(
        topics, themes=themes, types=types, audiences=audiences, text=" ".join(markup.plain_text(t) for t in texts if t)
    )
    if not found:
        return {}
    number = {id(topic): i for i, topic in enumerate(topics)}
    return {filters.TOPIC: " ".join(filters.topic_word(number[id(topic)]) for topic in found)}


def municipality_record(data: SiteData, slug: str, title: str) -> SearchRecord:
    name = data.municipality_name(slug)
    text = _words(title, f"Alles wat er deze week en later in {name} te doen is, en de plekken waar het is.")
    return SearchRecord(
        urls.municipality(slug), title, text, Facets(filters={filters.MUNICIPALITY: [slug]}, meta={"soort": "Gemeente"})
    )


def page_record(url: str, title: str, html: str) -> SearchRecord:
    """A hand-written page's record, from its rendered HTML."""
    return SearchRecord(url, title, markup.html_text(html))
