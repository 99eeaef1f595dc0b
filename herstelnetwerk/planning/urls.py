"""Where each page and feed lives in the built site (paths relative to the site root)."""

from __future__ import annotations

FEEDS = "agenda"
# Hand-written pages the generated ones link to.
MUNICIPALITIES = "gemeenten/"
CRISIS = "als-het-even-niet-gaat/"
# The coordinators' overview, under "Over het netwerk", with its downloads beside it.
OVERVIEW = "over/overzicht/"


def offering(slug: str) -> str:
    return f"activiteiten/{slug}/"


def municipality(slug: str) -> str:
    return f"gemeenten/{slug}/"


def training(slug: str) -> str:
    return f"trainingen/{slug}/"


def location(slug: str) -> str:
    return f"locaties/{slug}/"


def offering_type(slug: str) -> str:
    return f"soort/{slug}/"


def audience(slug: str) -> str:
    return f"voor/{slug}/"


def theme(slug: str) -> str:
    return f"thema/{slug}/"


def feed(kind: str, slug: str | None = None) -> str:
    """``feed('alles')`` or ``feed('gemeenten', 'soest')``: the path of an .ics file."""
    return f"{FEEDS}/{kind}.ics" if slug is None else f"{FEEDS}/{kind}/{slug}.ics"


# News, the feeds of what is new, and the open data (see outputs/open_data.py and outputs/atom.py).
NEWS = "nieuws/"
OPEN_DATA = "open-data/"
NEWS_FEED = "nieuws/atom.xml"
NEW_OFFERINGS_FEED = "activiteiten/atom.xml"
SHARE_IMAGE = "assets/delen.png"


def news_item(slug: str) -> str:
    return f"{NEWS}{slug}/"


def open_data_file(name: str) -> str:
    """``open_data_file('aanbod.csv')``: a file of the open data, beside its page."""
    return f"{OPEN_DATA}{name}"
