"""One seed's annotation file (`seeds/<seed>.yaml`) -> raw rows and evidence: source metadata,
unnamed actors, mentions, roles, events, agreements and targets, each fact with the passages that
support it.  Quotes are copied from the text; the offsets are computed here, never typed by hand.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from moroccodigital.curation.raw_rows import Curation, Row, alias_id, curated_path
from moroccodigital.curation.texts import QuoteError, TextError, locate, read_text, sha256_file
from moroccodigital.curation.yamlfiles import AnnotationFileError, load_yaml
from moroccodigital.errors import Problem

SECTIONS = frozenset(
    {"status", "source", "unnamed_actors", "mentions", "roles", "events", "agreements", "targets", "waivers"}
)
"""Top-level keys of a seed's annotation file (waivers are read by the audit)."""
DATE_KEYS = ("text", "edtf", "precision", "lower", "upper", "note", "corroborated")
CORROBORATED_KEYS = ("edtf", "lower", "upper", "url", "note")
IMPLIED_KEYS = ("edtf", "lower", "upper", "basis")


class SeedReader:
    """Reads one seed's annotation file into rows and evidence."""

    def __init__(self, path: Path, cur: Curation) -> None:
        self.path, self.cur, self.file = path, cur, curated_path(path)
        self.source_id = ""
        self.text = ""

    def problem(self, record: str, fld: str, message: str, code: str = "bad-structure") -> None:
        self.cur.problems.append(Problem(self.file, record, fld, message, code))

    def read(self) -> None:
        try:
            doc = load_yaml(self.path)
        except (OSError, AnnotationFileError) as err:
            self.problem("", "", f"cannot read: {err}", getattr(err, "code", "os-error"))
            return
        if not isinstance(doc, dict) or not isinstance(doc.get("source"), dict):
            self.problem("", "source", "expected a mapping with a 'source' section")
            return
        unknown = set(doc) - SECTIONS
        if unknown:
            self.problem(
                "", ", ".join(sorted(unknown)), f"unknown section(s); expected among {sorted(SECTIONS)}"
            )
        status = doc.get("status", "reviewed")
        if status != "reviewed":
            self.problem(
                "",
                "status",
                f"status is {status!r}: a curator must review this draft and set status: reviewed",
            )
            return
        if not self._source(doc["source"]):
            return
        for item in self._items(doc, "unnamed_actors"):
            self.cur.rows.append(Row("actors", {**item, "source_id": self.source_id}, self.file))
        for item in self._items(doc, "mentions"):
            self._mention(item)
        for item in self._items(doc, "roles"):
            self._role(item)
        for item in self._items(doc, "events"):
            self._event(item)
        for item in self._items(doc, "agreements"):
            self._agreement(item)
        for item in self._items(doc, "targets"):
            self._target(item)

    def _items(self, doc: dict[str, Any], key: str) -> Iterator[dict[str, Any]]:
        items = doc.get(key) or []
        if not isinstance(items, list):
            self.problem("", key, "expected a list")
            return
        for item in items:
            if isinstance(item, dict):
                yield item
            else:
                self.problem("", key, f"expected a mapping, got {item!r}")

    # -- anchoring ------------------------------------------------------------------------

    def anchor(self, spec: Any, table: str, record: str, fld: str) -> str | None:
        """Locate a {quote, occurrence, gloss} passage, record it as evidence, return the quote."""
        if not isinstance(spec, dict) or not isinstance(spec.get("quote"), str):
            self.problem(record, fld, "expected a mapping with a 'quote' string")
            return None
        unknown = set(spec) - {"quote", "occurrence", "gloss"}
        if unknown:
            self.problem(record, fld, f"unknown key(s) {sorted(unknown)}", "unknown-key")
        span = self._locate(spec, record, fld)
        if span is None:
            return None
        start, end = span
        if not any(a <= start and end <= b for a, b in self.cur.spans[self.source_id]):
            self.problem(
                record, fld, f"passage at {start}-{end} lies outside the article body", "outside-body"
            )
        if not spec.get("gloss"):
            self.problem(record, f"{fld}.gloss", "every passage needs an English gloss", "missing-gloss")
        self.cite(span, spec.get("gloss") or "(missing)", table, record)
        return str(spec["quote"])

    def cite(self, span: tuple[int, int], gloss: str, table: str, record: str) -> None:
        """Record a located passage as evidence of a record."""
        start, end = span
        self.cur.evidence.append(
            {
                "source_id": self.source_id,
                "record_table": table,
                "record_id": record,
                "start": start,
                "end": end,
                "quote": self.text[start:end],
                "gloss_en": gloss,
                "file": self.file,
            }
        )

    def _locate(self, spec: dict[str, Any], record: str, fld: str) -> tuple[int, int] | None:
        if not unicodedata.is_normalized("NFC", str(spec.get("quote", ""))):
            self.problem(
                record,
                f"{fld}.quote",
                "quote is not in Unicode NFC as the seeds are; copy it from the text",
                "quote-not-nfc",
            )
            return None
        occurrence = spec.get("occurrence")
        if occurrence is not None and (isinstance(occurrence, bool) or not isinstance(occurrence, int)):
            self.problem(record, f"{fld}.occurrence", "expected a whole number from 1", "bad-occurrence")
            return None
        try:
            return locate(self.text, spec["quote"], occurrence)
        except QuoteError as err:
            self.problem(record, f"{fld}.quote", str(err), err.code)
            return None

    def _passages(self, item: dict[str, Any], table: str, record: str, required: bool = True) -> None:
        passages = item.get("evidence")
        if passages is None and not required:
            return
        if not isinstance(passages, list) or not passages:
            self.problem(record, "evidence", "expected a non-empty list of passages", "missing-evidence")
            return
        for i, spec in enumerate(passages):
            self.anchor(spec, table, record, f"evidence[{i}]")

    # -- sections -------------------------------------------------------------------------

    def _source(self, src: dict[str, Any]) -> bool:
        sid = str(src.get("source_id", ""))
        self.source_id = sid
        text_path = self.path.with_suffix(".txt")
        if src.get("file_name") != text_path.name:
            self.problem(
                sid, "file_name", f"expected {text_path.name!r} (the article beside it)", "file-name-mismatch"
            )
            return False
        if not text_path.exists():
            self.problem(sid, "file_name", f"no seed article {text_path.name}", "text-missing")
            return False
        try:
            self.text = read_text(text_path)
        except TextError as err:
            self.problem(sid, "file_name", str(err), err.code)
            return False
        actual = sha256_file(text_path)
        if src.get("sha256") != actual:
            self.problem(
                sid, "sha256", f"the seed's sha256 is {actual}, not {src.get('sha256')}", "sha256-mismatch"
            )
            return False
        self.cur.texts[sid] = self.text
        body = src.get("body")
        if not isinstance(body, dict) or not {"first", "last"} <= set(body):
            self.problem(sid, "body", "expected 'first' and 'last' passages of the body")
            return False
        first = self._locate(body["first"], sid, "body.first") if isinstance(body["first"], dict) else None
        last = self._locate(body["last"], sid, "body.last") if isinstance(body["last"], dict) else None
        if first is None or last is None:
            if not (isinstance(body["first"], dict) and isinstance(body["last"], dict)):
                self.problem(sid, "body", "first and last must be mappings with a 'quote'")
            return False
        spans = [(first[0], last[1])]
        row = {k: v for k, v in src.items() if k not in {"body", "headline", "byline"}}
        row.update(body_start=first[0], body_end=last[1])
        for key in ("headline", "byline"):
            spec = src.get(key)
            row[key] = None
            if spec is not None:
                span = self._locate(spec, sid, key) if isinstance(spec, dict) else None
                if span is None:
                    self.problem(sid, key, "expected null or a mapping with a 'quote'")
                    continue
                row[key] = self.text[span[0] : span[1]]
        self.cur.spans[sid] = spans
        self.cur.rows.append(Row("sources", row, self.file))
        return True

    def _mention(self, item: dict[str, Any]) -> None:
        kinds = [k for k in ("actor", "place", "initiative") if k in item]
        if len(kinds) != 1:
            self.problem("", "mentions", f"a mention names one of actor/place/initiative: {item!r}")
            return
        kind = kinds[0]
        record = str(item[kind])
        unknown = set(item) - {kind, "quote", "occurrence", "gloss", "alias", "alias_kind"}
        if unknown:
            self.problem(record, "mentions", f"unknown key(s) {sorted(unknown)}", "unknown-key")
        occurrences = item.get("occurrence")
        for occurrence in occurrences if isinstance(occurrences, list) else [occurrences]:
            spec: dict[str, Any] = {k: item[k] for k in ("quote", "gloss") if k in item}
            if occurrence is not None:
                spec["occurrence"] = occurrence
            self._mention_one(kind, record, item, spec)

    def _mention_one(self, kind: str, record: str, item: dict[str, Any], spec: dict[str, Any]) -> None:
        """One mentioned occurrence: evidence of the record and, for actors, of its alias."""
        quote = self.anchor(spec, f"{kind}s", record, "mention")
        if kind == "initiative" and quote is not None and item.get("alias") is not None:
            self._initiative_alias(record, item, quote)
            return
        if kind != "actor" or quote is None or ("alias" in item and item["alias"] is None):
            return
        alias = str(item.get("alias", quote))
        if alias not in quote:
            self.problem(
                record, "alias", f"alias {alias!r} is not part of the quote {quote!r}", "alias-not-in-quote"
            )
            return
        aid = alias_id(record, alias)
        data = {"alias_id": aid, "actor_id": record, "alias_ar": alias, "alias_kind": item.get("alias_kind")}
        self.cur.rows.append(Row("aliases", data, self.file))
        evidence = self.cur.evidence[-1]
        self.cite((evidence["start"], evidence["end"]), evidence["gloss_en"], "aliases", aid)

    def _initiative_alias(self, record: str, item: dict[str, Any], quote: str) -> None:
        """A mention of an initiative by another name: an initiative_aliases row, evidenced there."""
        alias = str(item["alias"])
        if alias not in quote:
            self.problem(record, "alias", f"alias {alias!r} is not part of the quote {quote!r}")
            return
        aid = alias_id(record, alias)
        data = {
            "alias_id": aid,
            "initiative_id": record,
            "alias": alias,
            "alias_kind": item.get("alias_kind"),
        }
        self.cur.rows.append(Row("initiative_aliases", data, self.file))
        evidence = self.cur.evidence[-1]
        self.cite((evidence["start"], evidence["end"]), evidence["gloss_en"], "initiative_aliases", aid)

    def _role(self, item: dict[str, Any]) -> None:
        rid = str(item.get("role_id", ""))
        quote = self.anchor(item.get("title"), "roles", rid, "title")
        row = {k: v for k, v in item.items() if k != "title"}
        row.update(source_id=self.source_id, title_ar=quote)
        self.cur.rows.append(Row("roles", row, self.file, reported=quote is None))

    def _date(self, item: dict[str, Any], table: str, record: str, prefix: str) -> dict[str, Any]:
        spec = item.get(prefix)
        if not isinstance(spec, dict):
            self.problem(record, prefix, "expected a mapping (text, edtf, precision, lower, upper)")
            return {}
        unknown = set(spec) - set(DATE_KEYS) - ({"basis", "implied"} if prefix == "deadline" else set())
        if unknown:
            self.problem(record, prefix, f"unknown key(s) {sorted(unknown)}", "unknown-key")
        text_spec = spec.get("text")
        quote = None if text_spec is None else self.anchor(text_spec, table, record, f"{prefix}.text")
        out = {f"{prefix}_{k}": spec.get(k) for k in ("edtf", "precision", "lower", "upper")}
        out[f"{prefix}_text"] = quote
        if prefix == "deadline":
            out["deadline_basis"] = spec.get("basis")
            implied = spec.get("implied") or {}
            if not isinstance(implied, dict) or set(implied) - set(IMPLIED_KEYS):
                self.problem(record, "deadline.implied", f"expected keys among {IMPLIED_KEYS}")
                implied = {}
            out.update({f"implied_deadline_{k}": implied.get(k) for k in IMPLIED_KEYS})
            return out
        out["date_note"] = spec.get("note")
        corr = spec.get("corroborated") or {}
        if not isinstance(corr, dict) or set(corr) - set(CORROBORATED_KEYS):
            self.problem(record, "date.corroborated", f"expected keys among {CORROBORATED_KEYS}")
            corr = {}
        out.update({f"corroborated_{k}": corr.get(k) for k in CORROBORATED_KEYS})
        return out

    def _links(
        self,
        item: dict[str, Any],
        key: str,
        table: str,
        record: str,
        target: str,
        extra: tuple[str, ...] = (),
    ) -> list[dict[str, Any]]:
        """Anchor each link (participant, place, party) and return its fields; a key it does not
        know (a typo such as `on_behalf`) is reported, never dropped silently."""
        links = []
        allowed = {target, *extra, "quote", "occurrence", "gloss"}
        for i, link in enumerate(item.get(key) or []):
            if not isinstance(link, dict) or target not in link:
                self.problem(record, f"{key}[{i}]", f"expected a mapping with '{target}'")
                continue
            if set(link) - allowed:
                self.problem(
                    record, f"{key}[{i}]", f"unknown key(s) {sorted(set(link) - allowed)}", "unknown-key"
                )
            lid = f"{record}--{link[target]}"  # one link per pair: correcting a role keeps the id
            spec = {k: link[k] for k in ("quote", "occurrence", "gloss") if k in link}
            self.anchor(spec, table, lid, f"{key}[{i}]")
            links.append({"id": lid, **{k: v for k, v in link.items() if k not in spec}})
        return links

    def _tags(self, item: dict[str, Any], key: str, table: str, id_col: str, record: str, col: str) -> None:
        for value in item.get(key) or []:
            self.cur.rows.append(Row(table, {id_col: record, col: value}, self.file))

    def _event(self, item: dict[str, Any]) -> None:
        eid = str(item.get("event_id", ""))
        self._passages(item, "events", eid)
        special = {"date", "evidence", "places", "participants", "initiatives", "topics", "contexts"}
        row = {k: v for k, v in item.items() if k not in special}
        row.update(source_id=self.source_id, **self._date(item, "events", eid, "date"))
        self.cur.rows.append(Row("events", row, self.file))
        for link in self._links(item, "places", "event_places", eid, "place"):
            self.cur.rows.append(
                Row(
                    "event_places",
                    {"event_place_id": link["id"], "event_id": eid, "place_id": link["place"]},
                    self.file,
                )
            )
        for link in self._links(item, "initiatives", "event_initiatives", eid, "initiative"):
            data = {"event_initiative_id": link["id"], "event_id": eid, "initiative_id": link["initiative"]}
            self.cur.rows.append(Row("event_initiatives", data, self.file))
        extra = ("role", "direction")
        for link in self._links(item, "participants", "event_participants", eid, "actor", extra):
            data = {
                "participant_id": link["id"],
                "event_id": eid,
                "actor_id": link["actor"],
                "role": link.get("role"),
                "direction": link.get("direction"),
            }
            self.cur.rows.append(Row("event_participants", data, self.file))
        self._tags(item, "topics", "event_topics", "event_id", eid, "topic")
        self._tags(item, "contexts", "event_contexts", "event_id", eid, "context")

    def _agreement(self, item: dict[str, Any]) -> None:
        aid = str(item.get("agreement_id", ""))
        self._passages(item, "agreements", aid)
        row = {k: v for k, v in item.items() if k not in {"date", "evidence", "parties", "topics"}}
        row.update(source_id=self.source_id, **self._date(item, "agreements", aid, "date"))
        self.cur.rows.append(Row("agreements", row, self.file))
        for link in self._links(item, "parties", "agreement_parties", aid, "actor", ("role", "on_behalf_of")):
            data = {
                "party_id": link["id"],
                "agreement_id": aid,
                "actor_id": link["actor"],
                "role": link.get("role"),
                "on_behalf_of_id": link.get("on_behalf_of"),
            }
            self.cur.rows.append(Row("agreement_parties", data, self.file))
        self._tags(item, "topics", "agreement_topics", "agreement_id", aid, "topic")

    def _target(self, item: dict[str, Any]) -> None:
        tid = str(item.get("target_id", ""))
        quote = self.anchor(item.get("expression"), "targets", tid, "expression")
        self._passages(item, "targets", tid, required=False)
        row = {k: v for k, v in item.items() if k not in {"expression", "deadline", "evidence"}}
        row.update(source_id=self.source_id, value_text=quote, **self._date(item, "targets", tid, "deadline"))
        self.cur.rows.append(Row("targets", row, self.file, reported=quote is None))
