"""Hostile input: every file in tests/hostile/ is refused with a Dutch message
naming file and line, or is accepted and renders as plain text.

Validation cases run the checker command in-process (fast); the accepted
("renders-safely") cases are built together into one real site and opened in
Chromium further below, in test_hostile_render.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_cases import BUILD_DATE, all_cases, make_tree

from herstelnetwerk import cli

CASES = all_cases()
REPO = Path(__file__).resolve().parents[1]


def run_check(root: Path, capsys, monkeypatch) -> tuple[int, list[str]]:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code = cli.main(["check", "--activities", str(root), "--build-date", BUILD_DATE])
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "Traceback" not in output
    return code, captured.out.splitlines()


def test_corpus_is_big_enough():
    assert len(CASES) >= 40
    assert sum(case.expect == "renders-safely" for case in CASES) >= 5


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_case(case, tmp_path, capsys, monkeypatch):
    root = make_tree(tmp_path / "activities", [case])
    code, lines = run_check(root, capsys, monkeypatch)
    errors = [line for line in lines if line.startswith("Fout in ")]
    if case.expect == "renders-safely":
        assert code == 0, lines
        assert errors == []
        return
    assert code == 1
    where = f"Fout in {case.place}, regel {case.line}: " if case.line is not None else f"Fout in {case.place}: "
    matching = [line for line in errors if line.startswith(where) and case.fragment in line]
    assert matching, f"expected a line starting {where!r} with {case.fragment!r}, got:\n" + "\n".join(lines)
    # The base tree is valid, so every error is about the hostile file itself.
    assert all(line.startswith(f"Fout in {case.place}") for line in errors), errors


def test_python_tag_runs_nothing(tmp_path, capsys, monkeypatch):
    """The !!python/object tag is read as data; no command runs."""
    marker = Path("/tmp/herstelnetwerk-pwned")
    marker.unlink(missing_ok=True)
    case = next(case for case in CASES if case.name == "python-object-tag")
    run_check(make_tree(tmp_path / "activities", [case]), capsys, monkeypatch)
    assert not marker.exists()


def test_very_large_file_is_refused(tmp_path, capsys, monkeypatch):
    root = make_tree(tmp_path / "activities")
    base = (root / "offerings" / "inloop.yaml").read_text(encoding="utf-8")
    # Valid YAML throughout, only far too big: 300 kB of description.
    paragraph = "  Een rustige ochtend met koffie en een goed gesprek.\n"
    text = base + "description: |\n" + paragraph * (300 * 1024 // len(paragraph))
    (root / "offerings" / "groot.yaml").write_text(text, encoding="utf-8")
    assert (root / "offerings" / "groot.yaml").stat().st_size > 256 * 1024
    code, lines = run_check(root, capsys, monkeypatch)
    assert code == 1
    assert [line for line in lines if line.startswith("Fout")] == [
        "Fout in offerings/groot.yaml: Het bestand is te groot (300 kB; maximaal 256 kB). "
        "Maak de teksten korter of splits het op."
    ]


# --- the schema and the validator agree ------------------------------------------------------


def schema_verdicts(files_by_type: dict[str, list[Path]]) -> dict[Path, bool]:
    """Run check-jsonschema (a YAML 1.2 parser and a JSON Schema validator) once per content type."""
    verdicts: dict[Path, bool] = {}
    for content_type, files in files_by_type.items():
        if not files:
            continue
        result = subprocess.run(
            [
                str(Path(sys.executable).with_name("check-jsonschema")),
                "-o",
                "json",
                "--schemafile",
                str(REPO / "schema" / f"{content_type}.schema.json"),
                *map(str, files),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        report = json.loads(result.stdout)
        failed = {Path(item["filename"]) for item in report["errors"] + report["parse_errors"]}
        verdicts |= {path: path not in failed for path in files}
    return verdicts


def test_schema_and_validator_agree_on_hostile_files(tmp_path, capsys, monkeypatch):
    """Valid for the validator <=> valid for the schema, for every rule a schema can express.

    The schema_blind cases break rules that need other files, date arithmetic or
    the file name; the validator must refuse them (checked in test_hostile_case).
    """
    seeing = [case for case in CASES if case.schema_blind is None]
    blind = [case for case in CASES if case.schema_blind is not None]
    assert blind and all(case.expect == "error" for case in blind)
    by_type: dict[str, list[Path]] = {}
    for case in seeing:
        by_type.setdefault(case.content_type, []).append(case.path.resolve())
    schema_ok = schema_verdicts(by_type)
    disagreements = []
    for index, case in enumerate(seeing):
        code, _ = run_check(make_tree(tmp_path / str(index), [case]), capsys, monkeypatch)
        if (code == 0) != schema_ok[case.path.resolve()]:
            disagreements.append(
                f"{case.name}: validator {'ok' if code == 0 else 'refuses'}, "
                f"schema {'ok' if schema_ok[case.path.resolve()] else 'refuses'}"
            )
    assert disagreements == []
    # Both sides refuse something, so the comparison above is not trivially true.
    assert not all(schema_ok.values()) and any(schema_ok.values())
