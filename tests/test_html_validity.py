"""Valid HTML: the Nu HTML Checker (vnu, the W3C validator's engine) on one page of every type.

One ``java -jar vnu.jar`` call checks the built pages as files, errors only.
The jar is pinned in ``bench/package-lock.json`` and installed with ``npm ci``
when missing (``bench/checkers.py``); Java itself must be on the machine.

An error fails the test unless it is on the short list below: each entry is
an error that comes from mkdocs-material or from the checker not knowing a
newer standard, matched on the message and on the element it points at, with
the reason. An entry that no longer matches anything fails too, so the list
cannot outlive its reason. What the finder shows after its script has run is
not a file; axe checks it in Chromium (test_browser_accessibility.py).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser_support import PAGE_TYPES

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import checkers


@dataclass(frozen=True)
class Known:
    """An error we accept: its message and the start of the element it points at, with the reason."""

    reason: str
    message: str  # a regular expression, searched in the checker's message
    element: str  # a regular expression, matched at the start of the highlighted source

    def matches(self, error: dict) -> bool:
        return bool(re.search(self.message, error["message"]) and re.match(self.element, highlighted(error)))


KNOWN = [
    Known(
        reason="CSP Level 3 source expression (Chromium 95+, Firefox 102+, Safari 16+) that vnu 24.10 does not know. "
        "vnu stops at the first expression it does not know; test_browser_privacy.py checks the whole policy "
        "in Chromium, which reports a policy it cannot parse.",
        message=r"""Expecting source-expression but found "'wasm-unsafe-eval'"\.""",
        element=r'<meta http-equiv="Content-Security-Policy" ',
    ),
    Known(
        reason="mkdocs-material's base.html puts autocomplete=off on its drawer and search toggles (checkboxes) "
        "so that Firefox does not restore them ticked on going back; HTML allows autocomplete on text-like "
        "inputs only. The theme's markup, not ours.",
        message=r"^Attribute “autocomplete” is only allowed when the input type is ",
        element=r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" ',
    ),
]

# A page the checker must object to, checked in the same run: a test of the test.
BROKEN = '<!doctype html><html lang="nl"><title>x</title><p id="a">één</p><p id="a"></div>'


def highlighted(error: dict) -> str:
    start, length = error.get("hiliteStart", 0), error.get("hiliteLength", 0)
    return (error.get("extract") or "")[start : start + length]


def page_file(site: Path, path: str) -> Path:
    """The file a static host serves for ``path`` (its 404 page for an unknown path)."""
    path = path.split("?", 1)[0]
    file = site / path / "index.html" if path == "" or path.endswith("/") else site / path
    return file if file.is_file() else site / "404.html"


@pytest.fixture(scope="module")
def vnu(built_site, tmp_path_factory) -> dict[str, list[dict]]:
    """The checker's messages per page type, and ``BROKEN``'s under the name "broken"."""
    try:
        java = checkers.java()
        checkers.ensure_installed()
    except checkers.CheckerMissing as error:
        pytest.fail(str(error), pytrace=False)
    broken = tmp_path_factory.mktemp("vnu") / "broken.html"
    broken.write_text(BROKEN, encoding="utf-8")
    files = {name: page_file(built_site, path) for name, path in PAGE_TYPES.items()} | {"broken": broken}
    # The checker passes over a file that is not there without a word.
    assert all(file.is_file() for file in files.values())
    result = subprocess.run(
        [java, "-jar", str(checkers.VNU_JAR), "--errors-only", "--format", "json", *map(str, files.values())],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu gave no report (exit {result.returncode}):\n{result.stdout}\n{result.stderr}", pytrace=False)
    names = {file.resolve(): name for name, file in files.items()}
    found: dict[str, list[dict]] = {name: [] for name in files}
    for message in messages:
        # A message about no file of ours (the checker failing to read one, say) goes to "?".
        path = Path(unquote(urlsplit(message.get("url", "")).path)).resolve()
        found.setdefault(names.get(path, "?"), []).append(message)
    return found


def describe(error: dict) -> str:
    return f"line {error.get('lastLine', '?')}: {error['message']}  [{highlighted(error)[:100]}]"


def test_the_checker_reports_errors(vnu):
    messages = {error["message"] for error in vnu["broken"]}
    assert any("Duplicate ID “a”" in message for message in messages), messages
    assert any("Stray end tag “div”" in message for message in messages), messages


def test_every_message_belongs_to_a_page(vnu):
    assert vnu.get("?", []) == []


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_page_is_valid_html(vnu, name):
    errors = [
        describe(error)
        for error in vnu[name]
        if error.get("type") != "error" or not any(known.matches(error) for known in KNOWN)
    ]
    assert errors == [], f"{PAGE_TYPES[name] or 'home'}:\n" + "\n".join(errors)


@pytest.mark.parametrize("known", KNOWN, ids=lambda known: known.message[:40])
def test_every_accepted_error_still_occurs(vnu, known):
    """An entry whose error is gone (a new theme, a new checker) is taken off the list."""
    assert any(known.matches(error) for name in PAGE_TYPES for error in vnu[name])
