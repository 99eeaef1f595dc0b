"""The news pages: the list, newest first, each item's own page, and the latest item for the home page.

Items come from the content folder's ``nieuws/`` (``loading.news``); their
text is Markdown, rendered by the template as every content text is.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..loading.model import NewsItem
from ..loading.news import NEWS_FOLDER
from . import dutch, editing, urls
from .site_data import SiteData


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
    new_item_url: str | None  # the web editor, with the template filled in (None: no repository)


def summary_of(item: NewsItem) -> NewsSummary:
    return NewsSummary(
        item.title, item.summary, dutch.day(item.date, year=True), item.date.isoformat(), urls.news_item(item.slug)
    )


def news_page(data: SiteData) -> NewsView:
    return NewsView([summary_of(item) for item in data.catalog.news], urls.NEWS_FEED, new_item_url(data))


# The name a new item's file gets in the web editor; the volunteer puts in the date and a few words.
NEW_ITEM_NAME = "jjjj-mm-dd-kop-van-het-bericht.md"


def new_item_url(data: SiteData) -> str | None:
    """The web editor's "new file" page in the content folder's nieuws/, with templates/nieuws.md filled in."""
    if data.repo_root is None or data.edit_folder is None:
        return None
    folder = editing.repo_path(data.catalog.root / NEWS_FOLDER / NEW_ITEM_NAME, data.catalog.root, data.edit_folder)
    if folder is None:
        return None
    template = data.repo_root / editing.TEMPLATES_DIR / "nieuws.md"
    content = template.read_text(encoding="utf-8") if template.is_file() else None
    return editing.new_file_url(data.network, folder.rsplit("/", 1)[0], NEW_ITEM_NAME, content)


def news_item_page(data: SiteData, index: int) -> NewsItemView:
    item = data.catalog.news[index]
    return NewsItemView(
        title=item.title,
        summary=item.summary,
        day=dutch.day(item.date, year=True),
        iso_date=item.date.isoformat(),
        body=item.body,
        news_url=urls.NEWS,
        edit_url=data.edit_url(item.source),
    )


def latest(data: SiteData) -> NewsSummary | None:
    """The newest item, for the home page."""
    return summary_of(data.catalog.news[0]) if data.catalog.news else None
