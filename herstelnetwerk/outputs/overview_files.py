"""The overview's tables as downloads: a CSV and a JSON file per table, beside the overview page.

CSV: UTF-8 with a byte-order mark, so that Excel reads the accents right, and a
semicolon between the values, the separator Excel expects with Dutch settings
(with a comma it puts a whole row in one cell). Lines end in CRLF (RFC 4180).
JSON: the same rows as objects keyed by the column names, with the table's title,
explanation and the build date, for whoever wants to compute further.
Both depend only on the tables, so the same content and build date give the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..planning.overview_tables import Table

BOM = "\ufeff"
SEPARATOR = ";"


def table_csv(table: Table) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=SEPARATOR, lineterminator="\r\n")
    writer.writerow([column.file_label for column in table.columns])
    writer.writerows([cell.file_text for cell in row] for row in table.rows)
    return (BOM + text.getvalue()).encode("utf-8")


def table_json(table: Table, build_date: str) -> bytes:
    labels = [column.file_label for column in table.columns]
    document = {
        "titel": table.title,
        "toelichting": table.explanation,
        "peildatum": build_date,
        "kolommen": labels,
        "rijen": [dict(zip(labels, row, strict=True)) for row in table.values()],
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_overview_files(folder: Path, tables: list[Table], build_date: str) -> list[Path]:
    """Write ``<name>.csv`` and ``<name>.json`` of every table into ``folder``; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        for path, body in (
            (folder / f"{table.name}.csv", table_csv(table)),
            (folder / f"{table.name}.json", table_json(table, build_date)),
        ):
            path.write_bytes(body)
            written.append(path)
    return written
