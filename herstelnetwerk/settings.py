"""What a build or a check is about: which content folder, and which day it is.

Read in one place for the site generator's adapter and for the command line:

- ``HERSTELNETWERK_ACTIVITIES``: the content folder (network.yaml, locations/,
  trainings/, offerings/), relative to the folder of the site's configuration
  (or, on the command line, the current folder). Without it: the adapter's
  configured folder, else ``activities``.
- ``HERSTELNETWERK_BUILD_DATE``: the day the build counts as "today"
  (``YYYY-MM-DD``), which makes builds reproducible. Without it: today in the
  Netherlands.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .loading.errors import visible
from .loading.schedule import TZ

ACTIVITIES_VARIABLE = "HERSTELNETWERK_ACTIVITIES"
BUILD_DATE_VARIABLE = "HERSTELNETWERK_BUILD_DATE"
DEFAULT_FOLDER = "activities"


class SettingsError(ValueError):
    """A setting that cannot be used; the message says so in Dutch."""


@dataclass(frozen=True)
class Settings:
    activities: Path  # absolute
    build_date: date


def parse_date(text: str, name: str = BUILD_DATE_VARIABLE) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise SettingsError(f"{name}={text!r} is geen datum; schrijf bijvoorbeeld 2026-11-23.") from None


def read_settings(
    base: Path,
    folder: str | Path | None = None,
    build_date: date | None = None,
    default_folder: str = DEFAULT_FOLDER,
    environ: Mapping[str, str] = os.environ,
) -> Settings:
    """The settings of one run. ``folder`` and ``build_date``, when given, win over the environment."""
    chosen = folder or environ.get(ACTIVITIES_VARIABLE) or default_folder
    if build_date is None:
        value = environ.get(BUILD_DATE_VARIABLE)
        build_date = parse_date(value) if value else datetime.now(TZ).date()
    return Settings(activities=content_folder(Path(base) / chosen), build_date=build_date)


def content_folder(path: Path) -> Path:
    """``path`` made absolute, if it is a folder; else a SettingsError that says what it is instead."""
    shown = visible(str(path))
    try:
        folder = path.resolve(strict=True)
    except RuntimeError:  # a symlink loop, found while resolving
        raise SettingsError(f"De map met de inhoud ({shown}) is een snelkoppeling die naar zichzelf wijst.") from None
    except OSError:
        raise SettingsError(
            f"De map met de inhoud ({shown}) bestaat niet. Geef met {ACTIVITIES_VARIABLE} de map met network.yaml."
        ) from None
    if not folder.is_dir():
        raise SettingsError(f"De inhoud ({shown}) is geen map. Geef met {ACTIVITIES_VARIABLE} de map met network.yaml.")
    return folder
