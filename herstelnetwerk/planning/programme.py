"""The printable monthly programme and the embeddable list of a municipality.

A community centre or a GP's waiting room can print the programme on A4 and
hang it up; a partner's website can show the embed in an iframe. Both are
plain data for the templates, like ``views``; the QR code on the print is made
here at build time (no outside service ever sees who prints what).
"""

from __future__ import annotations

import calendar
from functools import lru_cache
from datetime import date, timedelta
from typing import Any

import segno

from . import dutch
from . import urls
from ..loading.agenda import Entry
from ..loading.model import ONLINE
from .views import SessionView, SiteData

# How many sessions the embed lists, and how far ahead it looks.
EMBED_SESSIONS = 10
EMBED_DAYS = 28


def programme_months(build_date: date, count: int = 2) -> list[tuple[int, int]]:
    """(year, month) of the build date's month and the ``count - 1`` months after it."""
    months = []
    year, month = build_date.year, build_date.month
    for _ in range(count):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def programme_url(slug: str, year: int, month: int) -> str:
    return f"{urls.municipality(slug)}programma/{year:04d}-{month:02d}/"


def embed_url(slug: str) -> str:
    return f"{urls.municipality(slug)}inbedden/"


def _entries(data: SiteData, slug: str) -> list[Entry]:
    slugs = data.by_municipality.get(slug, []) + data.online_for.get(slug, [])
    return [data.agenda.entries[s] for s in slugs]


def _item(data: SiteData, session, entry: Entry) -> dict[str, Any]:
    """A session with where it is: the place's name, and its street and town ('' online)."""
    card = data.cards[entry.slug]
    offering = entry.offering
    place, address = "Online", ""
    if offering.location != ONLINE:
        location = data.catalog.locations[offering.location]
        place = location.name
        address = f"{location.address}, {location.place or data.municipality_name(location.municipality)}"
    return {"session": SessionView.of(session), "title": card.title, "url": card.url,
            "place": place, "address": address, "online": card.online}


# Both months of a municipality's programme point to the same page.
@lru_cache(maxsize=1024)
def qr_svg(url: str, label: str) -> str:
    """An inline SVG QR code for ``url``, black on white, with a text alternative."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=4, border=2, omitsize=True, dark="#000", light="#fff")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def programme_page(data: SiteData, slug: str, year: int, month: int) -> dict[str, Any]:
    """One municipality's sessions of one month, per day, for printing."""
    first = max(date(year, month, 1), data.agenda.build_date)
    last = date(year, month, calendar.monthrange(year, month)[1])
    days: dict[str, dict[str, Any]] = {}
    for session, entry in data.agenda.sessions_between(first, last, _entries(data, slug)):
        key = session.start.date().isoformat()
        group = days.setdefault(key, {"day": dutch.day(session.start), "iso_date": key, "items": []})
        group["items"].append(_item(data, session, entry))
    name = data.municipality_name(slug)
    page_url = data.network.site_url + urls.municipality(slug)
    return {
        "slug": slug,
        "name": name,
        "month": dutch.month(year, month),
        "days": list(days.values()),
        "municipality_url": urls.municipality(slug),
        "page_url": page_url,
        "qr": qr_svg(page_url, f"QR-code naar de website: {page_url}"),
        "other_months": [{"label": dutch.month(y, m), "url": programme_url(slug, y, m)}
                         for y, m in programme_months(data.agenda.build_date) if (y, m) != (year, month)],
    }


def embed_page(data: SiteData, slug: str) -> dict[str, Any]:
    """The next sessions in one municipality, for an iframe on someone else's website."""
    first = data.agenda.build_date
    found = data.agenda.sessions_between(first, first + timedelta(days=EMBED_DAYS - 1), _entries(data, slug))
    items = [_item(data, session, entry) for session, entry in found if not session.cancelled][:EMBED_SESSIONS]
    return {
        "slug": slug,
        "name": data.municipality_name(slug),
        "items": items,
        "municipality_url": urls.municipality(slug),
        "feed": urls.feed("gemeenten", slug),
    }


def municipality_extras(data: SiteData, slug: str) -> dict[str, Any]:
    """What the municipality page links to: the printable programmes and the embed code."""
    site = data.network.site_url
    name = data.municipality_name(slug)
    embed = site + embed_url(slug)
    return {
        "programmes": [{"label": dutch.month(y, m), "url": programme_url(slug, y, m)}
                       for y, m in programme_months(data.agenda.build_date)],
        "embed_url": embed,
        "embed_code": (f'<iframe src="{embed}" title="Activiteiten in {name}" '
                       'width="100%" height="600" style="border: 0" loading="lazy"></iframe>'),
        "feed_url": site + urls.feed("gemeenten", slug),
    }
