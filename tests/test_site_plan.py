"""The site plan: every generated page once, with a template that exists and the view that template expects."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from herstelnetwerk import planning
from herstelnetwerk.planning import finder, news, open_data, overview_page, programme, views
from herstelnetwerk.planning.site_data import rhythm
from herstelnetwerk.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
BUILD_DATE = date(2026, 11, 23)
# Which view each template is written for.
VIEW_OF_TEMPLATE = {
    "offering.html": views.OfferingView,
    "municipality.html": views.MunicipalityView,
    "training.html": views.TrainingView,
    "location.html": views.LocationView,
    "listing.html": views.ListingView,
    "programme.html": programme.ProgrammeView,
    "embed.html": programme.EmbedView,
    "overview.html": overview_page.OverviewView,
    "news-item.html": news.NewsItemView,
}
VIEW_OF_HUB = {
    "home": views.HomeView,
    "about": views.AboutView,
    "calendar": views.CalendarView,
    "offer": views.OfferView,
    "finder": finder.FinderView,
    "municipalities": views.HubView,
    "trainings": views.HubView,
    "locations": views.HubView,
    "news": news.NewsView,
    "open_data": open_data.OpenDataView,
}


@pytest.fixture(scope="module")
def plan() -> planning.SitePlan:
    return planning.load_site(Settings(ROOT / "activities", BUILD_DATE), ROOT)


def test_every_page_once_with_its_template_and_view(plan):
    urls = [page.url for page in plan.pages]
    assert len(urls) == len(set(urls)) > 100
    for page in plan.pages:
        assert (ROOT / "overrides" / page.template).is_file(), page.template
        assert isinstance(page.make_view(), VIEW_OF_TEMPLATE[page.template]), page.url


def test_every_hub_the_content_names_has_its_view(plan):
    named = {}
    for source in (ROOT / "content").rglob("*.md"):
        found = re.search(r"^hub: *(\S+)", source.read_text(encoding="utf-8"), re.MULTILINE)
        if found:
            named[found.group(1)] = source
    assert set(named) == set(VIEW_OF_HUB)
    for hub, view in VIEW_OF_HUB.items():
        assert isinstance(plan.hub_view(hub), view), hub


def test_an_unknown_hub_is_named_with_the_ones_there_are(plan):
    with pytest.raises(ValueError) as refused:
        plan.hub_view("gemeentes")
    assert str(refused.value) == (
        "'hub: gemeentes' bestaat niet. Kies uit: about, calendar, finder, home, locations, municipalities, "
        "news, offer, open_data, trainings."
    )


def test_only_shown_offerings_are_searchable(plan):
    searchable = {page.url for page in plan.pages if page.make_search_record is not None}
    shown = {f"activiteiten/{entry.slug}/" for entry in plan.data.agenda.visible()}
    offering_pages = {page.url for page in plan.pages if page.template == "offering.html"}
    assert searchable & offering_pages == shown
    # Municipalities, trainings and locations are found too; listings and print pages are not.
    assert {page.template for page in plan.pages if page.make_search_record is not None} == {
        "offering.html",
        "municipality.html",
        "training.html",
        "location.html",
    }


@pytest.mark.parametrize(
    ("slug", "said"),
    [
        ("wmee-soest", "12 bijeenkomsten op woensdag, vanaf 9 december 2026, 13:30 tot 16:00"),
        (
            "wrap-tweedaagse-amersfoort",
            "2 bijeenkomsten op donderdag en vrijdag, vanaf 7 januari 2027, 09:30 tot 16:30",
        ),
        # Five days with four nights: when it starts and when it ends.
        ("wrap-retraite-woudenberg", "Van maandag 25 januari 2027 14:00 tot vrijdag 29 januari 16:00 (4 nachten)"),
    ],
)
def test_a_course_says_on_which_days_and_from_when(plan, slug, said):
    """'12 bijeenkomsten, 13:30 tot 16:00' left a resident asking: which day, starting when?"""
    assert rhythm(plan.data.catalog.offerings[slug]) == said
