"""The GitHub workflows, issue form and GitLab example: valid by their published schemas, and doing what we say.

check-jsonschema ships the schemas that GitHub's and GitLab's files follow
(from SchemaStore), so these tests need no network.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from herstelnetwerk.loading import vocabulary as v

REPO = Path(__file__).resolve().parents[1]
GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORM = GITHUB / "ISSUE_TEMPLATE" / "activiteit-aanmelden.yml"
TOOL = str(Path(sys.executable).with_name("check-jsonschema"))


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [TOOL, "--builtin-schema", schema, *map(str, files)], capture_output=True, text=True, timeout=120
    )


def gitlab_example(tmp_path: Path) -> Path:
    """The .gitlab-ci.yml in docs/gitlab.md, as a file."""
    text = (REPO / "docs" / "gitlab.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"^```yaml\n(.*?)^```", text, re.MULTILINE | re.DOTALL) if "\npages:" in b]
    assert len(blocks) == 1
    path = tmp_path / ".gitlab-ci.yml"
    path.write_text(blocks[0], encoding="utf-8")
    return path


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as True
        data["on"] = data.pop(True)
    return data


def run_steps(workflow: dict) -> list[str]:
    return [step["run"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "run" in step]


# --- valid by the published schemas -------------------------------------------------


def test_workflows_are_valid_github_workflows():
    assert [p.name for p in WORKFLOWS] == ["controle.yml", "publiceren.yml"]
    result = check_jsonschema("vendor.github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_form_and_its_config_are_valid():
    form = check_jsonschema("vendor.github-issue-forms", ISSUE_FORM)
    assert form.returncode == 0, form.stdout + form.stderr
    config = check_jsonschema("vendor.github-issue-config", GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert config.returncode == 0, config.stdout + config.stderr


def test_gitlab_example_is_a_valid_gitlab_ci_file(tmp_path: Path):
    result = check_jsonschema("vendor.gitlab-ci", gitlab_example(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_refuses_a_broken_workflow(tmp_path: Path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOWS[0].read_text(encoding="utf-8").replace("runs-on:", "runs_on:", 1), encoding="utf-8")
    result = check_jsonschema("vendor.github-workflows", broken)
    assert result.returncode == 1
    assert "runs_on" in result.stdout


# --- doing what CONTRIBUTING.md and the README say ----------------------------------


def test_pull_requests_check_the_content_build_strictly_and_run_the_tests():
    workflow = load(GITHUB / "workflows" / "controle.yml")
    assert "pull_request" in workflow["on"]
    assert run_steps(workflow) == ["bash scripts/check", "bash scripts/build", "bash scripts/test -q"]
    assert workflow["permissions"] == {"contents": "read"}


def test_the_scripts_run_the_check_and_a_strict_build():
    check = (REPO / "scripts" / "check").read_text(encoding="utf-8")
    build = (REPO / "scripts" / "build").read_text(encoding="utf-8")
    assert "-m herstelnetwerk check" in check
    assert "-m herstelnetwerk check" in build and "mkdocs build --strict" in build


def test_main_and_every_night_publish_to_github_pages():
    workflow = load(GITHUB / "workflows" / "publiceren.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    (cron,) = [entry["cron"] for entry in workflow["on"]["schedule"]]
    _minute, hour, *rest = cron.split()
    assert rest == ["*", "*", "*"] and 0 <= int(hour) <= 3, "once a night, after midnight in the Netherlands"
    build, deploy = workflow["jobs"]["bouwen"], workflow["jobs"]["publiceren"]
    assert run_steps({"jobs": {"bouwen": build}}) == ["bash scripts/build -d site"]
    upload = [s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert [s["with"]["path"] for s in upload] == ["site"]
    assert deploy["needs"] == "bouwen"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert workflow["permissions"] == {"contents": "read"}, "only the deploy job may write"


def test_scripts_build_makes_the_site(tmp_path: Path):
    out = tmp_path / "site"
    env_date = {"HERSTELNETWERK_BUILD_DATE": "2026-11-23", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        ["bash", "scripts/build", "-q", "-d", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **env_date},
    )
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").is_file() and (out / "over" / "index.html").is_file()


# --- the issue form ----------------------------------------------------------------


def _form_field(form: dict, field_id: str) -> dict:
    return next(item for item in form["body"] if item.get("id") == field_id)


def test_issue_form_offers_the_same_choices_as_the_content():
    form = yaml.safe_load(ISSUE_FORM.read_text(encoding="utf-8"))
    assert form["name"] == "Activiteit aanmelden"
    assert _form_field(form, "soort")["attributes"]["options"] == [label for _, label in v.OFFERING_TYPES]
    assert _form_field(form, "voor-wie")["attributes"]["options"] == [label for _, label in v.AUDIENCES]
    assert _form_field(form, "meedoen")["attributes"]["options"] == [label for _, label in v.JOIN_HOW]
    for field_id in ("naam", "wat", "wanneer", "waar"):
        assert _form_field(form, field_id)["validations"]["required"] is True


def test_issue_form_warns_against_personal_data_before_any_field():
    form = yaml.safe_load(ISSUE_FORM.read_text(encoding="utf-8"))
    first = form["body"][0]
    assert first["type"] == "markdown"
    assert "geen persoonsgegevens" in first["attributes"]["value"]
    assert "113" in first["attributes"]["value"]
    promise = _form_field(form, "afspraken")["attributes"]["options"][0]
    assert promise == {"label": "Ik heb geen namen of andere persoonsgegevens ingevuld.", "required": True}
