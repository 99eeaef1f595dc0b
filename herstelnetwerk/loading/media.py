"""The network's image for shared links: ``delen.png`` beside network.yaml, if the network has one.

A chat app or social network shows it when a resident shares a page. It is
checked as any content file is: an ordinary PNG file inside the content
folder, not too large, and wide enough for a preview.
"""

from __future__ import annotations

import struct
from pathlib import Path

from .errors import Problem

SHARE_IMAGE = "delen.png"
MAX_BYTES = 1024 * 1024
MIN_WIDTH, MIN_HEIGHT = 600, 315
_PNG = b"\x89PNG\r\n\x1a\n"


def share_image(root: Path) -> tuple[Path | None, list[Problem]]:
    """The share image of the content folder ``root`` (None: it has none) and what is wrong with it."""
    path = root / SHARE_IMAGE
    if not (path.exists() or path.is_symlink()):
        return None, []
    try:
        if path.is_symlink() or not path.is_file():
            return None, [
                Problem(path, None, "Zet hier het plaatje zelf, als gewoon bestand (geen map of snelkoppeling).")
            ]
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [
                Problem(
                    path, None, f"Het plaatje is te groot ({size // 1024} kB; maximaal 1024 kB). Sla het kleiner op."
                )
            ]
        with path.open("rb") as file:
            head = file.read(24)
    except OSError:
        return None, [Problem(path, None, "Het bestand kan niet worden gelezen.")]
    if len(head) < 24 or not head.startswith(_PNG) or head[12:16] != b"IHDR":
        return None, [
            Problem(path, None, "Dit is geen PNG-plaatje. Sla het plaatje op als PNG (1200 bij 630 beeldpunten).")
        ]
    width, height = struct.unpack(">II", head[16:24])
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return None, [
            Problem(
                path,
                None,
                f"Het plaatje is {width} bij {height} beeldpunten: te klein voor een voorbeeld in een app. "
                "Maak het 1200 bij 630 beeldpunten.",
            )
        ]
    return path, []
