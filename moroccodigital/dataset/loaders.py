"""Load a built data package: DataFrames with proper dtypes, paths, records, evidence, texts.

`open(folder)` gives a `Dataset`, a handle on one data folder (a checkout's data/, an unpacked
export); the module-level functions are the same methods on the installed data.  Reading a table
imports pandas and pyarrow only: column types and categories come from the Data Package
descriptor (plain JSON), not from the Pydantic models.  Every file is checked against the sha256
its descriptor declares before any of it is returned, and so is every source text.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from moroccodigital import paths
from moroccodigital.errors import Error

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from moroccodigital.definitions.models import Record


class DataIntegrityError(Error, RuntimeError):
    """A data file is missing, truncated or altered: it does not match its declared sha256."""

    code = "data-integrity"
    exit_code = 5


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


@dataclass(frozen=True)
class Occurrences:
    """The event level in one call: the occurrences, their reports, and what the reports say.

    `reports` is occurrence_reports with each source's language, outlet and coverage; `values` is
    occurrence_values (one row per report and attribute); `conflicts` its rows where the reports
    disagree; `agreed` the values every stating report shares, with the sources that state them."""

    occurrences: pd.DataFrame
    reports: pd.DataFrame
    values: pd.DataFrame
    conflicts: pd.DataFrame
    agreed: pd.DataFrame


class Dataset:
    """One built data package, read from its folder (the one holding datapackage.json).

    The seed texts are looked for beside it (`seeds/` or `_seeds/`) unless `texts` names them.
    """

    def __init__(self, folder: Path | str, texts: Path | str | None = None) -> None:
        folder = Path(folder)
        self.folder = folder.parent if folder.name == paths.DESCRIPTOR else folder
        self._texts = Path(texts) if texts is not None else paths.texts_beside(self.folder)

    def __repr__(self) -> str:
        return f"Dataset({str(self.folder)!r})"

    @cached_property
    def _descriptor(self) -> dict[str, Any]:
        file = self.folder / paths.DESCRIPTOR
        try:
            descriptor = json.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise DataIntegrityError(f"{file} is missing: not a built moroccodigital data folder") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise DataIntegrityError(
                f"{file} is not valid JSON ({err}); reinstall or rebuild the data"
            ) from None
        if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
            raise DataIntegrityError(f"{file} has no list of resources; reinstall or rebuild the data")
        return descriptor

    def descriptor(self) -> dict[str, Any]:
        """The Data Package descriptor (datapackage.json) as a dictionary (a copy)."""
        copy: dict[str, Any] = json.loads(json.dumps(self._descriptor))
        return copy

    def _resource(self, name: str) -> dict[str, Any]:
        for res in self._descriptor["resources"]:
            if res.get("name") == name:
                return dict(res)
        valid = ", ".join(str(r.get("name")) for r in self._descriptor["resources"])
        raise KeyError(f"unknown table {name!r}; valid tables: {valid}")

    def table_names(self) -> list[str]:
        """Names of all tables, in dependency order."""
        return [r["name"] for r in self._descriptor["resources"]]

    def path(self, name: str, fmt: str = "parquet") -> Path:
        """Path of a table's file ('parquet' or 'csv'), for polars, DuckDB or pyarrow."""
        res = self._resource(name)
        if fmt == "parquet":
            return self.folder / str(res["path"])
        if fmt == "csv":
            return self.folder / paths.CSV / f"{name}.csv"
        raise ValueError(f"unknown format {fmt!r}; use 'parquet' or 'csv'")

    def schema(self, name: str) -> dict[str, Any]:
        """The Table Schema of a table: fields with types, descriptions and constraints, and keys."""
        return dict(json.loads(json.dumps(self._resource(name)["schema"])))

    def columns(self, name: str) -> dict[str, str]:
        """Column name -> description."""
        return {f["name"]: f.get("description", "") for f in self._resource(name)["schema"]["fields"]}

    def arrow(self, name: str) -> pa.Table:
        """A table as a pyarrow Table, in its physical schema."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        res = self._resource(name)
        file = self.folder / res["path"]
        raw = _verified_bytes(file, str(res.get("hash", "")).removeprefix("sha256:"))
        return pq.ParquetFile(pa.BufferReader(raw)).read(use_threads=False)

    def load(self, name: str) -> pd.DataFrame:
        """A table as a pandas DataFrame with typed columns.

        Enums are categoricals (ordered where the order means something), dates datetime64[ms],
        integers Int64, numbers Float64, strings the pandas string dtype with NA for missing.
        `df.attrs` carries the table's description and its column descriptions.
        """
        import pandas as pd
        import pyarrow as pa

        table = self.arrow(name)
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
        res = self._resource(name)
        for field in res["schema"]["fields"]:
            categories = field.get("constraints", {}).get("enum")
            if categories:
                dtype = pd.CategoricalDtype(categories, ordered=bool(field.get("categoriesOrdered")))
                frame[field["name"]] = frame[field["name"]].astype(dtype)
        frame.attrs = {
            "table": name,
            "description": res.get("description", ""),
            "columns": self.columns(name),
        }
        return frame

    def occurrences(self) -> Occurrences:
        """The event level: occurrences with their reports, sources, agreed values and conflicts
        (`load("events")` stays the report level)."""
        sources = self.load("sources")[["source_id", "language", "ref_outlet", "coverage"]]
        reports = self.load("occurrence_reports").merge(sources, on="source_id", how="left")
        values = self.load("occurrence_values")
        conflicts = values[values["concordance"] == "disagree"].reset_index(drop=True)
        keys = ["occurrence_id", "attribute", "actor_id", "value"]
        shared = values[values["concordance"] == "agree"]
        agreed = (
            shared.groupby(keys, observed=True, dropna=False, sort=True)
            .agg(sources=("source_id", lambda s: sorted(s)), reports=("report_id", lambda s: sorted(s)))
            .reset_index()
        )
        return Occurrences(self.load("occurrences"), reports, values, conflicts, agreed)

    def load_all(self) -> dict[str, pd.DataFrame]:
        """Every table as a DataFrame, by name."""
        return {name: self.load(name) for name in self.table_names()}

    def tables(self) -> list[TableInfo]:
        """Every table with a one-line description and its row count."""
        return [
            TableInfo(
                r["name"], r.get("title", r["name"]), r.get("description", ""), self.arrow(r["name"]).num_rows
            )
            for r in self._descriptor["resources"]
        ]

    def records(self, name: str) -> list[Record]:
        """A table as validated Pydantic objects, built from Arrow rows (never from a DataFrame)."""
        from moroccodigital.definitions.columns import model_for

        model = model_for(name)
        return [model.model_validate(row) for row in self.arrow(name).to_pylist()]

    def package(self) -> Any:
        """The Data Package as a `frictionless.Package` (imports frictionless)."""
        from frictionless import Package

        return Package(str(self.folder / paths.DESCRIPTOR))

    @cached_property
    def _sources(self) -> dict[str, tuple[str, str]]:
        return {
            row["source_id"]: (row["file_name"], row["sha256"]) for row in self.arrow("sources").to_pylist()
        }

    def text(self, source_id: str) -> str:
        """The full text of a source article, exactly as stored (checked against its sha256)."""
        files = self._sources
        if source_id not in files:
            raise KeyError(f"unknown source {source_id!r}; valid sources: {', '.join(sorted(files))}")
        if self._texts is None:
            raise DataIntegrityError(
                f"no seed texts beside {self.folder} (looked for {' and '.join(paths.TEXT_FOLDERS)})"
            )
        name, digest = files[source_id]
        return _verified_bytes(self._texts / name, digest).decode("utf-8")

    def texts(self) -> dict[str, str]:
        """Every source's text, by source id."""
        return {source_id: self.text(source_id) for source_id in self._sources}

    def evidence(self, table: str, record_id: str, context: int = 80) -> list[Passage]:
        """The passages that support a record, each with `context` characters of text either side."""
        self._resource(table)
        rows = [
            row
            for row in self.arrow("evidence").to_pylist()
            if row["record_table"] == table and row["record_id"] == record_id
        ]
        if not rows:
            raise KeyError(f"no evidence for {table}/{record_id!r}: is the id right?")
        passages = []
        for row in rows:
            body = self.text(row["source_id"])
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


def _verified_bytes(file: Path, sha256: str) -> bytes:
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise DataIntegrityError(f"{file} is missing; reinstall moroccodigital or rebuild the data") from None
    if hashlib.sha256(raw).hexdigest() != sha256:
        raise DataIntegrityError(
            f"{file} does not match the sha256 in {paths.DESCRIPTOR} or the sources table (truncated or "
            "altered); reinstall moroccodigital or rebuild the data"
        )
    return raw


def open(folder: Path | str, texts: Path | str | None = None) -> Dataset:
    """A handle on the data package in `folder` (a data folder or its datapackage.json)."""
    return Dataset(folder, texts)


def data_dir() -> Path:
    """The folder holding the installed datapackage.json (a wheel's copy, else a checkout's data/)."""
    return paths.installed_data()


@lru_cache(maxsize=1)
def installed() -> Dataset:
    """The data package this installation ships."""
    return Dataset(data_dir())


def descriptor() -> dict[str, Any]:
    """The installed Data Package descriptor (datapackage.json) as a dictionary (a copy)."""
    return installed().descriptor()


def table_names() -> list[str]:
    """Names of all tables, in dependency order."""
    return installed().table_names()


def path(name: str, fmt: str = "parquet") -> Path:
    """Path of a table's file ('parquet' or 'csv'), for polars, DuckDB or pyarrow."""
    return installed().path(name, fmt)


def schema(name: str) -> dict[str, Any]:
    """The Table Schema of a table: fields with types, descriptions and constraints, and keys."""
    return installed().schema(name)


def columns(name: str) -> dict[str, str]:
    """Column name -> description."""
    return installed().columns(name)


def arrow(name: str) -> pa.Table:
    """A table as a pyarrow Table, in its physical schema."""
    return installed().arrow(name)


def load(name: str) -> pd.DataFrame:
    """A table as a pandas DataFrame with typed columns (see `Dataset.load`)."""
    return installed().load(name)


def occurrences() -> Occurrences:
    """The installed dataset's event level (see Dataset.occurrences)."""
    return installed().occurrences()


def load_all() -> dict[str, pd.DataFrame]:
    """Every table as a DataFrame, by name."""
    return installed().load_all()


def tables() -> list[TableInfo]:
    """Every table with a one-line description and its row count."""
    return installed().tables()


def records(name: str) -> list[Record]:
    """A table as validated Pydantic objects, built from Arrow rows (never from a DataFrame)."""
    return installed().records(name)


def package() -> Any:
    """The Data Package as a `frictionless.Package` (imports frictionless)."""
    return installed().package()


def text(source_id: str) -> str:
    """The full text of a source article, exactly as stored (checked against its sha256)."""
    return installed().text(source_id)


def texts() -> dict[str, str]:
    """Every source's text, by source id."""
    return installed().texts()


def evidence(table: str, record_id: str, context: int = 80) -> list[Passage]:
    """The passages that support a record, each with `context` characters of text either side."""
    return installed().evidence(table, record_id, context)
