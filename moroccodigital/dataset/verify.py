"""Validation of a built package: the descriptors by frictionless, the rows column-wise.

Frictionless validates both descriptors (the Data Package profile, the Table Schemas' structure).
The rows are checked against those schemas in pyarrow (`table_checks`: constraints, keys across
resources), after each file's hash and physical Arrow types, together with every evidence
passage against its source text: frictionless' row-by-row validation grew faster than the data.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from moroccodigital import paths
from moroccodigital.curation.texts import sha256_file
from moroccodigital.dataset import table_checks
from moroccodigital.dataset.datapackage import arrow_schema
from moroccodigital.definitions.columns import model_for
from moroccodigital.errors import Problem


def verify_package(data: Path, texts: dict[str, str] | None = None) -> list[Problem]:
    """Every problem with a built data folder; an empty list means it is sound."""
    problems: list[Problem] = []
    for name in paths.DESCRIPTORS:
        descriptor = data / name
        if not descriptor.exists():
            problems.append(Problem(name, "", "", "descriptor is missing", "descriptor-missing"))
            continue
        problems += _hashes(descriptor)
        problems += _frictionless(descriptor)
    if not problems:
        problems += _arrow_schemas(data)
    if not problems:
        problems += table_checks.check_tables(data, _read(data / paths.DESCRIPTOR))
        problems += table_checks.check_csv_copy(data, _read(data / paths.CSV_DESCRIPTOR))
    if not problems and texts is not None:
        problems += _anchors(data, texts)
    return problems


def _hashes(descriptor: Path) -> list[Problem]:
    problems = []
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    for res in package["resources"]:
        path = descriptor.parent / res["path"]
        where = f"{descriptor.parent.name}/{res['path']}"
        if not path.exists():
            problems.append(Problem(where, res["name"], "path", "file is missing", "file-missing"))
            continue
        expected = res.get("hash", "").removeprefix("sha256:")
        actual = sha256_file(path)
        if actual != expected:
            problems.append(
                Problem(
                    where,
                    res["name"],
                    "hash",
                    f"sha256 is {actual}, descriptor says {expected}: the file was changed or "
                    "truncated; rebuild or reinstall",
                    "hash-mismatch",
                )
            )
    return problems


def _read(descriptor: Path) -> dict[str, Any]:
    return dict(json.loads(descriptor.read_text(encoding="utf-8")))


def _frictionless(descriptor: Path) -> list[Problem]:
    """The descriptor against the Data Package profile and the Table Schema's rules."""
    from frictionless import Package, system

    with system.use_context(trusted=True):
        report = Package.validate_descriptor(str(descriptor))
    errors = [*report.errors, *(e for task in report.tasks for e in task.errors)]
    return [Problem(str(descriptor.name), "", "", e.message, "frictionless") for e in errors]


def _arrow_schemas(data: Path) -> list[Problem]:
    package = json.loads((data / paths.DESCRIPTOR).read_text(encoding="utf-8"))
    problems = []
    for res in package["resources"]:
        expected = arrow_schema(model_for(res["name"]))
        actual = pq.ParquetFile(data / res["path"]).schema_arrow
        if not actual.remove_metadata().equals(expected):
            problems.append(
                Problem(
                    res["path"],
                    res["name"],
                    "schema",
                    f"physical Arrow schema {actual} differs from the Table Schema's {expected}",
                    "arrow-schema",
                )
            )
    return problems


def _anchors(data: Path, texts: dict[str, str]) -> list[Problem]:
    """Every evidence quote equals its source text at its offsets, inside the article body."""
    table = pq.ParquetFile(data / "evidence.parquet").read()
    bodies = {
        s["source_id"]: (s["body_start"], s["body_end"])
        for s in pq.ParquetFile(data / "sources.parquet").read().to_pylist()
    }
    problems = []
    for row in table.to_pylist():
        text = texts.get(row["source_id"])
        if text is None or text[row["start"] : row["end"]] != row["quote"]:
            problems.append(
                Problem(
                    "evidence.parquet",
                    row["evidence_id"],
                    "quote",
                    f"does not match {row['source_id']} at {row['start']}-{row['end']}",
                    "quote-mismatch",
                )
            )
        body = bodies.get(row["source_id"], (0, 0))
        if not (body[0] <= row["start"] and row["end"] <= body[1]):
            where = f"{row['start']}-{row['end']}"
            message = f"{where} is outside the body of {row['source_id']}"
            problems.append(Problem("evidence.parquet", row["evidence_id"], "start", message, "outside-body"))
    return problems
