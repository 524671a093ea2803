"""Datasette hooks for the explorer: Arabic-aware search, right-to-left cells, record pages.

`explore.make_datasette` registers this module; it is not an entry point, so it never changes a
`datasette` command that the user runs for other databases.  The explorer is read-only and local:
requests for another Host than its own (DNS rebinding) and methods other than GET and HEAD are
refused before Datasette sees them, and a search SQLite cannot parse is answered with a message.
A record's page gets its linked rows (`record`) and the passages that support it.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlencode

from markupsafe import Markup
from pluggy import HookimplMarker

from moroccodigital.explore.names import ALIAS_COLUMN, LOOPBACK_HOSTS, PASSAGE_COLUMN, PLUGIN, SEARCH_COLUMNS
from moroccodigital.explore.record import foreign_links, linked_sections
from moroccodigital.explore.text import normalize_arabic, search_terms, text_direction

hookimpl = HookimplMarker("datasette")
"""Datasette's own marker (`datasette.hookimpl`), made here from pluggy, which is typed."""

Scope = MutableMapping[str, Any]
Asgi = Callable[[Scope, Any, Any], Awaitable[None]]

MAX_SQL_TEXT = 100_000
"""Longest text `normalize_arabic()` accepts in SQL (about 15 ms).  SQLite can stop a query for
Datasette's time limit only between two calls, so no single call may take long."""
READ_METHODS = ("GET", "HEAD")

EVIDENCE_SQL = """
select e.evidence_id, e.source_id, e.start, e."end", e.quote, e.gloss_en, s.language
from evidence e join sources s on s.source_id = e.source_id
where e.record_table = :table and e.record_id = :record_id
order by e.source_id, e.start, e.evidence_id
"""


@hookimpl
def prepare_connection(conn: Any) -> None:
    """`normalize_arabic(text)` in SQL, to match the FTS tables from a query of one's own."""
    conn.create_function("normalize_arabic", 1, _normalize_or_null, deterministic=True)


def _normalize_or_null(text: Any) -> str | None:
    if text is None:
        return None
    if isinstance(text, str | bytes) and len(text) > MAX_SQL_TEXT:
        raise ValueError(f"normalize_arabic() takes at most {MAX_SQL_TEXT:,} characters")
    return normalize_arabic(str(text))


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[Asgi], Asgi]:
    """Refuse foreign hosts and writing methods; normalise `_search` and `_search_<column>` values."""

    def wrap(app: Asgi) -> Asgi:
        async def guarded(scope: Scope, receive: Any, send: Any) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            config = datasette.plugin_config(PLUGIN) or {}
            if not host_allowed(scope, config.get("allowed_hosts", LOOPBACK_HOSTS)):
                await _refuse(send, 400, "Bad Request: this explorer answers only to its own host name")
                return
            if scope["method"] not in READ_METHODS:
                await _refuse(send, 405, "Method Not Allowed: the explorer is read-only", allow=READ_METHODS)
                return
            if b"_search" in scope.get("query_string", b""):
                scope = dict(scope, query_string=normalized_query(scope["query_string"]))
                problem = await search_problem(datasette, scope)
                if problem:
                    await _search_refused(datasette, scope, send, problem)
                    return
            await app(scope, receive, send)

        return guarded

    return wrap


def host_allowed(scope: Scope, allowed: list[str] | tuple[str, ...]) -> bool:
    """Whether the request's Host header, without its port, is one of `allowed`."""
    hosts = [value for key, value in scope.get("headers", []) if key.lower() == b"host"]
    if len(hosts) != 1:
        return False
    host = hosts[0].decode("latin-1").strip().lower()
    name = host[: host.index("]") + 1] if host.startswith("[") and "]" in host else host.rsplit(":", 1)[0]
    rest = host[len(name) :]
    return name in allowed and (rest == "" or (rest[0] == ":" and rest[1:].isdigit()))


async def _refuse(send: Any, status: int, message: str, allow: tuple[str, ...] = ()) -> None:
    body = f"{message}\n".encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    if allow:
        headers.append((b"allow", ", ".join(allow).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def search_problem(datasette: Any, scope: Scope) -> str | None:
    """Why SQLite would refuse the search a table page is asked for (a lone quote, bad FTS5), or None.

    The search is tried on its own first, through the connection without Datasette's error log,
    so that a typo is answered with a sentence rather than a server traceback.
    """
    from datasette.utils import escape_fts  # type: ignore[import-untyped]

    parts = scope["path"].strip("/").split("/")
    if len(parts) != 2 or parts[0] not in datasette.databases:
        return None
    database, table = parts[0], parts[1].removesuffix(".json").removesuffix(".csv")
    if table not in SEARCH_COLUMNS:
        return None
    args = parse_qs(scope.get("query_string", b"").decode("utf-8", "replace"), keep_blank_values=True)
    raw = args.get("_searchmode", [""])[0] == "raw"
    for key, values in args.items():
        if not key.startswith("_search") or key == "_searchmode" or not values[0]:
            continue
        column = key.removeprefix("_search_") if key.startswith("_search_") else f"{table}_fts"
        if column not in (*SEARCH_COLUMNS[table], f"{table}_fts", ALIAS_COLUMN, PASSAGE_COLUMN):
            continue
        expression = values[0] if raw else escape_fts(values[0])
        if not expression.strip():
            return f"The search {values[0]!r} has no words to search for."
        sql = f'select 1 from "{table}_fts" where "{column}" match :q limit 1'
        try:
            await datasette.databases[database].execute_fn(functools.partial(_try_match, sql, expression))
        except sqlite3.Error as err:
            return (
                f"The search {values[0]!r} could not be understood ({err}). Words are searched as "
                "written; with _searchmode=raw a search follows SQLite's FTS5 syntax "
                "(https://www.sqlite.org/fts5.html#full_text_query_syntax)."
            )
    return None


def _try_match(sql: str, expression: str, conn: sqlite3.Connection) -> None:
    conn.execute(sql, {"q": expression}).fetchall()


async def _search_refused(datasette: Any, scope: Scope, send: Any, message: str) -> None:
    """A 400 page (or JSON) in Datasette's own error template."""
    from datasette.utils.asgi import Response  # type: ignore[import-untyped]

    info = {"ok": False, "error": message, "status": 400, "title": "Search not understood"}
    if scope["path"].endswith(".json"):
        response = Response.json(info, status=400)
    else:
        template = datasette.jinja_env.select_template(["400.html", "error.html"])
        context = dict(
            info, urls=datasette.urls, app_css_hash=datasette.app_css_hash(), menu_links=lambda: []
        )
        response = Response.html(await template.render_async(context), status=400)
    await response.asgi_send(send)


FTS5_OPERATORS = re.compile(r"\b(AND|OR|NOT|NEAR)\b")
"""FTS5's operators, which it knows only in capitals; the normaliser lower-cases Latin letters."""


def normalized_query(query: bytes) -> bytes:
    """The query string with every search value normalised and every other parameter as it was.

    A typed search is reduced to the stems the index holds (`search_terms`).  In
    `_searchmode=raw` the FTS5 operators are kept as written, so that `A OR B` stays a query.
    """
    pairs = parse_qsl(query.decode("utf-8", "replace"), keep_blank_values=True)
    raw = ("_searchmode", "raw") in pairs
    return urlencode(
        [
            (
                key,
                _normalized_search(value, raw)
                if key.startswith("_search") and key != "_searchmode"
                else value,
            )
            for key, value in pairs
        ]
    ).encode("ascii")


def _normalized_search(value: str, raw: bool) -> str:
    if not raw:
        return search_terms(value) or value  # no words: SQLite explains why
    parts = FTS5_OPERATORS.split(value)  # odd positions hold the operators
    return "".join(part if i % 2 else normalize_arabic(part) for i, part in enumerate(parts))


@hookimpl
def render_cell(value: Any, column: str, table: str | None, datasette: Any) -> Markup | None:
    """Booleans as true/false (SQLite holds 0/1); right-to-left text in a block of its own direction.

    The page itself stays left to right.
    """
    booleans = (datasette.plugin_config(PLUGIN) or {}).get("booleans", {})
    if table and column in booleans.get(table, ()) and value in (0, 1) and not isinstance(value, float):
        return Markup("true" if value else "false")
    if isinstance(value, str) and text_direction(value) == "rtl":
        return Markup('<div dir="rtl" lang="ar" class="md-rtl">{}</div>').format(value)
    return None


SEARCH_BOX_SCRIPT = 'document.querySelectorAll("input[name^=_search]").forEach(e => { e.dir = "auto"; });'
"""Datasette's search boxes take the direction of what is typed: right to left for Arabic."""


@hookimpl
def extra_body_script() -> str:
    """Every page's search boxes follow their text's direction (`dir="auto"`)."""
    return SEARCH_BOX_SCRIPT


@hookimpl
def extra_template_vars(
    view_name: str, database: str, table: str, request: Any, datasette: Any
) -> Callable[[], Awaitable[dict[str, Any]]] | None:
    """On a record's page: its linked rows, and the passages that support it with gloss and source."""
    if view_name != "row":
        return None

    async def record() -> dict[str, Any]:
        from datasette.utils import tilde_encode, urlsafe_components

        def row_url(other: str, key: str) -> str:
            return str(datasette.urls.row(database, other, tilde_encode(key)))

        def label_column(other: str) -> str | None:
            return (datasette.table_metadata(database, other) or {}).get("label_column")

        keys = urlsafe_components(request.url_vars["pks"])
        db = datasette.get_database(database)
        if len(keys) != 1 or "evidence" not in await db.table_names():
            return {}
        found = await db.execute(EVIDENCE_SQL, {"table": table, "record_id": keys[0]})
        passages = [
            {
                **dict(row),
                "dir": text_direction(row["quote"]),
                "url": datasette.urls.row(database, "evidence", tilde_encode(row["evidence_id"])),
                "source_url": datasette.urls.row(database, "sources", tilde_encode(row["source_id"])),
            }
            for row in found.rows
        ]
        supported = await db.execute(
            "select 1 from evidence where record_table = :table limit 1", {"table": table}
        )
        sections = await linked_sections(db, table, keys[0], row_url)
        links = await foreign_links(db, table, keys[0], label_column, row_url)
        return {
            "record_links": links,
            "linked_sections": sections,
            "evidence_passages": passages,
            "evidence_expected": bool(supported.rows),
        }

    return record
