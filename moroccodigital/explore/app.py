"""Browse the dataset in Datasette: a SQLite export with keys and Arabic-aware search, and a server.

The export is written from the installed data (the loaders), so it holds exactly what `md.load`
returns.  Searchable text is stored a second time, normalised and light-stemmed by `search_text`, in one FTS5
table per table, so that a search finds the spelling variants of an Arabic name; the Datasette
plugin (`explore_plugin`) normalises queries the same way.  sqlite-utils and Datasette come with
the optional `explore` extra and are imported only inside the functions that use them.
"""

from __future__ import annotations

import asyncio
import importlib.util
import signal
import socket
import sys
import tempfile
from collections import Counter, defaultdict
from datetime import date
from html import escape
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from moroccodigital.dataset.loaders import Dataset, installed
from moroccodigital.dataset.loaders import open as open_dataset
from moroccodigital.errors import BuildError, Error, MissingExtra, Problem
from moroccodigital.explore.names import (
    ALIAS_COLUMN,
    APPLICATION_ID,
    DATABASE,
    LOOPBACK_HOSTS,
    PASSAGE_COLUMN,
    PLUGIN,
    SEARCH_COLUMNS,
    SQLITE_HEADER,
)
from moroccodigital.explore.text import search_text
from moroccodigital.safewrite import UnsafeOutput, atomic_path, check_output

if TYPE_CHECKING:
    import sqlite_utils
    from datasette.app import Datasette  # type: ignore[import-untyped]

PASSAGE_TABLES = ("events", "agreements", "targets")

FACETS: dict[str, list[str]] = {
    "sources": ["language"],
    "actors": ["kind", "country", "sector"],
    "aliases": ["alias_kind"],
    "roles": ["source_id"],
    "places": ["kind", "iso3166_alpha3"],
    "initiatives": ["kind"],
    "events": ["event_type", "source_id", "date_precision"],
    "event_participants": ["role"],
    "event_topics": ["topic"],
    "event_contexts": ["context"],
    "agreements": ["agreement_type", "status", "source_id"],
    "agreement_parties": ["role"],
    "agreement_topics": ["topic"],
    "targets": ["kind", "unit", "source_id"],
    "evidence": ["record_table", "source_id"],
}
"""Facets Datasette shows on each table page."""
LABELS: dict[str, str] = {
    "actors": "name_en",
    "places": "name_en",
    "initiatives": "name_en",
    "events": "title_en",
    "agreements": "title_en",
    "targets": "indicator_en",
}
"""Column Datasette shows in place of an id wherever a foreign key points at the table."""

TABLE_CELL_CHARACTERS = 120
"""Longest text a table page shows in a cell before cutting it with "…", so that a row of long
summaries and notes stays a few lines high; a record's own page shows every text in full."""

_SQLITE_TYPES: dict[str, type] = {"string": str, "integer": int, "number": float, "boolean": int, "date": str}


class ServeError(Error):
    """The explorer cannot start: a port out of range or taken, for instance."""

    code = "serve-failed"
    exit_code = 5


class ExportRefused(BuildError):
    """The export would write somewhere the user did not point it, or over a file it did not make."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__([Problem(str(path), "", "", reason, "output-refused")])


def export_sqlite(path: Path, force: bool = False, data: Path | None = None) -> Path:
    """Write every table to a SQLite database at `path`, atomically, and return where it went.

    Refuses a missing parent folder, a folder or other special file and, unless `force`, a
    symbolic link or an existing file that is not an earlier export of this package.  The
    database is built in a private folder beside `path` and moved into place in one step (which
    replaces a link, never writes through it), so a failure leaves whatever was there untouched.
    `data` is a built data folder (default: the installed data).
    """
    _require_extra()
    target = _checked_target(Path(path), force)
    with atomic_path(target) as built:
        built.unlink()  # sqlite-utils creates the database itself
        _write_database(built, _dataset(data))
    return target


def _dataset(data: Path | None) -> Dataset:
    return open_dataset(data) if data is not None else installed()


def _require_extra() -> None:
    """Fail before doing anything, naming the install command, when the `explore` extra is missing."""
    missing = [name for name in ("sqlite_utils", "datasette") if importlib.util.find_spec(name) is None]
    if missing:
        raise MissingExtra("explore", " and ".join(missing))


def _checked_target(path: Path, force: bool) -> Path:
    try:
        return check_output(path, force=force, ours=_is_export)
    except UnsafeOutput as err:
        raise ExportRefused(path, str(err).removeprefix(f"{path} ")) from None


def _is_export(file: Path) -> bool:
    with file.open("rb") as handle:
        header = handle.read(100)
    return header[:16] == SQLITE_HEADER and int.from_bytes(header[68:72], "big") == APPLICATION_ID


def _write_database(file: Path, ds: Dataset) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(file)
    try:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for name in ds.table_names():
            _add_table(db, name, ds)
        _add_search(db, ds)
        db.conn.commit()
        db.vacuum()
    finally:
        db.close()


def _add_table(db: sqlite_utils.Database, name: str, ds: Dataset) -> None:
    """One table with its declared primary key, NOT NULL columns and foreign keys, keys indexed."""
    table_schema = ds.schema(name)
    fields = table_schema["fields"]
    keys = table_schema["primaryKey"]
    foreign = [
        (fk["fields"][0], fk["reference"].get("resource", name), fk["reference"]["fields"][0])
        for fk in table_schema.get("foreignKeys", [])
    ]
    table = db.table(name)
    table.create(
        {f["name"]: _SQLITE_TYPES[f["type"]] for f in fields},
        pk=keys[0] if len(keys) == 1 else tuple(keys),
        not_null={f["name"] for f in fields if f.get("constraints", {}).get("required")},
        foreign_keys=foreign,
    )
    rows = [
        {key: value.isoformat() if isinstance(value, date) else value for key, value in row.items()}
        for row in ds.arrow(name).to_pylist()
    ]
    table.insert_all(rows)
    for column, _, _ in foreign:
        table.create_index([column])
    if name == "evidence":
        table.create_index(["record_table", "record_id"])


def _add_search(db: sqlite_utils.Database, ds: Dataset) -> None:
    """An FTS5 table per searchable table, its rowids those of the table, holding normalised text."""
    aliases: dict[str, list[str]] = defaultdict(list)
    for alias in ds.arrow("aliases").to_pylist():
        aliases[alias["actor_id"]].append(alias["alias_ar"])
    passages: dict[str, dict[str, list[str]]] = {table: defaultdict(list) for table in PASSAGE_TABLES}
    for passage in ds.arrow("evidence").to_pylist():
        if passage["record_table"] in passages:
            passages[passage["record_table"]][passage["record_id"]].append(passage["quote"])
    extra = {"actors": (ALIAS_COLUMN, aliases)} | {t: (PASSAGE_COLUMN, passages[t]) for t in PASSAGE_TABLES}
    for table, columns in SEARCH_COLUMNS.items():
        (key,) = ds.schema(table)["primaryKey"]
        extra_column, extra_texts = extra.get(table, (None, {}))
        fts_columns = [*columns, extra_column] if extra_column else list(columns)
        names = ", ".join(f'"{c}"' for c in fts_columns)
        db.execute(f'CREATE VIRTUAL TABLE "{table}_fts" USING fts5({names}, tokenize = "unicode61")')
        selected = ", ".join(f'"{c}"' for c in (key, *columns))
        rows = []
        for rowid, record_id, *values in db.execute(
            f'SELECT rowid, {selected} FROM "{table}" ORDER BY rowid'
        ):
            texts = [value or "" for value in values]
            if extra_column:
                texts.append("\n".join(extra_texts.get(record_id, [])))
            rows.append((rowid, *map(search_text, texts)))
        marks = ", ".join("?" * len(fts_columns))
        db.conn.executemany(f'INSERT INTO "{table}_fts" (rowid, {names}) VALUES (?, {marks})', rows)


def datasette_metadata(database: str = DATABASE, ds: Dataset | None = None) -> dict[str, Any]:
    """Datasette metadata from the Data Package: titles, column descriptions, licence, sources."""
    ds = ds or installed()
    package = ds.descriptor()
    licence = package["licenses"][0]
    items = "".join(_source_items(database, package, ds))
    common = {
        "license": licence["name"],
        "license_url": licence["path"],
        "source": _articles(ds),
        "source_url": f"/{database}/sources",
    }
    tables = {}
    for res in package["resources"]:
        name = res["name"]
        table: dict[str, Any] = {
            "title": res["title"],
            "description": res["description"],
            "columns": {f["name"]: f["description"] for f in res["schema"]["fields"]},
            "facets": FACETS.get(name, []),
        }
        if name in LABELS:
            table["label_column"] = LABELS[name]
        if name in SEARCH_COLUMNS:
            table["fts_table"] = f"{name}_fts"
        tables[name] = table
    description = (
        f"<p>{escape(package['description'])}</p>"
        "<p>Search is Arabic-aware: hamza and alef forms, taa marbuta, alef maqsura, diacritics "
        "and tatweel are ignored, and so are attached particles (بالرباط finds الرباط); every word "
        "is searched as a prefix. Each record's page shows the passages that support it.</p>"
        f"<p>Sources ({escape(package['version'])}):</p><ul>{items}</ul>"
    )
    return {
        "title": package["title"],
        "description_html": description,
        "about": "moroccodigital",
        **common,
        "databases": {database: {"description_html": description, **common, "tables": tables}},
    }


_LANGUAGES = {"ar": "Arabic", "fr": "French", "en": "English"}


def _articles(ds: Dataset) -> str:
    """How many news articles, by language: "32 news articles (19 Arabic, 13 French)"."""
    languages = Counter(ds.arrow("sources").column("language").to_pylist())
    parts = ", ".join(f"{n} {_LANGUAGES.get(code, code)}" for code, n in sorted(languages.items()))
    return f"{languages.total()} news articles ({parts})"


def _source_items(database: str, package: dict[str, Any], ds: Dataset) -> list[str]:
    """One list item per article: its id (linking to its row) and headline, then its address.

    The descriptor names sources by their text's file name, a hash that tells a reader nothing;
    the sources table's id and headline do, and the descriptor's address is kept beside them.
    """
    addresses = {str(s["title"]).split(" ", 1)[0]: s for s in package["sources"]}
    items = []
    for row in ds.arrow("sources").to_pylist():
        source = addresses.get(row["file_name"], {})
        label = escape(row["source_id"]) + (f": {escape(row['headline'])}" if row["headline"] else "")
        item = f'<a href="/{database}/sources/{escape(row["source_id"])}">{label}</a>'
        if source.get("path"):
            outlet = escape(row["ref_outlet"] or source["path"])
            item += f' (<a href="{escape(source["path"])}">{outlet}</a>)'
        items.append(f"<li>{item}</li>")
    return items


def boolean_columns(ds: Dataset) -> dict[str, list[str]]:
    """Columns the Data Package types boolean, per table: SQLite stores them as 0 and 1."""
    tables = {res["name"]: res["schema"]["fields"] for res in ds.descriptor()["resources"]}
    found = {name: [f["name"] for f in fields if f["type"] == "boolean"] for name, fields in tables.items()}
    return {name: columns for name, columns in found.items() if columns}


def make_datasette(
    database: Path, data: Path | None = None, allowed_hosts: tuple[str, ...] = ()
) -> Datasette:
    """A Datasette serving an export read-only, with the generated metadata, plugin and templates.

    Datasette names the database after the file's stem, and so does the metadata.  Requests
    whose Host header is not a loopback name or one of `allowed_hosts` are refused (a web page
    on another site could otherwise reach 127.0.0.1 through DNS rebinding).
    """
    _require_extra()
    from datasette.app import Datasette
    from datasette.plugins import pm  # type: ignore[import-untyped]

    from moroccodigital.explore import plugin as explore_plugin

    if not pm.is_registered(explore_plugin):
        pm.register(explore_plugin, name=PLUGIN)
    templates = Path(str(resources.files("moroccodigital.explore") / "templates"))
    ds = _dataset(data)
    metadata = datasette_metadata(database.stem, ds)
    metadata["plugins"] = {
        PLUGIN: {
            "allowed_hosts": [*LOOPBACK_HOSTS, *(h.lower() for h in allowed_hosts)],
            "booleans": boolean_columns(ds),
        }
    }
    return Datasette(
        immutables=[str(database)],
        metadata=metadata,
        template_dir=str(templates),
        settings={"truncate_cells_html": TABLE_CELL_CHARACTERS},
    )


def serve(port: int = 8001, data: Path | None = None, allowed_hosts: tuple[str, ...] = ()) -> None:
    """Export to a temporary folder and serve it with Datasette on 127.0.0.1 until stopped.

    The port is bound first, so that a port out of range or in use fails at once with a
    `ServeError`, and the address is printed only once the socket listens (port 0 picks a free
    one).  uvicorn re-raises the signal that stopped it; SIGTERM is made to act like Ctrl-C, so
    that either one unwinds through here and the temporary folder is removed.
    """
    import uvicorn

    if not 0 <= port <= 65535:
        raise ServeError(f"port {port} does not exist: a port is a number from 0 to 65535")
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(("127.0.0.1", port))
    except OSError as err:
        listener.close()
        raise ServeError(f"cannot listen on 127.0.0.1:{port}: {err.strerror or err}") from None
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        with listener, tempfile.TemporaryDirectory(prefix="moroccodigital-explore-") as folder:
            database = export_sqlite(Path(folder) / f"{DATABASE}.db", data=data)
            datasette = make_datasette(database, data, allowed_hosts)
            asyncio.run(datasette.invoke_startup())
            listener.listen(128)
            bound = listener.getsockname()[1]
            print(
                f"moroccodigital explorer: http://127.0.0.1:{bound}/{DATABASE}", file=sys.stderr, flush=True
            )
            server = uvicorn.Server(uvicorn.Config(datasette.app(), log_level="warning"))
            server.run(sockets=[listener])
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
