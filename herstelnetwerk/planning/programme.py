"""The printable monthly programme and the embeddable list of a municipality.

A community centre or a GP's waiting room can print the programme on A4 and
hang it up; a partner's website can show the embed in an iframe. Both are
plain data for the templates, like ``views``; the QR code on the print is made
here at build time (no outside service ever sees who prints what).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import segno
from markupsafe import Markup

from ..loading.agenda import Entry
from ..loading.schedule import Session
from . import dutch, urls
from .site_data import SessionView, SiteData
from .views import PROFESSIONALS_HEADING, Link, Sharing, updated_text

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
    return [data.agenda.entries[s] for s in data.entries_for(slug)]


def _for_residents(data: SiteData, slug: str) -> list[Entry]:
    return [data.agenda.entries[s] for s in data.for_residents(data.entries_for(slug))]


@dataclass
class ProgrammeItem:
    """A session with where it is: the place's name, and its street and town ('' online)."""

    session: SessionView
    title: str
    url: str
    place: str
    address: str
    online: bool


def _item(data: SiteData, session: Session, entry: Entry) -> ProgrammeItem:
    card = data.cards[entry.slug]
    offering = entry.offering
    place, address = "Online", ""
    if not offering.is_online:
        location = data.catalog.locations[offering.location]
        place = location.name
        address = f"{location.address}, {data.town(location)}"
    return ProgrammeItem(SessionView.of(session), card.title, card.url, place, address, card.online)


# Both months of a municipality's programme point to the same page.
@lru_cache(maxsize=1024)
def qr_svg(url: str, label: str) -> Markup:
    """An inline SVG QR code for ``url``, black on white, with a text alternative."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=4, border=2, omitsize=True, dark="#000", light="#fff")
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))


@dataclass
class ProgrammeDay:
    day: str
    iso_date: str
    items: list[ProgrammeItem]


@dataclass
class ProgrammeView:
    name: str
    month: str
    days: list[ProgrammeDay]
    municipality_url: str
    page_url: str
    page_address: str  # the page's address without https://, to type over from paper
    address_parts: list[str]  # ... in pieces that end at a '/' or '.': a narrow caption breaks only there
    qr: Markup
    other_months: list[Link]
    # Sessions of offerings for peer workers and professionals, after the residents' days.
    professionals: list[ProgrammeItem]
    professionals_heading: str


def programme_page(data: SiteData, slug: str, year: int, month: int) -> ProgrammeView:
    """One municipality's sessions of one month, per day, for printing."""
    first = max(date(year, month, 1), data.agenda.build_date)
    last = date(year, month, calendar.monthrange(year, month)[1])
    days: dict[str, ProgrammeDay] = {}
    professionals: list[ProgrammeItem] = []
    for session, entry in data.agenda.sessions_between(first, last, _entries(data, slug)):
        if data.cards[entry.slug].for_professionals:
            professionals.append(_item(data, session, entry))
            continue
        key = session.start.date().isoformat()
        days.setdefault(key, ProgrammeDay(dutch.day(session.start), key, [])).items.append(_item(data, session, entry))
    page_url = data.network.site_url + urls.municipality(slug)
    return ProgrammeView(
        name=data.municipality_name(slug),
        month=dutch.month(year, month),
        days=list(days.values()),
        municipality_url=urls.municipality(slug),
        page_url=page_url,
        page_address=page_url.replace("https://", ""),
        address_parts=re.findall(r"[^/.]+[/.]?|[/.]", page_url.replace("https://", "")),
        qr=qr_svg(page_url, f"QR-code naar de website: {page_url}"),
        other_months=[
            Link(dutch.month(y, m), programme_url(slug, y, m))
            for y, m in programme_months(data.agenda.build_date)
            if (y, m) != (year, month)
        ],
        professionals=professionals,
        professionals_heading=PROFESSIONALS_HEADING,
    )


@dataclass
class EmbedView:
    name: str
    items: list[ProgrammeItem]
    municipality_url: str
    updated: str


def embed_page(data: SiteData, slug: str) -> EmbedView:
    """The next sessions in one municipality, for an iframe on someone else's website.

    Only the residents' offer: the embed stands on the websites of GPs, libraries
    and community centres, and has room for little. Offerings for peer workers and
    professionals are on the municipality's page it links to, under their own heading.
    """
    first = data.agenda.build_date
    found = data.agenda.sessions_between(first, first + timedelta(days=EMBED_DAYS - 1), _for_residents(data, slug))
    items = [_item(data, session, entry) for session, entry in found if not session.cancelled][:EMBED_SESSIONS]
    return EmbedView(
        name=data.municipality_name(slug),
        items=items,
        municipality_url=urls.municipality(slug),
        updated=updated_text(first),
    )


def sharing(data: SiteData, slug: str) -> Sharing:
    """What the municipality page links to: the printable programmes, the embed code and the feed."""
    site = data.network.site_url
    name = data.municipality_name(slug)
    embed = site + embed_url(slug)
    return Sharing(
        programmes=[
            Link(dutch.month(y, m), programme_url(slug, y, m)) for y, m in programme_months(data.agenda.build_date)
        ],
        embed_code=(
            f'<iframe src="{embed}" title="Activiteiten in {name}" '
            'width="100%" height="600" style="border: 0" loading="lazy"></iframe>'
        ),
        feed_url=site + urls.feed("gemeenten", slug),
    )
