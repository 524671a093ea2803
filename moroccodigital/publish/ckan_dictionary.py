"""The data dictionary of every table on the portal: the DataStore's, or a Table Schema field.

Where the portal runs the DataStore, each CSV copy is loaded into it with CKAN's own data
dictionary: per column, its DataStore type and an `info` of label, notes (the description and
the vocabulary, as the resource page shows them), the Frictionless type, whether it is
required, and the vocabulary as values and labels.  The rows are read from the Parquet twin of
the CSV file, which the build writes from the same records, so their types need no guessing.

On a portal without the DataStore, each table resource carries its Frictionless Table Schema in
its `schema` field instead (the field ckanext-validation reads; CKAN keeps any extra resource
field and returns it from resource_show).  Not both: 42 schemas in every package_show make each
publication about 10 s slower on the test portal, for every reader of the dataset too.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

DATASTORE_TYPES = {
    "string": "text",
    "integer": "int8",
    "number": "numeric",
    "boolean": "bool",
    "date": "date",
}
"""Frictionless field types to the PostgreSQL types the DataStore creates its columns with."""


def schema_field(schema: dict[str, Any]) -> str:
    """A Table Schema as the text of a resource field."""
    return json.dumps(schema, ensure_ascii=False, sort_keys=True)


def _notes(field: dict[str, Any]) -> str:
    """The description, then the vocabulary as a Markdown list (the resource page renders it)."""
    notes = str(field.get("description", ""))
    categories = field.get("categories") or [
        {"value": v} for v in field.get("constraints", {}).get("enum", [])
    ]
    if categories:
        items = "\n".join(
            f"- `{c['value']}`" + (f": {c['label']}" if c.get("label") else "") for c in categories
        )
        notes += f"\n\nValues:\n\n{items}"
    return notes


def datastore_fields(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The DataStore columns of a table, each with its data dictionary entry."""
    fields = []
    for field in schema["fields"]:
        info: dict[str, Any] = {
            "label": field["name"],
            "notes": _notes(field),
            "type_override": "",
            "frictionless_type": field["type"],
            "required": bool(field.get("constraints", {}).get("required")),
        }
        enum = field.get("constraints", {}).get("enum")
        if enum:
            labels = {c["value"]: c.get("label", "") for c in field.get("categories", [])}
            info["vocabulary"] = [{"value": v, "label": labels.get(v, "")} for v in enum]
        fields.append({"id": field["name"], "type": DATASTORE_TYPES[field["type"]], "info": info})
    return fields


def datastore_records(parquet: Path) -> list[dict[str, Any]]:
    """The rows of a table, as JSON values (dates as ISO text)."""
    rows: list[dict[str, Any]] = pq.read_table(parquet).to_pylist()
    for row in rows:
        for key, value in row.items():
            if isinstance(value, date):
                row[key] = value.isoformat()
    return rows


def dictionary_of(answer: dict[str, Any]) -> list[dict[str, Any]]:
    """The columns of a datastore_search answer in the form datastore_fields gives (no `_id`)."""
    return [
        {"id": f["id"], "type": f["type"], "info": f.get("info", {})}
        for f in answer.get("fields", [])
        if f.get("id") != "_id"
    ]
