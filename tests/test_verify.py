"""The pyarrow row checks catch what frictionless' row-by-row validation caught, one kind each.

Each test damages one Parquet table in a copy of data/, re-signs its hash (so only the row check
can catch it) and expects the Problem, with its file, row, field and stable code.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from helpers import ROOT, resign

from moroccodigital.curation.texts import sha256_file
from moroccodigital.dataset import verify


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def _damage(
    data: Path, name: str, table: pa.Table, descriptor_change: dict[str, dict[str, object]] | None = None
) -> None:
    """Write a damaged table in place and update its hash in the Parquet descriptor."""
    pq.write_table(table, data / f"{name}.parquet")
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    for res in package["resources"]:
        if res["name"] == name:
            res["hash"] = f"sha256:{sha256_file(data / f'{name}.parquet')}"
            for field in res["schema"]["fields"]:
                if field["name"] in (descriptor_change or {}):
                    field.setdefault("constraints", {}).update(descriptor_change[field["name"]])
    (data / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")


def _replace(table: pa.Table, column: str, row: int, value: object) -> pa.Table:
    values = table.column(column).to_pylist()
    values[row] = value
    field = table.schema.field(column)
    return table.set_column(table.schema.get_field_index(column), field, pa.array(values, field.type))


def _codes(data: Path, csv: bool = False) -> set[tuple[str, str, str, str]]:
    """Where and what each problem is; those of the CSV copy (which now differs too) only if asked."""
    problems = verify.verify_package(data)
    return {(p.file, p.record, p.field, p.code) for p in problems if csv or not p.file.startswith("csv/")}


def test_the_committed_package_passes_the_row_checks() -> None:
    assert verify.verify_package(ROOT / "data") == []


def test_a_table_with_no_rows_passes_the_row_checks(data: Path) -> None:
    # pyarrow 15 (the lowest declared) crashed on the empty masks an empty table gives
    table = pq.read_table(data / "initiative_aliases.parquet")
    pq.write_table(table.slice(0, 0), data / "initiative_aliases.parquet")
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    assert verify.table_checks.check_tables(data, package) == []


def test_a_column_of_the_wrong_type_is_caught(data: Path) -> None:
    table = pq.read_table(data / "targets.parquet")
    i = table.schema.get_field_index("value")
    _damage(data, "targets", table.set_column(i, "value", table.column("value").cast(pa.string())))
    assert _codes(data) == {("targets.parquet", "targets", "schema", "arrow-schema")}


def test_an_empty_required_value_is_caught(data: Path) -> None:
    table = pq.read_table(data / "events.parquet")
    schema = table.schema.set(table.schema.get_field_index("event_type"), pa.field("event_type", pa.string()))
    table = _replace(table.cast(schema), "event_type", 2, None)
    pq.write_table(table, data / "events.parquet")
    problems = verify.table_checks.check_tables(
        data, json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    )
    assert [(p.file, p.record, p.field, p.code) for p in problems] == [
        ("events.parquet", "row 3", "event_type", "required")
    ]


def test_a_value_outside_its_vocabulary_is_caught(data: Path) -> None:
    _damage(data, "events", _replace(pq.read_table(data / "events.parquet"), "event_type", 0, "INVADE"))
    assert _codes(data) == {("events.parquet", "row 1", "event_type", "enum")}


def test_a_value_not_matching_a_declared_pattern_is_caught(data: Path) -> None:
    table = pq.read_table(data / "places.parquet")
    _damage(
        data, "places", _replace(table, "place_id", 0, "Rabat City"), {"place_id": {"pattern": "[a-z-]+"}}
    )
    assert ("places.parquet", "row 1", "place_id", "pattern") in _codes(data)


def test_a_repeated_primary_key_is_caught(data: Path) -> None:
    table = pq.read_table(data / "evidence.parquet")
    first = table.column("evidence_id")[0].as_py()
    _damage(data, "evidence", _replace(table, "evidence_id", 1, first))
    assert ("evidence.parquet", "row 2", "evidence_id", "primary-key") in _codes(data)


def test_a_repeated_composite_key_is_caught(data: Path) -> None:
    table = pq.read_table(data / "event_topics.parquet")
    duplicated = pa.concat_tables([table, table.slice(0, 1)])
    _damage(data, "event_topics", duplicated)
    assert _codes(data) == {
        ("event_topics.parquet", f"row {table.num_rows + 1}", "event_id, topic", "primary-key")
    }


def test_a_dangling_foreign_key_is_caught(data: Path) -> None:
    table = pq.read_table(data / "event_participants.parquet")
    _damage(data, "event_participants", _replace(table, "actor_id", 4, "no-such-actor"))
    assert _codes(data) == {("event_participants.parquet", "row 5", "actor_id", "foreign-key")}


def test_a_dangling_self_reference_is_caught(data: Path) -> None:
    table = pq.read_table(data / "events.parquet")
    _damage(data, "events", _replace(table, "part_of_event_id", 0, "no-such-event"))
    assert _codes(data) == {("events.parquet", "row 1", "part_of_event_id", "foreign-key")}


def test_a_constraint_the_build_does_not_check_is_refused(data: Path) -> None:
    _damage(data, "targets", pq.read_table(data / "targets.parquet"), {"value": {"minimum": 0}})
    assert ("targets.parquet", "", "value", "unsupported-constraint") in _codes(data)


def test_a_csv_copy_that_differs_from_its_parquet_table_is_caught(data: Path) -> None:
    csv = data / "csv" / "event_participants.csv"
    original = csv.read_text(encoding="utf-8")
    assert ',"ustda",' in original
    csv.write_text(original.replace(',"ustda",', ',"no-such-actor",', 1), encoding="utf-8")
    resign(data / "csv" / "datapackage.json", "event_participants", csv)
    codes = _codes(data, csv=True)
    assert {(f, field, code) for f, _, field, code in codes} == {
        ("csv/event_participants.csv", "actor_id", "csv-differs")
    }


def test_frictionless_still_validates_the_descriptor(data: Path) -> None:
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    package["resources"][0]["schema"]["fields"][0]["type"] = "no-such-type"
    (data / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    problems = verify.verify_package(data)
    assert [(p.file, p.code) for p in problems] == [("datapackage.json", "frictionless")]
