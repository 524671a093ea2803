"""From the models to Arrow schemas, Table Schemas and the Data Package descriptors.

Everything here is derived from `definitions/models/`: column names, types, descriptions, enum values,
keys.  Nothing about a column is written twice.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

import pyarrow as pa

from moroccodigital.definitions.columns import column_names, column_type
from moroccodigital.definitions.enums import DatePrecision, DescribedEnum
from moroccodigital.definitions.models import Record

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
ORDERED: frozenset[type[Enum]] = frozenset({DatePrecision})
"""Vocabularies whose order means something (most to least precise): ordered categoricals."""

_ARROW = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(), date: pa.date32()}
_FRICTIONLESS = {str: "string", int: "integer", float: "number", bool: "boolean", date: "date"}


def arrow_schema(model: type[Record]) -> pa.Schema:
    """The physical Arrow schema of a table."""
    fields = []
    for name in column_names(model):
        base, nullable = column_type(model, name)
        arrow_type = pa.string() if issubclass(base, Enum) else _ARROW[base]
        fields.append(pa.field(name, arrow_type, nullable=nullable))
    return pa.schema(fields)


def to_arrow(model: type[Record], records: list[Record]) -> pa.Table:
    """Rows sorted by primary key, in the table's Arrow schema."""
    rows = sorted(
        (r.model_dump(mode="python") for r in records), key=lambda d: [d[k] for k in model.primary_key]
    )
    schema = arrow_schema(model)
    columns = {}
    for name in schema.names:  # column by column: pa.Table.from_pylist is several times slower
        values = [row[name] for row in rows]
        if issubclass(column_type(model, name)[0], Enum):
            values = [None if v is None else v.value for v in values]
        columns[name] = pa.array(values, schema.field(name).type)
    return pa.table(columns, schema=schema)


def table_schema(model: type[Record]) -> dict[str, Any]:
    """Frictionless Table Schema of a table: types, descriptions, constraints and keys."""
    fields = []
    for name in column_names(model):
        info = model.model_fields[name]
        base, nullable = column_type(model, name)
        spec: dict[str, Any] = {"name": name, "description": info.description or ""}
        if issubclass(base, Enum):
            spec["type"] = "string"
            constraints: dict[str, Any] = {"enum": [m.value for m in base]}
            if issubclass(base, DescribedEnum):
                spec["categories"] = [{"value": m.value, "label": m.definition} for m in base]
                spec["categoriesOrdered"] = base in ORDERED
        else:
            spec["type"] = _FRICTIONLESS[base]
            constraints = {}
        if not nullable:
            constraints["required"] = True
        if constraints:
            spec["constraints"] = constraints
        fields.append(spec)
    schema: dict[str, Any] = {"fields": fields, "primaryKey": list(model.primary_key)}
    foreign = []
    for column, ref in model.foreign_keys.items():
        ref_table, ref_column = ref.split(".")
        reference: dict[str, Any] = {"fields": [ref_column]}
        if ref_table != model.table:
            reference["resource"] = ref_table
        foreign.append({"fields": [column], "reference": reference})
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def resource(model: type[Record], path: str, fmt: str, sha256: str, size: int | None) -> dict[str, Any]:
    """A Data Package resource for one table file."""
    res: dict[str, Any] = {
        "name": model.table,
        "type": "table",
        "path": path,
        "format": fmt,
        "mediatype": PARQUET_MEDIATYPE if fmt == "parquet" else "text/csv",
        "title": model.title,
        "description": (model.__doc__ or "").strip(),
    }
    if fmt == "csv":
        res["encoding"] = "utf-8"
        res["bytes"] = size
    res["hash"] = f"sha256:{sha256}"
    res["schema"] = table_schema(model)
    return res


def package(meta: dict[str, Any], resources: list[dict[str, Any]]) -> dict[str, Any]:
    """The Data Package v2 descriptor: package metadata first, then the resources."""
    return {"$schema": PROFILE, **meta, "resources": resources}
