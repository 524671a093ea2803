"""The Table Schema's row checks, done column-wise in pyarrow on the built tables.

Frictionless checks rows one by one in Python, which made validation the slowest, superlinear
part of the build (57x slower than these checks at 71k rows).  These are the same checks, read
from the same descriptor: required, enum, pattern and unique constraints, primary keys unique,
foreign keys resolving.  Types are the physical Arrow schema, checked before these run; the CSV
copy is read back with those types and must equal its Parquet table.  Any other constraint is
refused rather than silently skipped.  Rows are numbered from 1, the table's first row.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from moroccodigital.errors import Problem

SUPPORTED = frozenset({"required", "enum", "pattern", "unique"})
"""The field constraints checked here; a descriptor declaring another one is a problem."""
KEY_SEPARATOR = "\x1f"
"""Joins the columns of a composite key into one value (a control character no id contains)."""


def check_tables(data: Path, package: dict[str, Any]) -> list[Problem]:
    """Every row-level problem with the Parquet tables a descriptor lists."""
    tables = {res["name"]: pq.read_table(data / res["path"]) for res in package["resources"]}
    problems = _keys_declared(package)
    if problems:
        return problems
    for res in package["resources"]:
        table, schema = tables[res["name"]], res["schema"]
        for spec in schema["fields"]:
            problems += _field(res["path"], table, spec)
        problems += _unique(res["path"], table, schema["primaryKey"], "primary-key")
        for fk in schema.get("foreignKeys", []):
            parent = tables.get(fk["reference"].get("resource", res["name"]))
            problems += _foreign(res["path"], table, fk, parent)
    return problems


def _keys_declared(package: dict[str, Any]) -> list[Problem]:
    """Every key names fields its schema (or the referenced one) declares."""
    fields = {res["name"]: {f["name"] for f in res["schema"]["fields"]} for res in package["resources"]}
    problems = []
    for res in package["resources"]:
        schema, own = res["schema"], fields[res["name"]]
        keys = [(schema.get("primaryKey", []), own, "primaryKey")]
        for fk in schema.get("foreignKeys", []):
            target = fk["reference"].get("resource", res["name"])
            keys += [
                (fk["fields"], own, "foreignKeys"),
                (fk["reference"]["fields"], fields.get(target, set()), target),
            ]
        for names, declared, what in keys:
            problems += [
                Problem(res["path"], "", name, f"{what} names a field that is not declared", "schema-key")
                for name in names
                if name not in declared
            ]
    return problems


def check_csv_copy(data: Path, csv_package: dict[str, Any]) -> list[Problem]:
    """Each CSV table, read with its Parquet table's types, holds the same rows: so every check
    of the Parquet table holds for it too."""
    problems: list[Problem] = []
    for res in csv_package["resources"]:
        where = f"csv/{res['path']}"
        parquet = pq.read_table(data / f"{res['name']}.parquet")
        options = pacsv.ConvertOptions(
            column_types=parquet.schema,
            strings_can_be_null=True,
            quoted_strings_can_be_null=False,
            include_columns=parquet.schema.names,
        )
        try:
            table = pacsv.read_csv(data / "csv" / res["path"], convert_options=options)
        except (pa.ArrowInvalid, pa.ArrowTypeError, KeyError) as err:
            problems.append(
                Problem(where, "", "", f"cannot be read with its table's types: {err}", "csv-type")
            )
            continue
        problems += _same_rows(where, table.cast(parquet.schema), parquet)
    return problems


def _rows(mask: pa.Array | pa.ChunkedArray) -> list[int]:
    """The 1-based numbers of the rows where a boolean mask is true."""
    mask = pc.fill_null(mask, False)
    if isinstance(mask, pa.ChunkedArray):
        # pyarrow 15 crashes on indices_nonzero of a chunked array with no chunks (an empty table)
        mask = mask.combine_chunks()
    return [i + 1 for i in pc.indices_nonzero(mask).to_pylist()]


def _field(where: str, table: pa.Table, spec: dict[str, Any]) -> list[Problem]:
    name, constraints = spec["name"], spec.get("constraints", {})
    problems = [
        Problem(where, "", name, f"constraint {key!r} is not checked by the build", "unsupported-constraint")
        for key in sorted(set(constraints) - SUPPORTED)
    ]
    column = table.column(name)
    if constraints.get("required"):
        problems += [
            Problem(where, f"row {row}", name, "is required but empty", "required")
            for row in _rows(pc.is_null(column))
        ]
    if "enum" in constraints:
        allowed = pa.array(constraints["enum"], column.type)
        outside = pc.and_(pc.invert(pc.is_in(column, value_set=allowed)), pc.is_valid(column))
        problems += [
            Problem(
                where,
                f"row {row}",
                name,
                f"{column[row - 1].as_py()!r} is not one of {constraints['enum']}",
                "enum",
            )
            for row in _rows(outside)
        ]
    if "pattern" in constraints:
        # a Table Schema pattern matches the whole value
        matches = pc.match_substring_regex(column, f"^(?:{constraints['pattern']})$")
        problems += [
            Problem(
                where,
                f"row {row}",
                name,
                f"{column[row - 1].as_py()!r} does not match {constraints['pattern']!r}",
                "pattern",
            )
            for row in _rows(pc.invert(matches))
        ]
    if constraints.get("unique"):
        problems += _unique(where, table, [name], "unique")
    return problems


def _key(table: pa.Table, fields: list[str]) -> pa.ChunkedArray | pa.Array:
    """One column of a key's values; a composite key's columns joined."""
    if len(fields) == 1:
        return table.column(fields[0])
    columns = [pc.cast(table.column(f), pa.string()) for f in fields]
    return pc.binary_join_element_wise(*columns, KEY_SEPARATOR)


def _unique(where: str, table: pa.Table, fields: list[str], code: str) -> list[Problem]:
    """Rows whose key value an earlier row already has (nulls never collide)."""
    key = _key(table, fields)
    counts = pc.value_counts(key)
    repeated = counts.field("values").filter(pc.greater(counts.field("counts"), 1))
    if len(repeated) == 0:
        return []
    seen: set[Any] = set()
    problems = []
    for row in _rows(pc.is_in(key, value_set=repeated)):
        value = key[row - 1].as_py()
        if value in seen:
            shown = ", ".join(fields)
            if code == "primary-key":
                message = f"repeats the primary key ({shown}) {value!r}"
                problems.append(Problem(where, f"row {row}", shown, message, "primary-key"))
            else:
                problems.append(Problem(where, f"row {row}", shown, f"repeats the value {value!r}", "unique"))
        seen.add(value)
    return problems


def _foreign(where: str, table: pa.Table, fk: dict[str, Any], parent: pa.Table | None) -> list[Problem]:
    """Rows whose reference names no row of the referenced table (a null reference is none)."""
    fields, reference = fk["fields"], fk["reference"]
    target = reference.get("resource", "") or "this table"
    if parent is None:
        return [
            Problem(where, "", ", ".join(fields), f"references the missing resource {target}", "foreign-key")
        ]
    key, parent_key = _key(table, fields), _key(parent, reference["fields"])
    dangling = pc.and_(pc.invert(pc.is_in(key, value_set=parent_key)), pc.is_valid(key))
    return [
        Problem(
            where,
            f"row {row}",
            ", ".join(fields),
            f"{key[row - 1].as_py()!r} is no {', '.join(reference['fields'])} of {target}",
            "foreign-key",
        )
        for row in _rows(dangling)
    ]


def _same_rows(where: str, table: pa.Table, parquet: pa.Table) -> list[Problem]:
    """The CSV table equals its Parquet table; otherwise its first differing row per column."""
    if table.num_rows != parquet.num_rows:
        message = f"has {table.num_rows} rows, its Parquet table {parquet.num_rows}"
        return [Problem(where, "", "", message, "csv-differs")]
    problems = []
    for name in parquet.schema.names:
        ours, theirs = table.column(name), parquet.column(name)
        if ours.equals(theirs):
            continue
        differs = pc.or_(
            pc.fill_null(pc.not_equal(ours, theirs), False),
            pc.not_equal(pc.is_null(ours), pc.is_null(theirs)),
        )
        row = (_rows(differs) or [0])[0]
        shown = ours[row - 1].as_py() if row else None
        message = f"{shown!r} differs from its Parquet table's {theirs[row - 1].as_py() if row else None!r}"
        problems.append(Problem(where, f"row {row}", name, message, "csv-differs"))
    return problems
