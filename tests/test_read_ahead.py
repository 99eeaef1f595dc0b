"""A large content folder is read by two processes (``loading.read_ahead``): what comes out is what
one process reading every file gives, mistakes and all, also when the helper fails.

The loading runs in a fresh Python of its own: the helper is only started in a process without
other threads, and the test run has some (its servers for the browser tests)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from herstelnetwerk.loading import catalog, read_ahead

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import generate  # noqa: E402

BUILD_DATE = date(2026, 11, 23)
OFFERINGS = 1200

# Loads the folder twice, with the helper and without, and says what each gave.
LOAD_BOTH_WAYS = """
import json, os, sys
from datetime import date
from pathlib import Path
from herstelnetwerk.loading import catalog, read_ahead
from herstelnetwerk.loading.errors import ContentError

folder, how = Path(sys.argv[1]), sys.argv[2]
read_here = []
def counted(path, cls, root, ctx):
    read_here.append(path)
    return read_ahead.read_file(path, cls, root, ctx)
catalog.read_file = counted
if how == "dies":
    def dies(files, root, ctx):
        os._exit(3)
    read_ahead._read_files = dies

def load():
    read_here.clear()
    try:
        loaded = catalog.load_catalog(folder, date(2026, 11, 23))
    except ContentError as error:
        return len(read_here), None, [str(problem) for problem in error.problems]
    return len(read_here), loaded, [str(problem) for problem in loaded.warnings]

helped, shared, shared_said = load()
read_ahead.FROM_FILES = 10**9
alone_count, alone, alone_said = load()
print(json.dumps({
    "read_here_with_helper": helped,
    "read_here_alone": alone_count,
    "same_catalog": shared is not None and alone is not None and shared.catalog == alone.catalog,
    "same_documents": shared is not None and alone is not None and shared.documents.keys() == alone.documents.keys(),
    "said_with_helper": shared_said,
    "said_alone": alone_said,
}))
"""


@pytest.fixture(scope="module")
def network(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("netwerk")
    generate.generate(folder, OFFERINGS, seed=5, build_date=BUILD_DATE)
    return folder


def load_both_ways(folder: Path, how: str = "helps") -> dict:
    done = subprocess.run(
        [sys.executable, "-c", LOAD_BOTH_WAYS, str(folder), how],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(done.stdout)


def yaml_files(folder: Path) -> int:
    return len(list(folder.glob("*/*.yaml")))


def test_a_large_folder_is_read_partly_by_the_helper_with_the_same_catalog(network):
    seen = load_both_ways(network)
    files = yaml_files(network)
    assert files > read_ahead.FROM_FILES
    # network.yaml and zoekwoorden.yaml are read here too, alone every file.
    assert seen["read_here_alone"] == files + 2
    assert seen["read_here_with_helper"] < files * (1 - read_ahead.HELPER_SHARE) + 3
    assert seen["same_catalog"] and seen["same_documents"]
    assert seen["said_with_helper"] == seen["said_alone"]


def test_mistakes_in_the_helpers_part_are_reported_as_when_read_alone(network, tmp_path):
    broken = tmp_path / "netwerk"
    shutil.copytree(network, broken)
    last = sorted((broken / "offerings").iterdir())  # the helper reads the last ones
    last[-1].write_text(last[-1].read_text().replace("title:", "titel:"))
    last[-2].write_text("title: [niet afgesloten\n")
    seen = load_both_ways(broken)
    assert seen["read_here_with_helper"] < yaml_files(broken) * (1 - read_ahead.HELPER_SHARE) + 3
    said = seen["said_with_helper"]
    assert said == seen["said_alone"]
    assert any(last[-1].name in problem for problem in said) and any(last[-2].name in problem for problem in said)


def test_a_helper_that_dies_costs_nothing_but_time(network):
    seen = load_both_ways(network, "dies")
    assert seen["read_here_with_helper"] == seen["read_here_alone"] == yaml_files(network) + 2  # all read here
    assert seen["same_catalog"]


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


LEAVES_NOTHING = """
import sys, threading, multiprocessing
from datetime import date
from pathlib import Path
from herstelnetwerk.loading import catalog, read_ahead
from herstelnetwerk.loading.model import Offering
folder = Path(sys.argv[1])
ahead = read_ahead.read_ahead(catalog.FOLDERS, folder, catalog.Context(date(2026, 11, 23)))
last = sorted((folder / "offerings").glob("*.yaml"))[-1]
assert ahead.take(last, Offering) is not None
print(threading.active_count(), len(multiprocessing.active_children()))
"""


def test_once_the_helper_answered_no_process_or_thread_of_it_is_left(network):
    """The build forks its own process next: nothing of the helper may still run then."""
    done = subprocess.run(
        [sys.executable, "-c", LEAVES_NOTHING, str(network)], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["1", "0"]


DIES_WHILE_READING = """
import multiprocessing, os, sys
from datetime import date
from pathlib import Path
from herstelnetwerk.loading import catalog, read_ahead
ahead = read_ahead.read_ahead(catalog.FOLDERS, Path(sys.argv[1]), catalog.Context(date(2026, 11, 23)))
print(" ".join(str(child.pid) for child in multiprocessing.active_children()), flush=True)
os._exit(0)  # the build is killed while the helper still reads
"""


def test_a_build_killed_while_loading_leaves_no_helper(network, tmp_path):
    said = tmp_path / "helpers"
    with said.open("w") as out:  # a file, not a pipe: a helper left behind would keep a pipe open
        subprocess.run([sys.executable, "-c", DIES_WHILE_READING, str(network)], cwd=REPO, stdout=out, check=True)
    helpers = [int(pid) for pid in said.read_text().split()]
    assert len(helpers) == 1
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [pid for pid in helpers if alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == []


def alive(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie has ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def test_a_helper_that_cannot_start_means_reading_alone(network, monkeypatch):
    def no_fork(*args, **kwargs):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(read_ahead, "ProcessPoolExecutor", no_fork)
    assert read_ahead.read_ahead(catalog.FOLDERS, network, catalog.Context(BUILD_DATE)) is None
