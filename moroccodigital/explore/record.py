"""What a record's page lists under the record itself: the rows of other tables that name it.

A row of Datasette's own is one record's columns; the people who took part in an event, the
parties to an agreement or the events an actor took part in live in link tables, which Datasette
only counts ("8 rows from event_id in event_participants").  Each `Section` is one such list,
read with one query and shown as a small table whose names link to their own record pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from moroccodigital.explore.text import text_direction

RowUrl = Callable[[str, str], str]
"""Datasette's address of a row from its table and id (`datasette.urls.row`, ids encoded)."""


@dataclass(frozen=True)
class Section:
    """One list of linked rows: a heading, a query of the record's id (`:id`), and its links.

    `links` maps a shown column to the table it names and the query column holding the id; an
    id column is not shown unless it is the linked column itself (`source_id`).
    """

    key: str
    title: str
    sql: str
    links: dict[str, tuple[str, str]] = field(default_factory=dict)


def _actor(alias: str) -> str:
    """An actor's English name, or its name as written when it has none."""
    return f"coalesce({alias}.name_en, {alias}.name)"


SECTIONS: dict[str, tuple[Section, ...]] = {
    "events": (
        Section(
            "participants",
            "Participants",
            f"""select {_actor("a")} as actor, a.name as "name as written", p.role, p.direction,
                a.actor_id
            from event_participants p join actors a on a.actor_id = p.actor_id
            where p.event_id = :id order by p.role, actor""",
            {"actor": ("actors", "actor_id")},
        ),
        Section(
            "places",
            "Places",
            """select pl.name_en as place, pl.name_ar as "Arabic name", pl.kind, pl.place_id
            from event_places ep join places pl on pl.place_id = ep.place_id
            where ep.event_id = :id order by place""",
            {"place": ("places", "place_id")},
        ),
        Section(
            "initiatives",
            "Initiatives",
            """select i.name_en as initiative, i.name_ar as "name as written", i.kind, i.initiative_id
            from event_initiatives ei join initiatives i on i.initiative_id = ei.initiative_id
            where ei.event_id = :id order by initiative""",
            {"initiative": ("initiatives", "initiative_id")},
        ),
        Section(
            "topics",
            "Topics and contexts",
            """select 'topic' as kind, topic as value from event_topics where event_id = :id
            union all
            select 'context', context from event_contexts where event_id = :id
            order by kind desc, value""",
        ),
        Section(
            "agreements",
            "Agreements made at this event",
            """select title_en as agreement, agreement_type, status, agreement_id
            from agreements where event_id = :id order by agreement""",
            {"agreement": ("agreements", "agreement_id")},
        ),
        Section(
            "parts",
            "Events within this one",
            """select title_en as event, event_type, event_id
            from events where part_of_event_id = :id order by event""",
            {"event": ("events", "event_id")},
        ),
    ),
    "agreements": (
        Section(
            "parties",
            "Parties",
            f"""select {_actor("a")} as party, a.name as "name as written", p.role,
                {_actor("b")} as "on behalf of", a.actor_id, b.actor_id as behalf_id
            from agreement_parties p join actors a on a.actor_id = p.actor_id
            left join actors b on b.actor_id = p.on_behalf_of_id
            where p.agreement_id = :id order by p.role, party""",
            {"party": ("actors", "actor_id"), "on behalf of": ("actors", "behalf_id")},
        ),
        Section(
            "topics",
            "Topics",
            "select topic from agreement_topics where agreement_id = :id order by topic",
        ),
        Section(
            "targets",
            "Targets set by this agreement",
            """select indicator_en as target, value_text as "as written", deadline_text as deadline,
                target_id
            from targets where agreement_id = :id order by target""",
            {"target": ("targets", "target_id")},
        ),
    ),
    "actors": (
        Section(
            "events",
            "Events it takes part in",
            """select e.title_en as event, p.role, p.direction, e.event_type, e.source_id, e.event_id
            from event_participants p join events e on e.event_id = p.event_id
            where p.actor_id = :id order by e.source_id, event""",
            {"event": ("events", "event_id"), "source_id": ("sources", "source_id")},
        ),
        Section(
            "agreements",
            "Agreements it is a party to or acted for in",
            f"""select g.title_en as agreement, p.role, null as "acting for it", g.agreement_type,
                g.status, g.source_id, g.agreement_id, null as agent_id
            from agreement_parties p join agreements g on g.agreement_id = p.agreement_id
            where p.actor_id = :id
            union all
            select g.title_en, p.role || ' on its behalf', {_actor("a")}, g.agreement_type,
                g.status, g.source_id, g.agreement_id, a.actor_id
            from agreement_parties p join agreements g on g.agreement_id = p.agreement_id
            join actors a on a.actor_id = p.actor_id
            where p.on_behalf_of_id = :id
            order by source_id, agreement, role""",
            {
                "agreement": ("agreements", "agreement_id"),
                "acting for it": ("actors", "agent_id"),
                "source_id": ("sources", "source_id"),
            },
        ),
        Section(
            "roles",
            "Titles the sources give",
            f"""select r.title_en as title, r.title_text as "as written", {_actor("o")} as organisation,
                r.source_id, r.role_id, o.actor_id as organisation_id
            from roles r left join actors o on o.actor_id = r.organisation_id
            where r.person_id = :id order by r.source_id, title""",
            {
                "title": ("roles", "role_id"),
                "organisation": ("actors", "organisation_id"),
                "source_id": ("sources", "source_id"),
            },
        ),
        Section(
            "aliases",
            "Written forms",
            """select alias, alias_kind, alias_id from aliases where actor_id = :id
            order by alias_kind, alias""",
            {"alias": ("aliases", "alias_id")},
        ),
    ),
    "sources": tuple(
        Section(
            table,
            f"{title} it reports",
            f"""select {label} as {noun}, {kind} as kind, {key}
            from {table} where source_id = :id order by {noun}""",
            {noun: (table, key)},
        )
        for table, title, noun, label, kind, key in (
            ("events", "Events", "event", "title_en", "event_type", "event_id"),
            ("agreements", "Agreements", "agreement", "title_en", "agreement_type", "agreement_id"),
            ("targets", "Targets", "target", "indicator_en", "kind", "target_id"),
        )
    ),
}
"""The lists shown on the page of a record of each table, in the order they are shown."""


async def linked_sections(db: Any, table: str, record_id: str, row_url: RowUrl) -> list[dict[str, Any]]:
    """The non-empty sections of a record's page, read from Datasette's database `db`.

    `row_url(table, id)` is Datasette's address of a row.  A cell is its text, its direction
    (Arabic names are laid out right to left) and its link, if any.
    """
    shown = []
    for section in SECTIONS.get(table, ()):
        found = await db.execute(section.sql, {"id": record_id})
        if not found.rows:
            continue
        hidden = {id_column for shown, (_, id_column) in section.links.items() if id_column != shown}
        columns = [c for c in found.columns if c not in hidden]
        body = [[_cell(row, column, section, row_url) for column in columns] for row in found.rows]
        shown.append({"key": section.key, "title": section.title, "columns": columns, "rows": body})
    return shown


def _cell(row: Any, column: str, section: Section, row_url: RowUrl) -> dict[str, Any]:
    value = row[column]
    text = "" if value is None else str(value)
    link = section.links.get(column)
    url = row_url(link[0], row[link[1]]) if link and row[link[1]] is not None else None
    return {"text": text, "dir": text_direction(text), "url": url}


async def foreign_links(
    db: Any, table: str, record_id: str, label_column: Callable[[str], str | None], row_url: RowUrl
) -> dict[str, dict[str, str | None]]:
    """For each foreign key of a record that is set: the address of the row it names, and its label.

    Datasette's row page shows a key as a bare id (`003-onepoint-centre-of-excellence-protocol`);
    the record page links it, with the label the table declares (`label_column(table)`), if any.
    """
    keys = await db.primary_keys(table)
    if len(keys) != 1:
        return {}
    record = await _one(db, "*", table, keys[0], record_id)
    links: dict[str, dict[str, str | None]] = {}
    for fk in await db.foreign_keys_for_table(table):
        value = record[fk["column"]] if record else None
        if value is None:
            continue
        other, label = fk["other_table"], label_column(fk["other_table"])
        named = await _one(db, label, other, fk["other_column"], value) if label else None
        links[fk["column"]] = {"url": row_url(other, str(value)), "label": named[0] if named else None}
    return links


async def _one(db: Any, column: str, table: str, key: str, value: Any) -> Any:
    """The row of `table` whose `key` is `value`, with `column` ("*" for all), or None."""
    from datasette.utils import escape_sqlite  # type: ignore[import-untyped]

    selected = column if column == "*" else escape_sqlite(column)
    sql = f"select {selected} from {escape_sqlite(table)} where {escape_sqlite(key)} = :value"
    return (await db.execute(sql, {"value": value})).first()
