"""`mkdocs serve --dirty`: after an edit, only the pages that show the change are made again.

The builds run in this process, as serve runs them, against a copy of the
example content; the edit changes one activity's title.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from build_support import build_environment
from mkdocs.commands.build import build
from mkdocs.config import load_config

from herstelnetwerk.outputs.background import PROCESS_NAME

REPO = Path(__file__).resolve().parent.parent
EDITED = "wandelen-eemnes"
UNRELATED = "jongerengroep-amersfoort"


@pytest.fixture
def preview(tmp_path, monkeypatch):
    activities = tmp_path / "activities"
    shutil.copytree(REPO / "activities", activities)
    monkeypatch.setenv("HERSTELNETWERK_ACTIVITIES", str(activities))
    monkeypatch.setenv("HERSTELNETWERK_BUILD_DATE", "2026-11-23")
    site = tmp_path / "site"

    def rebuild(startup: bool = False) -> None:
        config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(site), strict=False)
        if startup:
            config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=True)

    rebuild(startup=True)
    yield activities, site, rebuild
    wait_for_background()
    # Back to ordinary builds for whatever runs next in this process.
    load_config(str(REPO / "mkdocs.yml")).plugins.on_startup(command="build", dirty=False)


def wait_for_background() -> None:
    """While serving, feeds and the search index are written by a process beside the build."""
    for child in multiprocessing.active_children():
        if child.name == PROCESS_NAME:
            child.join()


def _stamp(path: Path) -> int:
    return path.stat().st_mtime_ns


def test_an_edit_reaches_every_page_that_shows_it_and_no_other(preview):
    activities, site, rebuild = preview
    edited_page = site / "activiteiten" / EDITED / "index.html"
    municipality = site / "gemeenten" / "eemnes" / "index.html"
    unrelated = site / "activiteiten" / UNRELATED / "index.html"
    before = {path: _stamp(path) for path in (edited_page, municipality, unrelated)}

    source = activities / "offerings" / f"{EDITED}.yaml"
    lines = source.read_text(encoding="utf-8").split("\n")
    title_line = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[title_line] = 'title: "Wandelen langs de Eem"'
    source.write_text("\n".join(lines), encoding="utf-8")
    stat = source.stat()
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    rebuild()
    wait_for_background()

    assert "Wandelen langs de Eem" in edited_page.read_text(encoding="utf-8")
    assert "Wandelen langs de Eem" in municipality.read_text(encoding="utf-8")
    assert "Wandelen langs de Eem" in (site / "agenda" / "activiteiten" / f"{EDITED}.ics").read_text(encoding="utf-8")
    assert _stamp(edited_page) != before[edited_page]
    assert _stamp(unrelated) == before[unrelated], "a page that does not show the change was made again"


def test_a_rebuild_lets_the_previous_build_go(preview, monkeypatch):
    """Each build freezes its data for the cycle collector; the build before it must still be freed."""
    import gc
    import weakref

    from mkdocs.structure import pages

    _, _, rebuild = preview
    made: list[list[weakref.ref]] = []
    init = pages.Page.__init__

    def counted_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        made[-1].append(weakref.ref(self))

    monkeypatch.setattr(pages.Page, "__init__", counted_init)
    for _ in range(3):
        made.append([])
        rebuild()
        wait_for_background()
    gc.collect()
    assert all(len(build) > 50 for build in made)  # not vacuous: every build made its pages
    assert [sum(page() is not None for page in build) for build in made] == [0, 0, 0]


def test_the_collector_is_left_as_it_was(preview):
    import gc

    _, _, rebuild = preview
    assert gc.isenabled()
    gc.disable()
    try:
        rebuild()
        assert not gc.isenabled()
    finally:
        gc.enable()
    rebuild()
    assert gc.isenabled()


# --- The real preview server after an edit that breaks the content ------------------------


def _page(url: str) -> str | None:
    """The page's text, also when the server answers with an error status; None if it does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, text: str, limit: float = 60) -> str:
    deadline = time.monotonic() + limit
    page = None
    while time.monotonic() < deadline:
        page = _page(url)
        if page is not None and text in page:
            return page
        time.sleep(0.2)
    raise AssertionError(f"{url} did not show {text!r} within {limit} s; last answer: {(page or '')[:300]!r}")


@contextlib.contextmanager
def serving(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``mkdocs serve`` as ``scripts/serve`` runs it, on a copy of the example content: (address, content folder).

    On leaving, the server's log must hold no traceback and no "appear stuck".
    """
    activities = tmp_path / "activities"
    shutil.copytree(REPO / "activities", activities)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=REPO,
            env=build_environment(activities),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}/"
            _wait_for(base, "<h1", limit=120)
            yield base, activities
        finally:
            server.terminate()
            server.wait(timeout=30)
    text = log.read_text(encoding="utf-8")
    assert "Traceback" not in text and "will appear stuck" not in text, text


def test_the_preview_shows_a_broken_edit_in_dutch_and_the_fixed_one_again(tmp_path):
    """Requests after a broken edit get the problem, never a wait."""
    with serving(tmp_path) as (base, activities):
        source = activities / "offerings" / f"{EDITED}.yaml"
        good = source.read_bytes()
        url = f"{base}activiteiten/{EDITED}/"
        source.write_bytes(good.replace(b"title:", b"title: [", 1))
        problem = _wait_for(url, "De site kan nu niet worden gemaakt")
        assert f"offerings/{EDITED}.yaml, regel" in problem
        assert _page(base) is not None, "every page answers, not only the edited one"

        source.write_bytes(good.replace(b"title:", b"title:\x00", 1))  # a byte no editor shows
        problem = _wait_for(url, "U+0000")
        assert f"offerings/{EDITED}.yaml" in problem

        source.write_bytes(good.replace(b"title: ", b"title: Weer goed ", 1))
        _wait_for(url, "Weer goed")


def test_an_edit_shows_in_the_open_page_by_itself(tmp_path, page):
    """The preview's live-reload script runs (the policy allows it while serving only) and reloads the page."""
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    with serving(tmp_path) as (base, activities):
        page.goto(f"{base}activiteiten/{EDITED}/")
        source = activities / "offerings" / f"{EDITED}.yaml"
        source.write_bytes(source.read_bytes().replace(b"title: ", b"title: Vanzelf ", 1))
        page.locator("h1", has_text="Vanzelf").wait_for(timeout=60_000)  # the same page, not a new visit
    assert [text for text in messages if "Content Security Policy" in text] == []


def test_a_built_site_allows_no_inline_script_but_its_own(built_site):
    """The preview's allowance never reaches a build: each page's policy names its scripts by hash."""
    html = (built_site / "activiteiten" / EDITED / "index.html").read_text(encoding="utf-8")
    assert "'unsafe-inline'" not in html and "'sha256-" in html
