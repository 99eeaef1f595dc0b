"""Atom feeds (RFC 4287) of what is new: new and changed activities, and the news.

A feed reader, or a partner's website, follows what changes without visiting
the site. Every date in them comes from the content (an activity's
``last_checked``, a news item's ``date``), never from the clock, so the same
content gives the same bytes. An activity whose every coming session is
cancelled, or that is called off, is not in the feed; nor is a draft.

Written with the standard library's XML writer: element text and attribute
values are escaped by it, and characters XML 1.0 does not allow cannot occur
(the loader refuses control characters in every text).
"""

from __future__ import annotations

import io
from datetime import date
from xml.sax.saxutils import XMLGenerator
from xml.sax.xmlreader import AttributesImpl

from ..planning import display, urls
from ..planning.site_data import SiteData

ATOM = "http://www.w3.org/2005/Atom"
# The newest this many activities: a feed reader needs what changed lately, not the whole offer.
NEW_OFFERINGS = 50
NEWS_ITEMS = 50


def _stamp(day: date) -> str:
    """The day at 00:00 UTC, as RFC 3339: content dates have no time of day."""
    return f"{day.isoformat()}T00:00:00Z"


class _Feed:
    def __init__(self) -> None:
        self.out = io.StringIO()
        self.xml = XMLGenerator(self.out, encoding="utf-8", short_empty_elements=True)

    def element(self, name: str, text: str | None = None, **attrs: str) -> None:
        self.xml.startElement(name, AttributesImpl(attrs))
        if text is not None:
            self.xml.characters(text)
        self.xml.endElement(name)

    def start(self, name: str, **attrs: str) -> None:
        self.xml.startElement(name, AttributesImpl(attrs))

    def end(self, name: str) -> None:
        self.xml.endElement(name)

    def bytes(self) -> bytes:
        return ('<?xml version="1.0" encoding="utf-8"?>\n' + self.out.getvalue() + "\n").encode("utf-8")


def _head(feed: _Feed, data: SiteData, title: str, path: str, page: str, updated: date) -> None:
    site = data.network.site_url
    feed.start("feed", xmlns=ATOM, **{"xml:lang": "nl"})
    feed.element("id", site + path)
    feed.element("title", title)
    feed.element("updated", _stamp(updated))
    feed.element("link", rel="self", type="application/atom+xml", href=site + path)
    feed.element("link", rel="alternate", type="text/html", href=site + page)
    feed.start("author")
    feed.element("name", data.network.name)
    feed.element("uri", site)
    feed.end("author")


def new_offerings_feed(data: SiteData) -> bytes:
    """The activities last added or checked, newest first; cancelled and finished ones are left out."""
    catalog = data.catalog
    entries = sorted(data.agenda.visible(), key=lambda e: (e.offering.last_checked, e.slug), reverse=True)[
        :NEW_OFFERINGS
    ]
    site = data.network.site_url
    feed = _Feed()
    newest = entries[0].offering.last_checked if entries else data.agenda.build_date
    title = f"{data.network.name}: nieuwe en gewijzigde activiteiten"
    _head(feed, data, title, urls.NEW_OFFERINGS_FEED, urls.MUNICIPALITIES, newest)
    for entry in entries:
        offering = entry.offering
        url = site + urls.offering(entry.slug)
        card = data.cards[entry.slug]
        feed.start("entry")
        feed.element("id", url)
        feed.element("title", card.title)
        feed.element("updated", _stamp(offering.last_checked))
        feed.element("link", rel="alternate", type="text/html", href=url)
        feed.element("summary", f"{display.summary(offering, catalog)} {card.rhythm}. {card.place}.")
        feed.element("category", term=card.type_label)
        feed.end("entry")
    feed.end("feed")
    return feed.bytes()


def news_feed(data: SiteData) -> bytes:
    """The news items, newest first, each with its summary (the text is on its page)."""
    site = data.network.site_url
    items = data.catalog.news[:NEWS_ITEMS]
    feed = _Feed()
    newest = items[0].date if items else data.agenda.build_date
    _head(feed, data, f"{data.network.name}: nieuws", urls.NEWS_FEED, urls.NEWS, newest)
    for item in items:
        url = site + urls.news_item(item.slug)
        feed.start("entry")
        feed.element("id", url)
        feed.element("title", item.title)
        feed.element("updated", _stamp(item.date))
        feed.element("published", _stamp(item.date))
        feed.element("link", rel="alternate", type="text/html", href=url)
        feed.element("summary", item.summary)
        feed.end("entry")
    feed.end("feed")
    return feed.bytes()


def atom_feeds(data: SiteData) -> dict[str, bytes]:
    """Both feeds by their path in the site."""
    return {urls.NEW_OFFERINGS_FEED: new_offerings_feed(data), urls.NEWS_FEED: news_feed(data)}
