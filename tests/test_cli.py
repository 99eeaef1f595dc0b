"""`python -m herstelnetwerk check`: every problem on its own line, in Dutch or as GitHub annotations."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_cases import make_tree

from herstelnetwerk.cli import github_command
from herstelnetwerk.loading.errors import Problem

REPO = Path(__file__).resolve().parents[1]

STALE = "Deze activiteit is 326 dagen niet nagekeken (langer dan 180). Klopt alles nog? Pas dan 'last_checked' aan."
BAD_TIME = "De tijd '10:60' klopt niet. Schrijf uren:minuten, zoals \"19:30\"."
COLON = (
    "Er staat een dubbele punt op een plek waar dat niet kan. Zet de tekst tussen aanhalingstekens, "
    'bijvoorbeeld: title: "Koffie: iedereen welkom".'
)


def content(tmp_path: Path, broken: bool) -> Path:
    """A small repository: .git, and activities/ with one stale offering (and two broken ones)."""
    (tmp_path / ".git").mkdir()
    root = make_tree(tmp_path / "activities")
    base = (root / "offerings" / "inloop.yaml").read_text(encoding="utf-8")
    (root / "offerings" / "oud.yaml").write_text(base.replace("2026-11-01", "2026-01-01"), encoding="utf-8")
    if broken:
        (root / "offerings" / "kapot.yaml").write_text(base.replace('"10:00"', '"10:60"'), encoding="utf-8")
        (root / "offerings" / "colon.yaml").write_text(
            base.replace("title: Inloop", "title: Koffie: thee"), encoding="utf-8"
        )
    return root


def run(root: Path, github: bool, cwd: Path) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    if github:
        env["GITHUB_ACTIONS"] = "true"
    env["PYTHONPATH"] = str(REPO)
    result = subprocess.run(
        [sys.executable, "-m", "herstelnetwerk", "check", "--activities", str(root), "--build-date", "2026-11-23"],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_errors_and_warnings_in_dutch(tmp_path):
    result = run(content(tmp_path, broken=True), github=False, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"Fout in offerings/colon.yaml, regel 2: {COLON}",
        f"Fout in offerings/kapot.yaml, regel 10: {BAD_TIME}",
        f"Let op in offerings/oud.yaml, regel 15: {STALE}",
    ]
    assert result.stderr.strip() == "2 fouten gevonden. Pas de bestanden aan en probeer het opnieuw."


def test_errors_and_warnings_as_github_annotations(tmp_path):
    # Run from elsewhere: the path is relative to the repository (the folder with .git), not to the cwd.
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    result = run(content(tmp_path, broken=True), github=True, cwd=elsewhere)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"::error file=activities/offerings/colon.yaml,line=2,col=14,title=Fout in de inhoud::{COLON}",
        f"::error file=activities/offerings/kapot.yaml,line=10,title=Fout in de inhoud::{BAD_TIME}",
        f"::warning file=activities/offerings/oud.yaml,line=15,title=Let op::{STALE}",
    ]


def test_only_warnings_exit_zero(tmp_path):
    root = content(tmp_path, broken=False)
    plain = run(root, github=False, cwd=tmp_path)
    assert plain.returncode == 0
    assert plain.stdout.splitlines() == [f"Let op in offerings/oud.yaml, regel 15: {STALE}"]
    assert plain.stderr.strip() == "Alles in orde: 2 activiteiten, 1 training, 1 locatie, 1 om na te kijken."
    github = run(root, github=True, cwd=tmp_path)
    assert github.returncode == 0
    assert github.stdout.splitlines() == [f"::warning file=activities/offerings/oud.yaml,line=15,title=Let op::{STALE}"]


def test_the_real_content_passes():
    result = run(REPO / "activities", github=False, cwd=REPO)
    assert result.returncode == 0, result.stdout
    assert not [line for line in result.stdout.splitlines() if line.startswith("Fout")]


def test_github_escaping():
    problem = Problem(REPO / "activities" / "offerings" / "a,b:c.yaml", 3, "100% klaar\r\nvolgende regel", column=2)
    assert github_command(problem, REPO) == (
        "::error file=activities/offerings/a%2Cb%3Ac.yaml,line=3,col=2,title=Fout in de inhoud::"
        "100%25 klaar%0D%0Avolgende regel"
    )
    warning = Problem(REPO / "activities" / "network.yaml", None, "Let op: 50%", severity="warning")
    assert github_command(warning, REPO) == "::warning file=activities/network.yaml,title=Let op::Let op: 50%25"


def test_bad_build_date_is_a_dutch_usage_error(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "herstelnetwerk", "check", "--build-date", "23-11-2026"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 2
    assert "'23-11-2026' is geen datum" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_build_date_in_the_environment_is_a_dutch_usage_error():
    """The variable is read by the same settings as the site build, and refused with the same words."""
    result = subprocess.run(
        [sys.executable, "-m", "herstelnetwerk", "check"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "HERSTELNETWERK_BUILD_DATE": "morgen"},
    )
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "python -m herstelnetwerk: error: HERSTELNETWERK_BUILD_DATE='morgen' is geen datum; "
        "schrijf bijvoorbeeld 2026-11-23."
    )


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ('"vrij\\edag"', "'vrij\\x1bdag'"),  # ESC: colours, hyperlinks and cursor moves in a terminal
        ('"vrijdag\\ud800"', "'vrijdag\\ud800'"),  # half a character: printing it failed
        ('"vrij\\u202edag"', "'vrij\\u202edag'"),  # right-to-left override: reorders what is read
        ('"vrij\\Ldag"', "'vrij\\u2028dag'"),  # line separator: a line break in a terminal
    ],
    ids=["escape", "lone-surrogate", "bidi-override", "line-separator"],
)
def test_a_value_echoed_in_a_message_is_shown_not_acted_on(tmp_path, written, shown):
    root = make_tree(tmp_path / "activities")
    offering = root / "offerings" / "inloop.yaml"
    text = offering.read_text(encoding="utf-8")
    offering.write_text(re.sub(r"(?m)^(\s*day:).*$", lambda m: f"{m[1]} {written}", text), encoding="utf-8")
    for github in (False, True):
        result = run(root, github=github, cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        (line,) = [line for line in result.stdout.splitlines() if "kan hier niet" in line]
        assert shown in line
        assert not any(ch in line for ch in "\x1b\u202e\u2028") and line.isprintable()


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda folder: None, "bestaat niet"),
        (lambda folder: folder.write_text("geen map"), "is geen map"),
        (lambda folder: folder.symlink_to(folder), "is een snelkoppeling die naar zichzelf wijst"),
        (lambda folder: (folder.parent / "n\x1b[31mieuw").mkdir(), "bestaat niet"),
    ],
    ids=["missing", "a-file", "symlink-loop", "missing-with-escape-nearby"],
)
def test_a_content_folder_that_is_not_one_is_a_dutch_usage_error(tmp_path, make, said):
    folder = tmp_path / "inhoud\x1b]8;;x"  # an escape sequence in the name is shown, not acted on
    make(folder)
    result = subprocess.run(
        [sys.executable, "-m", "herstelnetwerk", "check", "--activities", str(folder)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "\x1b" not in result.stderr
    assert f"De map met de inhoud ({tmp_path}/inhoud\\x1b]8;;x) {said}" in result.stderr or (
        f"De inhoud ({tmp_path}/inhoud\\x1b]8;;x) {said}" in result.stderr
    ), result.stderr
