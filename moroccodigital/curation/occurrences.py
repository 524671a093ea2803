"""The event level: curated groups of reports -> occurrences, their reports, and what each says.

A report is one source's account (a row of events, agreements or targets).  A curator lists in
seeds/registry/occurrences.yaml which reports describe the same real-world act, and why; the rule
is in docs/coding_rules.md and is never applied by similarity alone.  The build checks the groups
and derives, attribute by attribute, what every report states: where they agree, the value with
all its reports; where they disagree, every value with its own reports.  Nothing is resolved here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from pydantic import ValidationError

from moroccodigital.definitions.enums import Concordance, OccurrenceAttribute, OccurrenceKind
from moroccodigital.definitions.models import (
    Agreement,
    AgreementParty,
    Alias,
    Event,
    EventParticipant,
    EventPlace,
    Evidence,
    Occurrence,
    OccurrenceReport,
    OccurrenceValue,
    Record,
    Role,
    Target,
)
from moroccodigital.errors import Problem

FILE = "seeds/registry/occurrences.yaml"
KEYS = frozenset({"occurrence_id", "kind", "title_en", "reports", "rationale", "same_source"})
REQUIRED = ("occurrence_id", "kind", "title_en", "reports", "rationale")
TABLE_OF = {
    OccurrenceKind.EVENT: "events",
    OccurrenceKind.AGREEMENT: "agreements",
    OccurrenceKind.COMMITMENT: "targets",
}
KINDS = {k.value: k for k in OccurrenceKind}
COLUMN_OF = {"events": "event_id", "agreements": "agreement_id", "targets": "target_id"}
WEEKDAYS = {
    "الاثنين": "Monday", "الإثنين": "Monday", "lundi": "Monday",
    "الثلاثاء": "Tuesday", "mardi": "Tuesday",
    "الأربعاء": "Wednesday", "الاربعاء": "Wednesday", "mercredi": "Wednesday",
    "الخميس": "Thursday", "jeudi": "Thursday",
    "الجمعة": "Friday", "vendredi": "Friday",
    "السبت": "Saturday", "samedi": "Saturday",
    "الأحد": "Sunday", "الاحد": "Sunday", "dimanche": "Sunday",
}  # fmt: skip
"""Weekday words of the date texts (Arabic, French) -> the English weekday compared."""
CALENDAR = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

Tables = dict[str, list[Record]]
Stated = list[tuple[OccurrenceAttribute, str | None, str]]
"""What one report states: (attribute, actor id or None, value) triples."""


def derive(
    tables: Tables, groups: list[dict[str, Any]], invalid: frozenset[tuple[str, str]] = frozenset()
) -> tuple[Tables, list[Problem]]:
    """Check the curated groups against the reports and derive the three event-level tables
    (a report already reported invalid is not reported again: its group is left out)."""
    problems: list[Problem] = []
    index = _Index(tables)
    claimed: dict[str, str] = {}
    out: Tables = {"occurrences": [], "occurrence_reports": [], "occurrence_values": []}
    seen: set[str] = set()
    for group in groups:
        if any(
            (TABLE_OF.get(KINDS.get(str(group.get("kind")), OccurrenceKind.EVENT), ""), str(r)) in invalid
            for r in group.get("reports") or []
        ):
            continue
        checked = _check_group(group, index, claimed, seen, problems)
        if checked is None:
            continue
        kind, reports = checked
        oid = str(group["occurrence_id"])
        rows, values = _values(oid, kind, reports, index)
        disagreements = {(v.attribute, v.actor_id) for v in values if v.concordance is Concordance.DISAGREE}
        try:
            occurrence = Occurrence(
                occurrence_id=oid,
                kind=kind,
                title_en=group["title_en"],
                rationale=group["rationale"],
                same_source_note=group.get("same_source"),
                report_count=len(reports),
                source_count=len({_source(r) for r in reports}),
                disagreement_count=len(disagreements),
            )
        except ValidationError as err:
            for e in err.errors():
                where = ".".join(str(p) for p in e["loc"]) or "(record)"
                problems.append(Problem(FILE, f"occurrences/{oid}", where, e["msg"]))
            continue
        out["occurrences"].append(occurrence)
        out["occurrence_reports"] += rows
        out["occurrence_values"] += values
    return out, problems


class _Index:
    """The report-level tables, keyed the ways the event level looks them up."""

    def __init__(self, tables: Tables) -> None:
        self.records: dict[str, dict[str, Record]] = {
            table: {str(getattr(r, column)): r for r in tables[table]} for table, column in COLUMN_OF.items()
        }
        self.participants: dict[str, list[EventParticipant]] = defaultdict(list)
        for p in tables["event_participants"]:
            assert isinstance(p, EventParticipant)
            self.participants[p.event_id].append(p)
        self.places: dict[str, list[str]] = defaultdict(list)
        for ep in tables["event_places"]:
            assert isinstance(ep, EventPlace)
            self.places[ep.event_id].append(ep.place_id)
        self.parties: dict[str, list[AgreementParty]] = defaultdict(list)
        for party in tables["agreement_parties"]:
            assert isinstance(party, AgreementParty)
            self.parties[party.agreement_id].append(party)
        actor_of = {a.alias_id: a for a in tables["aliases"] if isinstance(a, Alias)}
        self.spellings: dict[tuple[str, str], set[str]] = defaultdict(set)
        for ev in tables["evidence"]:
            assert isinstance(ev, Evidence)
            alias = actor_of.get(ev.record_id) if ev.record_table.value == "aliases" else None
            if alias is not None:
                self.spellings[(ev.source_id, alias.actor_id)].add(alias.alias)
        self.titles: dict[tuple[str, str], set[str]] = defaultdict(set)
        for role in tables["roles"]:
            assert isinstance(role, Role)
            self.titles[(role.source_id, role.person_id)].add(role.title_text)
        self.commitments: dict[str, set[str]] = defaultdict(set)
        for target in tables["targets"]:
            assert isinstance(target, Target)
            self.commitments[target.commitment_id].add(target.target_id)

    def table_of(self, record_id: str) -> list[str]:
        return [table for table, records in self.records.items() if record_id in records]


def _source(record: Record) -> str:
    """The source of a report (events, agreements and targets all have one)."""
    assert isinstance(record, Event | Agreement | Target)
    return record.source_id


def _check_group(
    group: dict[str, Any],
    index: _Index,
    claimed: dict[str, str],
    seen: set[str],
    problems: list[Problem],
) -> tuple[OccurrenceKind, list[Record]] | None:
    """A group's shape, kind, reports and sources; None (with problems) if it cannot be used."""
    oid = str(group.get("occurrence_id", "?"))
    where = f"occurrences/{oid}"
    before = len(problems)
    unknown = set(group) - KEYS
    if unknown:
        problems.append(
            Problem(FILE, where, ", ".join(sorted(unknown)), f"unknown key(s); expected among {sorted(KEYS)}")
        )
    for key in REQUIRED:
        if not group.get(key):
            problems.append(Problem(FILE, where, key, "required"))
    if oid in seen:
        problems.append(Problem(FILE, where, "occurrence_id", "duplicate id", "duplicate-id"))
    seen.add(oid)
    kind = KINDS.get(str(group.get("kind")))
    if kind is None:
        problems.append(Problem(FILE, where, "kind", f"expected one of {[k.value for k in OccurrenceKind]}"))
        return None
    ids = group.get("reports")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        problems.append(Problem(FILE, where, "reports", "expected a list of record ids"))
        return None
    if len(ids) < 2 or len(set(ids)) != len(ids):
        problems.append(Problem(FILE, where, "reports", "an occurrence groups two or more different reports"))
    table = TABLE_OF[kind]
    reports = []
    for rid in ids:
        record = index.records[table].get(rid)
        if record is None:
            elsewhere = index.table_of(rid)
            message = (
                f"{rid!r} is in {', '.join(elsewhere)}, not {table}: the kind is {kind.value}"
                if elsewhere
                else f"refers to {rid!r}, which is not in {table}"
            )
            problems.append(Problem(FILE, where, "reports", message, "dangling-reference"))
            continue
        if rid in claimed and claimed[rid] != oid:
            problems.append(
                Problem(FILE, where, "reports", f"{rid!r} already reports occurrence {claimed[rid]!r}")
            )
        claimed.setdefault(rid, oid)
        reports.append(record)
    _check_sources(group, kind, reports, where, problems)
    if kind is OccurrenceKind.EVENT:
        types = {r.event_type for r in reports if isinstance(r, Event)}
        if len(types) > 1:
            named = ", ".join(sorted(t.value for t in types))
            problems.append(
                Problem(FILE, where, "reports", f"reports of one event share a PLOVER type, not {named}")
            )
    targets = [r for r in reports if isinstance(r, Target)]
    ids_in = {t.target_id for t in targets}
    for t in targets:
        rest = index.commitments[t.commitment_id] - ids_in
        if rest:
            message = f"{sorted(rest)} state the same commitment as {t.target_id!r} and belong here too"
            problems.append(Problem(FILE, where, "reports", message))
    return (kind, reports) if len(problems) == before else None


def _check_sources(
    group: dict[str, Any], kind: OccurrenceKind, reports: list[Record], where: str, problems: list[Problem]
) -> None:
    """Reports come from different sources, unless one source's statements of one commitment share
    its commitment_id, or the curator says why (same_source)."""
    by_source: dict[str, list[Record]] = defaultdict(list)
    for r in reports:
        by_source[_source(r)].append(r)
    for source, same in by_source.items():
        if len(same) < 2 or group.get("same_source"):
            continue
        commitments = {r.commitment_id for r in same if isinstance(r, Target)}
        if (
            kind is OccurrenceKind.COMMITMENT
            and len(commitments) == 1
            and len(same) == len([r for r in same if isinstance(r, Target)])
        ):
            continue
        message = f"{len(same)} reports come from source {source!r}: say why in same_source, or drop one"
        problems.append(Problem(FILE, where, "reports", message))


def _values(
    oid: str, kind: OccurrenceKind, reports: list[Record], index: _Index
) -> tuple[list[OccurrenceReport], list[OccurrenceValue]]:
    table = TABLE_OF[kind]
    column = COLUMN_OF[table]
    rows: list[OccurrenceReport] = []
    stated: dict[str, Stated] = {}
    for record in reports:
        rid = str(getattr(record, column))
        report_id = f"{table}--{rid}"
        rows.append(
            OccurrenceReport.model_validate(
                {
                    "report_id": report_id,
                    "occurrence_id": oid,
                    "source_id": _source(record),
                    "event_id": None,
                    "agreement_id": None,
                    "target_id": None,
                    column: rid,
                }
            )
        )
        stated[report_id] = [(a, actor, v) for a, actor, v in _stated(record, index) if v is not None]
    return rows, _compare(oid, stated, {r.report_id: r.source_id for r in rows})


def _compare(oid: str, stated: dict[str, Stated], sources: dict[str, str]) -> list[OccurrenceValue]:
    """Every stated value, marked with whether the reports that state its attribute agree."""
    by_attribute: dict[tuple[OccurrenceAttribute, str | None], dict[str, str]] = defaultdict(dict)
    for report_id, triples in stated.items():
        for attribute, actor, value in triples:
            by_attribute[(attribute, actor)][report_id] = value
    out = []
    for (attribute, actor), values in by_attribute.items():
        distinct = len(set(values.values()))
        if len(values) == 1:
            concordance = Concordance.SINGLE
        else:
            concordance = Concordance.AGREE if distinct == 1 else Concordance.DISAGREE
        for report_id, value in values.items():
            out.append(
                OccurrenceValue(
                    value_id="--".join([oid, attribute.value, actor or "_", report_id]),
                    occurrence_id=oid,
                    attribute=attribute,
                    actor_id=actor,
                    report_id=report_id,
                    source_id=sources[report_id],
                    value=value,
                    concordance=concordance,
                    value_count=distinct,
                )
            )
    return out


def _stated(record: Record, index: _Index) -> Iterable[tuple[OccurrenceAttribute, str | None, str | None]]:
    """What one report states, attribute by attribute (None: not stated)."""
    A = OccurrenceAttribute
    source = _source(record)
    if isinstance(record, Event | Agreement):
        yield from _dates(record)
    if isinstance(record, Event):
        yield A.EVENT_TYPE, None, record.event_type.value
        yield A.MODE, None, record.mode.value if record.mode else None
        yield A.PLACES, None, _joined(index.places[record.event_id])
        people = index.participants[record.event_id]
        yield A.PARTICIPANTS, None, _joined(p.actor_id for p in people)
        for p in people:
            yield A.ROLE, p.actor_id, f"{p.role.value} ({p.direction.value})"
        yield from _names(source, [p.actor_id for p in people], index)
    elif isinstance(record, Agreement):
        yield A.AGREEMENT_TYPE, None, record.agreement_type.value
        yield A.STATUS, None, record.status.value
        yield A.PLACES, None, record.place_id
        yield A.AMOUNT, None, None if record.amount is None else f"{_number(record.amount)} {record.currency}"
        parties = index.parties[record.agreement_id]
        yield A.PARTICIPANTS, None, _joined(p.actor_id for p in parties)
        for party in parties:
            behalf = f" for {party.on_behalf_of_id}" if party.on_behalf_of_id else ""
            yield A.ROLE, party.actor_id, f"{party.role.value}{behalf}"
        yield from _names(source, [party.actor_id for party in parties], index)
    elif isinstance(record, Target):
        amount = None if record.value is None else _number(record.value)
        money = f" {record.currency}" if record.currency else ""
        yield A.TARGET_KIND, None, record.kind.value
        yield A.AMOUNT, None, None if amount is None else f"{amount} {record.unit.value}{money}"
        yield A.COMPARATOR, None, record.comparator.value
        yield A.DEADLINE_EDTF, None, record.deadline_edtf
        yield A.DEADLINE_BOUNDS, None, _bounds(record.deadline_lower, record.deadline_upper)
        yield A.DEADLINE_BASIS, None, record.deadline_basis.value
        yield A.IMPLIED_DEADLINE, None, record.implied_deadline_edtf
        yield A.STATED_BY, None, record.stated_by_actor_id or "article"
        yield A.OWNER, None, record.owner_actor_id
        speakers = [a for a in (record.stated_by_actor_id, record.owner_actor_id) if a]
        yield from _names(source, speakers, index)


def _dates(record: Event | Agreement) -> Iterable[tuple[OccurrenceAttribute, str | None, str | None]]:
    A = OccurrenceAttribute
    yield A.DATE_EDTF, None, record.date_edtf
    yield A.DATE_BOUNDS, None, _bounds(record.date_lower, record.date_upper)
    yield A.DATE_PRECISION, None, record.date_precision.value
    named = sorted({day for word, day in WEEKDAYS.items() if word in (record.date_text or "").lower()})
    yield A.WEEKDAY, None, _joined(named)
    one_day = record.date_lower is not None and record.date_lower == record.date_upper
    yield (
        A.WEEKDAY_OF_DATE,
        None,
        CALENDAR[record.date_lower.weekday()] if one_day and record.date_lower else None,
    )


def _names(
    source: str, actors: list[str], index: _Index
) -> Iterable[tuple[OccurrenceAttribute, str | None, str | None]]:
    """How the report's source writes each actor: its spellings there, and a person's title."""
    for actor in sorted(set(actors)):
        yield OccurrenceAttribute.SPELLING, actor, _joined(index.spellings.get((source, actor), ()), " | ")
        yield OccurrenceAttribute.TITLE, actor, _joined(index.titles.get((source, actor), ()), " | ")


def _joined(values: Iterable[str], sep: str = "; ") -> str | None:
    items = sorted(set(values))
    return sep.join(items) if items else None


def _bounds(lower: date | None, upper: date | None) -> str | None:
    if lower is None and upper is None:
        return None
    return f"{lower or ''}..{upper or ''}"


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)
