"""The finder's page: its form, what its script needs to know, and the links shown without JavaScript."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from ..loading import vocabulary as v
from . import filters, urls
from .search import FINDER_DAYS, municipality_index
from .site_data import BY_AUDIENCE, BY_THEME, BY_TYPE, SiteData
from .views import Link

# Up to this many municipalities the finder searches all of them when none is chosen
# (a region); on a larger network it asks to choose one, or to use "near me".
SEARCH_ALL_UP_TO = 12
# "Near me" searches in this many municipalities: the ones with the nearest centre.
NEAR_MUNICIPALITIES = 3
# Words of someone in acute need. A search with one of them shows, above what it finds, where to
# get help now (the crisis text every page has). Lower case, without accents: the script compares
# them so, as whole words.
CRISIS_WORDS = (
    "suicide",
    "zelfmoord",
    "zelfdoding",
    "dood willen",
    "wil dood",
    "niet meer leven",
    "niet meer willen leven",
    "wil niet meer",
    "er een einde aan maken",
    "einde aan mijn leven",
    "mezelf iets aandoen",
    "zelfbeschadiging",
    "crisis",
    "113",
)


@dataclass
class Option:
    value: str
    label: str


@dataclass
class FilterGroup:
    """A list of choices, each a checkbox with the filter's name."""

    name: str
    legend: str
    options: list[Option]


@dataclass
class LinkGroup:
    title: str
    items: list[Link]


@dataclass
class FinderView:
    search: dict[str, Any]  # JSON for the script: the indexes and the filter names
    query: str  # the name of the search field
    first_date: str
    last_date: str
    groups: list[FilterGroup]  # municipality, type, audience, theme
    when: FilterGroup  # today, this week, ..., on a weekday
    range_from: str  # the names of the two date fields
    range_until: str
    extras: list[Option]  # walk-in, free, step-free, online: the value is the filter's name
    yes: str  # the value of a checked extra
    links: list[LinkGroup]
    next_steps: list[Link]  # offered when a search finds nothing


def finder_search(data: SiteData) -> dict[str, Any]:
    """What the finder's script needs to know about the indexes (written into the page as JSON)."""
    return {
        "searchAllUpTo": SEARCH_ALL_UP_TO,
        "near": NEAR_MUNICIPALITIES,
        "names": filters.script_names(),
        "crisis": list(CRISIS_WORDS),
        # The search-word topics, in the order of zoekwoorden.yaml (a page's topic filter holds the numbers).
        "topics": [{"name": topic.name, "words": list(topic.words)} for topic in data.catalog.search_topics],
        "weekdays": [day for day, _ in v.WEEKDAYS],
        "municipalities": [
            {
                "slug": m.slug,
                "name": m.name,
                "index": municipality_index(m.slug),
                "url": urls.municipality(m.slug),
                **({"lat": m.centre[0], "lon": m.centre[1]} if m.centre else {}),
            }
            for m in data.network.municipalities
        ],
    }


def _options(pairs) -> list[Option]:
    return [Option(key, label) for key, label in pairs]


EXTRAS = (
    (filters.WALK_IN, "Gewoon binnenlopen, zonder aanmelden"),
    (filters.FREE, "Gratis"),
    (filters.STEP_FREE, "Drempelvrije ingang"),
    (filters.ONLINE, "Online, vanuit huis"),
    (filters.APPOINTMENT, "Op afspraak, op een moment dat jou past"),
)
WHEN = ((filters.TODAY, "Vandaag"), (filters.THIS_WEEK, "Deze week"), (filters.THIS_MONTH, "Deze maand"))


def finder_page(data: SiteData) -> FinderView:
    municipalities = [(m.slug, m.name) for m in data.network.municipalities]
    return FinderView(
        search=finder_search(data),
        query=filters.QUERY,
        first_date=data.agenda.build_date.isoformat(),
        last_date=(data.agenda.build_date + timedelta(days=FINDER_DAYS - 1)).isoformat(),
        groups=[
            FilterGroup(filters.MUNICIPALITY, "Gemeente", _options(municipalities)),
            FilterGroup(filters.TYPE, "Wat wil je doen?", _options(data.choices(BY_TYPE))),
            FilterGroup(filters.AUDIENCE, "Voor wie?", _options(data.choices(BY_AUDIENCE))),
            FilterGroup(filters.THEME, "Waar wil je aan werken?", _options(data.choices(BY_THEME))),
        ],
        when=FilterGroup(
            filters.WHEN, "Wanneer?", _options(WHEN) + [Option(day, f"Op {day}") for day, _ in v.WEEKDAYS]
        ),
        range_from=filters.FROM,
        range_until=filters.UNTIL,
        extras=_options(EXTRAS),
        yes=filters.YES,
        next_steps=[
            Link("Kies je gemeente en kijk wat er deze week is", urls.MUNICIPALITIES),
            Link("Alles waar je gewoon kunt binnenlopen", filters.finder_url((filters.WALK_IN, filters.YES))),
            Link("Gaat het nu niet goed? Hier vind je hulp", urls.CRISIS),
        ],
        links=[
            LinkGroup("Gemeenten", [Link(name, urls.municipality(slug)) for slug, name in municipalities]),
            LinkGroup(
                "Soort activiteit",
                [
                    Link(label, BY_TYPE.url(key))
                    for key, label in data.choices(BY_TYPE)
                    if data.in_grouping(BY_TYPE, key)
                ],
            ),
            LinkGroup(
                "Thema's",
                [
                    Link(label, BY_THEME.url(key))
                    for key, label in data.choices(BY_THEME)
                    if data.in_grouping(BY_THEME, key)
                ],
            ),
        ],
    )
