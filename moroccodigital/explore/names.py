"""What the SQLite export, the Datasette plugin and the server agree on: names and hosts."""

from __future__ import annotations

DATABASE = "moroccodigital"
"""The database's name in Datasette (and the file name `serve` gives it)."""
APPLICATION_ID = 0x4D444947
"""SQLite `application_id` ("MDIG") that marks a file as this package's export, safe to replace."""
SQLITE_HEADER = b"SQLite format 3\x00"
PLUGIN = "moroccodigital-explore"
"""The explorer plugin's name in Datasette, and the key of its settings in the metadata."""
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")
"""Host header values the explorer always answers to (with any port); others are refused."""

SEARCH_COLUMNS: dict[str, tuple[str, ...]] = {
    "sources": ("headline", "byline"),
    "actors": ("name_en", "name_ar", "name_fr", "ref_name_ar", "acronym", "description"),
    "aliases": ("alias_ar",),
    "roles": ("title_ar", "title_en"),
    "places": ("name_en", "name_ar"),
    "initiatives": ("name_en", "name_ar", "description"),
    "events": ("title_en", "summary_en"),
    "agreements": ("title_en", "purpose_en"),
    "targets": ("indicator_en", "value_text", "deadline_text", "note"),
    "evidence": ("quote", "gloss_en"),
}
"""Columns indexed for full-text search, per table (the FTS table is `<table>_fts`)."""
ALIAS_COLUMN = "aliases"
"""Extra search column of actors: every Arabic surface form of the actor, so variants find it."""
PASSAGE_COLUMN = "passages"
"""Extra search column of the tables with no Arabic text of their own: their evidence quotes."""
