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


# --- offerings for peer workers and professionals: apart from the residents' offer --------------------------

PROFESSIONALS_HEADING = '<h2 id="voor-professionals">Voor ervaringswerkers en professionals</h2>'
ACTIVITY_LINK = re.compile(r'<a href="[./]*activiteiten/([^/"]+)/"')


@pytest.fixture(scope="module")
def example_data():
    repo = Path(__file__).resolve().parents[1]
    return load_site(read_settings(repo, build_date=date(2026, 11, 23)), repo).data


def _content(html: str) -> str:
    """The page's own content, without the theme's navigation and the footer."""
    start = html.index('<article class="md-content__inner md-typeset">')
    return html[start : html.index('<aside class="hn-crisis"', start)]


def test_the_example_content_has_offerings_for_professionals_and_for_residents(example_data):
    apart = {slug for slug, card in example_data.cards.items() if card.for_professionals}
    # The peer workers' intervision and the training on leading groups (audience ervaringswerkers only);
    # 'Werken met eigen ervaring' is for residents who may become peer workers.
    assert apart == {
        "intervisie-ervaringswerkers-eemnes",
        "intervisie-ervaringswerkers-online",
        "werken-met-groepen-amersfoort",
    }


def test_for_professionals_is_only_audiences_at_work_or_a_training_of_professionals(example_data):
    from dataclasses import replace

    from herstelnetwerk.planning.display import for_professionals

    catalog = example_data.catalog
    offerings = {e.slug: e.offering for e in example_data.agenda.entries.values()}
    intervision = offerings["intervisie-ervaringswerkers-online"]
    assert for_professionals(intervision, catalog)
    assert not for_professionals(replace(intervision, audience=["iedereen", "ervaringswerkers"]), catalog)
    assert not for_professionals(replace(intervision, audience=["naasten"]), catalog)
    wmee = offerings["wmee-soest"]
    assert not for_professionals(wmee, catalog)
    trainings = {**catalog.trainings, "wmee": replace(catalog.trainings["wmee"], mind_block="scholing-professionals")}
    assert for_professionals(wmee, replace(catalog, trainings=trainings))


LIST_PAGES = (
    "index.html",
    "gemeenten/*/index.html",
    "gemeenten/*/programma/*/index.html",
    "soort/*/index.html",
    "thema/*/index.html",
    "voor/*/index.html",
    "locaties/*/index.html",
    "trainingen/*/index.html",
)


def test_offerings_for_professionals_stand_apart_after_the_residents_offer_on_every_list_page(built_site, example_data):
    apart = {slug for slug, card in example_data.cards.items() if card.for_professionals}
    checked, mixed = set(), []
    for pattern in LIST_PAGES:
        for path in built_site.glob(pattern):
            name = path.relative_to(built_site).as_posix()
            html = _content(path.read_text(encoding="utf-8"))
            heading = html.find(
                PROFESSIONALS_HEADING.replace("h2", "h3") if name.startswith("trainingen/") else PROFESSIONALS_HEADING
            )
            for link in ACTIVITY_LINK.finditer(html):
                professional = link.group(1) in apart
                if professional:
                    checked.add(name)
                if professional != (heading != -1 and link.start() > heading):
                    mixed.append((name, link.group(1)))
    assert mixed == []
    # The home page (its week), the municipalities (the day list, their cards and online), the listings,
    # the printed programme, the location and the training all have some.
    for name in (
        "index.html",
        "gemeenten/baarn/index.html",
        "gemeenten/amersfoort/programma/2026-11/index.html",
        "soort/intervisie/index.html",
        "thema/meedoen/index.html",
        "voor/ervaringswerkers/index.html",
        "locaties/buurtbibliotheek-schothorst/index.html",
        "trainingen/werken-met-groepen/index.html",
    ):
        assert name in checked


def test_the_embed_lists_only_the_residents_offer(built_site, example_data):
    apart = {slug for slug, card in example_data.cards.items() if card.for_professionals}
    embeds = sorted(built_site.glob("gemeenten/*/inbedden/index.html"))
    assert embeds
    for path in embeds:
        shown = set(re.findall(r'activiteiten/([^/"]+)/"', path.read_text(encoding="utf-8")))
        assert shown and not shown & apart, path


def test_counts_for_residents_leave_the_professionals_offer_out(built_site, example_data):
    cards = example_data.cards
    meedoen = (built_site / "thema" / "meedoen" / "index.html").read_text(encoding="utf-8")
    lead = re.search(r'<p class="hn-lead">(.*?)</p>', meedoen).group(1)
    residents = [s for s in example_data.grouped["theme"]["meedoen"] if not cards[s].for_professionals]
    assert lead == (
        f"{len(residents)} activiteiten in de regio."
        " Verderop staan ook 3 activiteiten voor ervaringswerkers en professionals."
    )
    only = (built_site / "voor" / "ervaringswerkers" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="hn-lead">(.*?)</p>', only).group(1) == (
        "3 activiteiten in de regio, voor ervaringswerkers en professionals."
    )
    # The overview of municipalities counts what residents of Amersfoort can go to there.
    hub = (built_site / "gemeenten" / "index.html").read_text(encoding="utf-8")
    amersfoort = [s for s in example_data.by_municipality["amersfoort"] if not cards[s].for_professionals]
    assert re.search(r'href="amersfoort/">Amersfoort</a>\s*<span class="hn-count">\((\d+) ', hub).group(1) == str(
        len(amersfoort)
    )
