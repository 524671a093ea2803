"""Completeness audit: every candidate in a source's headline and body is evidenced or waived.

A candidate (see `extract`) is *covered* only by an evidence passage that records it: a passage
of the same source that contains it entirely *and* belongs to a record whose field states that
kind of fact.  A passage that merely lies around a candidate does not count: the whole-sentence
passage of an event says nothing about the number in that sentence.  The evidence table has no
column naming the field a passage supports, so the kind of a passage is read from its
`record_table` and, for dated and quantified records, from which of the record's fields its
quote is (the curation writes a date or amount passage with exactly that field's text):

| candidate kind                  | covered by a passage of                                              |
|---------------------------------|----------------------------------------------------------------------|
| actor                           | actors, aliases (mentions), event_participants, agreement_parties, roles |
| place                           | places (mentions), event_places                                      |
| initiative                      | initiatives (mentions)                                               |
| name, organisation, person      | any of the above (a name the registries do not know yet)             |
| amount, number                  | targets whose `value_text` the passage is, or a target or agreement  |
|                                 | (with an `amount`) whose value equals the candidate's stated value   |
| date, time                      | events, agreements whose `date_text` the passage is; targets whose   |
|                                 | `deadline_text` it is                                                |

A known name with more than one reading (المغرب: actor and place) is covered by a passage of any
of its readings.  A number or year that ends a name passage is part of the name ("l'industrie
4.0", "plan Maroc numérique 2030", "أفق 2030") and is covered by it.  Initiatives have no amount
column: an initiative's amounts are targets.

A candidate is *waived* when a waiver in the source's annotation file excuses it.  A waiver is a
top-level entry of the seed's YAML file:

    waivers:
      - {quote: نهائيات كأس العالم لكرة القدم, reason: "context, not an event fact"}
      - {quote: 2030, occurrence: 2, reason: "..."}

`quote` and `occurrence` locate a passage exactly as evidence quotes do; the waiver excuses the
candidates inside that passage, and `reason` says why they are not facts of the dataset.  A
waiver that excuses nothing (its candidate is gone, or evidence now covers it) is a problem too,
so waivers do not outlive their reason.

Cost is linear in the number of sources: rows and evidence are grouped by source in one pass,
the names every source shares are collected once, and the waivers are read from the waivers
section of each annotation file (which the curation reader has already checked as a whole).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from moroccodigital import paths
from moroccodigital.curation.annotations import Curation, read_curation
from moroccodigital.errors import Problem, bulleted
from moroccodigital.finder.extract import Candidate, find, quote_for
from moroccodigital.finder.lexicon import Lexicon, entries_from_rows
from moroccodigital.finder.normalize import fold
from moroccodigital.finder.waivers import Waiver, read_waivers
from moroccodigital.results import Rendered
from moroccodigital.safewrite import yaml_scalar

NAME_TABLES = {
    "actors": "actor",
    "aliases": "actor",
    "event_participants": "actor",
    "agreement_parties": "actor",
    "roles": "actor",
    "places": "place",
    "event_places": "place",
    "initiatives": "initiative",
}
"""Tables whose every passage records a name, and the kind of record it names."""
COVERED_BY = {
    "actor": frozenset({"actor"}),
    "place": frozenset({"place"}),
    "initiative": frozenset({"initiative"}),
    "name": frozenset({"actor", "place", "initiative"}),
    "organisation": frozenset({"actor", "place", "initiative"}),
    "person": frozenset({"actor", "place", "initiative"}),
    "amount": frozenset({"amount"}),
    "number": frozenset({"amount"}),
    "date": frozenset({"date"}),
    "time": frozenset({"date"}),
}
"""For each kind of candidate, the kinds of passage that record it (see the module docstring).
A kind missing here is recorded by no passage: a new kind of candidate must be mapped first."""
NAMES = frozenset({"actor", "place", "initiative"})
"""The kinds of passage that record a name; a number or year ending such a passage is part of the name."""


@dataclass(frozen=True)
class Gap:
    """A candidate that no evidence covers and no waiver excuses."""

    candidate: Candidate
    quote: str
    """A quote that locates the candidate (whole words, as evidence quotes are written)."""
    occurrence: int | None
    """Which occurrence of the quote this is, when the quote occurs more than once."""

    def waiver(self) -> str:
        """A waiver entry to paste (after writing the reason), if the curator decides so."""
        occ = f", occurrence: {self.occurrence}" if self.occurrence else ""
        return f'- {{quote: {yaml_scalar(self.quote)}{occ}, reason: ""}}'


@dataclass
class SourceAudit:
    """The audit of one source: how many candidates, how many covered or waived, and the gaps."""

    source_id: str
    file: str
    total: int = 0
    covered: int = 0
    waived: int = 0
    gaps: list[Gap] = field(default_factory=list)

    @property
    def coverage(self) -> float:
        """Share of candidates covered or waived, in percent (100 when there are none)."""
        return 100.0 if not self.total else 100.0 * (self.covered + self.waived) / self.total


@dataclass
class AuditReport(Rendered):
    """Every source's audit, and the problems met reading annotations and waivers."""

    sources: list[SourceAudit] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every source is at 100% and no waiver or annotation has a problem."""
        return not self.problems and all(not s.gaps for s in self.sources)

    def lines(self) -> list[str]:
        """A report a curator can act on: coverage per source, then each gap with its context."""
        width = max((len(s.source_id) for s in self.sources), default=0)
        lines = [
            f"{s.source_id:<{width}}  {s.covered + s.waived:>4}/{s.total:<4} {s.coverage:6.1f}%"
            f"  ({s.covered} evidenced, {s.waived} waived)"
            for s in self.sources
        ]
        for s in self.sources:
            for gap in s.gaps:
                c = gap.candidate
                lines.append(
                    f"{s.file}: {c.kind} {c.text!r} at {c.start}-{c.end} lies in no passage that records it;"
                )
                lines.append(f"    annotate it, or add a waiver with its reason: {gap.waiver()}")
        if self.problems:
            lines += [f"{len(self.problems)} problem(s) reading the annotations and waivers:"]
            lines += bulleted(self.problems)
        return lines

    def as_problems(self) -> list[Problem]:
        """Gaps and problems as build problems (file, source, field, message)."""
        out = list(self.problems)
        for s in self.sources:
            for gap in s.gaps:
                c = gap.candidate
                message = (
                    f"{c.kind} {c.text!r} at {c.start}-{c.end} lies in no passage that records it and "
                    f"no waiver excuses it: annotate it, or add a waiver with its reason: {gap.waiver()}"
                )
                out.append(Problem(s.file, s.source_id, "waivers", message, "uncovered-candidate"))
        return out


def audit(root: Path) -> AuditReport:
    """Audit every seed of a project (root holds seeds/)."""
    return audit_seeds(root / paths.SEEDS)


def audit_seeds(seeds: Path) -> AuditReport:
    """Audit every seed in a seeds folder (a checkout's seeds/, or the installed package's)."""
    cur = read_curation(seeds)
    report = audit_curation(cur, seeds)
    report.problems[:0] = cur.problems
    return report


def audit_curation(cur: Curation, seeds: Path) -> AuditReport:
    """Audit curated annotations already read (the build calls this with its own reading)."""
    report = AuditReport()
    index = SourceIndex(cur)
    for file, source_id in sorted(index.sources.items(), key=lambda item: item[1]):
        if source_id not in cur.texts or source_id not in cur.spans:
            continue
        waivers = read_waivers(seeds / Path(file).name, cur.texts[source_id], file, report.problems)
        report.sources.append(_audit_source(cur, index, source_id, file, waivers, report.problems))
    return report


Rows = list[dict[str, Any]]


def name_rows(cur: Curation, sources: dict[str, str]) -> tuple[Rows, Rows, Rows, Rows]:
    """Curated rows of the four name tables; aliases get the source of the file they came from."""
    tables: dict[str, Rows] = {"actors": [], "aliases": [], "places": [], "initiatives": []}
    for row in cur.rows:
        if row.table in tables:
            data = {**row.data, "source_id": sources.get(row.file)} if row.table == "aliases" else row.data
            tables[row.table].append(data)
    return tables["actors"], tables["aliases"], tables["places"], tables["initiatives"]


_NOWHERE = "\0"
"""A source id no source has: names read for it are the names every source shares."""


class SourceIndex:
    """The curation grouped by source in one pass, and the names every source shares."""

    def __init__(self, cur: Curation) -> None:
        self.sources = {r.file: r.data["source_id"] for r in cur.rows if r.table == "sources"}
        actors, aliases, places, initiatives = name_rows(cur, self.sources)
        shared = entries_from_rows(actors, aliases, places, initiatives, _NOWHERE)
        self.shared = {entry: fold(entry.alias).strip() for entry in shared}
        """Names every source may use (named actors, their non-descriptive aliases, places,
        initiatives), each with its folded form, the Lexicon's key."""
        ids = {*(a["actor_id"] for a in actors), *(p["place_id"] for p in places)}
        ids.update(i["initiative_id"] for i in initiatives)
        every = entries_from_rows(actors, aliases, places, initiatives, _NOWHERE, recorded=ids)
        self.generic = {entry: fold(entry.alias).strip() for entry in every if entry not in self.shared}
        """Generic names ("مركز بيانات"): usable only in a source that records their record."""
        self.cited: dict[str, set[str]] = {}
        for passage in cur.evidence:
            if passage["record_table"] in NAME_TABLES:
                self.cited.setdefault(passage["source_id"], set()).add(str(passage["record_id"]))
        self.named = {a["actor_id"]: a for a in actors if a.get("named", True)}
        self.places = places
        """The place rows (few): a country's descriptions read as the place too, as in a full Lexicon."""
        self.unnamed: dict[str, Rows] = {}
        """Per source, its unnamed actors (only that source may use their names)."""
        for actor in actors:
            if not actor.get("named", True) and actor.get("source_id") is not None:
                self.unnamed.setdefault(actor["source_id"], []).append(actor)
        self.aliases_of: dict[str, Rows] = {}
        self.described_in: dict[str, Rows] = {}
        for alias in aliases:
            self.aliases_of.setdefault(alias["actor_id"], []).append(alias)
            if alias.get("alias_kind") == "description" and alias.get("source_id") is not None:
                self.described_in.setdefault(alias["source_id"], []).append(alias)
        records = {
            (row.table, row.data.get(key)): row.data
            for row in cur.rows
            for table, key in _FACT_RECORDS.items()
            if row.table == table
        }
        self.passages: dict[str, list[_Passage]] = {}
        for passage in cur.evidence:
            record = records.get((passage["record_table"], passage["record_id"]), {})
            self.passages.setdefault(passage["source_id"], []).append(_passage(passage, record))

    def lexicon(self, source_id: str, text: str) -> Lexicon:
        """The names usable in one source: its own, and those shared names that occur in it.

        The same matches as a Lexicon of `entries_from_rows` over every row with this source's
        `recorded` ids (a Lexicon depends only on the set of its entries, and a name whose folded
        form, or its ل-contraction, is not in the folded text can match nothing there), built
        from this source's rows alone:
        compiling every shared name for every source made the audit grow with the square of
        the corpus.
        """
        folded = fold(text)
        recorded = self.recorded(source_id)
        shared = [e for e, key in self.shared.items() if _occurs(key, folded)]
        shared += [e for e, key in self.generic.items() if e.ref in recorded and _occurs(key, folded)]
        unnamed = self.unnamed.get(source_id, [])
        own_ids = {a["actor_id"] for a in unnamed}
        aliases = [a for actor_id in own_ids for a in self.aliases_of.get(actor_id, [])]
        aliases += [a for a in self.described_in.get(source_id, []) if a["actor_id"] not in own_ids]
        named = [self.named[i] for i in dict.fromkeys(a["actor_id"] for a in aliases) if i in self.named]
        local = entries_from_rows([*named, *unnamed], aliases, self.places, [], source_id, recorded)
        return Lexicon(dict.fromkeys([*shared, *local]))

    def recorded(self, source_id: str) -> frozenset[str]:
        """The ids of the records a source's own passages name (its mentions and links): the
        records whose generic names (`lexicon.is_generic`) link in that source, as in the draft."""
        return frozenset(self.cited.get(source_id, ()))


def _occurs(key: str, folded: str) -> bool:
    """Whether a folded name can match in a folded text: as written, or as ل + the name without
    its article (the contraction "للمغرب" the Lexicon also matches)."""
    return bool(key) and (key in folded or (key.startswith("ال") and "ل" + key[2:] in folded))


_FACT_RECORDS = {"events": "event_id", "agreements": "agreement_id", "targets": "target_id"}
"""Tables whose passages record a date or an amount only when the passage is that field's text."""


@dataclass(frozen=True)
class _Passage:
    """An evidence passage and the kinds of fact it records."""

    start: int
    end: int
    kinds: frozenset[str]
    values: tuple[float, ...] = ()
    """Amounts its record states: an amount candidate stating one of them is recorded here too
    (a target restated in other words: "500 مهندس" for "أكثر من 500 كفاءة")."""

    def records(self, cand: Candidate) -> bool:
        """Whether this passage contains the candidate and records its kind of fact."""
        if not (self.start <= cand.start and cand.end <= self.end):
            return False
        readings = {cand.kind, *(alt.partition(":")[0] for alt in cand.alternatives)}
        wanted = frozenset().union(*(COVERED_BY.get(kind, frozenset()) for kind in readings))
        if self.kinds & wanted:
            return True
        if cand.end == self.end and self.kinds & NAMES and cand.kind in ("number", "date"):
            return True  # a number or year that ends a name is part of it ("l'industrie 4.0", "أفق 2030")
        return "amount" in wanted and cand.value is not None and cand.value in self.values


def _passage(passage: dict[str, Any], record: dict[str, Any]) -> _Passage:
    """What a passage records, read from its table and from which field of its record it quotes."""
    table, quote = passage["record_table"], passage["quote"]
    kinds = {NAME_TABLES[table]} if table in NAME_TABLES else set()
    values: tuple[float, ...] = ()
    if table in ("events", "agreements") and quote == record.get("date_text"):
        kinds.add("date")
    if table == "targets":
        if quote == record.get("deadline_text"):
            kinds.add("date")
        if quote == record.get("value_text"):
            kinds.add("amount")
        values = _numbers(record.get("value"))
    if table == "agreements":
        values = _numbers(record.get("amount"))
    return _Passage(passage["start"], passage["end"], frozenset(kinds), values)


def _numbers(value: Any) -> tuple[float, ...]:
    return (float(value),) if isinstance(value, int | float) and not isinstance(value, bool) else ()


def _audit_source(
    cur: Curation,
    index: SourceIndex,
    source_id: str,
    file: str,
    waivers: list[Waiver],
    problems: list[Problem],
) -> SourceAudit:
    text = cur.texts[source_id]
    spans = cur.spans[source_id]
    passages = index.passages.get(source_id, [])
    result = SourceAudit(source_id, file)
    used: set[Waiver] = set()
    for cand in find(text, index.lexicon(source_id, text)):
        if not any(a <= cand.start and cand.end <= b for a, b in spans):
            continue
        result.total += 1
        if any(passage.records(cand) for passage in passages):
            result.covered += 1
            continue
        excusing = [w for w in waivers if w.start <= cand.start and cand.end <= w.end]
        if excusing:
            result.waived += 1
            used.update(excusing)
            continue
        result.gaps.append(Gap(cand, *quote_for(text, cand.start, cand.end)))
    for waiver in waivers:
        if waiver not in used:
            problems.append(
                Problem(
                    file,
                    source_id,
                    "waivers",
                    f"{waiver.spec} excuses no uncovered candidate; remove it",
                    "unused-waiver",
                )
            )
    return result
