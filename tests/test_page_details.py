"""What a resident, a screen reader, a search engine and the HTML checker meet on every page of the built site."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from herstelnetwerk.planning.plan import load_site
from herstelnetwerk.settings import read_settings


class _Page(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, _Page]:
    return {
        path.relative_to(built_site).as_posix(): _Page(path.read_text(encoding="utf-8"))
        for path in sorted(built_site.rglob("*.html"))
    }


def test_every_page_that_search_engines_see_has_a_description(pages):
    seen = {name: page for name, page in pages.items() if name != "404.html" and "/inbedden/" not in name}
    missing = [
        name
        for name, page in seen.items()
        if not any(m.get("name") == "description" and (m.get("content") or "").strip() for m in page.all("meta"))
    ]
    assert len(seen) > 100 and missing == []


def test_no_landmark_or_image_is_named_in_english(pages):
    english = {"Header", "Footer", "Tabs", "logo"}
    found = {
        (name, value)
        for name, page in pages.items()
        for _, attrs in page.tags
        for value in (attrs.get("aria-label"), attrs.get("alt"))
        if value in english
    }
    assert found == set()


def test_the_embedded_list_names_its_icon(pages, built_site):
    embeds = [name for name in pages if "/inbedden/" in name]
    assert embeds
    for name in embeds:
        (icon,) = [link for link in pages[name].all("link") if link.get("rel") == "icon"]
        assert (built_site / Path(name).parent / (icon["href"] or "")).resolve().is_file(), name


def test_no_form_has_an_empty_action(pages):
    assert [name for name, page in pages.items() for form in page.all("form") if form.get("action") == ""] == []


def test_headings_go_down_one_level_at_a_time(pages):
    """h1, then h2, then h3: a screen reader's list of headings has no gaps (the cards' h3 sit under an h2)."""
    skips = []
    for name, page in pages.items():
        level = 0
        for tag, _ in page.tags:
            if re.fullmatch(r"h[1-6]", tag):
                if int(tag[1]) > level + 1 and level:
                    skips.append(f"{name}: h{level} then {tag}")
                level = int(tag[1])
    assert skips == []


def test_the_printed_programme_breaks_its_address_only_between_parts(built_site):
    page = next((built_site / "gemeenten").glob("*/programma/*/index.html")).read_text(encoding="utf-8")
    address = re.search(r'class="hn-programme__url">(.*?)</span>', page).group(1)
    assert "<wbr>" in address and re.sub("<wbr>", "", address).endswith("/")
    assert "printknop" not in page


def test_a_municipality_day_list_says_walk_in_free_and_online_in_words(built_site):
    """'Can I just walk in, is it free, is it online': answered in each item, as on the offering's card."""
    repo = Path(__file__).resolve().parents[1]
    cards = load_site(read_settings(repo, build_date=date(2026, 11, 23)), repo).data.cards
    html = (built_site / "gemeenten" / "amersfoort" / "index.html").read_text(encoding="utf-8")
    days = re.findall(r'<ul class="hn-day__list">(.*?)</ul>', html, re.S)
    items = [item for day in days for item in re.findall(r"<li[^>]*>(.*?)</li>", day, re.S)]
    assert len(items) > 5
    for item in items:
        card = cards[re.search(r'href="[./]*activiteiten/([^/"]+)/"', item).group(1)]
        for shown, word in ((card.walk_in, "Gewoon binnenlopen"), (card.free, "Gratis"), (card.online, "Online")):
            assert (word in item) == shown, (card.slug, word)
