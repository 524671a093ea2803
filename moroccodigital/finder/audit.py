"""Completeness audit: every candidate in a source's article body is evidenced or waived.

A candidate (see `extract`) is *covered* when an evidence passage of the same source contains it
entirely, and *waived* when a waiver in the source's annotation file excuses it.  A waiver is a
top-level entry of the seed's YAML file:

    waivers:
      - {quote: نهائيات كأس العالم لكرة القدم, reason: "context, not an event fact"}
      - {quote: 2030, occurrence: 2, reason: "..."}

`quote` and `occurrence` locate a passage exactly as evidence quotes do; the waiver excuses the
candidates inside that passage, and `reason` says why they are not facts of the dataset.  A
waiver that excuses nothing (its candidate is gone, or evidence now covers it) is a problem too,
so waivers do not outlive their reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from moroccodigital import paths
from moroccodigital.curation.annotations import Curation, read_curation
from moroccodigital.curation.texts import QuoteError, locate
from moroccodigital.curation.yamlfiles import AnnotationFileError, load_yaml
from moroccodigital.errors import Problem
from moroccodigital.finder.extract import Candidate, find, quote_for
from moroccodigital.finder.lexicon import Lexicon, entries_from_rows
from moroccodigital.safewrite import yaml_scalar

WAIVER_KEYS = frozenset({"quote", "occurrence", "reason"})


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
class AuditReport:
    """Every source's audit, and the problems met reading annotations and waivers."""

    sources: list[SourceAudit] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every source is at 100% and no waiver or annotation has a problem."""
        return not self.problems and all(not s.gaps for s in self.sources)

    def format(self) -> str:
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
                    f"{s.file}: {c.kind} {c.text!r} at {c.start}-{c.end} lies in no evidence passage;"
                )
                lines.append(f"    annotate it, or add a waiver with its reason: {gap.waiver()}")
        lines += [f"problem: {p}" for p in self.problems]
        return "\n".join(lines)

    def as_problems(self) -> list[Problem]:
        """Gaps and problems as build problems (file, source, field, message)."""
        out = list(self.problems)
        for s in self.sources:
            for gap in s.gaps:
                c = gap.candidate
                message = (
                    f"{c.kind} {c.text!r} at {c.start}-{c.end} lies in no evidence passage and no waiver "
                    f"excuses it: annotate it, or add a waiver with its reason: {gap.waiver()}"
                )
                out.append(Problem(s.file, s.source_id, "waivers", message))
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
    sources = {r.file: r.data["source_id"] for r in cur.rows if r.table == "sources"}
    for file, source_id in sorted(sources.items(), key=lambda item: item[1]):
        if source_id not in cur.texts or source_id not in cur.spans:
            continue
        lexicon = Lexicon(entries_from_rows(*_rows(cur, sources), source_id=source_id))
        waivers = _waivers(seeds / Path(file).name, cur.texts[source_id], file, report.problems)
        report.sources.append(_audit_source(cur, source_id, file, lexicon, waivers, report.problems))
    return report


Rows = list[dict[str, Any]]


def _rows(cur: Curation, sources: dict[str, str]) -> tuple[Rows, Rows, Rows, Rows]:
    """Curated rows of the four name tables; aliases get the source of the file they came from."""
    tables: dict[str, list[dict[str, Any]]] = {"actors": [], "aliases": [], "places": [], "initiatives": []}
    for row in cur.rows:
        if row.table in tables:
            data = {**row.data, "source_id": sources.get(row.file)} if row.table == "aliases" else row.data
            tables[row.table].append(data)
    return tables["actors"], tables["aliases"], tables["places"], tables["initiatives"]


@dataclass(frozen=True)
class _Waiver:
    start: int
    end: int
    spec: str


def _waivers(path: Path, text: str, file: str, problems: list[Problem]) -> list[_Waiver]:
    try:
        doc = load_yaml(path)
    except (OSError, AnnotationFileError):
        return []  # the curation reader has already reported it
    items = doc.get("waivers") if isinstance(doc, dict) else None
    if items is None:
        return []
    if not isinstance(items, list):
        problems.append(Problem(file, "", "waivers", "expected a list of {quote, occurrence, reason}"))
        return []
    out = []
    for i, item in enumerate(items):
        where = f"waivers[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("quote"), str):
            problems.append(Problem(file, "", where, "expected a mapping with a 'quote' string"))
            continue
        if set(item) - WAIVER_KEYS:
            problems.append(Problem(file, "", where, f"unknown key(s) {sorted(set(item) - WAIVER_KEYS)}"))
        if not isinstance(item.get("reason"), str) or not item["reason"].strip():
            problems.append(Problem(file, "", where, "every waiver needs a reason"))
        occurrence = item.get("occurrence")
        try:
            if occurrence is not None and (isinstance(occurrence, bool) or not isinstance(occurrence, int)):
                raise QuoteError("occurrence must be a whole number from 1")
            start, end = locate(text, item["quote"], occurrence)
        except QuoteError as err:
            problems.append(Problem(file, "", where, str(err)))
            continue
        out.append(_Waiver(start, end, f"{where} {item['quote']!r}"))
    return out


def _audit_source(
    cur: Curation,
    source_id: str,
    file: str,
    lexicon: Lexicon,
    waivers: list[_Waiver],
    problems: list[Problem],
) -> SourceAudit:
    text = cur.texts[source_id]
    spans = cur.spans[source_id]
    evidence = [(e["start"], e["end"]) for e in cur.evidence if e["source_id"] == source_id]
    result = SourceAudit(source_id, file)
    used: set[_Waiver] = set()
    for cand in find(text, lexicon):
        if not any(a <= cand.start and cand.end <= b for a, b in spans):
            continue
        result.total += 1
        if any(a <= cand.start and cand.end <= b for a, b in evidence):
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
                    file, source_id, "waivers", f"{waiver.spec} excuses no uncovered candidate; remove it"
                )
            )
    return result
