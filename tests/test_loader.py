"""The public loader API: typed DataFrames, paths, records, evidence, texts, errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from helpers import ROOT

import moroccodigital as md

EXPECTED_DTYPES = {
    "string": pd.StringDtype(),
    "integer": pd.Int64Dtype(),
    "number": pd.Float64Dtype(),
    "boolean": pd.BooleanDtype(),
}


def test_tables_lists_every_table_with_a_description_and_its_row_count() -> None:
    infos = md.tables()
    assert [i.name for i in infos] == md.table_names()
    assert all(i.description for i in infos)
    assert {i.name: i.rows for i in infos}["sources"] == len(list((ROOT / "seeds").glob("*.txt")))


@pytest.mark.parametrize("name", md.table_names())
def test_every_column_has_the_dtype_its_table_schema_implies(name: str) -> None:
    frame = md.load(name)
    fields = md.schema(name)["fields"]
    assert list(frame.columns) == [f["name"] for f in fields]
    for field in fields:
        dtype = frame[field["name"]].dtype
        if "enum" in field.get("constraints", {}):
            assert isinstance(dtype, pd.CategoricalDtype), field["name"]
            assert list(dtype.categories) == field["constraints"]["enum"]
        elif field["type"] == "date":
            assert str(dtype) == "datetime64[ms]", field["name"]
        else:
            assert dtype == EXPECTED_DTYPES[field["type"]], field["name"]


def test_no_column_of_any_table_is_an_object_column() -> None:
    for name, frame in md.load_all().items():
        assert not any(str(dtype) == "object" for dtype in frame.dtypes), name


def test_missing_strings_are_na() -> None:
    events = md.load("events")
    assert events["mode"].isna().any()
    assert events["date_text"].isna().any()
    assert events.loc[events.date_text.isna(), "date_text"].map(lambda v: v is pd.NA).all()


def test_date_precision_is_an_ordered_categorical() -> None:
    precision = md.load("events")["date_precision"].dtype
    assert precision.ordered
    assert list(precision.categories[:2]) == ["day", "day_range"]


def test_a_frame_carries_its_description_and_column_descriptions() -> None:
    frame = md.load("targets")
    assert frame.attrs["description"].startswith("A quantitative goal")
    assert "ISO 4217" in frame.attrs["columns"]["currency"]


def test_an_unknown_table_name_lists_the_valid_ones() -> None:
    with pytest.raises(KeyError, match="valid tables: sources, actors"):
        md.load("event")


def test_path_points_at_the_parquet_and_the_csv_files() -> None:
    assert pq.ParquetFile(md.path("events")).metadata.num_rows == len(md.load("events"))
    assert md.path("events", "csv").read_text(encoding="utf-8").startswith('"event_id"')
    with pytest.raises(ValueError, match="unknown format"):
        md.path("events", "xlsx")


@pytest.mark.parametrize("name", md.table_names())
def test_records_round_trip_from_parquet_to_pydantic_with_equal_values(name: str) -> None:
    records = md.records(name)
    rows = md.arrow(name).to_pylist()
    assert [r.model_dump(mode="python") for r in records] == [
        {k: row[k] for k in type(records[0]).model_fields} for row in rows
    ]


def test_evidence_gives_the_passage_its_context_and_its_gloss() -> None:
    (passage,) = [p for p in md.evidence("targets", "ai-jobs-2030") if p.quote.startswith("تهدف")]
    text = md.text(passage.source_id)
    assert text[passage.start : passage.end] == passage.quote
    assert text[passage.start - len(passage.before) : passage.start] == passage.before
    assert passage.gloss_en.startswith("The initiative aims")


def test_evidence_for_an_unknown_record_is_an_error() -> None:
    with pytest.raises(KeyError, match="no evidence for targets/'nope'"):
        md.evidence("targets", "nope")


def test_texts_are_the_seed_articles_exactly() -> None:
    texts = md.texts()
    assert len(texts) == len(list((ROOT / "seeds").glob("*.txt")))
    assert texts["002-us-5g-cybersecurity-delegation-rabat"].endswith("Close\nClose")


def test_the_package_and_the_loader_report_one_version() -> None:
    assert md.descriptor()["version"] == md.__version__ == "0.5.0"


def test_package_returns_a_frictionless_package() -> None:
    assert [r.name for r in md.package().resources] == md.table_names()


def test_importing_the_package_imports_nothing_heavy() -> None:
    code = (
        "import sys, moroccodigital; "
        "print(sorted(m for m in ('pandas','pyarrow','pydantic','frictionless') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_loading_a_table_imports_neither_pydantic_nor_frictionless() -> None:
    code = (
        "import sys, moroccodigital as md; md.load('events'); "
        "print(sorted(m for m in ('pydantic','frictionless') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


@pytest.fixture
def tampered_data(tmp_path: Path) -> Path:
    """A copy of the installed data and its texts, to damage."""
    copy = tmp_path / "data"
    shutil.copytree(md.data_dir(), copy)
    shutil.copytree(md.data_dir().parent / "seeds", tmp_path / "seeds")
    return copy


def test_a_truncated_parquet_file_is_refused_with_what_to_do(tampered_data: Path) -> None:
    target = tampered_data / "targets.parquet"
    target.write_bytes(target.read_bytes()[:-100])
    with pytest.raises(md.DataIntegrityError, match=r"targets\.parquet does not match the sha256.*reinstall"):
        md.open(tampered_data).load("targets")


def test_a_missing_parquet_file_is_refused(tampered_data: Path) -> None:
    (tampered_data / "events.parquet").unlink()
    with pytest.raises(md.DataIntegrityError, match=r"events\.parquet is missing"):
        md.open(tampered_data).load("events")


def test_an_altered_source_text_is_refused_by_text(tampered_data: Path) -> None:
    dataset = md.open(tampered_data)
    name = dataset.load("sources").file_name.iloc[0]
    text = tampered_data.parent / "seeds" / name
    text.write_text(text.read_text(encoding="utf-8") + " ", encoding="utf-8")
    with pytest.raises(md.DataIntegrityError, match="does not match the sha256"):
        dataset.text(dataset.load("sources").source_id.iloc[0])


def test_a_descriptor_that_is_not_json_is_refused_with_what_to_do(tampered_data: Path) -> None:
    (tampered_data / "datapackage.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(md.DataIntegrityError, match="is not valid JSON"):
        md.open(tampered_data).load("events")
