"""Properties (Hypothesis): records round-trip through Arrow and JSON, any Unicode text survives
the build and the loader byte for byte, and the loader's dtypes hold for any valid table."""

from __future__ import annotations

import json
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import moroccodigital as md
from moroccodigital.curation.texts import sha256_file
from moroccodigital.dataset import build, datapackage, verify
from moroccodigital.definitions.columns import column_names, column_type, model_for
from moroccodigital.definitions.models import MODELS, ROLE_DIRECTIONS, Record

UNICODE = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),  # Arabic
        st.sampled_from(
            ["\u200f", "\u200e", "\u202b", "\u202c", "ـ", "”", "″", "«", "»"]
        ),  # RTL marks, quotes
        st.characters(min_codepoint=0x1F300, max_codepoint=0x1F64F),  # emoji
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),  # anything else, no surrogates
    ),
    min_size=1,
    max_size=40,
)
SLUG = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
CODES = {"country": ["MAR", "USA", "FRA"], "iso3166_alpha3": ["MAR", "ESH"], "attributed_country": ["MAR"]}
SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _value(model: type[Record], name: str) -> st.SearchStrategy[Any]:
    base, nullable = column_type(model, name)
    if issubclass(base, Enum):
        strategy: st.SearchStrategy[Any] = st.sampled_from(list(base))
    elif name in CODES:
        strategy = st.sampled_from(CODES[name])
    elif name == "currency":
        strategy = st.sampled_from(["MAD", "USD", "EUR"])
    elif name.endswith("_id"):
        strategy = SLUG
    elif name == "sha256":
        strategy = st.from_regex(r"[0-9a-f]{64}", fullmatch=True)
    elif name in ("language", "title_language"):
        strategy = st.sampled_from(["ar", "fr"])
    elif name.endswith("url"):
        strategy = st.builds(lambda s: f"https://example.org/{s}", SLUG)
    elif base is str:
        strategy = UNICODE
    elif base is bool:
        strategy = st.booleans()
    elif base is int:
        strategy = st.integers(0, 10**6)
    elif base is float:
        low, high = {"latitude": (-90, 90), "longitude": (-180, 180)}.get(name, (0, 1e13))
        strategy = st.floats(low, high, allow_nan=False, allow_infinity=False)
    else:
        assert base is date
        strategy = st.dates(date(1990, 1, 1), date(2040, 12, 31))
    return st.one_of(st.none(), strategy) if nullable else strategy


def _repair(model: type[Record], data: dict[str, Any]) -> dict[str, Any]:
    """Make a random row satisfy the model's cross-field rules (so nothing is filtered out)."""
    for low, high in (
        ("date_lower", "date_upper"),
        ("corroborated_lower", "corroborated_upper"),
        ("deadline_lower", "deadline_upper"),
        ("implied_deadline_lower", "implied_deadline_upper"),
    ):
        if low in data and data[low] and data[high] and data[low] > data[high]:
            data[low], data[high] = data[high], data[low]
    for column in ("date_edtf", "deadline_edtf", "corroborated_edtf", "implied_deadline_edtf"):
        if data.get(column) and "X" in data[column]:
            data[column] = None  # an unstated year has no bounds: keep the random bounds valid
    if data.get("corroborated_edtf") and not data.get("corroborated_url"):
        data["corroborated_url"] = "https://example.org/c"
    if model.table == "sources":
        data["body_end"] = data["body_start"] + 1 + data["body_end"]
    if model.table == "actors" and not data["named"]:
        data["description"] = data["description"] or "described"
        data["source_id"] = data["source_id"] or "s1"
    if model.table == "actors":  # a reference name: with its page, in Arabic, for a Latin name_ar
        data["ref_name_ar"] = data["ref_name_ar_url"] = None
        if data["name_ar"].isascii() and any(c.isalpha() for c in data["name_ar"]):
            data["ref_name_ar"], data["ref_name_ar_url"] = "اسم مرجعي", "https://example.org/r"
    if model.table == "occurrence_reports":
        data["event_id"], data["agreement_id"], data["target_id"] = data["report_id"], None, None
        data["report_id"] = f"events--{data['event_id']}"
    if model.table == "occurrence_values":
        data["value_count"] = max(data["value_count"], 1)
    if model.table == "occurrences":
        data["report_count"] = max(data["report_count"], 2)
        data["source_count"] = max(data["source_count"], 1)
    if model.table == "events" and data["event_type"] != "CONSULT":
        data["mode"] = None
    if model.table == "agreements" and (data["amount"] is None) != (data["currency"] is None):
        data["currency"] = None if data["amount"] is None else "MAD"
    if model.table == "targets":
        data["comparator"] = (
            "unspecified"
            if data["value"] is None
            else ("equal" if data["comparator"].value == "unspecified" else data["comparator"])
        )
        data["currency"] = ("MAD" if data["unit"].value == "currency" else None) if data["unit"] else None
        if data["deadline_basis"].value == "none":
            data["deadline_text"] = data["deadline_edtf"] = None
        else:
            data["deadline_text"] = data["deadline_text"] or "بحلول عام 2030"
        implied = data["implied_deadline_edtf"] is not None
        data["implied_deadline_basis"] = "programme_name" if implied else None
    if model.table == "event_participants":
        data["direction"] = ROLE_DIRECTIONS.get(data["role"], data["direction"])
    if model.table == "evidence":
        data["end"] = data["start"] + len(data["quote"])
    for prefix in ("date", "deadline"):  # last: other repairs may clear a text
        precision = data.get(f"{prefix}_precision")
        if precision is not None and str(getattr(precision, "value", precision)).startswith("hijri"):
            if prefix == "deadline":  # a deadline's text is tied to its basis: no Hijri deadline here
                data["deadline_precision"] = "unknown"
                continue
            data[f"{prefix}_text"] = data.get(f"{prefix}_text") or "15 محرم 1447"  # kept as written
            data[f"{prefix}_edtf"] = data[f"{prefix}_lower"] = data[f"{prefix}_upper"] = None
    return data


def records_of(model: type[Record], max_size: int = 3) -> st.SearchStrategy[list[Record]]:
    row = st.fixed_dictionaries({name: _value(model, name) for name in model.model_fields})
    return st.lists(
        row.map(lambda d: model.model_validate(_repair(model, d))),
        max_size=max_size,
        unique_by=lambda r: tuple(getattr(r, k) for k in model.primary_key),
    )


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.table)
@SETTINGS
@given(data=st.data())
def test_every_model_round_trips_through_an_arrow_row_and_through_json(
    model: type[Record], data: st.DataObject
) -> None:
    records = data.draw(records_of(model, max_size=2))
    rows = datapackage.to_arrow(model, records).to_pylist()
    assert len(rows) == len(records)
    by_key = {tuple(getattr(r, k) for k in model.primary_key): r for r in records}
    for row in rows:
        back = model.model_validate(row)
        assert back == by_key[tuple(getattr(back, k) for k in model.primary_key)]
    for record in records:
        assert model.model_validate_json(record.model_dump_json()) == record


def _write_table(folder: Path, model: type[Record], records: list[Record]) -> dict[str, Any]:
    path = folder / f"{model.table}.parquet"
    pq.write_table(datapackage.to_arrow(model, records), path, **build.PARQUET_OPTIONS)
    return datapackage.resource(model, path.name, "parquet", sha256_file(path), None)


@pytest.fixture
def empty_data(tmp_path: Path) -> Path:
    """A data folder where every table is empty, read by the loader instead of the real one."""
    folder = tmp_path / "data"
    folder.mkdir()
    resources = [_write_table(folder, model, []) for model in MODELS]
    (folder / "datapackage.json").write_text(json.dumps({"resources": resources}), encoding="utf-8")
    return folder


def _replace(folder: Path, model: type[Record], records: list[Record]) -> None:
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [
        _write_table(folder, model, records) if r["name"] == model.table else r
        for r in descriptor["resources"]
    ]
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.table)
@SETTINGS
@given(data=st.data())
def test_the_loader_dtypes_hold_for_any_valid_table_empty_ones_included(
    empty_data: Path, model: type[Record], data: st.DataObject
) -> None:
    records = data.draw(records_of(model))
    _replace(empty_data, model, records)
    frame = md.open(empty_data).load(model.table)
    assert list(frame.columns) == column_names(model) and len(frame) == len(records)
    for field in md.open(empty_data).schema(model.table)["fields"]:
        dtype = frame[field["name"]].dtype
        if "enum" in field.get("constraints", {}):
            assert isinstance(dtype, pd.CategoricalDtype)
        elif field["type"] == "date":
            assert str(dtype) == "datetime64[ms]"
        else:
            assert str(dtype) != "object"


@SETTINGS
@given(texts=st.lists(UNICODE, min_size=3, max_size=3))
def test_any_unicode_text_survives_the_build_and_the_loader_byte_for_byte(
    empty_data: Path, texts: list[str]
) -> None:
    places = model_for("places")
    rows = [
        places.model_validate({**_place(i), "name_en": text, "name_ar": text}) for i, text in enumerate(texts)
    ]
    _replace(empty_data, places, rows)
    loaded = md.open(empty_data).load("places").sort_values("place_id")
    expected = sorted(rows, key=lambda r: r.place_id)
    assert [s.encode("utf-8") for s in loaded.name_ar] == [r.name_ar.encode("utf-8") for r in expected]
    assert [s.encode("utf-8") for s in loaded.name_en] == [r.name_en.encode("utf-8") for r in expected]


def _place(i: int) -> dict[str, Any]:
    return {
        "place_id": f"p{i}",
        "kind": "city",
        "iso3166_alpha3": "MAR",
        "attributed_country": None,
        "parent_place_id": None,
        "latitude": 0.0,
        "longitude": 0.0,
        "coordinate_kind": "own",
        "name": "0",
        "name_script": "Latn",
        "ref_url": "https://example.org/p",
    }


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=UNICODE, value=st.floats(0, 1e13, allow_nan=False))
def test_arbitrary_valid_content_gives_a_build_that_validates(
    tmp_path_factory: pytest.TempPathFactory, text: str, value: float
) -> None:
    tables = {m.table: list(md.records(m.table)) for m in MODELS}
    tables["events"] = [e.model_copy(update={"title_en": text, "summary_en": text}) for e in tables["events"]]
    tables["targets"] = [
        t.model_copy(update={"value": value, "indicator_en": text}) if t.value is not None else t
        for t in tables["targets"]
    ]
    tables["evidence"] = [e.model_copy(update={"gloss_en": text}) for e in tables["evidence"]]
    staging = tmp_path_factory.mktemp("staging")
    build.write_package(
        staging, tables, {k: v for k, v in md.descriptor().items() if k not in {"$schema", "resources"}}
    )
    assert verify.verify_package(staging / "data") == []
    written = pq.read_table(staging / "data" / "events.parquet").column("title_en").to_pylist()
    assert set(written) == {text}


_FINDER_PIECES = st.sampled_from(
    [" ", ",", "\n", ".", "Rabat", "Maroc Telecom", "M.", "le", "2025", "1,4", "milliard", "de", "dirhams",
     "المغرب", "و", "مليار", "درهم", "«", "»", "-", "'", "Gitex Africa", "يوم", "الأربعاء", "é"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_FINDER_PIECES, max_size=12).map("".join))
def test_the_finder_reads_any_text_of_news_pieces_without_raising(text: str) -> None:
    from moroccodigital.finder.extract import find

    for c in find(text):
        assert text[c.start : c.end] == c.text
