"""A large content folder is read by two processes (``loading.read_ahead``): what comes out is what
one process reading every file gives, mistakes and all, also when the helper fails."""

from __future__ import annotations

import os
import shutil
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from herstelnetwerk.loading import catalog, read_ahead
from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.loading.errors import ContentError

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import generate  # noqa: E402

BUILD_DATE = date(2026, 11, 23)
OFFERINGS = 1200


@pytest.fixture(scope="module")
def network(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("netwerk")
    generate.generate(folder, OFFERINGS, seed=5, build_date=BUILD_DATE)
    return folder


@pytest.fixture
def read_here(monkeypatch):
    """Count the files this process reads itself."""
    files: list[Path] = []

    def counted(path, cls, root, ctx):
        files.append(path)
        return read_ahead.read_file(path, cls, root, ctx)

    monkeypatch.setattr(catalog, "read_file", counted)
    return files


def load_alone(folder: Path, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(read_ahead, "FROM_FILES", 10**9)
        return load_catalog(folder, BUILD_DATE)


def problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as raised:
        load_catalog(folder, BUILD_DATE)
    return [str(problem) for problem in raised.value.problems]


def test_a_large_folder_is_read_partly_by_the_helper_with_the_same_catalog(network, monkeypatch, read_here):
    shared = load_catalog(network, BUILD_DATE)
    helped = len(read_here)
    files = len(list(network.glob("*/*.yaml")))
    assert files > read_ahead.FROM_FILES
    # network.yaml and zoekwoorden.yaml are read here, and the first part of the folders.
    assert helped < files * (1 - read_ahead.HELPER_SHARE) + 3
    read_here.clear()
    alone = load_alone(network, monkeypatch)
    assert len(read_here) == files + 2
    assert shared.catalog == alone.catalog
    assert shared.warnings == alone.warnings
    assert shared.documents.keys() == alone.documents.keys()


def test_mistakes_in_the_helpers_part_are_reported_as_when_read_alone(network, tmp_path, monkeypatch):
    broken = tmp_path / "netwerk"
    shutil.copytree(network, broken)
    last = sorted((broken / "offerings").iterdir())  # the helper reads the last ones
    last[-1].write_text(last[-1].read_text().replace("title:", "titel:"))
    last[-2].write_text("title: [niet afgesloten\n")
    seen = problems(broken)
    with monkeypatch.context() as patch:
        patch.setattr(read_ahead, "FROM_FILES", 10**9)
        assert seen == problems(broken)
    assert any(last[-1].name in problem for problem in seen) and any(last[-2].name in problem for problem in seen)


def test_a_helper_that_dies_costs_nothing_but_time(network, monkeypatch, read_here):
    def dies(files, root, ctx):
        os._exit(3)

    monkeypatch.setattr(read_ahead, "_read_files", dies)
    died = load_catalog(network, BUILD_DATE)
    assert len(read_here) == len(list(network.glob("*/*.yaml"))) + 2  # it read every file itself
    assert died.catalog == load_alone(network, monkeypatch).catalog


def test_a_small_folder_or_one_processor_reads_alone(network, monkeypatch):
    assert read_ahead.read_ahead(catalog.FOLDERS, REPO / "activities", catalog.Context(BUILD_DATE)) is None
    monkeypatch.setattr(read_ahead, "_processors", lambda: 1)
    assert read_ahead.read_ahead(catalog.FOLDERS, network, catalog.Context(BUILD_DATE)) is None


def test_a_process_with_other_threads_reads_alone(network):
    """A preview serves while it builds: forking then could leave a lock held in the helper."""
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)
    server.start()
    try:
        assert read_ahead.read_ahead(catalog.FOLDERS, network, catalog.Context(BUILD_DATE)) is None
    finally:
        stop.set()
        server.join()
