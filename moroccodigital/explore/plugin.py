"""Datasette hooks for the explorer: Arabic-aware search, right-to-left cells, evidence on record pages.

`explore.make_datasette` registers this module; it is not an entry point, so it never changes a
`datasette` command that the user runs for other databases.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

from markupsafe import Markup
from pluggy import HookimplMarker

from moroccodigital.explore.text import normalize_arabic, text_direction

hookimpl = HookimplMarker("datasette")
"""Datasette's own marker (`datasette.hookimpl`), made here from pluggy, which is typed."""

Scope = MutableMapping[str, Any]
Asgi = Callable[[Scope, Any, Any], Awaitable[None]]

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


def _normalize_or_null(text: str | None) -> str | None:
    return None if text is None else normalize_arabic(str(text))


@hookimpl
def asgi_wrapper() -> Callable[[Asgi], Asgi]:
    """Normalise `_search` and `_search_<column>` values, since the FTS tables hold normalised text."""

    def wrap(app: Asgi) -> Asgi:
        async def normalized(scope: Scope, receive: Any, send: Any) -> None:
            if scope["type"] == "http" and b"_search" in scope.get("query_string", b""):
                scope = dict(scope, query_string=normalized_query(scope["query_string"]))
            await app(scope, receive, send)

        return normalized

    return wrap


def normalized_query(query: bytes) -> bytes:
    """The query string with every search value normalised and every other parameter as it was."""
    pairs = parse_qsl(query.decode("utf-8", "replace"), keep_blank_values=True)
    return urlencode(
        [
            (key, normalize_arabic(value) if key.startswith("_search") and key != "_searchmode" else value)
            for key, value in pairs
        ]
    ).encode("ascii")


@hookimpl
def render_cell(value: Any) -> Markup | None:
    """Right-to-left text in a block of its own direction, so the page itself stays left to right."""
    if isinstance(value, str) and text_direction(value) == "rtl":
        return Markup('<div dir="rtl" lang="ar" class="md-rtl">{}</div>').format(value)
    return None


@hookimpl
def extra_template_vars(
    view_name: str, database: str, table: str, request: Any, datasette: Any
) -> Callable[[], Awaitable[dict[str, Any]]] | None:
    """On a record's page: the passages that support it, with gloss, source and offsets."""
    if view_name != "row":
        return None

    async def evidence() -> dict[str, Any]:
        from datasette.utils import tilde_encode, urlsafe_components  # type: ignore[import-untyped]

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
        return {"evidence_passages": passages, "evidence_expected": bool(supported.rows)}

    return evidence
