"""What a built or installed package holds (`info`), and whether it is sound (`validate`).

Both take a data folder (the one holding datapackage.json): by default the installed copy, or a
checkout's data/. `validate` runs the build's own checks (`verify.verify_package`: both
descriptors with frictionless, every sha256, every Parquet file's Arrow schema, every evidence
quote against its text) and adds what those cannot see from the files alone: that the source
texts are the ones the sources table names, and that every evidence row points at a real record.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from moroccodigital import paths
from moroccodigital.curation.texts import sha256_file
from moroccodigital.dataset import catalogue
from moroccodigital.dataset.loaders import Dataset, data_dir
from moroccodigital.dataset.verify import verify_package
from moroccodigital.errors import Problem, bulleted
from moroccodigital.results import Rendered, titled


@dataclass(frozen=True)
class TableSummary:
    """One table: its name, its title and its number of rows."""

    name: str
    title: str
    rows: int


@dataclass(frozen=True)
class SourceSummary:
    """One source article: its id, its file, and where else it was published (if known)."""

    source_id: str
    file_name: str
    outlet: str | None
    url: str | None


@dataclass(frozen=True)
class DatasetInfo(Rendered):
    """The summary `moroccodigital info` prints."""

    data: Path
    name: str
    title: str
    version: str
    created: str
    licenses: tuple[str, ...]
    tables: tuple[TableSummary, ...]
    sources: tuple[SourceSummary, ...]

    ok = True
    """A summary has nothing to fail: a package that cannot be read raises instead."""

    def lines(self) -> list[str]:
        width = max(len(t.name) for t in self.tables)
        lines = [
            f"{self.title}",
            f"version {self.version}, released {self.created[:10]}; licence {', '.join(self.licenses)}",
            f"data: {self.data}",
            "",
            f"{len(self.tables)} tables:",
        ]
        lines += [f"  {t.name:<{width}}  {t.rows:>5} rows  {t.title}" for t in self.tables]
        lines += ["", f"{len(self.sources)} sources:"]
        id_width = max(len(s.source_id) for s in self.sources)
        for s in self.sources:
            where = " — ".join(x for x in (s.outlet, s.url) if x) or "outlet not confirmed"
            lines.append(f"  {s.source_id:<{id_width}}  {s.file_name}  {where}")
        return lines


@dataclass(frozen=True)
class ValidationReport(Rendered):
    """What `validate` checked, what it could not, and every problem found."""

    data: Path
    checked: tuple[str, ...]
    skipped: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems

    def lines(self) -> list[str]:
        lines = [f"Validating {self.data}", ""]
        lines += titled("Checked", self.checked) + titled("Not checked", self.skipped)
        lines.append("")
        if self.ok:
            return [*lines, "VALID: no problems found."]
        return [*lines, f"INVALID: {len(self.problems)} problem(s):", *bulleted(self.problems)]


def _folder(data: Path | None) -> Path:
    """The data folder: the installed copy by default; a path to datapackage.json means its folder."""
    if data is None:
        return data_dir()
    return data.parent if data.name == paths.DESCRIPTOR else data


def info(data: Path | None = None) -> DatasetInfo:
    """The dataset's version, tables with row counts, licences and sources."""
    folder = _folder(data)
    package = Dataset(folder).descriptor()
    tables = tuple(
        TableSummary(
            r["name"], r.get("title", r["name"]), pq.ParquetFile(folder / r["path"]).metadata.num_rows
        )
        for r in package["resources"]
    )
    sources = tuple(
        SourceSummary(row["source_id"], row["file_name"], row["ref_outlet"], row["ref_url"])
        for row in pq.read_table(folder / "sources.parquet").to_pylist()
    )
    return DatasetInfo(
        data=folder,
        name=package["name"],
        title=package.get("title", package["name"]),
        version=package.get("version", "unknown"),
        created=package.get("created", ""),
        licenses=tuple(lic["name"] for lic in package.get("licenses", [])),
        tables=tables,
        sources=sources,
    )


def validate(data: Path | None = None, texts: Path | None = None) -> ValidationReport:
    """Re-validate a data folder (the installed copy by default) and say what is wrong, if anything.

    `texts` is the folder of source texts; by default the seeds beside the data folder. Without
    texts, evidence quotes cannot be checked against them, and the report says so.
    """
    folder = _folder(data)
    if not folder.is_dir():
        return ValidationReport(
            folder, (), ("everything",), (Problem(str(folder), "", "", "no such folder", "not-found"),)
        )
    Dataset(folder).descriptor()  # a descriptor that cannot be read stops here, with what to do
    text_folder = texts or paths.texts_beside(folder)
    found, text_problems = _texts(folder, text_folder) if text_folder else ({}, [])
    anchors = bool(found) and not text_problems
    problems = verify_package(folder, found if anchors else None)
    checked = [
        "descriptors datapackage.json and csv/datapackage.json (frictionless), and every row of "
        "every table against them (types, constraints, primary and foreign keys; the CSV copy "
        "equal to its Parquet table)",
        "the sha256 of every data file against its descriptor",
        "the physical Arrow schema of every Parquet file",
    ]
    skipped = []
    if text_folder:
        checked.append(f"every source text in {text_folder} against sources.sha256")
    if anchors:
        checked.append(f"every evidence quote against its offsets in the {len(found)} texts")
    elif text_folder:
        skipped.append("evidence quotes: the source texts are missing or differ from the data's")
    else:
        skipped.append("evidence quotes: no source texts beside the data (give their folder with --texts)")
    if problems:
        skipped.append("the checks after the first that failed (Arrow schemas, quotes, record links)")
    else:
        checked.append("every evidence row's (record_table, record_id) against that table's primary key")
        problems += _evidence_links(folder)
        checked.append("croissant.json and dcat.jsonld against what the descriptors generate")
        problems += catalogue.stale(folder)
    return ValidationReport(folder, tuple(checked), tuple(skipped), tuple(problems + text_problems))


def _texts(folder: Path, text_folder: Path) -> tuple[dict[str, str], list[Problem]]:
    """The source texts by id, and any that are missing or differ from the sources table."""
    try:
        sources = pq.read_table(folder / "sources.parquet").to_pylist()
    except (OSError, ValueError):
        return {}, []  # an unreadable sources table is reported by verify_package
    texts: dict[str, str] = {}
    problems = []
    for row in sources:
        path = text_folder / row["file_name"]
        if not path.is_file():
            problems.append(
                Problem(str(path), row["source_id"], "file_name", "source text is missing", "text-missing")
            )
        elif sha256_file(path) != row["sha256"]:
            problems.append(
                Problem(
                    str(path),
                    row["source_id"],
                    "sha256",
                    "text differs from the one the data was built from",
                    "sha256-mismatch",
                )
            )
        else:
            texts[row["source_id"]] = path.read_text(encoding="utf-8")
    return texts, problems


def _evidence_links(folder: Path) -> list[Problem]:
    """Every evidence row names a record that exists: frictionless cannot check this polymorphic link."""
    package = Dataset(folder).descriptor()
    keys: dict[str, set[str]] = {}
    for res in package["resources"]:
        primary = res["schema"]["primaryKey"]
        rows = pq.read_table(folder / res["path"], columns=primary).to_pylist()
        keys[res["name"]] = {"|".join(str(row[k]) for k in primary) for row in rows}
    problems = []
    for row in pq.read_table(folder / "evidence.parquet").to_pylist():
        if row["record_id"] not in keys.get(row["record_table"], set()):
            problems.append(
                Problem(
                    "evidence.parquet",
                    row["evidence_id"],
                    "record_id",
                    f"{row['record_id']!r} is not a row of {row['record_table']}",
                    "dangling-reference",
                )
            )
    return problems
