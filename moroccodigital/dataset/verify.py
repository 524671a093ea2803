"""Validation of a built package: what frictionless checks, and what it cannot.

Frictionless validates both descriptors (types, constraints, keys across resources).  It does not
verify a Parquet resource's hash, nor physical Arrow types, so those are checked here, together
with every evidence passage against its source text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from moroccodigital import paths
from moroccodigital.curation.texts import sha256_file
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


def _frictionless(descriptor: Path) -> list[Problem]:
    from frictionless import Package, system

    with system.use_context(trusted=True):
        report = Package(str(descriptor)).validate()
    if report.valid:
        return []
    problems = [Problem(str(descriptor.name), "", "", e.message, "frictionless") for e in report.errors]
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            field = getattr(error, "field_name", "") or ""
            problems.append(
                Problem(task.name or "", f"row {row}" if row else "", field, error.message, "frictionless")
            )
    return problems


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
