"""The checker under a fuzzer: a few hundred changes to the real example files, with a fixed seed.

No change may end in a traceback or a hang; every refusal is Dutch and names the file
(and the line, where there is one); every accepted change builds. The fuzzer itself is
in ``fuzzing.py``; see there for what it changes and how it judges.

A longer run: ``FUZZ_SEED=another FUZZ_CASES=2000 pytest tests/test_fuzz.py``. One case again:
``FUZZ_SEED=... FUZZ_ONLY=17 pytest tests/test_fuzz.py`` (each failure names its own).
Known gaps (``fuzzing.KNOWN_GAPS``) report without failing; ``FUZZ_CHECK=name`` or
``FUZZ_STRICT=1`` makes them fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import fuzzing
import pytest
import yaml
from build_support import mkdocs_build
from fuzzing import (
    BUILD_DATE,
    CHECKS,
    DEFAULT_CASES,
    DEFAULT_SEED,
    FORBIDDEN,
    KNOWN_GAPS,
    REPO,
    Options,
    Run,
    baseline_warnings,
    emit,
    examine,
    examples,
    fuzz,
    make_case,
    make_cases,
    materialize,
    prepare,
)

OPTIONS = Options.from_environment()
# Which findings each test is about.
CRASHES = {"traceback", "hang", "died", "slow", "code-ran", "setup"}
MESSAGES = {"dutch", "file", "line", "visible", "cli"}
VERDICTS = {"verdict", "exact-line", "near", "blame", "warnings", "build"}


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Run:
    result = fuzz(tmp_path_factory.mktemp("fuzz"), OPTIONS)
    gaps = result.known_gaps()
    if gaps:
        warnings.warn(
            "known gaps the fuzzer ran into (switch their checks on with FUZZ_CHECK=name): "
            + "; ".join(f"{gap}: {len(idents)} cases, e.g. case {idents[0]}" for gap, idents in sorted(gaps.items())),
            stacklevel=1,
        )
    return result


def failures(run: Run, checks: set[str]) -> str:
    found = run.failures(checks)
    return f"{len(found)} of {len(run.cases)} cases:\n\n" + "\n\n".join(found[:15])


# --- the fuzzer itself -----------------------------------------------------------------------------


def test_the_emitter_writes_every_example_back_as_it_was(tmp_path):
    """Untouched, a tree the fuzzer writes reads back the same, and the checker says what it says of the original."""
    root = prepare(tmp_path)
    for relative, example in examples().items():
        text = emit(example.tree, example.header).text
        assert yaml.load(text, Loader=yaml.BaseLoader) == example.tree, relative
        (root / relative).write_text(text, encoding="utf-8")
    result = examine(root, root.parent, tmp_path / "site")
    assert result.outcome == "accepted", result.traceback or result.problems
    assert {(p["path"], p["message"]) for p in result.warnings} == baseline_warnings()
    assert result.built["pages"] > 100 and result.built["feeds"] > 50


def test_a_case_is_the_same_for_the_same_seed_and_number():
    assert make_case(OPTIONS.seed, 7) == make_case(OPTIONS.seed, 7)
    assert make_case(OPTIONS.seed, 7) != make_case(OPTIONS.seed + "-other", 7)
    assert [case.ident for case in make_cases(Options(seed="x", cases=3))][:3] == ["1", "2", "3"]


def test_the_cases_cover_every_kind_of_change():
    """The default run tries every kind of change (whatever FUZZ_SEED this run has)."""
    cases = make_cases(Options(seed=DEFAULT_SEED, cases=DEFAULT_CASES))
    families = {case.family for case in cases}
    assert families == {"tree", "bytes", "lines", "fs"}
    operators = {case.operator for case in cases if case.family in ("tree", "bytes")}
    wanted = """replace character markdown schedule empty-item delete duplicate unknown-key swap tag python anchor alias
        alias-bomb document neutral insert-byte flip-bit raw-character encoding line-endings tab-indent""".split()  # noqa: SIM905
    assert set(wanted) <= operators, set(wanted) - operators
    for kind in sorted(FORBIDDEN):  # every kind of character that must be refused, raw and in a tree
        for family in ("tree", "bytes"):
            assert any(case.family == family and case.value.startswith(kind) for case in cases), (kind, family)
    assert {case.target.split("/")[0] for case in cases if case.family == "tree"} >= {
        "network.yaml",
        "offerings",
        "locations",
        "trainings",
    }


def test_a_case_that_hangs_or_ends_its_process_is_named_and_the_run_goes_on(tmp_path, monkeypatch):
    """The guard itself: a worker that does not answer in time is killed, one that dies is replaced."""
    real = fuzzing.examine

    def examine(root, repo, site, ident=""):
        if ident == "1":
            time.sleep(60)
        if ident == "2":
            os._exit(3)
        return real(root, repo, site, ident)

    monkeypatch.setattr(fuzzing, "examine", examine)  # the forked workers inherit it
    cases = [make_case(DEFAULT_SEED, number) for number in (1, 2, 3)]
    results = fuzzing.run_cases(cases, tmp_path, workers=1, timeout=2)
    assert [results[case.ident].outcome for case in cases] == ["hang", "died", "accepted"]


# --- the checker under the fuzzer ---------------------------------------------------------------------


def test_no_change_ends_in_a_traceback_or_a_hang(run):
    assert not run.failures(CRASHES), failures(run, CRASHES)


def test_every_refusal_is_dutch_and_names_the_file_and_the_line(run):
    assert not run.failures(MESSAGES), failures(run, MESSAGES)


def test_every_change_gets_the_verdict_and_the_line_it_should(run):
    assert not run.failures(VERDICTS), failures(run, VERDICTS)


def test_both_verdicts_occur_and_accepted_changes_were_built(run):
    outcomes = [run.results[case.ident].outcome for case in run.cases]
    if OPTIONS.only is None:
        assert outcomes.count("accepted") >= len(outcomes) // 10
        assert outcomes.count("refused") >= len(outcomes) // 3
    for case in run.cases:
        result = run.results[case.ident]
        if result.outcome == "accepted":
            assert result.built["pages"] and result.built["feeds"], case.describe()


def test_every_check_belongs_to_a_test():
    assert sorted(CRASHES | MESSAGES | VERDICTS) == sorted(CHECKS)
    assert not (CRASHES & MESSAGES or CRASHES & VERDICTS or MESSAGES & VERDICTS)


def test_the_known_gaps_are_named():
    assert all(gap and text.endswith(".") for gap, text in KNOWN_GAPS.items())
    unknown = OPTIONS.checks - set(KNOWN_GAPS)
    assert not unknown, f"FUZZ_CHECK names no known gap: {sorted(unknown)}"


# --- a sample through the real command line and the real build ---------------------------------------


def _sample(run: Run, count: int, accepted: bool) -> list:
    """Cases of every family, the first ones of each in order, so the sample is the same for the same seed."""
    wanted = "accepted" if accepted else "refused"
    chosen, families = [], {}
    for case in run.cases:
        if run.results[case.ident].outcome == wanted and not case.operator.startswith("neutral"):
            families.setdefault(case.family, []).append(case)
    while len(chosen) < count and any(families.values()):
        for family in sorted(families):
            if families[family] and len(chosen) < count:
                chosen.append(families[family].pop(0))
    return chosen


def test_the_command_line_says_what_the_checker_said(run, tmp_path):
    """A sample of cases again through ``python -m herstelnetwerk check`` in a process of its own.

    The refused ones run once more as in GitHub Actions, where every problem becomes an annotation.
    """
    half = max(1, OPTIONS.cli_samples // 2)
    refused = _sample(run, half, accepted=False)
    sample = refused + _sample(run, OPTIONS.cli_samples - half, accepted=True)
    problems = []
    for index, case in enumerate(sample):
        root = materialize(case, tmp_path / str(index))
        expected = run.results[case.ident]
        for github in (False, True) if case in refused else (False,):
            key = "github" if github else "rendered"
            lines = [p[key] for p in expected.problems + expected.warnings]
            try:
                code, out, err = _check(root, github)
            except subprocess.TimeoutExpired:
                problems.append(f"{case.describe()}: no answer within {OPTIONS.timeout:.0f} s")
                continue
            if "Traceback" in err or code != expected.exit_code or out.split("\n")[:-1] != lines:
                mode = " (as in GitHub Actions)" if github else ""
                problems.append(f"{case.describe()}{mode}: exit {code}\n{out[:800]}{err[-1500:]}")
    assert not problems, "\n\n".join(problems)


def _check(root: Path, github: bool) -> tuple[int, str, str]:
    """The check command's exit code and output, read as a terminal reads it: UTF-8, lines by LF only."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("GITHUB_ACTIONS", None)
    if github:
        env["GITHUB_ACTIONS"] = "true"
    command = [sys.executable, "-m", "herstelnetwerk", "check", "--activities", str(root)]
    result = subprocess.run(
        command + ["--build-date", BUILD_DATE.isoformat()],
        capture_output=True,
        timeout=OPTIONS.timeout,
        env=env,
        cwd=root.parent,
    )
    return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


# What an accepted case most likely breaks in a real build, first.
TELLING = ["markdown", "schedule", "replace", "no-offerings", "tag", "raw-character", "encoding"]


def _telling(run: Run, count: int) -> list:
    """Accepted cases, one of each telling kind in turn, then any; the same ones for the same seed."""
    accepted = [c for c in run.cases if run.results[c.ident].outcome == "accepted" and c.operator != "neutral"]
    chosen = [
        next(c for c in accepted if c.operator == kind) for kind in TELLING if any(c.operator == kind for c in accepted)
    ]
    chosen += [c for c in accepted if c not in chosen]
    return chosen[:count]


def test_accepted_changes_build_with_mkdocs(run, tmp_path):
    """A sample of accepted cases built for real: the hooks, the templates, the search index."""
    sample = _telling(run, OPTIONS.builds)
    roots = [materialize(case, tmp_path / str(index)) for index, case in enumerate(sample)]

    def build(index: int):
        return mkdocs_build(tmp_path / str(index) / "site", activities=roots[index], timeout=180)

    with ThreadPoolExecutor(max_workers=max(1, OPTIONS.workers)) as pool:
        results = list(pool.map(build, range(len(sample))))
    broken = [
        f"{case.describe()}:\n{result.stderr[-2000:]}"
        for case, result in zip(sample, results, strict=True)
        if result.returncode != 0 or "Traceback" in result.stderr
    ]
    assert not broken, "\n\n".join(broken)
    for index in range(len(sample)):
        assert (tmp_path / str(index) / "site" / "index.html").is_file()
