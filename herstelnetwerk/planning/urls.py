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
