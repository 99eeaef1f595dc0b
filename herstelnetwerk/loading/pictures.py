"""The network's logo and favicon: files in its content folder, checked before the site shows them.

``brand.logo`` and ``brand.favicon`` in network.yaml name a .svg or .png file
in the content folder. The site copies that file into every build, so it must
be one a browser can show without danger or a request elsewhere:

- it stays in the content folder: no path upwards (the field's pattern already
  refuses ``..``), and no symlink that leads out of the folder;
- it is a file of at most ``MAX_BYTES``, and a .png starts as a PNG does;
- an .svg is well-formed XML with ``<svg>`` at the top, and has no script, no
  event attributes (``onload=``), no embedded HTML (``foreignObject``), no
  document type or entities (the way to an entity bomb), and no link or
  stylesheet address other than a ``#name`` in the file itself, so it fetches
  nothing from anywhere.

A problem with the path is reported at the line of network.yaml that names it;
a problem inside an SVG at the line of the SVG.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from .errors import Problem
from .model import Network, Picture
from .yamlfile import Document

MAX_BYTES = 200_000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Elements that run code, show HTML or other documents inside the picture.
_REFUSED_ELEMENTS = {"script", "foreignobject", "iframe", "object", "embed", "handler", "listener"}
# A reference to anything but a part of the same file: url(https://...), url(data:...), @import.
_OUTSIDE_IN_STYLE = re.compile(r"(?i)url\s*\(\s*['\"]?\s*(?!#)|@import|expression\s*\(")
_WORDS = {"logo": "het logo", "favicon": "het pictogram"}


@dataclass
class Pictures:
    """The pictures found, by role (``logo``, ``favicon``), and the problems met."""

    files: dict[str, Picture] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def network_pictures(network: Network, doc: Document, root: Path) -> Pictures:
    found = Pictures()
    for role in ("logo", "favicon"):
        written = getattr(network.brand, role)
        if written is None:
            continue
        line = doc.line(("brand", role))
        try:
            found.files[role] = _picture(role, written, root)
        except _Refused as refused:
            found.problems.append(
                Problem(refused.path or doc.path, refused.line if refused.path else line, str(refused))
            )
    return found


class _Refused(ValueError):
    def __init__(self, message: str, path: Path | None = None, line: int | None = None):
        super().__init__(message)
        self.path, self.line = path, line


def _picture(role: str, written: str, root: Path) -> Picture:
    what = _WORDS[role]
    path = root / written
    if not (path.exists() or path.is_symlink()):
        raise _Refused(
            f"Het bestand '{written}' voor {what} staat niet in de map met de inhoud. "
            f"Zet het bestand daar (naast network.yaml: {written}), of haal de regel weg."
        )
    try:
        inside = path.resolve(strict=True).is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a symlink to nothing, or to itself
        inside = False
    if not inside:
        raise _Refused(
            f"'{written}' is een snelkoppeling (symlink) naar een plek buiten de map met de inhoud. "
            f"Zet het bestand zelf in de map."
        )
    if not path.is_file():
        raise _Refused(f"'{written}' is geen bestand. Geef het pad van een .svg- of .png-bestand.")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise _Refused(
            f"Het bestand '{written}' is te groot ({size // 1000} kB; hoogstens {MAX_BYTES // 1000} kB). "
            "Maak het kleiner."
        )
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".png" and not data.startswith(PNG_SIGNATURE):
        raise _Refused(f"'{written}' is geen PNG-afbeelding. Sla het opnieuw op als .png, of kies een ander bestand.")
    if suffix == ".svg":
        _check_svg(data, path)
    return Picture(role=role, suffix=suffix, data=data)


def _check_svg(data: bytes, path: Path) -> None:
    """Raise ``_Refused`` at the SVG's line when the picture could run code or fetch something."""
    parser = expat.ParserCreate(namespace_separator=" ")
    depth = [0]
    in_style = [False]

    def refuse(message: str) -> None:
        raise _Refused(message, path, parser.CurrentLineNumber)

    def start(name: str, attributes: dict[str, str]) -> None:
        local = name.rsplit(" ", 1)[-1].lower()
        if depth[0] == 0 and local != "svg":
            refuse("Dit is geen SVG-afbeelding: het bestand begint niet met <svg>.")
        depth[0] += 1
        if local in _REFUSED_ELEMENTS:
            refuse(f"In de afbeelding staat <{local}>. Een logo mag geen code of webpagina bevatten; haal het weg.")
        in_style[0] = local == "style"
        for key, value in attributes.items():
            attribute = key.rsplit(" ", 1)[-1].lower()
            if attribute.startswith("on"):
                refuse(f"In de afbeelding staat '{attribute}=', dat code laat lopen. Haal het weg.")
            if attribute == "href" and not value.strip().startswith("#"):
                refuse(
                    "In de afbeelding staat een link of een ander bestand. Een logo mag niets van elders halen; "
                    "zet alles in de afbeelding zelf."
                )
            if attribute == "style" and _OUTSIDE_IN_STYLE.search(value):
                refuse("In de opmaak van de afbeelding staat een adres (url(...) of @import). Haal het weg.")

    def end(name: str) -> None:
        in_style[0] = False

    def text(content: str) -> None:
        if in_style[0] and _OUTSIDE_IN_STYLE.search(content):
            refuse("In de opmaak van de afbeelding staat een adres (url(...) of @import). Haal het weg.")

    def doctype(*_args: object) -> None:
        refuse("In de afbeelding staat een <!DOCTYPE>. Dat is niet nodig; haal het weg.")

    def entity(*_args: object) -> None:
        refuse("In de afbeelding staat een <!ENTITY>. Dat is niet toegestaan; haal het weg.")

    def instruction(target: str, _data: str) -> None:
        refuse(f"In de afbeelding staat <?{target} ...?>. Haal het weg.")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.ProcessingInstructionHandler = instruction
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise _Refused(
            f"De afbeelding is geen geldige SVG ({expat.ErrorString(error.code)}). Sla hem opnieuw op als SVG.",
            path,
            error.lineno,
        ) from None
    if depth[0] == 0:
        raise _Refused("Dit is geen SVG-afbeelding: er staat geen <svg> in.", path, 1)
