"""A new site is built beside the old one and takes its place only when it is complete.

The build writes into ``.<site>-in-aanbouw/<site>`` (one hidden folder
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
import os
import shutil
from pathlib import Path

# What a write failure means for the one who started the build, by errno.
_WRITE_FAILURES = {
    errno.ENOSPC: "de schijf is vol. Maak ruimte vrij en bouw opnieuw",
    errno.EDQUOT: "er mag op deze schijf niet meer worden geschreven (quotum vol). Maak ruimte vrij en bouw opnieuw",
    errno.EROFS: "de schijf kan alleen worden gelezen. Bouw de site op een schijf waarop geschreven mag worden",
    errno.EACCES: "er mag niet worden geschreven in de map van de site. Kijk wie de map mag wijzigen",
    errno.EPERM: "er mag niet worden geschreven in de map van de site. Kijk wie de map mag wijzigen",
    errno.ENAMETOOLONG: "een bestandsnaam wordt te lang voor deze schijf. Bouw de site in een map met een kortere naam",
}

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def write_failure(error: OSError) -> str:
    """``error`` (raised while writing the site) in Dutch, for the one who builds it."""
    known = _WRITE_FAILURES.get(error.errno or 0)
    if known is not None:
        return known
    return f"een bestand kon niet worden geschreven (systeemfout {error.errno or 'onbekend'})"


class Publication:
    """One build of ``site``: ``begin`` gives the folder to build in, then ``publish`` or ``abandon``."""

    def __init__(self, site: Path) -> None:
        self.site = Path(site).absolute()
        self.workspace = self.site.parent / f".{self.site.name}-in-aanbouw"
        self.folder = self.workspace / self.site.name

    def begin(self) -> Path:
        """Clear what an earlier build left, and return the empty folder to build the new site in."""
        self._repair()
        shutil.rmtree(self.workspace, ignore_errors=True)
        self.folder.mkdir(parents=True)
        return self.folder

    def publish(self) -> None:
        """Put the new site in the old one's place in one step, and remove the old one."""
        self.site.parent.mkdir(parents=True, exist_ok=True)
        if not _exchange(self.folder, self.site):
            if self.site.exists() or self.site.is_symlink():
                os.rename(self.site, self.workspace / "vorige")
            os.rename(self.folder, self.site)
        shutil.rmtree(self.workspace, ignore_errors=True)

    def abandon(self) -> None:
        """Remove the unfinished build; the site stays as it was."""
        self._repair()
        shutil.rmtree(self.workspace, ignore_errors=True)

    def _repair(self) -> None:
        """A build stopped between the two renames of ``publish``: its new site is complete, put it in place."""
        halfway = (self.workspace / "vorige").is_dir() and self.folder.is_dir()
        if halfway and not self.site.exists() and not self.site.is_symlink():
            os.rename(self.folder, self.site)


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
