"""The real example site, built once with ``mkdocs build --strict``.

The pages and feeds are read back as a visitor and a calendar app get them, and
compared with the model (``load_catalog`` + ``build_agenda``) and with each
other.
"""

from __future__ import annotations

import gzip
import re
import shutil
from datetime import date, datetime, time, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import icalendar
import pytest
import recurring_ical_events
import yaml
from build_support import BUILD_DATE, REPO, SessionList, Tags, mkdocs_build, session_times

from herstelnetwerk.loading import vocabulary
from herstelnetwerk.loading.agenda import build_agenda
from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.loading.schedule import TZ
from herstelnetwerk.planning import display, urls

ACTIVITIES = REPO / "activities"
TODAY = date.fromisoformat(BUILD_DATE)
FEED_DAYS = 90
SESSIONS_ON_PAGE = 12  # an offering page lists at most this many sessions
OFFERING_SLUGS = sorted(p.stem for p in (ACTIVITIES / "offerings").glob("*.yaml"))
OFFERING_LINK = re.compile(r'href="(?:\.\./)*(?:\./)?activiteiten/([a-z0-9-]+)/(?:index\.html)?"')


# --- fixtures ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    site_dir = tmp_path_factory.mktemp("example-site")
    return site_dir, mkdocs_build(site_dir)


@pytest.fixture(scope="module")
def site(build) -> Path:
    site_dir, result = build
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return site_dir


@pytest.fixture(scope="module")
def model():
    catalog = load_catalog(ACTIVITIES, TODAY).catalog
    return catalog, build_agenda(catalog, TODAY)


def page(site: Path, path: str) -> str:
    file = site / path / "index.html" if path.endswith("/") or not path else site / path
    assert file.is_file(), f"{path} was not built"
    return file.read_text(encoding="utf-8")


def main_content(html: str) -> str:
    """The page's own content: the navigation and footer are left out."""
    start = html.find('<article class="md-content__inner')
    end = html.rfind("</article>")
    assert 0 <= start < end, "the page has no main content"
    return html[start:end]


# --- the build itself ---------------------------------------------------------------------


def test_strict_build_of_the_example_site_succeeds(build):
    _, result = build
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_every_expected_page_exists(site, model):
    catalog, agenda = model
    expected = ["", "gemeenten/", "aanbod/", "trainingen/", "locaties/", "agenda/", "over/"]
    expected += [urls.municipality(m.slug) for m in catalog.network.municipalities]
    expected += [urls.offering(e.slug) for e in agenda.visible()]
    expected += [urls.training(slug) for slug in catalog.trainings]
    expected += [urls.location(slug) for slug in catalog.locations]
    expected += [urls.offering_type(key) for key, _ in vocabulary.OFFERING_TYPES]
    expected += [urls.audience(key) for key, _ in vocabulary.AUDIENCES]
    expected += [urls.theme(key) for key, _ in vocabulary.THEMES]
    missing = [path for path in expected if not (site / path / "index.html").is_file()]
    assert not missing, f"pages not built: {missing}"
    assert len(agenda.visible()) >= 30, "the example content shows a full site"
    assert (site / urls.feed("alles")).is_file()


# --- offering pages against the model -----------------------------------------------------


def shown_sessions(html: str) -> list[dict]:
    found = SessionList(html)
    assert found.lists_found <= 1
    return found.items


@pytest.mark.parametrize("slug", OFFERING_SLUGS)
def test_offering_page_lists_the_upcoming_sessions_of_the_model(site, model, slug):
    _, agenda = model
    entry = agenda.entries[slug]
    if not entry.visible:
        pytest.skip("not shown: no upcoming sessions or not active")
    items = shown_sessions(page(site, urls.offering(slug)))
    expected = [
        (s.start.date().isoformat(), f"{s.start:%H:%M}", f"{s.end:%H:%M}", s.cancelled, s.moved)
        for s in entry.sessions[:SESSIONS_ON_PAGE]
    ]
    shown = [
        (
            item["date"],
            *(session_times(item["text"]) or ("?", "?")),
            "Gaat niet door" in item["text"],
            "Verplaatst" in item["text"],
        )
        for item in items
    ]
    assert shown == expected


def test_the_examples_show_cancelled_and_moved_sessions(site, model):
    """Guards the test above: the examples do contain both kinds of exception."""
    _, agenda = model
    texts = [item["text"] for e in agenda.visible() for item in shown_sessions(page(site, urls.offering(e.slug)))]
    assert any("Gaat niet door" in t for t in texts)
    assert any("Verplaatst" in t for t in texts)


# --- feeds against pages ----------------------------------------------------------------------


def feed_sessions(path: Path, first: date, days: int) -> set[tuple[str, str, str, str]]:
    """(slug, date, start, end) of every event of the feed from ``first`` for ``days`` days, local time."""
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    start = datetime.combine(first, time(0, 0), tzinfo=TZ)
    found = set()
    for event in recurring_ical_events.of(calendar).between(start, start + timedelta(days=days)):
        begin = event.decoded("DTSTART").astimezone(TZ)
        end = event.decoded("DTEND").astimezone(TZ)
        slug = urlsplit(str(event.get("URL"))).path.strip("/").split("/")[-1]
        found.add((slug, begin.date().isoformat(), f"{begin:%H:%M}", f"{end:%H:%M}"))
    return found


def all_feeds(site: Path) -> list[Path]:
    feeds = sorted(site.rglob("*.ics"))
    assert feeds, "the site has no feeds"
    return feeds


def test_each_offering_feed_gives_the_sessions_on_its_page(site, model):
    _, agenda = model
    last_day = TODAY + timedelta(days=FEED_DAYS - 1)
    checked = 0
    for feed in sorted((site / "agenda" / "activiteiten").glob("*.ics")):
        slug = feed.stem
        assert agenda.entries[slug].visible, f"{slug} has a feed but is not shown"
        items = shown_sessions(page(site, urls.offering(slug)))
        on_page = {
            (slug, item["date"], *session_times(item["text"]))
            for item in items
            if "hn-cancelled" not in item["classes"] and "Gaat niet door" not in item["text"]
        }
        in_feed = feed_sessions(feed, TODAY, FEED_DAYS)
        # The page lists at most twelve sessions, the feed has them all: compare
        # the days both cover.
        cutoff = last_day if len(items) < SESSIONS_ON_PAGE else min(last_day, date.fromisoformat(items[-1]["date"]))
        on_page = {s for s in on_page if s[1] <= cutoff.isoformat()}
        in_feed = {s for s in in_feed if s[1] <= cutoff.isoformat()}
        assert in_feed == on_page, f"{slug}: only in feed {in_feed - on_page}, only on page {on_page - in_feed}"
        checked += bool(in_feed)
    dated = [e.slug for e in agenda.visible() if not e.offering.schedule.appointment]
    assert sorted(p.stem for p in (site / "agenda" / "activiteiten").glob("*.ics")) == sorted(dated)
    assert checked >= 20, "most example offerings meet in the next 90 days"


def offerings_linked(html: str) -> set[str]:
    return set(OFFERING_LINK.findall(main_content(html)))


@pytest.mark.parametrize(
    ("folder", "page_of"),
    [
        pytest.param("gemeenten", urls.municipality, id="municipality"),
        pytest.param("trainingen", urls.training, id="training"),
        pytest.param("thema", urls.theme, id="theme"),
    ],
)
def test_each_group_feed_holds_the_offerings_its_page_lists(site, folder, page_of):
    """A municipality's, training's or theme's feed = the feeds of the offerings on its page."""
    offering_feeds = site / "agenda" / "activiteiten"
    feeds = sorted((site / "agenda" / folder).glob("*.ics"))
    assert feeds
    non_empty = 0
    for feed in feeds:
        listed = offerings_linked(page(site, page_of(feed.stem)))
        expected = set()
        for slug in listed:
            if (offering_feeds / f"{slug}.ics").exists():  # by appointment: no dates, no feed
                expected |= feed_sessions(offering_feeds / f"{slug}.ics", TODAY, FEED_DAYS)
        assert feed_sessions(feed, TODAY, FEED_DAYS) == expected, feed.name
        non_empty += bool(expected)
    assert non_empty >= len(feeds) // 2, "most groups have sessions in the examples"


def test_the_feed_with_everything_is_every_offering_feed_together(site):
    expected = set()
    for feed in (site / "agenda" / "activiteiten").glob("*.ics"):
        expected |= feed_sessions(feed, TODAY, FEED_DAYS)
    assert feed_sessions(site / urls.feed("alles"), TODAY, FEED_DAYS) == expected
    assert len(expected) > 100


DAY_SECTION = re.compile(r'<section class="hn-day"[^>]*>(.*?)</section>', re.S)
DAY_ITEM = re.compile(r'<li class="([^"]*)"[^>]*>(.*?)</li>', re.S)


def test_municipality_page_two_weeks_match_its_feed(site, model):
    """The day list is the residents' part of the feed: offerings for professionals stand apart below it."""
    catalog, agenda = model
    apart = {slug for slug, e in agenda.entries.items() if display.for_professionals(e.offering, catalog)}
    assert apart
    seen = 0
    for municipality in catalog.network.municipalities:
        html = page(site, urls.municipality(municipality.slug))
        on_page = set()
        for section in DAY_SECTION.findall(html):
            day = re.search(r'<time datetime="([0-9-]{10})"', section).group(1)
            for classes, item in DAY_ITEM.findall(section):
                if "hn-cancelled" in classes:
                    continue
                slug = OFFERING_LINK.search(item).group(1)
                on_page.add((slug, day, *session_times(item)))
        in_feed = feed_sessions(site / urls.feed("gemeenten", municipality.slug), TODAY, 14)
        assert on_page == {event for event in in_feed if event[0] not in apart}, municipality.slug
        seen += len(on_page)
    assert seen >= 20, "the examples fill the coming two weeks"


def test_every_feed_parses_and_names_no_provider_or_person(site):
    for feed in all_feeds(site):
        calendar = icalendar.Calendar.from_ical(feed.read_bytes())
        for event in calendar.walk("VEVENT"):
            for forbidden in ("ORGANIZER", "ATTENDEE", "CONTACT"):
                assert forbidden not in event, f"{feed.name}: {forbidden}"


# --- privacy ---------------------------------------------------------------------------------


FETCHING_ATTRIBUTES = ("src", "href", "srcset", "data", "poster", "action", "formaction", "background")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+(?:url\()?\s*['"]?([^'")\s;]+)""", re.I)


def foreign_host(url: str, own_host: str) -> str | None:
    """The host of ``url`` when it is an absolute or protocol-relative URL to another host."""
    url = url.strip()
    if not (url.startswith("//") or re.match(r"(?i)https?:", url)):
        return None
    host = urlsplit(url if not url.startswith("//") else "https:" + url).hostname
    return host if host and host != own_host else None


def test_no_page_loads_anything_from_another_host(site, model):
    catalog, _ = model
    own = urlsplit(catalog.network.site_url).hostname
    problems = []
    files = [p for p in site.rglob("*") if p.suffix in (".html", ".css", ".js") and p.is_file()]
    assert any(p.suffix == ".css" for p in files) and any(p.suffix == ".js" for p in files)
    for file in files:
        text = file.read_text(encoding="utf-8", errors="replace")
        name = file.relative_to(site).as_posix()
        for host in ("fonts.googleapis", "fonts.gstatic"):
            if host in text:
                problems.append(f"{name}: {host}")
        css = [text] if file.suffix == ".css" else []
        if file.suffix == ".html":
            tags = Tags(text)
            css += tags.styles
            for tag, attributes in tags.tags:
                css.append(attributes.get("style") or "")
                if tag == "a":
                    continue  # a link the reader may follow; it loads nothing by itself
                for attribute in FETCHING_ATTRIBUTES:
                    for url in re.split(r",\s*", attributes.get(attribute) or ""):
                        host = foreign_host(url.split(" ")[0], own)
                        if host:
                            problems.append(f"{name}: <{tag} {attribute}> loads from {host}")
        for block in css:
            for match in CSS_URL.finditer(block):
                host = foreign_host(match.group(1) or match.group(2), own)
                if host:
                    problems.append(f"{name}: CSS loads from {host}")
    assert not problems, "\n".join(sorted(set(problems))[:40])


def test_provider_never_appears_in_the_site(site, model):
    catalog, _ = model
    providers = {o.provider for o in catalog.offerings.values() if o.provider}
    assert len(providers) >= 5
    found = []
    for file in site.rglob("*"):
        if not file.is_file():
            continue
        raw = file.read_bytes()
        if raw[:2] == b"\x1f\x8b":  # compressed (sitemap, search index)
            try:
                raw = gzip.decompress(raw)
            except OSError:
                pass
        text = raw.decode("utf-8", errors="ignore").lower()
        text = re.sub(r"\s+", " ", text)
        for provider in providers:
            if provider.lower() in text:
                found.append(f"{file.relative_to(site)}: {provider}")
    assert not found, found[:20]


# --- navigation and size ---------------------------------------------------------------------------


def nav_entries() -> list[str]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # ignore !!python/name tags
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)

    def leaves(items) -> list[str]:
        found = []
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            found += leaves(value) if isinstance(value, list) else [value]
        return found

    return leaves(config["nav"])


class PrimaryNav(Tags):
    """The links inside the theme's primary navigation."""

    def __init__(self, html: str):
        self.links: list[str] = []
        self._nav_depth = 0
        super().__init__(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "nav":
            if self._nav_depth:
                self._nav_depth += 1
            elif "md-nav--primary" in (attributes.get("class") or ""):
                self._nav_depth = 1
        elif tag == "a" and self._nav_depth and "md-logo" not in (attributes.get("class") or ""):
            self.links.append(attributes.get("href") or "")

    def handle_endtag(self, tag):
        if tag == "nav" and self._nav_depth:
            self._nav_depth -= 1


HOME_MAX_BYTES = 80_000


def test_navigation_holds_the_hubs_only(site, model):
    _, agenda = model
    hubs = nav_entries()
    assert 3 <= len(hubs) <= 12
    some_offering = agenda.visible()[0].slug
    for path in ("", urls.offering(some_offering), urls.municipality("amersfoort")):
        links = PrimaryNav(page(site, path)).links
        assert len(links) == len(hubs), (path, links)
        assert not [link for link in links if "activiteiten/" in link], path
    home = (site / "index.html").stat().st_size
    assert home < HOME_MAX_BYTES, f"home page is {home} bytes"


def test_page_size_does_not_grow_with_the_number_of_offerings(site, model, tmp_path):
    _, agenda = model
    content = tmp_path / "activities"
    shutil.copytree(ACTIVITIES, content)
    source = next(e for e in agenda.visible() if not e.offering.is_online and e.offering.status == "actief")
    text = (ACTIVITIES / "offerings" / f"{source.slug}.yaml").read_text(encoding="utf-8")
    for number in range(1, 41):
        (content / "offerings" / f"extra-{number:02d}.yaml").write_text(text, encoding="utf-8")
    # A draft is never published.
    draft = re.sub(r"(?m)^status:.*\n", "", text) + "status: concept\n"
    (content / "offerings" / "kladversie.yaml").write_text(draft, encoding="utf-8")
    bigger = tmp_path / "site"
    result = mkdocs_build(bigger, activities=content)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (bigger / "activiteiten" / "extra-40" / "index.html").is_file()
    assert not (bigger / "activiteiten" / "kladversie").exists()
    assert "kladversie" not in (bigger / "agenda" / "alles.ics").read_text(encoding="utf-8")
    for entry in agenda.visible():
        path = Path(urls.offering(entry.slug)) / "index.html"
        before, after = (site / path).stat().st_size, (bigger / path).stat().st_size
        assert abs(after - before) < 0.05 * before, f"{entry.slug}: {before} -> {after} bytes"
    home_before, home_after = (site / "index.html").stat().st_size, (bigger / "index.html").stat().st_size
    assert home_after < HOME_MAX_BYTES
    assert abs(home_after - home_before) < 0.10 * home_before
