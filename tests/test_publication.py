"""The previous site survives: a build that fails, is killed or fills the disk leaves it exactly as it was.

A build writes into a hidden folder beside the site and swaps it in when the
pages, feeds and search index are all there (``outputs.publishing``). The
swap itself is tested on folders; the real builds are killed with
``kill -9`` at several moments and run on a small, full file system.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from build_support import REPO, build_command, build_environment, living_members, mkdocs_build, site_hashes

from herstelnetwerk.outputs import publishing
from herstelnetwerk.outputs.publishing import Publication, PublicationError, write_failure

sys.path.insert(0, str(REPO / "bench"))
import generate


def _tree(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _texts(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file()}


def _beside(site: Path) -> list[str]:
    """What lies in the site's folder besides the site itself."""
    return sorted(entry.name for entry in site.parent.iterdir() if entry.name != site.name)


@pytest.fixture(params=["exchange", "two renames"])
def swap(request, monkeypatch):
    """Both ways of swapping: Linux's one-step exchange, and the two renames used where it is missing."""
    if request.param == "two renames":
        monkeypatch.setattr(publishing, "_exchange", lambda first, second: False)
    return request.param


def test_publish_puts_the_new_site_in_place_and_leaves_nothing_beside_it(tmp_path, swap):
    site = _tree(tmp_path / "site", {"index.html": "oud", "oud/index.html": "weg"})
    publication = Publication(site)
    _tree(publication.begin(), {"index.html": "nieuw", "agenda/a.ics": "BEGIN:VCALENDAR"})
    assert _texts(site) == {"index.html": "oud", "oud/index.html": "weg"}, "the old site stays until the new is done"
    publication.publish()
    assert _texts(site) == {"index.html": "nieuw", "agenda/a.ics": "BEGIN:VCALENDAR"}
    assert _beside(site) == []


def test_the_first_build_publishes_where_no_site_was(tmp_path, swap):
    publication = Publication(tmp_path / "site")
    _tree(publication.begin(), {"index.html": "eerste"})
    publication.publish()
    assert _texts(tmp_path / "site") == {"index.html": "eerste"} and _beside(tmp_path / "site") == []


def test_abandon_keeps_the_site_and_removes_the_unfinished_one(tmp_path):
    site = _tree(tmp_path / "site", {"index.html": "oud"})
    publication = Publication(site)
    _tree(publication.begin(), {"index.html": "half"})
    publication.abandon()
    assert _texts(site) == {"index.html": "oud"} and _beside(site) == []


def _killed(publication: Publication) -> None:
    """What a killed build leaves: its folder, but not its lock (the system drops that with the process)."""
    publication._unlock()


def test_the_next_build_removes_what_a_killed_one_left(tmp_path):
    site = _tree(tmp_path / "site", {"index.html": "oud"})
    killed = Publication(site)
    _tree(killed.begin(), {"index.html": "half"})
    _killed(killed)
    assert _beside(site) == [".site-in-aanbouw"]
    publication = Publication(site)
    assert list(publication.begin().iterdir()) == []
    publication.abandon()
    assert _texts(site) == {"index.html": "oud"} and _beside(site) == []


def test_a_build_stopped_between_the_two_renames_is_repaired(tmp_path):
    """Without the one-step exchange there is a moment with no site: the next build finishes the swap."""
    site = _tree(tmp_path / "site", {"index.html": "oud"})
    publication = Publication(site)
    _tree(publication.begin(), {"index.html": "nieuw"})
    os.rename(site, publication.workspace / "vorige")  # the first rename, then the build was killed
    _killed(publication)
    Publication(site).begin()
    assert _texts(site) == {"index.html": "nieuw"}


def test_a_second_build_into_the_same_site_is_refused_while_the_first_runs(tmp_path):
    site = _tree(tmp_path / "site", {"index.html": "oud"})
    first = Publication(site)
    _tree(first.begin(), {"index.html": "nieuw"})
    with pytest.raises(PublicationError, match="Er wordt al een site gebouwd in deze map"):
        Publication(site).begin()
    first.publish()  # the first build's work is whole
    assert _texts(site) == {"index.html": "nieuw"} and _beside(site) == []


def test_hidden_files_of_the_site_stay_in_it(tmp_path, swap):
    """MkDocs keeps a site's hidden files when it cleans the folder (a .git to deploy from): so does the swap."""
    site = _tree(tmp_path / "site", {"index.html": "oud", ".htaccess": "regels", ".git/HEAD": "ref: main"})
    publication = Publication(site)
    _tree(publication.begin(), {"index.html": "nieuw"})
    publication.publish()
    assert _texts(site) == {"index.html": "nieuw", ".htaccess": "regels", ".git/HEAD": "ref: main"}


def test_a_site_that_is_a_symlink_is_built_where_it_leads(tmp_path, swap):
    target = _tree(tmp_path / "www" / "html", {"index.html": "oud"})
    (tmp_path / "site").symlink_to(target)
    publication = Publication(tmp_path / "site")
    _tree(publication.begin(), {"index.html": "nieuw"})
    publication.publish()
    assert (tmp_path / "site").is_symlink() and _texts(target) == {"index.html": "nieuw"}


def test_a_file_where_the_site_belongs_is_refused_not_replaced(tmp_path):
    (tmp_path / "site").write_text("een bestand", encoding="utf-8")
    with pytest.raises(PublicationError, match="is een bestand"):
        Publication(tmp_path / "site").begin()
    assert (tmp_path / "site").read_text(encoding="utf-8") == "een bestand"


def test_write_failures_are_said_in_dutch():
    assert write_failure(OSError(errno.ENOSPC, "No space left on device")) == (
        "de schijf is vol. Maak ruimte vrij en bouw opnieuw"
    )
    assert write_failure(OSError(errno.EIO, "Input/output error")) == (
        f"een bestand kon niet worden geschreven (systeemfout {errno.EIO})"
    )


# --- Real builds: killed, and on a full disk ---------------------------------------------


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory):
    """An old site (the example content) and a bigger network whose build takes long enough to be killed."""
    folder = tmp_path_factory.mktemp("publication")
    old = folder / "old"
    assert mkdocs_build(old).returncode == 0
    network = folder / "network"
    generate.generate(network, 400, seed=5)
    new = folder / "new"
    started = time.monotonic()
    result = mkdocs_build(new, activities=network)
    assert result.returncode == 0, result.stderr
    return old, network, new, time.monotonic() - started


def _wait_for_the_group_to_end(group: int, limit: float = 10.0) -> bool:
    """Whether every process of ``group`` ends within ``limit`` seconds (one that waits to be reaped has ended)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if not living_members(group):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("whom", ["the build and its children", "the build alone"])
def test_a_killed_build_leaves_the_previous_site_or_the_new_one_whole(two_sites, tmp_path, whom):
    old, network, new, duration = two_sites
    old_files, new_files = site_hashes(old), site_hashes(new)
    outcomes = []
    for fraction in (0.1, 0.35, 0.6, 0.85):
        site = tmp_path / f"at-{fraction}" / "site"
        shutil.copytree(old, site)
        build = subprocess.Popen(
            build_command(site),
            cwd=REPO,
            env=build_environment(network),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: the build and everything it started
        )
        time.sleep(duration * fraction)
        if whom == "the build alone":
            os.kill(build.pid, signal.SIGKILL)
        else:
            os.killpg(build.pid, signal.SIGKILL)
        build.wait()
        assert _wait_for_the_group_to_end(build.pid), "a process of the killed build lives on"
        files = site_hashes(site)
        assert files in (old_files, new_files), f"killed at {fraction:.0%}: the site is neither the old nor the new"
        outcomes.append("old" if files == old_files else "new")
        assert _beside(site) in ([], [".site-in-aanbouw"]), _beside(site)

        # The next build removes what the killed one left.
        assert mkdocs_build(site).returncode == 0
        assert _beside(site) == [] and site_hashes(site) == old_files
    assert "old" in outcomes, f"no kill came before the end of the build ({duration:.1f} s): {outcomes}"


def _mount_small_disk(folder: Path, size: int) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    return mounted.returncode == 0


def _used_bytes(folder: Path) -> int:
    facts = os.statvfs(folder)
    return (facts.f_blocks - facts.f_bfree) * facts.f_frsize


def test_a_full_disk_leaves_the_previous_site_and_says_so_in_one_dutch_line(two_sites, tmp_path):
    old, network, _, _ = two_sites
    disk = tmp_path / "disk"
    if not _mount_small_disk(disk, 256 * 1024 * 1024):
        pytest.skip("a small file system needs permission to mount one (root)")
    try:
        shutil.copytree(old, disk / "site")
        used = _used_bytes(disk)
    finally:
        subprocess.run(["umount", str(disk)], check=True)
    # Room for the old site and a third of a new one.
    assert _mount_small_disk(disk, used + used // 3)
    try:
        site = disk / "site"
        shutil.copytree(old, site)
        before = site_hashes(site)
        result = mkdocs_build(site, activities=network)
        output = result.stdout + result.stderr
        assert result.returncode != 0
        assert "Traceback" not in output and "Errno" not in output, output
        assert "de schijf is vol" in output, output
        assert site_hashes(site) == before
        assert _beside(site) == []
    finally:
        subprocess.run(["umount", str(disk)], check=True)
