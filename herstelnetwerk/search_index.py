"""Writes the finder's search indexes from the built site, one Pagefind index per group.

``finder.search_indexes`` decides which page goes in which index; this module
reads those pages' HTML (so the ``data-pagefind-*`` attributes the templates
write keep working) and hands them to one Pagefind process, index after index.
Pages of the site that no group lists go in the general index.

Only the general index carries the search engine (its JavaScript and
WebAssembly); the other indexes are merged into it in the browser and only
need their own data, so the engine's files are removed from their folders.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

from pagefind.service import PagefindService

LANGUAGE = "nl"
# What a merged index is made of; the rest of a written bundle is the engine and its UI.
MERGED_INDEX_FILES = ("pagefind-entry.json", "*.pf_meta", "index", "fragment", "filter")
# A folder inside the site, only there while the indexes are written.
STAGING = ".zoekregister-bron"


def page_file(site: Path, page: str) -> Path:
    """The HTML file of a page path such as ``activiteiten/wandelen/``."""
    return site / page / "index.html" if page.endswith("/") or not page else site / page


def write_indexes(site: Path, groups: dict[str, list[str]], general: str) -> dict[str, int]:
    """Write every index into the site; returns the number of pages each index holds."""
    return asyncio.run(_write_indexes(Path(site), groups, general))


def _assign(site: Path, groups: dict[str, list[str]], general: str) -> dict[str, list[Path]]:
    files: dict[str, list[Path]] = {folder: [] for folder in groups}
    files.setdefault(general, [])
    listed: set[Path] = set()
    for folder, pages in groups.items():
        for page in pages:
            file = page_file(site, page)
            if file.is_file():
                files[folder].append(file)
                listed.add(file)
    # Not the HTML files of an earlier index's folder, nor of the staging folder.
    skipped = {page_file(site, folder).parent for folder in files} | {site / STAGING}
    for file in sorted(site.rglob("*.html")):
        if file not in listed and skipped.isdisjoint(file.parents):
            files[general].append(file)
    return files


async def _write_indexes(site: Path, groups: dict[str, list[str]], general: str) -> dict[str, int]:
    files = _assign(site, groups, general)
    for folder in files:
        shutil.rmtree(site / folder, ignore_errors=True)
    staging = site / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    counts: dict[str, int] = {}
    service = await PagefindService().launch()
    try:
        # The general index first: the others are written in folders inside its folder.
        for folder in sorted(files, key=lambda f: (f != general, f)):
            # The indexer reads a folder at once (one request, not one per page): the index's
            # pages are linked into a folder of their own, at the same place as in the site.
            _stage(site, files[folder], staging)
            index = await service.create_index({"force_language": LANGUAGE})
            await index.add_directory(str(staging))
            await index.write_files(output_path=str(site / folder))
            await index.delete_index()
            shutil.rmtree(staging)
            if folder != general:
                _keep_only_index_data(site / folder)
            counts[folder] = len(files[folder])
    finally:
        await service.close()
        shutil.rmtree(staging, ignore_errors=True)
    return counts


def _stage(site: Path, pages: list[Path], staging: Path) -> None:
    for file in pages:
        target = staging / file.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(file, target)
        except OSError:
            shutil.copyfile(file, target)


def _keep_only_index_data(bundle: Path) -> None:
    keep = {path for pattern in MERGED_INDEX_FILES for path in bundle.glob(pattern)}
    for path in bundle.iterdir():
        if path not in keep:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
