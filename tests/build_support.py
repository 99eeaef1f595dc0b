"""Run the real ``mkdocs build`` in a subprocess, and read what it made.

Used by the build tests: they check the site a reader gets, so they go
through MkDocs, the hooks and the templates exactly as ``scripts/serve`` and
CI do.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUILD_DATE = "2026-11-23"


def build_environment(
    activities: Path | None = None, build_date: str = BUILD_DATE, extra_env: dict[str, str] | None = None
) -> dict[str, str]:
    """The environment of a test build: the build date, and ``activities`` as the content folder if given."""
    env = {
        key: value for key, value in os.environ.items() if key not in ("SOURCE_DATE_EPOCH", "HERSTELNETWERK_ACTIVITIES")
    }
    env |= {"HERSTELNETWERK_BUILD_DATE": build_date, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    if activities is not None:
        env["HERSTELNETWERK_ACTIVITIES"] = str(activities)
    return env


def build_command(site_dir: Path, engine: str = "mkdocs") -> list[str]:
    return [sys.executable, "-m", engine, "build", "--strict", "-d", str(site_dir)]


def mkdocs_build(
    site_dir: Path,
    activities: Path | None = None,
    timeout: int = 300,
    build_date: str = BUILD_DATE,
    extra_env: dict[str, str] | None = None,
    engine: str = "mkdocs",
) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of this repository into ``site_dir`` (at the tests' build date unless told).

    ``activities`` is another content folder (HERSTELNETWERK_ACTIVITIES);
    ``engine`` may be ``properdocs``, which builds the same project.
    """
    env = build_environment(activities, build_date, extra_env)
    return subprocess.run(
        build_command(site_dir, engine), cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout
    )


def living_members(group: int) -> list[int]:
    """The processes of process group ``group`` that still run (Linux; a zombie waiting to be reaped has ended)."""
    living = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):  # it ended while we looked
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            living.append(int(stat.parent.name))
    return living


def site_hashes(site: Path) -> dict[str, str]:
    """Every file of a built site by its path in the site, with the SHA-256 of its bytes."""
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


class SessionList(HTMLParser):
    """The items of ``<ul class="hn-sessions">`` on an offering page.

    Each item is a dict: ``date`` (the ``<time datetime>``), ``text`` (all text
    of the item, whitespace collapsed) and ``classes`` (of the ``<li>``).
    """

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.items: list[dict] = []
        self.lists_found = 0
        self._depth = 0  # <ul>/<ol> depth inside the sessions list; 0 = outside
        self._item: dict | None = None
        self.feed(html)
        self.close()
        for item in self.items:
            item["text"] = " ".join(item["text"].split())

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag in ("ul", "ol"):
            if self._depth:
                self._depth += 1
            elif "hn-sessions" in classes:
                self._depth = 1
                self.lists_found += 1
        elif tag == "li" and self._depth == 1:
            self._item = {"date": None, "text": "", "classes": classes}
            self.items.append(self._item)
        elif tag == "time" and self._item is not None and self._item["date"] is None:
            self._item["date"] = attributes.get("datetime")

    def handle_endtag(self, tag):
        if tag in ("ul", "ol") and self._depth:
            self._depth -= 1
            if not self._depth:
                self._item = None
        elif tag == "li" and self._depth == 1:
            self._item = None

    def handle_data(self, data):
        if self._item is not None:
            self._item["text"] += data


# "10:00 - 12:00"; a session over several days: "14:00 tot vr 29 jan 16:00".
TIMES = re.compile(r"\b(\d{1,2}:\d{2})\s*(?:-|–|tot)\s*(?:\w{2} \d{1,2} \w{3} )?(\d{1,2}:\d{2})\b")


def session_times(text: str) -> tuple[str, str] | None:
    """``("10:00", "12:00")`` from a session's text such as ``Dinsdag 1 december, 10:00 - 12:00``."""
    match = TIMES.search(text)
    if not match:
        return None
    return tuple(f"{int(t.split(':')[0]):02d}:{t.split(':')[1]}" for t in match.groups())


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, and the text of <style> blocks."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.styles: list[str] = []
        self._in_style = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)
