"""Load the installed data: DataFrames with proper dtypes, paths, records, evidence, texts.

Reading a table imports pandas and pyarrow only: column types and categories come from the
Data Package descriptor (plain JSON), not from the Pydantic models.  Every file is checked
against the sha256 its descriptor declares before any of it is returned.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from moroccodigital.models import Record


class DataIntegrityError(RuntimeError):
    """A data file is missing, truncated or altered: it does not match its declared sha256."""


@dataclass(frozen=True)
class TableInfo:
    """One table of the dataset: its name, a one-line description and its number of rows."""

    name: str
    title: str
    description: str
    rows: int


@dataclass(frozen=True)
class Passage:
    """A passage of a source that supports a record, with some text around it."""

    source_id: str
    start: int
    end: int
    quote: str
    gloss_en: str
    before: str
    after: str


def data_dir() -> Path:
    """The folder holding datapackage.json: the installed copy, else a source checkout's data/."""
    packaged = Path(str(resources.files("moroccodigital") / "_data"))
    if (packaged / "datapackage.json").is_file():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "data"
    if (checkout / "datapackage.json").is_file():
        return checkout
    raise FileNotFoundError(
        "no moroccodigital data found: reinstall the package, or run `moroccodigital build` in a checkout"
    )


def _texts_dir() -> Path:
    packaged = Path(str(resources.files("moroccodigital") / "_seeds"))
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "seeds"


@lru_cache(maxsize=1)
def _descriptor() -> dict[str, Any]:
    text = (data_dir() / "datapackage.json").read_text(encoding="utf-8")
    descriptor: dict[str, Any] = json.loads(text)
    return descriptor


def descriptor() -> dict[str, Any]:
    """The Data Package descriptor (datapackage.json) as a dictionary (a copy)."""
    copy: dict[str, Any] = json.loads(json.dumps(_descriptor()))
    return copy


def _resource(name: str) -> dict[str, Any]:
    for res in _descriptor()["resources"]:
        if res["name"] == name:
            return dict(res)
    valid = ", ".join(r["name"] for r in _descriptor()["resources"])
    raise KeyError(f"unknown table {name!r}; valid tables: {valid}")


def table_names() -> list[str]:
    """Names of all tables, in dependency order."""
    return [r["name"] for r in _descriptor()["resources"]]


def path(name: str, fmt: str = "parquet") -> Path:
    """Path of a table's file ('parquet' or 'csv'), for polars, DuckDB or pyarrow."""
    res = _resource(name)
    if fmt == "parquet":
        return data_dir() / str(res["path"])
    if fmt == "csv":
        return data_dir() / "csv" / f"{name}.csv"
    raise ValueError(f"unknown format {fmt!r}; use 'parquet' or 'csv'")


def schema(name: str) -> dict[str, Any]:
    """The Table Schema of a table: fields with types, descriptions and constraints, and keys."""
    return dict(json.loads(json.dumps(_resource(name)["schema"])))


def columns(name: str) -> dict[str, str]:
    """Column name -> description."""
    return {f["name"]: f.get("description", "") for f in _resource(name)["schema"]["fields"]}


def _read_verified(name: str) -> pa.Table:
    import pyarrow as pa
    import pyarrow.parquet as pq

    res = _resource(name)
    file = data_dir() / res["path"]
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise DataIntegrityError(f"{file} is missing; reinstall moroccodigital or rebuild the data") from None
    expected = res["hash"].removeprefix("sha256:")
    if hashlib.sha256(raw).hexdigest() != expected:
        raise DataIntegrityError(
            f"{file} does not match the sha256 in datapackage.json (truncated or altered); "
            "reinstall moroccodigital or rebuild the data"
        )
    return pq.ParquetFile(pa.BufferReader(raw)).read(use_threads=False)


def arrow(name: str) -> pa.Table:
    """A table as a pyarrow Table, in its physical schema."""
    return _read_verified(name)


def load(name: str) -> pd.DataFrame:
    """A table as a pandas DataFrame with typed columns.

    Enums are categoricals (ordered where the order means something), dates datetime64[ms],
    integers Int64, numbers Float64, strings the pandas string dtype with NA for missing.
    `df.attrs` carries the table's description and its column descriptions.
    """
    import pandas as pd
    import pyarrow as pa

    table = _read_verified(name)
    for i, field in enumerate(table.schema):
        if pa.types.is_date32(field.type):
            table = table.set_column(i, field.name, table.column(i).cast(pa.timestamp("ms")))
    mapping = {
        pa.string(): pd.StringDtype(),
        pa.int64(): pd.Int64Dtype(),
        pa.float64(): pd.Float64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
    }
    frame: pd.DataFrame = table.to_pandas(types_mapper=mapping.get, use_threads=False)
    res = _resource(name)
    for field in res["schema"]["fields"]:
        categories = field.get("constraints", {}).get("enum")
        if categories:
            dtype = pd.CategoricalDtype(categories, ordered=bool(field.get("categoriesOrdered")))
            frame[field["name"]] = frame[field["name"]].astype(dtype)
    frame.attrs = {"table": name, "description": res.get("description", ""), "columns": columns(name)}
    return frame


def load_all() -> dict[str, pd.DataFrame]:
    """Every table as a DataFrame, by name."""
    return {name: load(name) for name in table_names()}


def tables() -> list[TableInfo]:
    """Every table with a one-line description and its row count."""
    return [
        TableInfo(r["name"], r.get("title", r["name"]), r.get("description", ""), arrow(r["name"]).num_rows)
        for r in _descriptor()["resources"]
    ]


def records(name: str) -> list[Record]:
    """A table as validated Pydantic objects, built from Arrow rows (never from a DataFrame)."""
    from moroccodigital.datapackage import model_for

    model = model_for(name)
    return [model.model_validate(row) for row in arrow(name).to_pylist()]


def package() -> Any:
    """The Data Package as a `frictionless.Package` (imports frictionless)."""
    from frictionless import Package

    return Package(str(data_dir() / "datapackage.json"))


@lru_cache(maxsize=1)
def _sources() -> dict[str, str]:
    return {row["source_id"]: row["file_name"] for row in arrow("sources").to_pylist()}


def text(source_id: str) -> str:
    """The full text of a source article, exactly as stored."""
    files = _sources()
    if source_id not in files:
        raise KeyError(f"unknown source {source_id!r}; valid sources: {', '.join(sorted(files))}")
    return (_texts_dir() / files[source_id]).read_text(encoding="utf-8")


def texts() -> dict[str, str]:
    """Every source's text, by source id."""
    return {source_id: text(source_id) for source_id in _sources()}


def evidence(table: str, record_id: str, context: int = 80) -> list[Passage]:
    """The passages that support a record, each with `context` characters of text either side."""
    _resource(table)
    rows = [
        row
        for row in arrow("evidence").to_pylist()
        if row["record_table"] == table and row["record_id"] == record_id
    ]
    if not rows:
        raise KeyError(f"no evidence for {table}/{record_id!r}: is the id right?")
    passages = []
    for row in rows:
        body = text(row["source_id"])
        passages.append(
            Passage(
                source_id=row["source_id"],
                start=row["start"],
                end=row["end"],
                quote=row["quote"],
                gloss_en=row["gloss_en"],
                before=body[max(0, row["start"] - context) : row["start"]],
                after=body[row["end"] : row["end"] + context],
            )
        )
    return passages
