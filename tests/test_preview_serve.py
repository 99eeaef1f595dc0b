"""`mkdocs serve --dirty`: after an edit, only the pages that show the change are made again.

The builds run in this process, as serve runs them, against a copy of the
example content; the edit changes one activity's title.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path

import pytest
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
