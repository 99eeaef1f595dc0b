"""The overview's downloads, read back by LibreOffice Calc: accents, separators and numbers come through.

Each CSV of the example site is opened by ``soffice --headless`` as a spreadsheet
(UTF-8, semicolon, as its import dialog offers for these files) and saved again as
a plain CSV; what comes back must be the table the JSON beside it holds, cell for
cell. ``bash scripts/test`` installs LibreOffice Calc (as it installs Chromium); on
a machine without it the test is skipped with that reason, never in CI.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess

import pytest

SOFFICE = shutil.which("soffice")
# LibreOffice's CSV filter options: separator 59 (;), text delimiter 34 ("), character set 76 (UTF-8), first line 1.
READ_OPTIONS = "CSV:59,34,76,1"
WRITE_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76"


@pytest.fixture(scope="module")
def read_back(built_site, tmp_path_factory) -> dict[str, list[list[str]]]:
    if SOFFICE is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is missing; bash scripts/test installs it", pytrace=False)
        pytest.skip("LibreOffice (soffice) is not installed; bash scripts/test installs it")
    work = tmp_path_factory.mktemp("libreoffice")
    sources = sorted((built_site / "over" / "overzicht").glob("*.csv"))
    result = subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation={(work / 'profiel').as_uri()}",
            f"--infilter={READ_OPTIONS}",
            "--convert-to",
            WRITE_FILTER,
            "--outdir",
            str(work / "terug"),
            *map(str, sources),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    found = {}
    for source in sources:
        with (work / "terug" / source.name).open(encoding="utf-8", newline="") as back:
            found[source.stem] = list(csv.reader(back))
    return found


def test_every_table_comes_back_from_libreoffice_as_written(built_site, read_back):
    folder = built_site / "over" / "overzicht"
    assert len(read_back) == 9
    for name, rows in read_back.items():
        table = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        expected = [table["kolommen"]] + [
            ["" if row[column] is None else str(row[column]) for column in table["kolommen"]] for row in table["rijen"]
        ]
        assert rows == expected, name


def test_the_accents_survive(read_back):
    cells = {cell for rows in read_back.values() for row in rows for cell in row}
    assert "Herstelcafé Woudenberg" in cells  # a listing not checked for too long
    assert "C. Beleidsparticipatie" in cells


def test_the_files_start_with_a_byte_order_mark_for_excel(built_site):
    for path in (built_site / "over" / "overzicht").glob("*.csv"):
        body = path.read_bytes()
        assert body.startswith(b"\xef\xbb\xbf") and body.count(b"\xef\xbb\xbf") == 1, path.name
        assert b"\r\n" in body and b";" in body.split(b"\r\n", 1)[0], path.name
