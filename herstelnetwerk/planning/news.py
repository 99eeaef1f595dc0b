"""The news pages: the list, newest first, each item's own page, and the latest item for the home page.

Items come from the content folder's ``nieuws/`` (``loading.news``); their
text is Markdown, rendered by the template as every content text is.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..loading.model import NewsItem
from . import dutch, editing, urls
from .site_data import SiteData

# How a reader can follow the news: the feed's title after the network's name.
FEED_TITLE = "Nieuws"


@dataclass
class NewsSummary:
    """An item as a list shows it."""

    title: str
    summary: str
    day: str  # "maandag 2 november 2026"
    iso_date: str
    url: str


@dataclass
class NewsItemView:
    title: str
    summary: str
    day: str
    iso_date: str
    body: str  # Markdown
    news_url: str
    edit_url: str | None


@dataclass
class NewsView:
    items: list[NewsSummary]
    feed_url: str


def summary_of(item: NewsItem) -> NewsSummary:
    return NewsSummary(
        item.title, item.summary, dutch.day(item.date, year=True), item.date.isoformat(), urls.news_item(item.slug)
    )


def news_page(data: SiteData) -> NewsView:
    return NewsView([summary_of(item) for item in data.catalog.news], urls.NEWS_FEED)


def news_item_page(data: SiteData, index: int) -> NewsItemView:
    item = data.catalog.news[index]
    return NewsItemView(
        title=item.title,
        summary=item.summary,
        day=dutch.day(item.date, year=True),
        iso_date=item.date.isoformat(),
        body=item.body,
        news_url=urls.NEWS,
        edit_url=editing.edit_url(data.network, item.source, data.repo_root),
    )


def latest(data: SiteData) -> NewsSummary | None:
    """The newest item, for the home page."""
    return summary_of(data.catalog.news[0]) if data.catalog.news else None
