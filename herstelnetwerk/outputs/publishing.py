"""A new site is built beside the old one and takes its place only when it is complete.

The build writes into ``.<site>-in-aanbouw/site`` (one hidden folder
beside the site, on the same disk). When the pages, feeds and search index
are all there, ``publish`` swaps the two folders in one step (Linux's
``renameat2`` with ``RENAME_EXCHANGE``) and removes the hidden folder with
the old site in it. Where the exchange is not available, two renames do it,
and the next build repairs the one moment between them. A failed build
(``abandon``) removes the hidden folder and leaves the site as it was. A
killed build cannot clean up after itself: what it left is the one hidden
folder, which the next build removes first.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
from pathlib import Path

from ..loading.errors import visible

# What a write failure means for the one who started the build, by errno.
_WRITE_FAILURES = {
    errno.ENOSPC: "de schijf is vol. Maak ruimte vrij en bouw opnieuw",
    errno.EDQUOT: "er mag op deze schijf niet meer worden geschreven (quotum vol). Maak ruimte vrij en bouw opnieuw",
    errno.EROFS: "de schijf kan alleen worden gelezen. Bouw de site op een schijf waarop geschreven mag worden",
    errno.EACCES: "er mag niet worden geschreven in de map van de site. Kijk wie de map mag wijzigen",
    errno.EPERM: "er mag niet worden geschreven in de map van de site. Kijk wie de map mag wijzigen",
    errno.ENAMETOOLONG: "een bestandsnaam wordt te lang voor deze schijf. Bouw de site in een map met een kortere naam",
    errno.EBUSY: "de map van de site is in gebruik (of is zelf een koppelpunt). Bouw de site in een map daarbinnen",
    errno.EXDEV: "de map van de site ligt op een andere schijf dan de map erboven. Bouw de site in een map daarbinnen",
}

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def write_failure(error: OSError) -> str:
    """``error`` (raised while writing the site) in Dutch, for the one who builds it."""
    known = _WRITE_FAILURES.get(error.errno or 0)
    if known is not None:
        return known
    return f"een bestand kon niet worden geschreven (systeemfout {error.errno or 'onbekend'})"


class PublicationError(RuntimeError):
    """The site cannot be built where it was asked to be; the message says why, in Dutch."""


class Publication:
    """One build of ``site``: ``begin`` gives the folder to build in, then ``publish`` or ``abandon``.

    One build at a time: ``begin`` locks the hidden folder, and a second build
    into the same site is refused instead of emptying the first one's work.
    Hidden files in the site (a ``.git`` to deploy from, say) are carried into
    the new site, as MkDocs keeps them when it cleans the site folder.
    """

    def __init__(self, site: Path) -> None:
        site = Path(os.path.abspath(site))
        if site.is_symlink():  # the site is where the link leads: the link stays, its target is replaced
            site = Path(os.path.realpath(site))
        self.site = site
        self.workspace = self.site.parent / f".{self.site.name[:64]}-in-aanbouw"
        self.folder = self.workspace / "site"
        self._lock: int | None = None

    def begin(self) -> Path:
        """Clear what an earlier build left, and return the empty folder to build the new site in."""
        if os.path.lexists(self.site) and not self.site.is_dir():
            raise PublicationError(f"De site hoort in een map, maar {visible(str(self.site))} is een bestand.")
        self.workspace.mkdir(parents=True, exist_ok=True)
        self._lock = os.open(self.workspace, os.O_RDONLY)
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._unlock()
            raise PublicationError(
                "Er wordt al een site gebouwd in deze map. Wacht tot die bouw klaar is, en probeer het dan opnieuw."
            ) from None
        self._repair()
        for entry in os.scandir(self.workspace):
            _remove(Path(entry.path))
        self.folder.mkdir()
        return self.folder

    def publish(self) -> None:
        """Put the new site in the old one's place in one step, and remove the old one."""
        if self.site.is_dir():
            _carry_hidden(self.site, self.folder)
        if not _exchange(self.folder, self.site):
            if os.path.lexists(self.site):
                os.rename(self.site, self.workspace / "vorige")
            os.rename(self.folder, self.site)
        self._clear()

    def abandon(self) -> None:
        """Remove the unfinished build; the site stays as it was."""
        try:
            self._repair()
        except OSError:
            pass
        self._clear()

    def _clear(self) -> None:
        """Remove the hidden folder (the old site in it, after a publish) and let the next build in."""
        shutil.rmtree(self.workspace, ignore_errors=True)
        self._unlock()

    def _unlock(self) -> None:
        if self._lock is not None:
            os.close(self._lock)  # closing releases the lock
            self._lock = None

    def _repair(self) -> None:
        """A build stopped between the two renames of ``publish``: its new site is complete, put it in place."""
        halfway = (self.workspace / "vorige").is_dir() and self.folder.is_dir()
        if halfway and not os.path.lexists(self.site):
            os.rename(self.folder, self.site)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _carry_hidden(old: Path, new: Path) -> None:
    """The old site's hidden entries, in the new site as links to the same files: nothing is copied or moved.

    The old site keeps them until it is swapped out, so a build killed meanwhile loses nothing.
    """
    for entry in os.scandir(old):
        if not entry.name.startswith(".") or os.path.lexists(new / entry.name):
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.copytree(entry.path, new / entry.name, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(entry.path, new / entry.name)


def _link_or_copy(source: str, target: str | Path) -> None:
    if os.path.islink(source):
        os.symlink(os.readlink(source), target)
        return
    try:
        os.link(source, target)
    except OSError:  # a disk without hard links
        shutil.copy2(source, target)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step; False where the system or the disk cannot (then nothing changed)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # not Linux, or a C library without it
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.ENOENT):
        return False  # no such call, a disk that cannot exchange, or no site yet to exchange with
    raise OSError(code, os.strerror(code), str(second))
