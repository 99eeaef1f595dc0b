"""MkDocs adapter: turns the activities/ folder into pages and iCal feeds.

All the work happens in the ``herstelnetwerk`` package; this module only
translates between it and MkDocs: it reads the config, adds generated pages,
hands each page its data, and turns content errors into one build error that
lists them all. The feeds and the search index are written beside the pages,
in a process of their own (``herstelnetwerk.outputs.background``), while MkDocs renders.
"""

from __future__ import annotations

import calendar
import gc
import html
import logging
import os
import shutil
import threading
import time
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from herstelnetwerk.outputs import csp
from herstelnetwerk.planning import display
from herstelnetwerk.planning import markup
from herstelnetwerk.planning import urls
from herstelnetwerk.planning import views
from herstelnetwerk.planning import dutch
from herstelnetwerk.planning import programme
from herstelnetwerk.planning import finder
from herstelnetwerk.outputs import writing as outputs
from herstelnetwerk.loading.agenda import build_agenda
from herstelnetwerk.outputs.background import Background, BackgroundError
from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.loading.errors import ContentError
from herstelnetwerk.loading.schedule import TZ
from preview import Preview
from shared_blocks import SharedBlocks

log = logging.getLogger("mkdocs.hooks.activities")

BUILD_DATE_VARIABLE = "HERSTELNETWERK_BUILD_DATE"
ACTIVITIES_VARIABLE = "HERSTELNETWERK_ACTIVITIES"

_state: dict = {}
# A long build logs how far it is every this many pages (INFO: --strict fails on warnings).
PROGRESS_EVERY = 2000


def _build_date() -> date:
    value = os.environ.get(BUILD_DATE_VARIABLE)
    if not value:
        return datetime.now(TZ).date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PluginError(f"{BUILD_DATE_VARIABLE}={value!r} is geen datum; schrijf bijvoorbeeld 2026-11-23.") from None


def _activities_dir(config) -> Path:
    base = Path(config.config_file_path).parent
    configured = os.environ.get(ACTIVITIES_VARIABLE) or config.extra.get("activities", "activities")
    return (base / configured).resolve()


# Kept between the builds of one `mkdocs serve --dirty`, so an edit re-does only what it touched.
_preview = Preview()
_shared_blocks = SharedBlocks()


# While serving, a build does not wait for its feeds and search index.
_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"
    _preview.active = _serving and dirty


def on_config(config):
    _state["started"] = time.perf_counter()
    root = _activities_dir(config)
    build_date = _build_date()
    # The same content and build date give the same bytes: MkDocs dates pages and the
    # sitemap (and its gzip header) with SOURCE_DATE_EPOCH when set, else with today.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(calendar.timegm(build_date.timetuple())))
    with _long_lived_data():
        try:
            loaded = load_catalog(root, build_date, _preview.parsed if _preview.active else None)
        except ContentError as error:
            raise PluginError(error.summary()) from None
        catalog = loaded.catalog
        agenda = build_agenda(catalog, build_date)
    for warning in loaded.warnings:
        log.info(warning.render(root))
    started = _state["started"]
    _state.clear()
    _state["started"] = started
    _state.update(root=root, catalog=catalog, agenda=agenda, data=views.build_site_data(catalog, agenda, Path(config.config_file_path).parent.resolve()), pages={},
                  site=Path(config.site_dir))
    network = catalog.network
    config.site_name = network.name
    config.site_url = network.site_url
    config.extra["network"] = network
    config.extra["content_security_policy"] = csp.POLICY
    _start_background(_state["site"])
    return config


@contextmanager
def _long_lived_data():
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


class _GeneratedPage(Page):
    """A page made from data: its title and template are known and it has no Markdown.

    MkDocs would parse front matter and set up a Markdown converter for each
    page; for 20,000 pages that is a sizeable part of the build, for nothing.
    """

    def __init__(self, file: File, config, meta: dict[str, str]) -> None:
        super().__init__(None, file, config)
        self._known_meta = meta

    def read_source(self, config) -> None:
        self.markdown, self.meta = "", dict(self._known_meta)

    def render(self, config, files) -> None:
        self.content, self.toc, self.present_anchor_ids = "", get_toc([]), set()


def _page(config, files: Files, path: str, template: str, title: str, view: tuple, description: str = "") -> None:
    src_uri = path.rstrip("/") + ".md"
    # The theme prints these values into the HTML as they are, so they must be HTML:
    # a quote in a summary must not end the <meta content="..."> attribute.
    meta = {"title": html.escape(title), "template": template}
    if description:
        meta["description"] = html.escape(description)
    file = File.generated(config, src_uri, content="")
    _GeneratedPage(file, config, meta)
    files.append(file)
    _state["pages"][src_uri] = view


def on_files(files: Files, config) -> Files:
    data: views.SiteData = _state["data"]
    catalog = data.catalog
    for slug, entry in data.agenda.entries.items():
        if entry.offering.status == "concept":
            continue
        _page(config, files, urls.offering(slug), "offering.html", display.title(entry.offering, catalog),
              ("offering", slug), display.summary(entry.offering, catalog))
    for municipality in catalog.network.municipalities:
        _page(config, files, urls.municipality(municipality.slug), "municipality.html",
              f"Activiteiten in {municipality.name}", ("municipality", municipality.slug))
        _programme_pages(config, files, municipality)
    for slug, training in catalog.trainings.items():
        _page(config, files, urls.training(slug), "training.html", training.title, ("training", slug), training.summary)
    for slug, location in catalog.locations.items():
        _page(config, files, urls.location(slug), "location.html", location.name, ("location", slug))
    for kind, make_url, labels in (("type", urls.offering_type, views.LABELS["type"]),
                                   ("audience", urls.audience, views.LABELS["audience"]),
                                   ("theme", urls.theme, views.LABELS["theme"])):
        for key, label in labels.items():
            _page(config, files, make_url(key), "listing.html", label, ("listing", kind, key))
    files.append(File.generated(config, "assets/brand.css", content=_brand_css(catalog.network.brand)))
    if _preview.active:
        # What each generated page shows, computed once: it tells which pages changed.
        _state["contexts"] = {uri: _page_context(*view) for uri, view in _state["pages"].items()}
        custom_dir = Path(config.theme.custom_dir)
        shared = repr((catalog.network, max(p.stat().st_mtime_ns for p in custom_dir.rglob("*"))))
        _preview.mark_unchanged_pages(files, _state["contexts"], shared)
    return files


def _programme_pages(config, files: Files, municipality) -> None:
    """The printable programme of this month and the next, and the embeddable list."""
    for year, month in programme.programme_months(_state["data"].agenda.build_date):
        _page(config, files, programme.programme_url(municipality.slug, year, month), "programme.html",
              f"Programma {municipality.name}, {dutch.month(year, month)}", ("programme", municipality.slug, year, month))
    _page(config, files, programme.embed_url(municipality.slug), "embed.html",
          f"Activiteiten in {municipality.name}", ("embed", municipality.slug))


def _brand_css(brand) -> str:
    """The network's colours as the theme's custom properties."""
    return (
        ":root, [data-md-color-scheme=default] {\n"
        f"  --md-primary-fg-color: {brand.primary_color};\n"
        f"  --md-primary-fg-color--dark: {brand.primary_color};\n"
        "  --md-primary-bg-color: #ffffff;\n"
        f"  --md-accent-fg-color: {brand.accent_color};\n"
        f"  --md-typeset-a-color: {brand.accent_color};\n"
        f"  --hn-accent: {brand.accent_color};\n"
        "}\n"
    )


def on_env(env, config, files):
    # Our own templates escape every value they print, so no content text can
    # become markup; the theme's templates keep the theme's own rules.
    custom_dir = Path(config.theme.custom_dir)
    ours = {path.relative_to(custom_dir).as_posix() for path in custom_dir.rglob("*.html")}
    env.autoescape = lambda name: name in ours
    env.filters["markdown"] = lambda text: Markup(markup.to_html(text))
    _shared_blocks.reset(set(_state["pages"]))
    env.globals["shared_block"] = _shared_blocks
    if _preview.active:
        env.bytecode_cache = _preview.templates
    # Every page's Markdown is rendered by now: the hand-written pages' texts are known.
    try:
        _background.send(_searchable_pages(files))
    except OSError:  # it stopped already: say why
        _finish_background()
    return env


# The feeds and search index of the build under way, written in another process.
_background: Background | None = None
BACKGROUND_FAILED = "De agenda-bestanden of het zoekregister konden niet worden gemaakt"


def _start_background(site: Path) -> None:
    """Write the feeds and the search index while MkDocs makes the pages.

    They are made beside the site folder and moved in when done; the search
    index waits for the hand-written pages' texts, sent from ``on_env``.
    """
    global _background
    _stop_background(site)
    data: views.SiteData = _state["data"]
    _background = Background(lambda inbox: outputs.write_outputs(site, data, inbox))


def _stop_background(site: Path | None = None) -> None:
    """Stop the work of an earlier build (while serving, or after an error), and remove what it left."""
    global _background
    if _background is not None:
        _background.cancel()
        _background = None
    if site is not None:
        shutil.rmtree(outputs.staging_folder(site), ignore_errors=True)


def _finish_background() -> tuple[int, int]:
    """Wait for the feeds and the search index; (feeds, search records), or the build fails."""
    global _background
    background, _background = _background, None
    try:
        return background.result()
    except BackgroundError as error:
        raise PluginError(f"{BACKGROUND_FAILED}: {error}") from None


def _report_when_done(background: Background) -> None:
    """While serving nobody waits for the work: a failure is logged (a cancelled job is not a failure)."""
    try:
        background.result()
    except Exception as error:  # BackgroundError, or its pipe closed by a cancel
        if not background.cancelled:
            log.warning(f"{BACKGROUND_FAILED}: {error}")


# Search records of hand-written pages by source path. A dirty build skips reading a page
# that did not change (its content is then None): its record from before still holds.
_page_records: dict[str, finder.SearchRecord | None] = {}


def _searchable_pages(files: Files) -> list[finder.SearchRecord]:
    """Hand-written pages without a template of their own (an overview page has one) are found by the finder."""
    records = []
    for file in files.documentation_pages():
        if file.src_uri in _state["pages"] or file.page is None:
            continue
        page = file.page
        if page.content is not None:
            _page_records[file.src_uri] = None if page.meta.get("template") else finder.SearchRecord(
                file.url, page.title or "", markup.html_text(page.content))
        if _page_records.get(file.src_uri) is not None:
            records.append(_page_records[file.src_uri])
    return records


def on_nav(nav, config, files):
    _state["rendered"] = 0
    _state["total_pages"] = len(files.documentation_pages())
    return nav


def _progress() -> None:
    _state["rendered"] += 1
    if _state["rendered"] % PROGRESS_EVERY == 0:
        log.info(f"{_state['rendered']} van {_state['total_pages']} pagina's gemaakt")


def _summary(feeds: int, records: int) -> str:
    """One line for the end of the build: how much was made, and how long it took."""
    entries = _state["agenda"].entries.values()
    return (f"Klaar: {len(entries)} activiteiten, {sum(len(e.sessions) for e in entries)} bijeenkomsten, "
            f"{_state['rendered']} pagina's, {feeds} agenda-bestanden, {records} zoekresultaten in "
            f"{time.perf_counter() - _state['started']:.1f} s")


def _page_context(kind: str, *keys) -> dict:
    """What the template of a generated page gets: its view."""
    data: views.SiteData = _state["data"]
    make = {"offering": views.offering_page, "municipality": views.municipality_page,
            "training": views.training_page, "location": views.location_page,
            "listing": views.listing_page,
            "programme": programme.programme_page, "embed": programme.embed_page}[kind]
    context = {"view": make(data, *keys)}
    if kind == "municipality":
        context["extras"] = programme.municipality_extras(data, *keys)
    return context


def on_page_context(context, page, config, nav):
    _progress()
    data: views.SiteData = _state["data"]
    view = _state["pages"].get(page.file.src_uri)
    hub = page.meta.get("hub")
    if view is not None:
        known = _state.get("contexts", {}).get(page.file.src_uri)
        context.update(known if known is not None else _page_context(*view))
    elif hub == "finder":
        context["view"] = finder.finder_page(data)
    elif hub:
        context["view"] = views.hub_page(data, hub)
    context["network"] = data.network
    return context


def on_post_page(output, page, config):
    return csp.fill_policy(output)


def on_post_template(output_content, template_name, config):
    return csp.fill_policy(output_content)


def on_post_build(config):
    """Wait for the feeds and the search index, and fail the build if they could not be made.

    While serving, the preview does not wait: an edited page shows at once, and
    its feed and the finder catch up a moment later (an edit that comes in
    meanwhile stops them and starts them again).
    """
    if _serving:
        log.info(f"Klaar: {_state['rendered']} pagina's in {time.perf_counter() - _state['started']:.1f} s; "
                 "agenda-bestanden en zoekregister volgen")
        if _background is not None:
            threading.Thread(target=_report_when_done, args=(_background,), daemon=True).start()
        return
    log.info(_summary(*_finish_background()))


def on_build_error(error):
    _stop_background(_state.get("site"))


def on_shutdown():
    _stop_background(_state.get("site"))


def on_serve(server, config, builder):
    server.watch(str(_state["root"]))
    return server
