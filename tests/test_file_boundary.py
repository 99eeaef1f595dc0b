"""Only ordinary files inside the content folder are read: whatever else sits there is named, in Dutch.

A symlink can come in through git, and a pipe or a device can be made on a
build machine: none of them may hang the checker, fill its memory, or publish a
file from outside the content folder. Each case runs the real checker.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_cases import make_tree

REPO = Path(__file__).resolve().parents[1]


def check(root: Path) -> list[str]:
    """The checker's lines about files; fails on a hang (10 s) or a traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "herstelnetwerk", "check", "--activities", str(root), "--build-date", "2026-11-23"],
        capture_output=True,
        text=True,
        timeout=10,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert "Traceback" not in result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stdout.splitlines()


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return make_tree(tmp_path / "activities")


def test_a_pipe_is_refused_without_waiting_for_it(tree):
    os.mkfifo(tree / "offerings" / "pijp.yaml")
    assert check(tree) == [
        "Fout in offerings/pijp.yaml: Dit is geen gewoon bestand (maar bijvoorbeeld een pipe). "
        "Zet hier een .yaml-bestand."
    ]


@pytest.mark.parametrize("target", ["/dev/zero", "/etc/hostname"], ids=["device", "file-elsewhere"])
def test_a_symlink_out_of_the_content_folder_is_not_read(tree, target):
    (tree / "offerings" / "buiten.yaml").symlink_to(target)
    assert check(tree) == [
        "Fout in offerings/buiten.yaml: Dit bestand is een snelkoppeling (symlink) naar een plek buiten de map "
        "met de inhoud. Zet het bestand zelf hier."
    ]


def test_a_symlink_that_points_to_itself(tree):
    (tree / "offerings" / "lus.yaml").symlink_to("lus.yaml")
    assert check(tree) == [
        "Fout in offerings/lus.yaml: Dit is een snelkoppeling (symlink) die naar zichzelf terugwijst. "
        "Zet het bestand zelf hier."
    ]


def test_a_symlink_to_nothing(tree):
    (tree / "offerings" / "weg.yaml").symlink_to("bestaat-niet.yaml")
    assert check(tree) == [
        "Fout in offerings/weg.yaml: Het bestand bestaat niet (meer), of het is een snelkoppeling naar niets."
    ]


def test_a_folder_named_network_yaml_is_not_a_missing_file(tree):
    (tree / "network.yaml").unlink()
    (tree / "network.yaml").mkdir()
    assert check(tree) == ["Fout in network.yaml: Dit is een map, geen bestand. Zet hier een .yaml-bestand."]


@pytest.mark.parametrize(
    "character", ["\x0b", "\x00", "\x1b", "\x7f", "\ufffe"], ids=["VT", "NUL", "ESC", "DEL", "FFFE"]
)
def test_a_raw_control_character_is_named_on_its_line(tree, character):
    offering = tree / "offerings" / "inloop.yaml"
    lines = offering.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(2, f"# een opmerking met {character} erin\n")
    offering.write_text("".join(lines), encoding="utf-8")
    assert check(tree) == [
        f"Fout in offerings/inloop.yaml, regel 3: Op deze regel staat een onzichtbaar teken dat niet in een bestand "
        f"mag (U+{ord(character):04X}). Typ de regel opnieuw, of haal het teken weg."
    ]


def test_without_an_offerings_folder_the_check_does_not_say_all_is_well(tree):
    for path in (tree / "offerings").iterdir():
        path.unlink()
    (tree / "offerings").rmdir()
    assert check(tree) == [
        "Fout in offerings: De map offerings/ ontbreekt. Zet daar de activiteiten in, één bestand elk."
    ]


def test_a_file_where_a_folder_belongs(tree):
    for path in (tree / "locations").iterdir():
        path.unlink()
    (tree / "locations").rmdir()
    (tree / "locations").write_text("locaties\n", encoding="utf-8")
    lines = check(tree)
    assert lines[0] == "Fout in locations: Hier hoort een map locations/ met .yaml-bestanden, geen bestand."


def test_a_folder_that_is_a_symlink_out_of_the_content_folder_is_not_read(tree, tmp_path):
    """Content from elsewhere would be published: a content folder may not lead out either."""
    elsewhere = tmp_path / "elders"
    (tree / "trainings").rename(elsewhere)
    (tree / "trainings").symlink_to(elsewhere)
    assert check(tree)[0] == (
        "Fout in trainings: De map trainings/ is een snelkoppeling (symlink) naar een plek buiten de map met de "
        "inhoud. Zet de bestanden zelf hier."
    )


def test_a_symlink_loop_in_a_github_annotation(tree):
    """GitHub's annotation names the file as it is named: resolving it would follow the loop."""
    (tree / "offerings" / "lus.yaml").symlink_to("lus.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "herstelnetwerk", "check", "--activities", str(tree), "--build-date", "2026-11-23"],
        capture_output=True,
        text=True,
        timeout=10,
        env={**os.environ, "PYTHONPATH": str(REPO), "GITHUB_ACTIONS": "true"},
    )
    assert "Traceback" not in result.stderr and result.returncode == 1
    assert any(line.startswith("::error file=") and "lus.yaml" in line for line in result.stdout.splitlines())
