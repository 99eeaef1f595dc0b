"""The external checkers, pinned in ``bench/package-lock.json``: Lighthouse, the Nu HTML Checker and ical.js.

Both come from npm (``lighthouse`` and ``vnu-jar``, the checker's official jar)
and are installed with ``npm ci`` into ``bench/node_modules`` (git-ignored),
exactly as the lock file says, by whatever needs them first: ``bench/lighthouse.py``,
``tests/test_html_validity.py`` and ``tests/test_feeds_in_ical_js.py`` (Mozilla's ical.js,
the calendar parser of Thunderbird). A lock file newer than the installed copy
installs again, as ``scripts/install`` does for Python. Neither package runs an
install script, and ``npm ci`` is told not to run any.

Lighthouse 12.2 is the last release that runs on Node 20; the checker needs Java 11 or newer.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

BENCH = Path(__file__).resolve().parent
LOCK = BENCH / "package-lock.json"
NODE_MODULES = BENCH / "node_modules"
LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ICAL_JS = NODE_MODULES / "ical.js" / "dist" / "ical.es5.cjs"


class CheckerMissing(RuntimeError):
    """A checker cannot be installed or run here; the message says what to install."""


def ensure_installed() -> None:
    """Install the pinned checkers with ``npm ci`` unless the installed copy matches the lock file."""
    installed = NODE_MODULES / ".package-lock.json"  # npm writes it last, after every package is in place
    if (
        installed.is_file()
        and installed.stat().st_mtime >= LOCK.stat().st_mtime
        and LIGHTHOUSE.is_file()
        and VNU_JAR.is_file()
        and ICAL_JS.is_file()
    ):
        return
    npm = shutil.which("npm")
    if npm is None:
        raise CheckerMissing("npm is not installed: install Node.js 20 (Debian: apt-get install nodejs npm)")
    result = subprocess.run(
        [npm, "ci", "--prefix", str(BENCH), "--ignore-scripts", "--no-audit", "--no-fund"],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise CheckerMissing(f"npm ci in bench/ failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")


def node() -> str:
    found = shutil.which("node")
    if found is None:
        raise CheckerMissing("node is not installed: install Node.js 20 (Debian: apt-get install nodejs npm)")
    return found


def java() -> str:
    found = shutil.which("java")
    if found is None:
        raise CheckerMissing("java is not installed: the Nu HTML Checker needs Java 11 or newer (default-jre-headless)")
    return found
