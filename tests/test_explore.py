"""The SQLite export and the Datasette explorer, through Datasette's own test client."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import re
import shutil
import sqlite3
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import explore_server
import httpx
import pytest
import sqlite_utils
from datasette.app import Datasette
from markupsafe import escape

import moroccodigital as md
from moroccodigital.errors import MissingExtra
from moroccodigital.explore import app as explore
from moroccodigital.explore.app import ExportRefused, export_sqlite, make_datasette
from moroccodigital.explore.text import light_stem, normalize_arabic

DB = explore.DATABASE


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One export, shared by the tests that only read it."""
    return export_sqlite(tmp_path_factory.mktemp("export") / f"{DB}.db")


@pytest.fixture(scope="module")
def db(exported: Path) -> Iterator[sqlite_utils.Database]:
    database = sqlite_utils.Database(exported)
    yield database
    database.close()


@pytest.fixture(scope="module")
def datasette(exported: Path) -> Datasette:
    instance = make_datasette(exported)
    asyncio.run(instance.invoke_startup())
    return instance


def get(datasette: Datasette, path: str) -> httpx.Response:
    """A GET through Datasette's internal client (the whole ASGI app, plugin hooks included)."""
    response: httpx.Response = asyncio.run(datasette.client.get(path))
    assert response.status_code == 200, f"{path}: {response.status_code} {response.text[:300]}"
    return response


def search(datasette: Datasette, table: str, query: str) -> set[str]:
    """Primary keys of the rows a table page's search box returns for a query."""
    (key,) = md.schema(table)["primaryKey"]
    rows = get(datasette, f"/{DB}/{table}.json?_search={query}&_shape=array&_size=max").json()
    return {row[key] for row in rows}


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("إيفانز", "ايفانز"),
        ("الأمريكية", "الامريكيه"),
        ("آفاق", "افاق"),
        ("ٱلذكاء", "الذكاء"),
        ("مستشفى", "مستشفي"),
        ("الرَّقْمِيَّة", "الرقميه"),
        ("التـــنمية", "التنميه"),
        ("\ufefb", "لا"),
    ],
)
def test_normalize_arabic_folds_alef_taa_marbuta_maqsura_diacritics_and_tatweel(
    written: str, key: str
) -> None:
    assert normalize_arabic(written) == key


def test_export_declares_the_primary_and_foreign_keys_of_every_table(db: sqlite_utils.Database) -> None:
    for name in md.table_names():
        table_schema = md.schema(name)
        declared = {
            (fk["fields"][0], fk["reference"].get("resource", name), fk["reference"]["fields"][0])
            for fk in table_schema.get("foreignKeys", [])
        }
        table = db.table(name)
        assert table.pks == table_schema["primaryKey"], name
        assert {(fk.column, fk.other_table, fk.other_column) for fk in table.foreign_keys} == declared, name


def test_export_indexes_every_foreign_key_column(db: sqlite_utils.Database) -> None:
    for name in md.table_names():
        indexed = {index.columns[0] for index in db.table(name).indexes}
        for fk in md.schema(name).get("foreignKeys", []):
            assert fk["fields"][0] in indexed, f"{name}.{fk['fields'][0]}"


def test_export_holds_every_row_and_its_foreign_keys_hold(db: sqlite_utils.Database) -> None:
    for name in md.table_names():
        assert db.table(name).count == md.arrow(name).num_rows, name
    assert list(db.execute("PRAGMA foreign_key_check").fetchall()) == []


def test_two_exports_of_one_build_are_identical_in_content(exported: Path, tmp_path: Path) -> None:
    again = export_sqlite(tmp_path / f"{DB}.db")
    first, second = sqlite3.connect(exported), sqlite3.connect(again)
    try:
        assert list(first.iterdump()) == list(second.iterdump())
    finally:
        first.close()
        second.close()


def test_export_refuses_a_symbolic_link_without_force(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.db"
    outside.write_bytes(b"not yours")
    link = tmp_path / f"{DB}.db"
    link.symlink_to(outside)
    with pytest.raises(ExportRefused, match="symbolic link"):
        export_sqlite(link)
    assert link.is_symlink() and outside.read_bytes() == b"not yours"


def test_export_with_force_replaces_a_symbolic_link_and_never_writes_through_it(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / "precious.db"
    outside.parent.mkdir()
    outside.write_bytes(b"not yours")
    link = tmp_path / "out" / f"{DB}.db"
    link.parent.mkdir()
    link.symlink_to(outside)
    export_sqlite(link, force=True)
    assert outside.read_bytes() == b"not yours"
    assert not link.is_symlink() and sqlite_utils.Database(link).table("events").count > 0


@pytest.mark.parametrize("where", ["a folder", "a missing folder"])
def test_export_refuses_a_path_that_is_not_a_file_in_an_existing_folder(tmp_path: Path, where: str) -> None:
    path = tmp_path if where == "a folder" else tmp_path / "missing" / f"{DB}.db"
    before = sorted(tmp_path.rglob("*"))
    with pytest.raises(ExportRefused):
        export_sqlite(path, force=True)
    assert sorted(tmp_path.rglob("*")) == before


def test_export_never_overwrites_a_file_it_did_not_create_without_force(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("my notes", encoding="utf-8")
    with pytest.raises(ExportRefused, match="--force"):
        export_sqlite(notes)
    assert notes.read_text(encoding="utf-8") == "my notes"


def test_export_with_force_replaces_a_file_it_did_not_create(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("my notes", encoding="utf-8")
    export_sqlite(notes, force=True)
    assert sqlite_utils.Database(notes).table("events").count == md.arrow("events").num_rows


def test_export_replaces_its_own_earlier_export_without_force(tmp_path: Path) -> None:
    path = export_sqlite(tmp_path / f"{DB}.db")
    stale = sqlite_utils.Database(path)
    stale.execute("DELETE FROM events")
    stale.conn.commit()
    stale.close()
    export_sqlite(path)
    assert sqlite_utils.Database(path).table("events").count == md.arrow("events").num_rows


def test_a_failed_export_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    path = export_sqlite(out / f"{DB}.db")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    data = tmp_path / "data"
    shutil.copytree(md.data_dir(), data)
    last = md.table_names()[-1]  # read after every other table is already in the new database
    (data / f"{last}.parquet").write_bytes(b"truncated")
    with pytest.raises(md.DataIntegrityError, match=f"{last}.parquet"):
        export_sqlite(path, data=data)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_every_table_page_shows_its_title_and_column_descriptions(datasette: Datasette) -> None:
    for resource in md.descriptor()["resources"]:
        page = get(datasette, f"/{DB}/{resource['name']}").text
        assert str(escape(resource["title"])) in page, resource["name"]
        for field in resource["schema"]["fields"]:
            assert str(escape(field["description"])) in page, f"{resource['name']}.{field['name']}"


def test_event_type_facet_counts_the_events_of_each_type(datasette: Datasette) -> None:
    data = get(datasette, f"/{DB}/events.json?_size=0").json()
    counted = {r["value"]: r["count"] for r in data["facet_results"]["event_type"]["results"]}
    expected = md.load("events")["event_type"].value_counts()
    assert counted == {str(k): int(v) for k, v in expected.items() if v}


def test_arabic_search_finds_an_actor_by_another_spelling_of_its_name(datasette: Datasette) -> None:
    # name_ar is غريتشن كرانتز إيفانز; article 004 writes جريتشن كرانز إيفانز
    assert md.load("actors").set_index("actor_id").loc["gretchen-krantz-evans", "name_ar"].startswith("غ")
    assert search(datasette, "actors", "جريتشن كرانز") == {"gretchen-krantz-evans"}


def test_arabic_search_finds_an_actor_the_texts_name_in_latin_by_its_arabic_reference_name(
    datasette: Datasette,
) -> None:
    assert md.load("actors").set_index("actor_id").loc["cdg", "name_ar"] == "Caisse de dépôt et de gestion"
    assert search(datasette, "actors", "صندوق الإيداع والتدبير") == {"cdg"}


def test_arabic_search_without_hamza_finds_a_name_written_with_it(datasette: Datasette) -> None:
    assert "gretchen-krantz-evans" in search(datasette, "actors", "ايفانز")


def test_arabic_search_with_hamza_and_taa_marbuta_is_normalised_like_the_index(datasette: Datasette) -> None:
    assert "ustda" in search(datasette, "actors", "الوكالة الأمريكية للتجارة والتنمية")


def test_search_of_events_reaches_the_arabic_passages_behind_them(datasette: Datasette) -> None:
    passages = md.load("evidence").query("record_table == 'events' and quote.str.contains('إيفانز')")
    assert set(passages["record_id"]) <= search(datasette, "events", "ايفانز")
    assert not passages.empty


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("بالرباط", "رباط"),
        ("الرباط", "رباط"),
        ("وبالرباط", "رباط"),
        ("والتنميه", "تنميه"),
        ("للتجاره", "تجاره"),
        ("فالبيانات", "بيانات"),
        ("وزير", "وزير"),
        ("ايفانز", "ايفانز"),
    ],
)
def test_light_stem_removes_attached_particles_but_keeps_short_words_whole(word: str, stem: str) -> None:
    assert light_stem(word) == stem


def test_search_for_rabat_finds_the_onepoint_signing_whose_passage_writes_bialrabat(
    datasette: Datasette,
) -> None:
    passages = md.load("evidence").query("record_id == 'onepoint-centre-protocol-signing'")["quote"]
    assert passages.str.contains("بالرباط").any()
    assert not passages.str.contains(r"(?:^|\s)الرباط").any()
    assert "onepoint-centre-protocol-signing" in search(datasette, "events", "الرباط")


def test_a_word_with_and_without_its_particles_finds_the_same_events(datasette: Datasette) -> None:
    found = search(datasette, "events", "الرباط")
    assert len(found) >= 5
    assert search(datasette, "events", "بالرباط") == found == search(datasette, "events", "رباط")


def test_search_matches_word_prefixes(datasette: Datasette) -> None:
    assert "gretchen-krantz-evans" in search(datasette, "actors", "ايفان")
    assert "onepoint" in search(datasette, "actors", "Onepo")


def test_normalize_arabic_is_available_in_sql_queries(datasette: Datasette) -> None:
    sql = (
        "select actor_id from actors where rowid in "
        "(select rowid from actors_fts where actors_fts match normalize_arabic(:q))"
    )
    rows = get(datasette, f"/{DB}.json?sql={sql}&q=إيفانز&_shape=array").json()
    assert {"actor_id": "gretchen-krantz-evans"} in rows


def test_record_page_shows_each_evidence_passage_with_its_gloss(datasette: Datasette) -> None:
    page = get(datasette, f"/{DB}/targets/ai-jobs-2030").text
    evidence = page.split('<h2 id="evidence">', 1)[1]
    for passage in md.evidence("targets", "ai-jobs-2030"):
        assert f'dir="rtl" lang="ar">{escape(passage.quote)}</div>' in evidence
        assert str(escape(passage.gloss_en)) in evidence


def test_arabic_cells_are_right_to_left_and_the_page_left_to_right(datasette: Datasette) -> None:
    page = get(datasette, f"/{DB}/actors/gretchen-krantz-evans").text
    tags = re.findall(r"<(?:html|body)\b[^>]*>", page)
    assert len(tags) == 2
    assert not [tag for tag in tags if "rtl" in tag]
    assert '<div dir="rtl" lang="ar" class="md-rtl">غريتشن كرانتز إيفانز</div>' in page
    assert '<td class="col-name_en type-str">Gretchen Krantz Evans</td>' in page


def test_boolean_cells_read_true_and_false_not_1_and_0(datasette: Datasette) -> None:
    actors = md.load("actors").set_index("actor_id")["named"]
    assert actors["gretchen-krantz-evans"] and not actors["003-ministerial-departments"]
    named = get(datasette, f"/{DB}/actors/gretchen-krantz-evans").text
    unnamed = get(datasette, f"/{DB}/actors/003-ministerial-departments").text
    assert re.search(r'<td class="col-named type-int">true</td>', named)
    assert re.search(r'<td class="col-named type-int">false</td>', unnamed)


def test_index_page_carries_the_licence_and_every_source_address(datasette: Datasette) -> None:
    page = get(datasette, "/").text
    package = md.descriptor()
    assert package["licenses"][0]["path"] in page
    addresses = [s["path"] for s in package["sources"] if s.get("path")]
    assert addresses
    for address in addresses:
        assert f'href="{escape(address)}"' in page


def test_pages_count_the_articles_by_language(datasette: Datasette) -> None:
    languages = md.load("sources")["language"].value_counts()
    page = get(datasette, "/").text
    expected = f"{languages.sum()} news articles ({languages['ar']} Arabic, {languages['fr']} French)"
    assert expected in page


def test_index_page_lists_sources_by_id_and_headline_not_by_file_name(datasette: Datasette) -> None:
    page = get(datasette, "/").text
    sources = md.load("sources")
    for source_id, file_name in zip(sources["source_id"], sources["file_name"], strict=True):
        assert f'href="/{DB}/sources/{source_id}"' in page
        assert file_name not in page
    headline = sources["headline"].dropna().iloc[0]
    assert str(escape(headline)) in page


def test_export_without_the_explore_extra_names_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: None if name == "sqlite_utils" else find_spec(name)
    )
    with pytest.raises(MissingExtra, match=re.escape("pip install 'moroccodigital[explore]'")):
        export_sqlite(tmp_path / f"{DB}.db")
    assert list(tmp_path.iterdir()) == []


def test_export_leaves_only_the_database_in_its_folder(tmp_path: Path) -> None:
    export_sqlite(tmp_path / f"{DB}.db")
    assert os.listdir(tmp_path) == [f"{DB}.db"]


def test_serve_answers_on_loopback_and_removes_its_database_when_stopped(tmp_path: Path) -> None:
    port = explore_server.free_port()
    server = explore_server.start(port, env={**os.environ, "TMPDIR": str(tmp_path)})
    try:
        assert [p.name for p in tmp_path.glob("*/*")] == [f"{DB}.db"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{DB}/events.json?_shape=array") as answer:
            assert len(json.load(answer)) == md.arrow("events").num_rows
    finally:
        code = explore_server.stop(server)
    assert code == 0
    assert list(tmp_path.iterdir()) == []


def test_cli_export_sqlite_writes_every_table(tmp_path: Path) -> None:
    from moroccodigital.cli import main

    assert main(["export", "--sqlite", str(tmp_path / "md.db")]) == 0
    assert sqlite_utils.Database(tmp_path / "md.db").table("events").count == md.arrow("events").num_rows
