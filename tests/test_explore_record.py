"""Record and table pages of the explorer, read as HTML through Datasette's own test client.

A record's page lists the rows that name it (participants, parties, places, topics, the events
of an actor); the real browser test reads the same page as a reader sees it.
"""

from __future__ import annotations

import asyncio
from html.parser import HTMLParser

import pandas as pd
import pytest
from datasette.app import Datasette
from datasette.utils import tilde_encode

import moroccodigital as md
from moroccodigital.explore.app import DATABASE, export_sqlite, make_datasette

SIGNING = "onepoint-centre-protocol-signing"
PROTOCOL = "onepoint-centre-of-excellence-protocol"


@pytest.fixture(scope="module")
def datasette(tmp_path_factory: pytest.TempPathFactory) -> Datasette:
    instance = make_datasette(export_sqlite(tmp_path_factory.mktemp("export") / f"{DATABASE}.db"))
    asyncio.run(instance.invoke_startup())
    return instance


def page(datasette: Datasette, path: str) -> str:
    response = asyncio.run(datasette.client.get(f"/{DATABASE}/{path}"))
    assert response.status_code == 200, f"{path}: {response.status_code} {response.text[:300]}"
    return str(response.text)


Cell = tuple[str, str | None]
"""A table cell as read: its text and the address it links to, if any."""


class _Tables(HTMLParser):
    """Every <table id=...> of a page: its header texts and, per row, its cells."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, tuple[list[str], list[list[Cell]]]] = {}
        self._table: str | None = None
        self._cell: list[str] | None = None
        self._href: str | None = None
        self._body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table" and found.get("id"):
            self._table = str(found["id"])
            self.tables[self._table] = ([], [])
        elif self._table and tag == "tbody":
            self._body = True
        elif self._table and self._body and tag == "tr":
            self.tables[self._table][1].append([])
        elif self._table and tag in ("th", "td"):
            self._cell, self._href = [], None
        elif self._cell is not None and tag == "a":
            self._href = found.get("href")

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._table and self._cell is not None and tag in ("th", "td"):
            headers, rows = self.tables[self._table]
            text = "".join(self._cell).strip()
            if tag == "th":
                headers.append(text)
            else:
                rows[-1].append((text, self._href))
            self._cell = None
        elif tag == "table":
            self._table, self._body = None, False


def linked_rows(html: str, section: str) -> list[dict[str, Cell]]:
    """The rows of a record page's list of linked rows, each a mapping of header to cell."""
    reader = _Tables()
    reader.feed(html)
    headers, rows = reader.tables[f"md-{section}"]
    return [dict(zip(headers, row, strict=True)) for row in rows]


def row_url(table: str, key: str) -> str:
    return f"/{DATABASE}/{table}/{key}"


def names() -> pd.Series:
    actors = md.load("actors").set_index("actor_id")
    return actors["name_en"].fillna(actors["name"])


def test_event_page_lists_its_participants_and_their_roles(datasette: Datasette) -> None:
    expected = md.load("event_participants").query("event_id == @SIGNING")
    shown = linked_rows(page(datasette, f"events/{SIGNING}"), "participants")
    assert sorted((row["actor"], row["role"][0], row["direction"][0]) for row in shown) == sorted(
        ((names()[a], row_url("actors", a)), role, direction)
        for a, role, direction in zip(
            expected["actor_id"], expected["role"], expected["direction"], strict=True
        )
    )


def test_event_page_lists_its_places_initiatives_topics_and_contexts(datasette: Datasette) -> None:
    html = page(datasette, f"events/{SIGNING}")
    places = md.load("event_places").query("event_id == @SIGNING")["place_id"]
    initiatives = md.load("event_initiatives").query("event_id == @SIGNING")["initiative_id"]
    topics = md.load("event_topics").query("event_id == @SIGNING")["topic"]
    contexts = md.load("event_contexts").query("event_id == @SIGNING")["context"]
    assert {row["place"][1] for row in linked_rows(html, "places")} == {row_url("places", p) for p in places}
    assert {row["initiative"][1] for row in linked_rows(html, "initiatives")} == {
        row_url("initiatives", i) for i in initiatives
    }
    assert sorted((row["kind"][0], row["value"][0]) for row in linked_rows(html, "topics")) == sorted(
        [("topic", str(t)) for t in topics] + [("context", str(c)) for c in contexts]
    )
    assert len(topics) > 1 and len(contexts) > 1


def test_agreement_page_lists_its_parties_and_whom_each_signs_for(datasette: Datasette) -> None:
    expected = md.load("agreement_parties").query("agreement_id == @PROTOCOL")
    assert expected["on_behalf_of_id"].notna().any() and expected["on_behalf_of_id"].isna().any()
    shown = linked_rows(page(datasette, f"agreements/{PROTOCOL}"), "parties")
    assert sorted(
        (row["party"][1] or "", row["role"][0], row["on behalf of"][1] or "") for row in shown
    ) == sorted(
        (row_url("actors", a), role, "" if pd.isna(b) else row_url("actors", b))
        for a, role, b in zip(
            expected["actor_id"], expected["role"], expected["on_behalf_of_id"], strict=True
        )
    )


def test_actor_page_lists_the_events_it_takes_part_in_with_their_sources(datasette: Datasette) -> None:
    taking_part = md.load("event_participants").query("actor_id == 'onepoint'")
    events = md.load("events").set_index("event_id").loc[taking_part["event_id"]]
    assert len(events) > 1
    shown = linked_rows(page(datasette, "actors/onepoint"), "events")
    assert sorted((row["event"][1], row["source_id"]) for row in shown) == sorted(
        (row_url("events", event), (source, row_url("sources", source)))
        for event, source in zip(events.index, events["source_id"], strict=True)
    )


def test_actor_page_tells_its_own_part_in_an_agreement_from_a_signature_on_its_behalf(
    datasette: Datasette,
) -> None:
    parties = md.load("agreement_parties").query("agreement_id == @PROTOCOL")
    ((agent, agent_role),) = parties.query("on_behalf_of_id == 'onepoint'")[["actor_id", "role"]].itertuples(
        index=False
    )
    (own,) = parties.query("actor_id == 'onepoint'")["role"]
    shown = [
        (row["role"][0], row["acting for it"][1])
        for row in linked_rows(page(datasette, "actors/onepoint"), "agreements")
        if row["agreement"][1] == row_url("agreements", PROTOCOL)
    ]
    assert sorted(shown, key=str) == sorted(
        [(own, None), (f"{agent_role} on its behalf", row_url("actors", agent))], key=str
    )


def test_source_page_lists_the_records_it_reports(datasette: Datasette) -> None:
    source = "003-onepoint-centre-of-excellence-protocol"
    html = page(datasette, f"sources/{source}")
    for table, noun in (("events", "event"), ("agreements", "agreement"), ("targets", "target")):
        (key,) = md.schema(table)["primaryKey"]
        reported = md.load(table).query("source_id == @source")[key]
        assert not reported.empty, table
        assert {row[noun][1] for row in linked_rows(html, table)} == {row_url(table, r) for r in reported}


def test_record_page_links_each_foreign_key_to_the_row_it_names_with_its_label(datasette: Datasette) -> None:
    html = page(datasette, f"agreements/{PROTOCOL}")
    agreement = md.load("agreements").set_index("agreement_id").loc[PROTOCOL]
    place = md.load("places").set_index("place_id").loc[agreement["place_id"], "name_en"]
    event = md.load("events").set_index("event_id").loc[agreement["event_id"], "title_en"]
    for table, key, label in (
        ("places", agreement["place_id"], place),
        ("events", agreement["event_id"], event),
    ):
        assert f'<a href="{row_url(table, key)}">{key}</a> <span class="md-label">{label}</span>' in html


def test_record_page_says_which_fields_are_not_given(datasette: Datasette) -> None:
    event = md.load("events").set_index("event_id").loc[SIGNING]
    assert pd.isna(event["part_of_event_id"])
    assert '<td class="col-part_of_event_id type-none"><span class="md-null">not given</span></td>' in page(
        datasette, f"events/{SIGNING}"
    )


def test_a_record_page_shows_long_texts_in_full_and_a_table_page_cuts_them(datasette: Datasette) -> None:
    summary = str(md.load("events").set_index("event_id").loc[SIGNING, "summary_en"])
    assert len(summary) > 200
    quoted = summary.replace("'", "&#39;")
    assert quoted in page(datasette, f"events/{SIGNING}")
    table = page(datasette, f"events?event_id={SIGNING}")
    assert quoted not in table and quoted[:100] in table


@pytest.mark.parametrize(
    ("query", "folded"), [("", True), ("?event_type=AGREE", False), ("?_facet=mode", False)]
)
def test_facet_counts_are_folded_until_the_reader_asks_for_a_facet(
    datasette: Datasette, query: str, folded: bool
) -> None:
    html = page(datasette, f"events{query}")
    assert ('<details class="md-facets">' in html) is folded
    assert ('<details class="md-facets" open>' in html) is not folded


def test_a_table_page_folds_its_column_descriptions_under_its_description(datasette: Datasette) -> None:
    html = page(datasette, "events")
    folded = html.index('<details class="md-columns">')
    assert html.count('class="column-descriptions"') == 1
    assert html.index('<div class="metadata-description">') < folded < html.index('class="rows-and-columns"')
    first = md.schema("events")["fields"][0]["description"]
    assert html.index(f"<dd>{first}</dd>") > folded


@pytest.mark.parametrize("table", [name for name in md.table_names() if md.arrow(name).num_rows])
def test_every_table_s_record_page_lists_each_field_on_a_line_of_its_own(
    datasette: Datasette, table: str
) -> None:
    first = md.arrow(table).slice(0, 1).to_pylist()[0]
    path = ",".join(tilde_encode(str(first[key])) for key in md.schema(table)["primaryKey"])
    html = page(datasette, f"{table}/{path}")
    fields = [field["name"] for field in md.schema(table)["fields"]]
    assert [name for name in fields if f'<span class="md-field">{name}</span>' in html] == fields
    assert 'class="rows-and-columns"' not in html
