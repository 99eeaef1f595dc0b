"""The files of the site that are not pages: the iCal and Atom feeds, the overview's downloads, the open data
and the search indexes.

They are written into a folder beside the site and moved into it once
complete, so they can be made while the site folder is still being emptied
and filled with pages, and a reader never meets half a feed.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

from ..planning import urls
from ..planning.overview_tables import overview_tables
from ..planning.plan import SitePlan
from ..planning.search import GENERAL_INDEX, SearchRecord
from . import atom, open_data, search_index
from .background import Background, BackgroundError
from .feeds import write_feeds
from .overview_files import write_overview_files
from .publishing import write_failure


def staging_folder(site: Path) -> Path:
    """Where the files are made: next to the site, on the same disk, so moving them in is a rename."""
    site = Path(site)
    return site.parent / f".{site.name}-naast-de-bouw"


def remove_staging(site: Path) -> None:
    """Remove what a stopped or failed run left beside the site."""
    shutil.rmtree(staging_folder(site), ignore_errors=True)


class OutputsRun:
    """The feeds and search indexes of one build, written in a process of their own while the pages are made."""

    def __init__(self, site: Path, plan: SitePlan) -> None:
        self.site = Path(site)
        # Made before the fork, so the overview page here and its downloads there share one computation.
        plan.overview  # noqa: B018
        self._job = Background(lambda inbox: write_outputs(self.site, plan, inbox))

    def send(self, hand_written: list[SearchRecord]) -> None:
        """Hand over the hand-written pages' search records; raises BackgroundError if the work failed already."""
        try:
            self._job.send(hand_written)
        except OSError:  # it stopped: say why
            self._job.result()
            raise BackgroundError("het proces stopte voordat het de pagina's kreeg") from None

    def result(self) -> tuple[int, int]:
        """Wait for it: (feeds, search records); raises BackgroundError when it failed."""
        return self._job.result()

    def report_when_done(self, report: Callable[[str], None]) -> None:
        """Nobody waits for it (while serving): a failure goes to ``report``; a cancelled run is no failure."""

        def wait() -> None:
            try:
                self._job.result()
            except Exception as error:  # BackgroundError, or its pipe closed by a cancel
                if not self._job.cancelled:
                    report(str(error))

        threading.Thread(target=wait, daemon=True).start()

    def cancel(self) -> None:
        """Stop it if it still runs, and remove what it left beside the site."""
        self._job.cancel()
        remove_staging(self.site)


def write_outputs(site: Path, plan: SitePlan, hand_written: Callable[[], list[SearchRecord]]) -> tuple[int, int]:
    """Write the feeds and search indexes of ``plan`` into ``site``; returns (feeds, search records).

    ``hand_written`` gives the hand-written pages' search records; it is called
    once the feeds are written, and may wait until the site folder is ready.
    """
    site = Path(site)
    staging = staging_folder(site)
    shutil.rmtree(staging, ignore_errors=True)
    data = plan.data
    try:
        staging.mkdir(parents=True)
        feeds = write_feeds(staging, data.catalog, data.agenda, data.network.site_url)
        write_overview_files(
            staging / urls.OVERVIEW, overview_tables(plan.overview), data.agenda.build_date.isoformat()
        )
        for path, body in atom.atom_feeds(data).items():
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
        open_data.write_open_data(staging, data)
        indexed = search_index.write_indexes(staging, plan.search_records(hand_written()), GENERAL_INDEX)
        shutil.rmtree(site / GENERAL_INDEX, ignore_errors=True)
        move_into(staging, site)
    except OSError as error:  # a full disk, most likely: said in Dutch, as the build says it
        raise BackgroundError(write_failure(error)) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return feeds, sum(indexed.values())


def move_into(source: Path, target: Path) -> None:
    """Move everything in ``source`` into ``target``: folders ``target`` lacks at once, others file by file."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in os.scandir(source):
        destination = target / entry.name
        if entry.is_dir(follow_symlinks=False) and destination.is_dir():
            move_into(Path(entry.path), destination)
            continue
        try:
            os.replace(entry.path, destination)
        except OSError:
            if not (entry.is_dir(follow_symlinks=False) and destination.is_dir()):
                raise
            move_into(Path(entry.path), destination)  # the build made that folder meanwhile
