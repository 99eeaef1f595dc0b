"""Links into the web editor: "Bewerk deze pagina" and "Nieuwe activiteit toevoegen".

The addresses come from ``repository`` in network.yaml and the file's place in
the repository; GitHub and GitLab name their query parameters differently.
"""

from __future__ import annotations

import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from build_support import mkdocs_build

from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.loading.model import Network, Repository
from herstelnetwerk.planning import editing

REPO = Path(__file__).resolve().parents[1]
BUILD_DATE = date(2026, 11, 23)


def network(edit_url: str | None, new_file_url: str | None = None, folder: str | None = None) -> Network:
    repository = Repository(edit_url=edit_url, new_file_url=new_file_url, folder=folder) if edit_url else None
    return Network(
        name="N",
        region="R",
        site_url="https://n.example.org/",
        contact="c",
        contacts={},
        municipalities=[],
        repository=repository,
    )


# --- building the addresses --------------------------------------------------------


def test_edit_url_is_the_edit_address_plus_the_path_from_the_repository_root(tmp_path: Path):
    content = tmp_path / "activities"
    source = content / "offerings" / "inloop.yaml"
    for base in ("https://github.com/org/site/edit/main/", "https://github.com/org/site/edit/main"):
        folder = editing.folder_in_repository(network(base), content, tmp_path)
        assert folder == "activities"
        assert (
            editing.edit_url(network(base), source, content, folder)
            == "https://github.com/org/site/edit/main/activities/offerings/inloop.yaml"
        )


def test_edit_url_works_for_gitlab_addresses(tmp_path: Path):
    content = tmp_path / "inhoud"
    source = content / "locations" / "de-brink.yaml"
    assert (
        editing.edit_url(network("https://gitlab.example.org/groep/site/-/edit/main/"), source, content, "inhoud")
        == "https://gitlab.example.org/groep/site/-/edit/main/inhoud/locations/de-brink.yaml"
    )


def test_the_content_folder_is_found_in_its_git_checkout_wherever_it_is(tmp_path: Path):
    checkout = tmp_path / "elders" / "netwerk-site"
    content = checkout / "inhoud" / "gooi"
    content.mkdir(parents=True)
    (checkout / ".git").mkdir()
    base = "https://github.com/o/r/edit/main/"
    assert editing.folder_in_repository(network(base), content, REPO) == "inhoud/gooi"
    assert (
        editing.edit_url(network(base), content / "offerings" / "x.yaml", content, "inhoud/gooi")
        == "https://github.com/o/r/edit/main/inhoud/gooi/offerings/x.yaml"
    )


def test_the_folder_written_in_network_yaml_wins_and_a_folder_of_its_own_is_the_top(tmp_path: Path):
    content = tmp_path / "los"
    content.mkdir()
    base = "https://github.com/o/r/edit/main/"
    assert editing.folder_in_repository(network(base, folder="netwerk"), content, REPO) == "netwerk"
    assert editing.folder_in_repository(network(base, folder="."), REPO / "activities", REPO) == ""
    assert editing.folder_in_repository(network(base), content, REPO) == ""  # no checkout: it is one of its own
    assert editing.edit_url(network(base), content / "offerings" / "x.yaml", content, "") == f"{base}offerings/x.yaml"


def test_no_edit_url_without_repository_or_outside_the_content_folder(tmp_path: Path):
    content = tmp_path / "repo" / "activities"
    inside = content / "offerings" / "x.yaml"
    assert editing.folder_in_repository(network(None), content, tmp_path / "repo") is None
    assert editing.edit_url(network(None), inside, content, None) is None
    assert editing.edit_url(network("https://github.com/o/r/edit/main/"), tmp_path / "x.yaml", content, "") is None


def test_new_file_url_on_github_fills_in_filename_and_value():
    url = editing.new_file_url(
        network("https://github.com/o/r/edit/main/", "https://github.com/o/r/new/main/"),
        "activities/offerings",
        "nieuwe-activiteit.yaml",
        'title: "Koffie & thee"\n',
    )
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://github.com/o/r/new/main/activities/offerings"
    assert parse_qs(parts.query) == {"filename": ["nieuwe-activiteit.yaml"], "value": ['title: "Koffie & thee"\n']}


def test_new_file_url_on_gitlab_fills_in_file_name_and_content():
    url = editing.new_file_url(
        network("https://gitlab.com/g/p/-/edit/main/", "https://gitlab.com/g/p/-/new/main/"),
        "activities/offerings",
        "nieuwe-activiteit.yaml",
        "title: Koffie\n",
    )
    parts = urlsplit(url)
    assert parts.path == "/g/p/-/new/main/activities/offerings"
    assert parse_qs(parts.query) == {"file_name": ["nieuwe-activiteit.yaml"], "content": ["title: Koffie\n"]}


def test_no_new_file_url_without_a_new_file_address():
    assert (
        editing.new_file_url(
            network("https://github.com/o/r/edit/main/"), "activities/offerings", "x.yaml", "title: x\n"
        )
        is None
    )


def test_new_item_url_carries_the_template_with_its_schema_path_from_the_target_folder():
    catalog = load_catalog(REPO / "activities", BUILD_DATE).catalog
    url = editing.new_item_url(catalog.network, REPO / "activities", "activities", REPO)
    value = parse_qs(urlsplit(url).query)["value"][0]
    template = (REPO / "templates" / "activiteit.yaml").read_text(encoding="utf-8")
    first, rest = value.split("\n", 1)
    assert first == "# yaml-language-server: $schema=../../schema/offering.schema.json"
    assert (REPO / "activities" / "offerings" / "../../schema/offering.schema.json").resolve().is_file()
    assert rest == template.split("\n", 1)[1]


# --- on the built site -------------------------------------------------------------


class Links(HTMLParser):
    """Every ``<a>``: (href, text), and where in the page it starts."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, int]] = []
        self._open: list | None = None
        self._lines = html.splitlines(keepends=True)
        self.feed(html)

    def _offset(self) -> int:
        line, column = self.getpos()
        return sum(len(text) for text in self._lines[: line - 1]) + column

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open = [dict(attrs).get("href") or "", "", self._offset()]

    def handle_data(self, data):
        if self._open is not None:
            self._open[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            href, text, offset = self._open
            self.links.append((href, " ".join(text.split()), offset))
            self._open = None

    def named(self, text: str) -> list[tuple[str, int]]:
        return [(href, offset) for href, found, offset in self.links if found == text]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(REPO / "activities", BUILD_DATE).catalog


def _pages(catalog):
    edit = catalog.network.repository.edit_url
    for slug, offering in catalog.offerings.items():
        if offering.status != "concept":
            yield f"activiteiten/{slug}/index.html", f"{edit}activities/offerings/{slug}.yaml"
    for slug in catalog.trainings:
        yield f"trainingen/{slug}/index.html", f"{edit}activities/trainings/{slug}.yaml"
    for slug in catalog.locations:
        yield f"locaties/{slug}/index.html", f"{edit}activities/locations/{slug}.yaml"


def test_every_offering_training_and_location_page_links_to_its_own_file(site, catalog):
    pages = list(_pages(catalog))
    assert len(pages) > 50
    for page, expected in pages:
        html = (site / page).read_text(encoding="utf-8")
        links = Links(html).named("Bewerk deze pagina")
        assert [href for href, _ in links] == [expected], page


def test_the_edit_link_comes_after_the_page_content_and_before_the_crisis_help(site, catalog):
    page, _ = next(_pages(catalog))
    html = (site / page).read_text(encoding="utf-8")
    ((_, offset),) = Links(html).named("Bewerk deze pagina")
    assert html.index("</article>") < offset < html.index('class="hn-crisis"')
    assert html.rfind('class="md-grid hn-edit"', 0, offset) > html.index("</article>")


def test_about_page_links_to_a_new_activity_with_the_template_filled_in(site):
    html = (site / "over" / "index.html").read_text(encoding="utf-8")
    ((href, _),) = Links(html).named("Nieuwe activiteit toevoegen")
    parts = urlsplit(href)
    assert (
        f"{parts.scheme}://{parts.netloc}{parts.path}"
        == "https://github.com/herstelnetwerk-eemland/site/new/main/activities/offerings"
    )
    query = parse_qs(parts.query)
    assert query["filename"] == ["nieuwe-activiteit.yaml"]
    assert query["value"] == [
        editing.template_for(REPO / "templates" / "activiteit.yaml", REPO / "activities" / "offerings")
    ]


def test_other_pages_have_no_editor_links(site):
    for page in ("index.html", "gemeenten/amersfoort/index.html", "agenda/index.html"):
        links = Links((site / page).read_text(encoding="utf-8"))
        assert links.named("Bewerk deze pagina") == [] and links.named("Nieuwe activiteit toevoegen") == [], page


def test_pages_with_editor_links_never_show_a_provider(site, catalog):
    providers = {o.provider for o in catalog.offerings.values() if o.provider}
    assert providers
    for page in [p for p, _ in _pages(catalog)] + ["over/index.html"]:
        html = (site / page).read_text(encoding="utf-8")
        for provider in providers:
            assert provider not in html, (page, provider)


def test_content_outside_the_repository_links_to_its_own_place_in_its_repository(tmp_path: Path):
    content = tmp_path / "inhoud"
    shutil.copytree(REPO / "activities", content)
    network_file = content / "network.yaml"
    text = network_file.read_text(encoding="utf-8")
    network_file.write_text(text.replace("repository:\n", "repository:\n  folder: regio/eemland\n"), encoding="utf-8")
    out = tmp_path / "site"
    result = mkdocs_build(out, activities=content)
    assert result.returncode == 0, result.stderr
    html = (out / "activiteiten" / "inloop-de-lindeboom" / "index.html").read_text(encoding="utf-8")
    assert "Inloop in De Lindeboom" in html
    ((href, _),) = Links(html).named("Bewerk deze pagina")
    assert (
        href
        == "https://github.com/herstelnetwerk-eemland/site/edit/main/regio/eemland/offerings/inloop-de-lindeboom.yaml"
    )
    about = (out / "over" / "index.html").read_text(encoding="utf-8")
    ((new, _),) = Links(about).named("Nieuwe activiteit toevoegen")
    assert urlsplit(new).path == "/herstelnetwerk-eemland/site/new/main/regio/eemland/offerings"
    # The template's $schema path would lead out of that repository: the new file goes without it.
    value = parse_qs(urlsplit(new).query)["value"][0]
    assert "$schema" not in value
    assert value == (REPO / "templates" / "activiteit.yaml").read_text(encoding="utf-8").split("\n", 1)[1].lstrip("\n")
    assert "Aanbod doorgeven" in about
