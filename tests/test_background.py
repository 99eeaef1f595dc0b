"""Work beside the build: a forked process that answers, fails loudly, or is stopped;
and the move of its finished files into the site."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from herstelnetwerk.outputs.background import PROCESS_NAME, Background, BackgroundError
from herstelnetwerk.outputs.writing import move_into

REPO = Path(__file__).resolve().parents[1]


def test_the_work_gets_what_the_build_sends_and_returns_its_result():
    job = Background(lambda inbox: ("gekregen", inbox(), os.getpid()))
    job.send(["over/", "als-het-even-niet-gaat/"])
    answer, received, pid = job.result()
    assert answer == "gekregen" and received == ["over/", "als-het-even-niet-gaat/"]
    assert pid != os.getpid()


def test_a_failure_comes_back_as_an_error_with_its_message():
    def work(inbox):
        raise ValueError("de map bestaat niet")

    with pytest.raises(BackgroundError, match="ValueError: de map bestaat niet"):
        Background(work).result()


def test_a_process_that_dies_is_reported():
    with pytest.raises(BackgroundError, match="onverwacht"):
        Background(lambda inbox: os._exit(3)).result()


def test_cancel_stops_work_that_runs(tmp_path):
    marker = tmp_path / "klaar"

    def work(inbox):
        time.sleep(60)
        marker.write_text("te laat")

    job = Background(work)
    started = time.perf_counter()
    job.cancel()
    assert time.perf_counter() - started < 5
    assert job.cancelled
    assert [child for child in multiprocessing.active_children() if child.name == PROCESS_NAME] == []
    assert not marker.exists()


def test_work_dies_with_the_build(tmp_path):
    """A build that dies (killed, or gone without a word) takes its work along: nothing writes on after it."""
    script = (
        "import os, sys, time\n"
        "from herstelnetwerk.outputs.background import Background\n"
        "def work(inbox):\n"
        "    time.sleep(3)\n"
        f"    open({str(tmp_path / 'te-laat')!r}, 'w').close()\n"
        "job = Background(work)\n"
        "print(job._process.pid, flush=True)\n"
        "os._exit(0)\n"  # the build dies without a word
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, timeout=60, check=True, capture_output=True)
    child = int(done.stdout)
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)
    time.sleep(3.5)
    assert not (tmp_path / "te-laat").exists()


def _alive(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie waiting to be reaped has ended, and so has a reaped one)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_move_into_keeps_the_pages_and_replaces_the_files(tmp_path):
    site, made = tmp_path / "site", tmp_path / "made"
    (site / "agenda").mkdir(parents=True)
    (site / "agenda" / "index.html").write_text("pagina")
    (site / "agenda" / "alles.ics").write_text("oud")
    (made / "agenda" / "activiteiten").mkdir(parents=True)
    (made / "agenda" / "alles.ics").write_text("nieuw")
    (made / "agenda" / "activiteiten" / "wandelen.ics").write_text("wandelen")
    move_into(made, site)
    assert (site / "agenda" / "index.html").read_text() == "pagina"
    assert (site / "agenda" / "alles.ics").read_text() == "nieuw"
    assert (site / "agenda" / "activiteiten" / "wandelen.ics").read_text() == "wandelen"
    assert list(made.rglob("*.ics")) == []


@pytest.mark.parametrize(
    "indexer", ["exit 1", "echo 'geen antwoord,'; sleep 1"], ids=["stops-at-once", "answers-nonsense"]
)
def test_a_search_index_that_cannot_be_made_fails_the_build(tmp_path, indexer):
    fake = tmp_path / "pagefind"
    fake.write_text(f"#!/bin/sh\n{indexer}\n")
    fake.chmod(0o755)
    env = {
        **os.environ,
        "HERSTELNETWERK_BUILD_DATE": "2026-11-23",
        "NO_MKDOCS_2_WARNING": "1",
        "PAGEFIND_BINARY_PATH": str(fake),
    }
    env.pop("HERSTELNETWERK_ACTIVITIES", None)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "De agenda-bestanden of het zoekregister konden niet worden gemaakt" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / ".site-naast-de-bouw").exists()
