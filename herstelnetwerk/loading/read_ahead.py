"""Read part of a large content folder in a second process while this one reads the rest.

Reading and checking one file takes a fifth of a millisecond, so 20,000
activities keep one processor busy for four seconds while a second one has
nothing to do yet. ``ReadAhead`` forks a process that reads the last part of
the files and sends back what reading them gave (the document, its problems,
the item); this process reads the first part meanwhile, and takes the rest
from the helper when it gets there.

The results are the same as reading every file here: each file is read by the
same function (``read_file``), and anything that goes wrong in the helper (it
dies, its answer cannot be sent) only means this process reads those files
itself. Only regular files in the content folder's own subfolders go to the
helper; anything unusual is left to the careful path of the one who builds.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from ..processes import die_with
from .fields import Context
from .parse import Walker
from .yamlfile import load_document

# Below this many files the second process costs more than it saves.
FROM_FILES = 1000
# The helper's part of the files: it also has to send its results, and this process reads them in.
HELPER_SHARE = 0.45

# What reading a file gives: its document (or None), the problems of reading it, its item (or None)
# and the problems of its fields.
Read = tuple[Any, list, Any, list]


def read_file(path: Path, cls: type, root: Path, ctx: Context) -> Read:
    """Read ``path`` as a ``cls`` of the content folder ``root``."""
    doc, problems = load_document(path, root)
    if doc is None:
        return None, problems, None, []
    walker = Walker(doc, ctx)
    item = walker.block(cls, doc.data, (), " (het hele bestand)")
    return doc, problems, item, walker.problems


def _read_files(files: list[tuple[Path, type]], root: Path, ctx: Context) -> list[Read]:
    return [read_file(path, cls, root, ctx) for path, cls in files]


class ReadAhead:
    """The helper's results, by (path, class); ``take`` waits for them the first time it needs one."""

    def __init__(self, files: list[tuple[Path, type]], root: Path, ctx: Context) -> None:
        self._files = files[len(files) - int(len(files) * HELPER_SHARE) :]
        self._share = set(self._files)
        self._results: dict[tuple[Path, type], Read] | None = None
        context = multiprocessing.get_context("fork")
        # Killed with the build: a killed build leaves no helper waiting on its pipes.
        self._pool = ProcessPoolExecutor(
            max_workers=1, mp_context=context, initializer=die_with, initargs=(os.getpid(),)
        )
        try:
            self._answer: Future = self._pool.submit(_read_files, self._files, root, ctx)
        except BaseException:
            self.close()
            raise

    def take(self, path: Path, cls: type) -> Read | None:
        """What the helper read for this file, or None: not its file, or it failed (then read it here)."""
        key = (path, cls)
        if self._results is None:
            if key not in self._share:
                return None
            self._results = self._collect()
        return self._results.pop(key, None)

    def close(self) -> None:
        """Let the helper go; one whose answer was not needed (the loading stopped early) ends on its own."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _collect(self) -> dict[tuple[Path, type], Read]:
        try:
            answers = self._answer.result()
        except Exception:  # it died, or its answer could not be sent: read them here
            answers = []
        # Its work is done: wait the moment until its process and the pool's thread have ended, so the
        # build forks its next process with no other thread alive.
        self._pool.shutdown(wait=True)
        return dict(zip(self._files, answers, strict=False))


def read_ahead(folders: dict[str, type], root: Path, ctx: Context) -> ReadAhead | None:
    """A ``ReadAhead`` for the ``.yaml`` files of these subfolders, in the order they are read; None when it is
    not worth it (few files, one processor) or not safe (other threads)."""
    # Forking copies only the thread that forks: with others (a preview's server) a lock one of them
    # holds would stay locked in the helper for ever.
    if _processors() < 2 or threading.active_count() > 1:
        return None
    files: list[tuple[Path, type]] = []
    for name, cls in folders.items():
        folder = root / name
        if folder.is_symlink() or not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix == ".yaml" and not path.name.startswith(".") and path.is_file() and not path.is_symlink():
                files.append((path, cls))
    if len(files) < FROM_FILES:
        return None
    try:
        return ReadAhead(files, root, ctx)
    except Exception:  # no fork, no semaphores, no thread to spare: read everything here
        return None


def _processors() -> int:
    """The processors this process may use (Linux can give it fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
