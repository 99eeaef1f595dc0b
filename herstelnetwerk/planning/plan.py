"""The site plan: every page the content makes, with its address, template, title and view.

``load_site`` reads and checks the content folder and returns the plan; the
site generator's adapter only turns each planned page into one of its own
pages and hands the template the page's view. A new kind of page is a new
entry here, a view in ``views`` and a template: the adapter does not change.

Views are made when the page is rendered (``PlannedPage.make_view()``), not when it
is planned: a large network has tens of thousands of pages, and a view lives
only as long as its page takes to render. The same goes for search records,
which the background process makes (``SitePlan.search_records``).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path

from ..loading.agenda import build_agenda
from ..loading.catalog import ParseCache, load_catalog
from ..loading.errors import ContentError
from ..loading.model import Picture
from ..loading.yamlfile import front_matter_problems
from ..settings import Settings
from . import display, dutch, finder, markup, news, open_data, overview_page, programme, search, urls, views
from .brand import BRAND_CSS, brand_css
from .overview import Overview, build_overview
from .search import SearchRecord
from .site_data import GROUPINGS, SiteData, build_site_data

# What a template gets as ``view``: the contract between the plan and the templates.
View = (
    views.OfferingView
    | views.MunicipalityView
    | views.TrainingView
    | views.LocationView
    | views.ListingView
    | views.HomeView
    | views.HubView
    | views.OfferView
    | views.AboutView
    | views.CalendarView
    | programme.ProgrammeView
    | programme.EmbedView
    | finder.FinderView
    | overview_page.OverviewView
    | news.NewsView
    | news.NewsItemView
    | open_data.OpenDataView
)


@dataclass
class ShareInfo:
    """What every page tells apps that show a shared link."""

    image: str | None  # absolute
    image_alt: str


@dataclass(frozen=True)
class PlannedPage:
    """One generated page of the site."""

    url: str  # relative to the site: "activiteiten/inloop-soest/"
    template: str
    title: str
    make_view: Callable[[], View]
    description: str = ""  # for search engines and shared links; plain text
    # How the finder finds it; None: not in the search index.
    make_search_record: Callable[[], SearchRecord] | None = None


@dataclass
class SitePlan:
    """Everything the site is made of that the content decides."""

    data: SiteData
    pages: list[PlannedPage]
    # Files that are not pages: {path in the site: text}.
    files: dict[str, str]
    # Views of the hand-written pages, by the ``hub`` their front matter names.
    hubs: dict[str, Callable[[], View]]
    share: ShareInfo
    # Files copied as they are: {path in the site: file in the content folder}.
    copies: dict[str, Path] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # shown, but the build goes on
    # The network's pictures: {path in the site: bytes}, and which of them the theme shows as logo and favicon.
    pictures: dict[str, bytes] = field(default_factory=dict)
    logo: str | None = None
    favicon: str | None = None

    @property
    def name(self) -> str:
        return self.data.network.name

    @cached_property
    def overview(self) -> Overview:
        """The coordinators' figures, made once for the overview page and its downloads."""
        return build_overview(self.data)

    @property
    def site_url(self) -> str:
        return self.data.network.site_url

    def hub_view(self, hub: str) -> View:
        """The view of a hand-written page whose front matter says ``hub: <hub>``."""
        if hub not in self.hubs:
            raise ValueError(f"'hub: {hub}' bestaat niet. Kies uit: {', '.join(sorted(self.hubs))}.")
        return self.hubs[hub]()

    def hub_record_text(self, hub: str) -> str | None:
        """The HTML a hand-written page with a template of its own is found by, before its own text; None: not found.

        Overview pages (home, municipalities, ...) are lists of links that the finder has
        already; the about page is a text to find, most of it from network.yaml.
        """
        if hub == "about":
            return markup.to_html(self.data.network.about)
        return None

    def search_records(self, hand_written: list[SearchRecord]) -> dict[str, list[SearchRecord]]:
        """The records per index, the hand-written pages' ones last in the general index."""
        made = (page.make_search_record() for page in self.pages if page.make_search_record)
        indexes = search.by_index(made, (m.slug for m in self.data.network.municipalities))
        indexes[search.GENERAL_INDEX].extend(hand_written)
        return indexes

    def summary(self) -> str:
        """``37 activiteiten, 868 bijeenkomsten``: what the build is made of."""
        entries = self.data.agenda.entries.values()
        return (
            f"{dutch.count(len(entries), 'activiteit', 'activiteiten')}, "
            f"{dutch.count(sum(len(e.sessions) for e in entries), 'bijeenkomst', 'bijeenkomsten')}"
        )


def load_site(settings: Settings, repo_root: Path | None, cache: ParseCache | None = None) -> SitePlan:
    """Read and check the content folder and plan the site; raises ``ContentError`` when it has mistakes."""
    with _long_lived_data():
        loaded = load_catalog(settings.activities, settings.build_date, cache)
        catalog = loaded.catalog
        data = build_site_data(catalog, build_agenda(catalog, settings.build_date), repo_root)
    plan = plan_site(data)
    plan.warnings = [warning.render(settings.activities) for warning in loaded.warnings]
    return plan


@contextmanager
def _long_lived_data() -> Iterator[None]:
    """Make the data every page needs without Python's cycle collector walking it over and over.

    A large network is millions of objects that all stay until the build ends.
    While they are made, the collector would go through them again and again
    (a quarter of the loading time at 20,000 offerings), and through all of
    them on each full collection while pages are made. So it pauses while they
    are made, and ``gc.freeze`` then leaves them out of its rounds.

    ``gc.freeze`` freezes every object alive at that moment, garbage too. So
    first the previous build's data (while serving) is handed back to the
    collector and collected, else each rebuild would keep the one before.
    """
    gc.unfreeze()
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.freeze()


def plan_site(data: SiteData) -> SitePlan:
    """Every generated page, in the order the site lists them (the sitemap keeps it)."""
    catalog = data.catalog
    pages: list[PlannedPage] = []
    for slug, entry in data.agenda.entries.items():
        offering = entry.offering
        if offering.is_draft:
            continue
        pages.append(
            PlannedPage(
                urls.offering(slug),
                "offering.html",
                display.title(offering, catalog),
                partial(views.offering_page, data, slug),
                display.summary(offering, catalog),
                partial(search.offering_record, data, slug) if entry.visible else None,
            )
        )
    for municipality in catalog.network.municipalities:
        pages.extend(_municipality_pages(data, municipality.slug, municipality.name))
    for slug, training in catalog.trainings.items():
        pages.append(
            PlannedPage(
                urls.training(slug),
                "training.html",
                training.title,
                partial(views.training_page, data, slug),
                training.summary,
                partial(search.training_record, data, slug),
            )
        )
    for slug, location in catalog.locations.items():
        pages.append(
            PlannedPage(
                urls.location(slug),
                "location.html",
                location.name,
                partial(views.location_page, data, slug),
                f"{location.name}: het adres, hoe toegankelijk het is, hoe je er komt en wat er te doen is.",
                partial(search.location_record, data, slug),
            )
        )
    for grouping in GROUPINGS:
        for key, label in data.choices(grouping):
            pages.append(
                PlannedPage(
                    grouping.url(key),
                    "listing.html",
                    label,
                    partial(views.listing_page, data, grouping, key),
                    f"Alle activiteiten bij '{label}', per gemeente, met wanneer en waar.",
                )
            )
    for index, item in enumerate(catalog.news):
        pages.append(
            PlannedPage(
                urls.news_item(item.slug),
                "news-item.html",
                item.title,
                partial(news.news_item_page, data, index),
                item.summary,
            )
        )
    hubs: dict[str, Callable[[], View]] = {
        "home": partial(views.home_page, data),
        "about": partial(views.about_page, data),
        "calendar": partial(views.calendar_page, data),
        "offer": partial(views.offer_page, data),
        "finder": partial(finder.finder_page, data),
        "municipalities": partial(views.municipalities_hub, data),
        "trainings": partial(views.trainings_hub, data),
        "locations": partial(views.locations_hub, data),
        "news": partial(news.news_page, data),
        "open_data": partial(open_data.open_data_page, data),
    }
    network = catalog.network
    share = ShareInfo(
        image=network.site_url + urls.SHARE_IMAGE if catalog.share_image else None,
        image_alt=f"{network.name}: {network.tagline}" if network.tagline else network.name,
    )
    plan = SitePlan(
        data=data,
        pages=pages,
        files={BRAND_CSS: brand_css(catalog.network.brand)},
        hubs=hubs,
        share=share,
        copies={urls.SHARE_IMAGE: catalog.share_image} if catalog.share_image else {},
    )
    # Under "Over het netwerk", for the coordinating team; not in the finder.
    pages.append(
        PlannedPage(
            urls.OVERVIEW,
            "overview.html",
            overview_page.TITLE,
            lambda: overview_page.overview_page(plan.overview),
            overview_page.DESCRIPTION,
        )
    )
    _add_pictures(plan, catalog.pictures)
    return plan


# Where the network's pictures land in the site (the name of the file in the content folder does not matter).
PICTURES_FOLDER = "assets/netwerk"


def _add_pictures(plan: SitePlan, pictures: dict[str, Picture]) -> None:
    """The logo and favicon from the content folder; the favicon is the logo unless the network names its own."""
    for role in ("logo", "favicon"):
        picture = pictures.get(role) or (pictures.get("logo") if role == "favicon" else None)
        if picture is None:
            continue
        path = f"{PICTURES_FOLDER}/{picture.role}{picture.suffix}"
        plan.pictures[path] = picture.data
        setattr(plan, role, path)


def _municipality_pages(data: SiteData, slug: str, name: str) -> Iterator[PlannedPage]:
    """A municipality's page, its printable programme of this month and the next, and its embeddable list."""
    title = f"Activiteiten in {name}"

    def municipality_view() -> views.MunicipalityView:
        return views.municipality_page(data, slug, programme.sharing(data, slug))

    yield PlannedPage(
        urls.municipality(slug),
        "municipality.html",
        title,
        municipality_view,
        f"Gratis activiteiten en trainingen in {name}: wat er deze week is, waar en hoe je meedoet.",
        partial(search.municipality_record, data, slug, title),
    )
    for year, month in programme.programme_months(data.agenda.build_date):
        yield PlannedPage(
            programme.programme_url(slug, year, month),
            "programme.html",
            f"Programma {name}, {dutch.month(year, month)}",
            partial(programme.programme_page, data, slug, year, month),
            f"Alle activiteiten in {name} in {dutch.month(year, month)}, per dag, om te printen of op te hangen.",
        )
    yield PlannedPage(programme.embed_url(slug), "embed.html", title, partial(programme.embed_page, data, slug))


def check_hand_written(pages: Iterable[Path], root: Path) -> None:
    """Raise ContentError when the front matter of a hand-written page is broken (it would be ignored)."""
    problems = [problem for page in pages for problem in front_matter_problems(page)]
    if problems:
        raise ContentError(problems, root)
