"""What volunteers read and start from: the field reference, the templates, CONTRIBUTING.md.

The field reference is generated from the model, so it is compared with a fresh
rendering; the templates and the examples in CONTRIBUTING.md are real content
files, so they must pass the same checks as the example content.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from herstelnetwerk.loading import vocabulary as v
from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.loading.errors import ContentError
from herstelnetwerk.loading.model import Location, Network, Offering, SearchWords, Training
from herstelnetwerk.loading.parse import spec_fields
from herstelnetwerk.planning import editing
from herstelnetwerk.reference import field_docs as docs

REPO = Path(__file__).resolve().parents[1]
BUILD_DATE = date(2026, 11, 23)
TEMPLATES = {name: folder for folder, name in editing.TEMPLATES.items()}  # activiteit -> offerings
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def run_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "herstelnetwerk", *args], cwd=cwd, capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def example_repo(tmp_path: Path) -> Path:
    """A copy of the parts of the repository that content files refer to: activities/, schema/, templates/."""
    for name in ("activities", "schema", "templates"):
        shutil.copytree(REPO / name, tmp_path / name)
    return tmp_path


def load(root: Path):
    try:
        return load_catalog(root, BUILD_DATE)
    except ContentError as error:  # show every problem, not just "it failed"
        pytest.fail(error.summary())


# --- the field reference --------------------------------------------------------


def test_committed_field_reference_is_the_generated_one():
    committed = (REPO / "docs" / "velden.md").read_text(encoding="utf-8")
    assert committed == docs.render(REPO / "templates"), "run: python -m herstelnetwerk docs"


def test_docs_check_command_accepts_the_committed_file():
    result = run_cli("docs", "--check")
    assert result.returncode == 0, result.stderr


def test_docs_command_writes_and_then_detects_a_stale_file(tmp_path: Path):
    out = tmp_path / "velden.md"
    written = run_cli("docs", "--out", str(out))
    assert written.returncode == 0, written.stderr
    assert out.read_text(encoding="utf-8") == (REPO / "docs" / "velden.md").read_text(encoding="utf-8")
    out.write_text(out.read_text(encoding="utf-8").replace("| `title` |", "| `titel` |", 1), encoding="utf-8")
    stale = run_cli("docs", "--out", str(out), "--check")
    assert stale.returncode == 1
    assert stale.stderr.strip() == (
        f"{out.as_posix()} klopt niet met het model. Maak het opnieuw met: python -m herstelnetwerk docs"
    )
    assert "| `titel` |" in out.read_text(encoding="utf-8"), "--check must not write"


def _all_blocks(cls: type) -> list[type]:
    return [block for _, block, _ in docs._blocks(cls)]


@pytest.mark.parametrize("cls", [Offering, Location, Training, Network, SearchWords], ids=lambda c: c.__name__)
def test_reference_has_a_row_for_every_field_with_its_dutch_title(cls):
    text = docs.render(REPO / "templates")
    for block in _all_blocks(cls):
        for key, _, spec in spec_fields(block):
            rows = [line for line in text.splitlines() if line.startswith(f"| `{key}` |")]
            assert any(spec.title in row for row in rows), (block.__name__, key)


@pytest.mark.parametrize(
    "values",
    [v.OFFERING_TYPES, v.AUDIENCES, v.THEMES, v.MIND_BLOCKS, v.LED_BY],
    ids=["types", "audiences", "themes", "mind_blocks", "led_by"],
)
def test_reference_lists_every_value_with_its_label(values):
    text = docs.render(REPO / "templates")
    for key, label in values:
        assert f"| `{key}` | {label} |" in text


def test_reference_says_the_provider_is_never_shown():
    row = next(line for line in docs.render(REPO / "templates").splitlines() if line.startswith("| `provider` |"))
    assert "nooit op de website" in row


# --- the templates ----------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_template_as_it_is_passes_validation_in_the_example_content(example_repo: Path, name: str):
    folder = example_repo / "activities" / TEMPLATES[name]
    target = folder / f"nieuw-{name}.yaml"
    target.write_text(editing.template_for(example_repo / "templates" / f"{name}.yaml", folder), encoding="utf-8")
    loaded = load(example_repo / "activities")
    items = {
        "offerings": loaded.catalog.offerings,
        "locations": loaded.catalog.locations,
        "trainings": loaded.catalog.trainings,
    }[TEMPLATES[name]]
    assert target.stem in items
    assert [w.render() for w in loaded.warnings if w.path == target] == []


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_template_schema_line_points_at_the_schema_from_its_new_place(example_repo: Path, name: str):
    folder = example_repo / "activities" / TEMPLATES[name]
    for text, base in (
        (editing.template_for(example_repo / "templates" / f"{name}.yaml", folder), folder),
        ((REPO / "templates" / f"{name}.yaml").read_text(encoding="utf-8"), example_repo / "templates"),
    ):
        match = SCHEMA_LINE.match(text.splitlines()[0])
        assert match, text.splitlines()[0]
        assert (base / match.group(1)).resolve().is_file(), match.group(1)


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_field_in_a_template_has_a_dutch_comment_above_it(name: str):
    lines = (REPO / "templates" / f"{name}.yaml").read_text(encoding="utf-8").splitlines()
    keys = 0
    for number, line in enumerate(lines):
        if re.match(r"^\s*(?:- )?[a-z_]+:", line) and not line.lstrip().startswith("#"):
            keys += 1
            indent = len(line) - len(line.lstrip(" -"))
            above = [line for line in lines[:number] if line.strip()][-1]
            sibling_above = re.match(r"^\s*(?:- )?[a-z_]+:", above) and not above.lstrip().startswith("#")
            # A field is explained by the comment right above it, or shares it with the field just above
            # (start and end, meetings and meeting_minutes).
            assert above.lstrip().startswith("# ") or (
                sibling_above and len(above) - len(above.lstrip(" -")) == indent
            ), f"{name}.yaml line {number + 1}: {line!r}"
    assert keys >= 8


def test_the_offering_template_uses_every_top_level_field_a_volunteer_needs():
    text = (REPO / "templates" / "activiteit.yaml").read_text(encoding="utf-8")
    used = set(re.findall(r"^([a-z_]+):", text, re.MULTILINE))
    required = {key for key, _, spec in spec_fields(Offering) if spec.required}
    assert required <= used
    assert {"title", "summary", "type", "audience", "themes", "first_time", "provider", "status"} <= used


# --- CONTRIBUTING.md ---------------------------------------------------------------

FOLDER_OF_SCHEMA = {"offering": "offerings", "location": "locations", "training": "trainings"}


def contributing_examples() -> list[tuple[str, str]]:
    """(schema name, YAML) of every complete example file in CONTRIBUTING.md."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    examples = []
    for block in re.findall(r"^```yaml\n(.*?)^```", text, re.MULTILINE | re.DOTALL):
        match = re.match(r"# yaml-language-server: \$schema=\.\./\.\./schema/(\w+)\.schema\.json\n", block)
        if match:
            examples.append((match.group(1), block))
    return examples


def test_contributing_has_an_example_for_each_content_type():
    assert sorted({kind for kind, _ in contributing_examples()}) == ["location", "offering", "training"]


@pytest.mark.parametrize("index", range(len(contributing_examples())))
def test_contributing_example_passes_validation(example_repo: Path, index: int):
    kind, text = contributing_examples()[index]
    target = example_repo / "activities" / FOLDER_OF_SCHEMA[kind] / f"voorbeeld-uit-de-uitleg-{index}.yaml"
    target.write_text(text, encoding="utf-8")
    loaded = load(example_repo / "activities")
    assert target.stem in getattr(loaded.catalog, FOLDER_OF_SCHEMA[kind])


def test_contributing_quotes_a_real_error_message_at_its_line(example_repo: Path):
    """The error shown in 'De controle lezen' is what the check really says, on the line it names."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    named = re.search(r"onder regel (\d+) van `(activities/offerings/[a-z-]+\.yaml)`:\n\n  > (.*)\n", text)
    assert named, "the example error in CONTRIBUTING.md"
    line, path, message = int(named.group(1)), named.group(2), named.group(3)
    # The same mistake in a file made from the template: a time without its colon, on that line.
    template = (REPO / "templates" / "activiteit.yaml").read_text(encoding="utf-8")
    lines = [
        row.replace('start: "10:00"', 'start: "1000"')
        for row in template.splitlines()
        if row.strip() and not row.lstrip().startswith("#")
    ]
    start = next(i for i, row in enumerate(lines) if row.strip().startswith("start:"))
    lines = ["# uitleg"] * (line - 1 - start) + lines
    (example_repo / path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (example_repo / ".git").mkdir()  # the check names files from the repository root
    result = subprocess.run(
        [sys.executable, "-m", "herstelnetwerk", "check"],
        cwd=example_repo,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "GITHUB_ACTIONS": "true", "HERSTELNETWERK_BUILD_DATE": BUILD_DATE.isoformat()},
    )
    assert result.returncode == 1
    assert [row for row in result.stdout.splitlines() if row.startswith("::error")] == [
        f"::error file={path},line={line},title=Fout in de inhoud::{message}"
    ], result.stdout
