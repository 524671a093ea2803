"""Known names (actors, places, initiatives) and the matcher that finds them in a text.

The names come from the dataset itself: registry names, recorded aliases, acronyms, the Latin
names of companies and initiatives, and each named person's surname (the last word of the
name).  They are read either from the curated files (the audit, during a build) or from the
installed tables (drafts and scans of new articles).  Aliases a text used to *describe* an
unnamed actor ("الشركة الفرنسية") only count in that text's own source.

Matching is exact after normalisation, at word boundaries, with up to two attached proclitics
(و ف then ب ل ك) and the contraction ل + ال → لل.  The longest name wins; an article is never
stripped, so "عمراني" never matches "العمراني".  A surface form shared by two records is
reported as ambiguous, not resolved by guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from moroccodigital.finder.normalize import fold

KIND_ORDER = ("actor", "initiative", "place")
"""When one name is both an actor and a place (المغرب), the actor reading comes first."""


@dataclass(frozen=True)
class Entry:
    """One name of one record: the record's kind and id, and the surface form as recorded."""

    kind: str
    ref: str
    alias: str


@dataclass(frozen=True)
class Match:
    """A known name found in a normalised text (normalised offsets, proclitics excluded, except
    the preposition of a contraction: "للولايات المتحدة" is ل + الولايات المتحدة)."""

    start: int
    end: int
    entries: tuple[Entry, ...]


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation shaped as a trie: fast in `re`, and greedy, so the longest key wins."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
        return body

    return emit(trie)


class Lexicon:
    """Normalised name → entries, compiled into one matcher."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        table: dict[str, list[Entry]] = {}
        for entry in entries:
            key = fold(entry.alias).strip()
            if key and entry not in table.setdefault(key, []):
                table[key].append(entry)
        self.table = {k: tuple(sorted(v, key=_entry_order)) for k, v in table.items()}
        contracted = {"ل" + k[2:]: k for k in self.table if k.startswith("ال") and len(k) > 3}
        self._contracted = contracted
        full = trie_pattern(self.table) or "(?!)"
        short = trie_pattern(contracted) or "(?!)"
        self._regex = re.compile(
            rf"(?<!\w)(?:(?:[وف]?[بلك]?)(?P<full>{full})|(?:[وف]?ل)(?P<short>{short}))(?!\w)"
        )

    def find(self, text: str) -> Iterator[Match]:
        """Every known name in a normalised text, leftmost first, longest at each start."""
        for m in self._regex.finditer(text):
            if m.group("full") is not None:
                yield Match(m.start("full"), m.end("full"), self.table[m.group("full")])
            else:  # the span keeps the preposition: "للمغرب", not "لمغرب"
                yield Match(
                    m.start("short") - 1, m.end("short"), self.table[self._contracted[m.group("short")]]
                )


def _entry_order(entry: Entry) -> tuple[int, str]:
    return KIND_ORDER.index(entry.kind), entry.ref


def entries_from_rows(
    actors: Iterable[dict[str, Any]],
    aliases: Iterable[dict[str, Any]],
    places: Iterable[dict[str, Any]],
    initiatives: Iterable[dict[str, Any]],
    source_id: str | None = None,
) -> list[Entry]:
    """Every name usable in one source (or, with source_id None, in a new article).

    Rows are table rows (or curated rows with the same keys).  Actor rows of unnamed actors and
    alias rows of kind `description` carry `source_id` and count only in that source.
    """
    out: list[Entry] = []
    local = {}
    for row in actors:
        named = row.get("named", True)
        if not named and row.get("source_id") != source_id:
            continue
        local[row["actor_id"]] = named
        out.append(Entry("actor", row["actor_id"], row["name_ar"]))
        if row.get("acronym"):
            out.append(Entry("actor", row["actor_id"], row["acronym"]))
        if row.get("kind") == "company" and row.get("name_en"):
            out.append(Entry("actor", row["actor_id"], row["name_en"]))
        words = str(row["name_ar"]).split()
        if row.get("kind") == "person" and named and len(words) > 1:
            out.append(Entry("actor", row["actor_id"], words[-1]))
    for row in aliases:
        if row["actor_id"] not in local:
            continue
        if row.get("alias_kind") == "description" and row.get("source_id") != source_id:
            continue
        out.append(Entry("actor", row["actor_id"], row["alias_ar"]))
    for row in places:
        out.append(Entry("place", row["place_id"], row["name_ar"]))
    for row in initiatives:
        out.append(Entry("initiative", row["initiative_id"], row["name_ar"]))
        if row.get("name_en"):
            out.append(Entry("initiative", row["initiative_id"], row["name_en"]))
    return out


def installed_entries() -> list[Entry]:
    """Names from the installed tables, for articles outside the dataset (reads Parquet)."""
    from moroccodigital.dataset.loaders import arrow

    alias_sources = {
        row["record_id"]: row["source_id"]
        for row in arrow("evidence").select(["record_table", "record_id", "source_id"]).to_pylist()
        if row["record_table"] == "aliases"
    }
    aliases = [
        {**row, "source_id": alias_sources.get(row["alias_id"])} for row in arrow("aliases").to_pylist()
    ]
    return entries_from_rows(
        arrow("actors").to_pylist(), aliases, arrow("places").to_pylist(), arrow("initiatives").to_pylist()
    )
