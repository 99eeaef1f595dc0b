"""The files of the site that are not pages: the iCal feeds and the search indexes.

They are written into a folder beside the site and moved into it once
complete, so they can be made while the site folder is still being emptied
and filled with pages, and a reader never meets half a feed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from ..planning.plan import SitePlan
from ..planning.search import GENERAL_INDEX, SearchRecord
from . import search_index
from .background import Background
from .feeds import write_feeds


def staging_folder(site: Path) -> Path:
    """Where the files are made: next to the site, on the same disk, so moving them in is a rename."""
    site = Path(site)
    return site.parent / f".{site.name}-naast-de-bouw"


def remove_staging(site: Path) -> None:
    """Remove what a stopped or failed run left beside the site."""
    shutil.rmtree(staging_folder(site), ignore_errors=True)


def start_outputs(site: Path, plan: SitePlan) -> Background:
    """Write the feeds and search indexes of ``plan`` into ``site`` in a process of their own.

    The hand-written pages' search records are sent to it (``send``) once
    they are known; ``result()`` is then (feeds, search records).
    """
    return Background(lambda inbox: write_outputs(site, plan, inbox))


def write_outputs(site: Path, plan: SitePlan, hand_written: Callable[[], list[SearchRecord]]) -> tuple[int, int]:
    """Write the feeds and search indexes of ``plan`` into ``site``; returns (feeds, search records).

    ``hand_written`` gives the hand-written pages' search records; it is called
    once the feeds are written, and may wait until the site folder is ready.
    """
    site = Path(site)
    staging = staging_folder(site)
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    data = plan.data
    try:
        feeds = write_feeds(staging, data.catalog, data.agenda, data.network.site_url)
        indexed = search_index.write_indexes(staging, plan.search_records(hand_written()), GENERAL_INDEX)
        shutil.rmtree(site / GENERAL_INDEX, ignore_errors=True)
        move_into(staging, site)
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
