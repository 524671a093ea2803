"""The build: seeds and annotations -> validated records -> data/ and schemas/, atomically.

Everything is written into a fresh folder beside data/, validated there, and only then swapped
in.  The swap is two renames per folder under a journal: a build killed between them is rolled
back by `recover`, which every build runs first.  A failed or interrupted build therefore leaves
data/ and schemas/ as they were; a lock keeps two builds from running at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from moroccodigital import paths
from moroccodigital.curation import annotations as curation
from moroccodigital.curation import checks
from moroccodigital.curation.texts import sha256_file
from moroccodigital.curation.yamlfiles import AnnotationFileError, load_yaml
from moroccodigital.dataset import catalogue, citation, datapackage, verify
from moroccodigital.definitions.models import MODELS
from moroccodigital.errors import BuildError, Problem
from moroccodigital.finder import audit

OUTPUTS = (paths.DATA, paths.SCHEMAS, paths.CITATION)
JOURNAL = ".build-swap.json"
"""Present only while a swap is under way: it lists the outputs that existed before it."""
PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 9,
    "version": "2.6",
    "data_page_version": "1.0",
    "use_dictionary": False,
    "write_statistics": True,
    "row_group_size": 1 << 20,
}
"""Pinned writer options: with the pinned pyarrow they make builds byte-identical."""

Progress = Callable[[str], None]
"""Told each step of the build as it starts (the command line prints it to stderr)."""


def _quiet(_: str) -> None:
    return None


def build(root: Path, progress: Progress = _quiet) -> dict[str, int]:
    """Build data/ and schemas/ under a project root; returns the row count of each table."""
    root = root.resolve()
    with _lock(root):
        _check_outputs(root)
        _guarded(lambda: recover(root), "recovering from an earlier build")
        progress("reading seeds and annotations")
        cur = curation.read_curation(root / paths.SEEDS)
        progress("checking the records: models, keys, dates, evidence")
        tables, problems = checks.check_curation(cur)
        if problems:
            raise BuildError(problems)
        progress("auditing completeness: every candidate evidenced or waived")
        problems = audit.audit_curation(cur, root / paths.SEEDS).as_problems()
        if problems:
            raise BuildError(problems)
        meta = _metadata(root, cur)
        with tempfile.TemporaryDirectory(prefix=".build-", dir=root) as tmp:
            staging = Path(tmp)
            progress("writing Parquet, CSV and descriptors")
            _guarded(lambda: write_package(staging, tables, meta), "writing the new files")
            _checkpoint("written")
            progress("validating the written package (descriptors, hashes, Arrow schemas, rows, anchors)")
            problems = verify.verify_package(staging / paths.DATA, cur.texts)
            if problems:
                raise BuildError(problems)
            _checkpoint("validated")
            progress("putting the new files in place")
            _guarded(lambda: _swap(root, staging), "putting the new files in place")
        progress("done")
        return {name: len(rows) for name, rows in tables.items()}


def _guarded(step: Callable[[], None], what: str) -> None:
    """Run a step that touches the disk; an OS error becomes a readable BuildError."""
    try:
        step()
    except OSError as err:
        where = err.filename or "data/"
        raise BuildError(
            [
                Problem(
                    str(where),
                    "",
                    "",
                    f"{err.strerror or err} while {what}; data/ and schemas/ were not changed",
                    "os-error",
                )
            ]
        ) from None


def _checkpoint(name: str) -> None:
    """Fault injection for the tests: MOROCCODIGITAL_KILL_AT=<name> kills the build right here."""
    if os.environ.get("MOROCCODIGITAL_KILL_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


@contextlib.contextmanager
def _lock(root: Path) -> Iterator[None]:
    with (root / ".build.lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(
                [
                    Problem(
                        ".build.lock",
                        "",
                        "",
                        "another build is running in this project; wait for it to finish",
                        "build-locked",
                    )
                ]
            ) from None
        yield


def recover(root: Path) -> None:
    """Undo what an interrupted build left: roll back an unfinished swap (the journal is still
    there), drop the previous outputs of a finished one, and remove stale staging folders.

    During a swap an output's `.previous` copy exists only because this swap made it (the swap
    refuses to start while one is left over), so while the journal is there a `.previous` is
    always the complete old output.  A journal that cannot be read (damaged outside the build)
    is handled by the same rule: every `.previous` is restored.
    """
    journal = root / JOURNAL
    if journal.exists() or journal.is_symlink():
        existed = _read_journal(journal)
        for name in OUTPUTS:
            current, previous = root / name, root / f".{name}.previous"
            if os.path.lexists(previous):
                if os.path.lexists(current):
                    _remove(current)
                previous.rename(current)
            elif existed is not None and name not in existed and os.path.lexists(current):
                _remove(current)
        journal.unlink()
    (root / f"{JOURNAL}.part").unlink(missing_ok=True)
    for name in OUTPUTS:
        previous = root / f".{name}.previous"
        if os.path.lexists(previous):
            _remove(previous)
    for stale in root.glob(".build-*"):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)


def _read_journal(journal: Path) -> list[str] | None:
    """The outputs that existed before the swap, or None if the journal cannot be read."""
    try:
        existed = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return [str(name) for name in existed] if isinstance(existed, list) else None


def _remove(path: Path) -> None:
    """Remove an output: a folder with everything in it, or a file or link (never what it points to)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def _write_atomically(path: Path, text: str) -> None:
    """The journal: complete on disk (fsync) under a temporary name, then renamed into place."""
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _check_outputs(root: Path) -> None:
    """Refuse, before anything is written, outputs the swap would mishandle."""
    for name in OUTPUTS:
        current = root / name
        if current.is_symlink():
            raise BuildError(
                [
                    Problem(
                        name,
                        "",
                        "",
                        "is a symbolic link; the build replaces it as a whole and would not write where "
                        "it points: make it a plain folder or file",
                        "output-refused",
                    )
                ]
            )


def _swap(root: Path, staging: Path) -> None:
    """Rename the new outputs into place; the journal's removal is the commit point."""
    journal = root / JOURNAL
    existed = [name for name in OUTPUTS if os.path.lexists(root / name)]
    _write_atomically(journal, json.dumps(existed))
    try:
        for name in OUTPUTS:
            _checkpoint(f"swap-{name}")
            current, previous = root / name, root / f".{name}.previous"
            if os.path.lexists(current):
                current.rename(previous)
            (staging / name).rename(current)
        journal.unlink()
    except OSError:
        recover(root)
        raise
    _checkpoint("committed")
    for name in OUTPUTS:
        previous = root / f".{name}.previous"
        if os.path.lexists(previous):
            _remove(previous)


def _metadata(root: Path, cur: curation.Curation) -> dict[str, Any]:
    """Package metadata: the curated file, the one version, the release date, the sources."""
    file = paths.Project(root).package_meta
    try:
        meta = load_yaml(file)
    except AnnotationFileError as err:
        raise BuildError([Problem(str(file.relative_to(root)), "", "", str(err), err.code)]) from None
    if not isinstance(meta, dict):
        raise BuildError(
            [Problem(str(file.relative_to(root)), "", "", "must be a mapping of fields", "bad-yaml")]
        )
    version = _version(root)
    meta["version"] = version
    meta["created"] = _release_date(root, version)
    sources = [r.data for r in cur.rows if r.table == "sources"]
    meta["sources"] = [
        {
            "title": f"{s['file_name']}" + (f" — {s['ref_outlet']}" if s.get("ref_outlet") else ""),
            **({"path": s["ref_url"]} if s.get("ref_url") else {}),
        }
        for s in sorted(sources, key=lambda s: s["file_name"])
    ]
    return dict(meta)


def _version(root: Path) -> str:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    with (root / "pyproject.toml").open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def _release_date(root: Path, version: str) -> str:
    """The release date of this version in CHANGELOG.md: the build never reads the clock."""
    changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    match = re.search(rf"^## \[{re.escape(version)}\] - (\d{{4}}-\d{{2}}-\d{{2}})", changelog, re.M)
    if not match:
        raise BuildError([Problem("CHANGELOG.md", version, "", f"no '## [{version}] - YYYY-MM-DD' heading")])
    day = datetime.strptime(match.group(1), "%Y-%m-%d").replace(tzinfo=timezone.utc)
    return day.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_package(staging: Path, tables: checks.Tables, meta: dict[str, Any]) -> None:
    """Write checked tables as a data package under `staging`: data/ (Parquet, CSV, descriptors,
    catalogue), schemas/ and CITATION.cff.  The build then verifies staging and swaps it in."""
    data, schemas = staging / paths.DATA, staging / paths.SCHEMAS
    csv_dir = data / paths.CSV
    for folder in (data, csv_dir, schemas):
        folder.mkdir(parents=True)
    parquet_resources, csv_resources = [], []
    for model in MODELS:
        table = datapackage.to_arrow(model, tables[model.table])
        parquet_path = data / f"{model.table}.parquet"
        pq.write_table(table, parquet_path, **PARQUET_OPTIONS)
        parquet_resources.append(
            datapackage.resource(model, parquet_path.name, "parquet", sha256_file(parquet_path), None)
        )
        csv_path = csv_dir / f"{model.table}.csv"
        _write_csv(table, csv_path)
        csv_resources.append(
            datapackage.resource(model, csv_path.name, "csv", sha256_file(csv_path), csv_path.stat().st_size)
        )
        schema = model.model_json_schema()
        _write_json(schemas / f"{model.table}.schema.json", schema)
    _write_json(data / paths.DESCRIPTOR, datapackage.package(meta, parquet_resources))
    csv_meta = {**meta, "name": f"{meta['name']}-csv", "title": f"{meta['title']} (CSV copy)"}
    if meta.get("title_ar"):
        csv_meta["title_ar"] = f"{meta['title_ar']} (نسخة بصيغة CSV)"
    _write_json(data / paths.CSV_DESCRIPTOR, datapackage.package(csv_meta, csv_resources))
    catalogue.write_metadata(data)
    citation.write_citation(data, staging / paths.CITATION)


def _write_csv(table: pa.Table, path: Path) -> None:
    options = pacsv.WriteOptions(include_header=True, quoting_style="needed")
    pacsv.write_csv(_plain_decimals(table), path, write_options=options)


def _plain_decimals(table: pa.Table) -> pa.Table:
    """Floating-point columns as plain decimals ('100000000000', not Arrow's '1e+11'), so that
    spreadsheets and text diffs read amounts as written: each value's shortest exact decimal form,
    at the column's largest number of decimal places, where 38 digits hold the column."""
    from decimal import Decimal

    for i, column in enumerate(table.schema):
        if pa.types.is_floating(column.type):
            values = [None if v is None else Decimal(repr(v)).normalize() for v in table[i].to_pylist()]
            known = [v for v in values if v is not None]
            places = max((max(0, -int(v.as_tuple().exponent)) for v in known), default=0)
            digits = max((max(0, v.adjusted() + 1) for v in known), default=0)
            if digits + places <= 38:  # else (never for amounts or coordinates) Arrow's own form
                table = table.set_column(i, column.name, pa.array(values, pa.decimal128(38, places)))
    return table


def _write_json(path: Path, document: Any) -> None:
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")
