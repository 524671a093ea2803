"""A head start on a new article: an annotation skeleton pre-filled from the candidate finder.

The draft has the format of the curated files (seeds/*.yaml): known actors, places and
initiatives become `mentions` with their ids, amounts with a unit become `targets` with value,
comparator, unit, currency and (when the sentence has one) deadline resolved, and every other
candidate becomes a `waivers` entry with an empty reason: the curator turns it into a record's
evidence or writes why it is not a fact.  Nothing is guessed beyond what the finder resolved;
every field a person must decide reads TODO.  The file starts `status: draft`, which the build
refuses until a curator sets `status: reviewed`.

A draft is written only where the user points (beside the article by default), never into a
data package, and replaces only a draft this command wrote and nobody has edited since.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from moroccodigital.curation.texts import find_all, read_text, sha256_file
from moroccodigital.curation.yamlquote import comment
from moroccodigital.curation.yamlquote import flow_scalar as yaml_scalar
from moroccodigital.finder.draft_events import skeletons
from moroccodigital.finder.extract import Candidate, find, language, quote_for
from moroccodigital.finder.lexicon import Lexicon, installed_entries
from moroccodigital.safewrite import atomic_path, check_output

MARKER = "# moroccodigital draft sha256:"
"""First line of a draft: the digest of the rest, so an edited draft is never replaced silently."""
TARGET_UNITS = frozenset({"currency", "megawatt", "jobs", "engineers", "skilled_professionals", "graduates"})
"""Units of the targets table; amounts in other units go to the waivers for the curator."""
DEADLINE_PRECISIONS = frozenset({"year", "year_range", "part_of_year"})
SENTENCE_END = re.compile(r"[.!؟\n]")
MENTIONED = frozenset({"actor", "place", "initiative", "organisation", "person"})
"""Candidate kinds the draft writes as mentions (unknown ones with actor: TODO)."""


def draft(
    article: Path, out: Path | None = None, *, force: bool = False, lexicon: Lexicon | None = None
) -> Path:
    """Write a draft annotation for an article; returns the path written.

    `out` is a file or an existing folder (default: the article's folder, same name, .yaml).
    `lexicon` defaults to the names of the installed dataset.
    """
    target = out if out is not None else article.with_suffix(".yaml")
    if target.is_dir() and not target.is_symlink():
        target = target / f"{article.stem}.yaml"
    check_output(target, force=force, ours=is_untouched_draft)
    text = read_text(article)
    candidates = find(text, lexicon if lexicon is not None else Lexicon(installed_entries()))
    body = render(article.name, sha256_file(article), text, candidates)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    with atomic_path(target) as tmp:
        tmp.write_text(f"{MARKER}{digest}\n{body}", encoding="utf-8")
    return target


def is_untouched_draft(path: Path) -> bool:
    """True for a file this command wrote and nobody has changed since."""
    try:
        first, _, rest = path.read_text(encoding="utf-8").partition("\n")
    except (OSError, UnicodeDecodeError):
        return False
    return (
        first.startswith(MARKER) and first[len(MARKER) :] == hashlib.sha256(rest.encode("utf-8")).hexdigest()
    )


def render(file_name: str, sha256: str, text: str, candidates: list[Candidate]) -> str:
    """The draft's YAML (without its marker line)."""
    stem = re.sub(r"[^a-z0-9]+", "-", Path(file_name).stem.lower()).strip("-")
    mentioned = [c for c in candidates if c.kind in MENTIONED]
    events, agreements, event_cited = skeletons(text, candidates, _quote)
    lines = [
        "# Drafted from the candidate finder. Check every entry against the text, replace each TODO,",
        "# turn each waiver into a record's evidence or give its reason, then set status: reviewed.",
        "status: draft",
        "source:",
        f"  source_id: TODO-{stem}",
        f"  file_name: {yaml_scalar(file_name)}",
        f"  sha256: {yaml_scalar(sha256)}",
        f"  language: {language(text)}",
        "  headline: null  # TODO: {quote: ...} if the text has one",
        "  byline: null",
        "  body:  # TODO: check where the article body starts and ends (page furniture is not body)",
        f"    first: {_quote(text, *_edge(text, first=True))}",
        f"    last: {_quote(text, *_edge(text, first=False))}",
        *(f"  {key}: null" for key in ("ref_outlet", "ref_url", "ref_published_edtf", "ref_note")),
        "",
        "unnamed_actors: []",
        "",
        "mentions:",
        *_mentions(text, mentioned),
        "",
        "roles: []",
        *(["events:", *events] if events else ["events: []"]),
        *(["agreements:", *agreements] if agreements else ["agreements: []"]),
        "",
    ]
    amounts = [c for c in candidates if c.kind == "amount" and c.unit in TARGET_UNITS]
    cited = [(c.start, c.end) for c in mentioned] + event_cited
    lines += ["targets:", *_targets(text, amounts, candidates, cited)] if amounts else ["targets: []"]
    rest = [c for c in candidates if not _recorded(c, cited)]
    lines += ["", "waivers:" if rest else "waivers: []", *(_waiver(text, c) for c in rest)]
    return "\n".join(lines) + "\n"


def _edge(text: str, first: bool) -> tuple[int, int]:
    """The first (or last) three words of the text: a starting guess for the body's bounds."""
    words = list(re.finditer(r"\S+", text))
    chosen = words[:3] if first else words[-3:]
    return chosen[0].start(), chosen[-1].end()


def _quote(text: str, start: int, end: int, *extra: str) -> str:
    """A flow mapping {quote, occurrence, ...extra} that locates text[start:end]."""
    quote, occurrence = quote_for(text, start, end)
    parts = [f"quote: {yaml_scalar(quote)}", *([f"occurrence: {occurrence}"] if occurrence else []), *extra]
    return "{" + ", ".join(parts) + "}"


def _mentions(text: str, candidates: Iterable[Candidate]) -> list[str]:
    """One line per (record, quote), listing every occurrence of that quote that means it."""
    groups: dict[tuple[str, str, str], list[int]] = {}
    details: dict[tuple[str, str, str], tuple[str, str]] = {}
    for c in candidates:
        quote, occurrence = quote_for(text, c.start, c.end)
        kind = c.kind if c.kind in {"place", "initiative"} else "actor"
        key = (kind, c.ref or "TODO", quote)
        groups.setdefault(key, []).append(occurrence or 1)
        details[key] = _alias(c, kind, quote), _note(c, quote)
    lines = []
    for (kind, ref, quote), occurrences in groups.items():
        occ = "" if len(find_all(text, quote)) == 1 else f", occurrence: [{', '.join(map(str, occurrences))}]"
        alias, note = details[(kind, ref, quote)]
        note_text = f"  {comment(note)}" if note else ""
        lines.append(
            f"  - {{{kind}: {ref}, quote: {yaml_scalar(quote)}{occ}{alias}, gloss: TODO}}{note_text}"
        )
    return lines or ["  []"]


def _alias(c: Candidate, kind: str, quote: str) -> str:
    """The alias key of an actor mention: none when the quote is the recorded form itself."""
    if kind != "actor" or c.ref is None or c.alias == quote:
        return ""
    return f", alias: {yaml_scalar(c.alias)}" if c.alias and c.alias in quote else ", alias: null"


def _note(c: Candidate, quote: str) -> str:
    """What the curator should know about a mention, if anything."""
    if c.kind in {"organisation", "person"}:
        return f"unknown {c.kind}: add it to seeds/registry/actors.yaml or to unnamed_actors"
    if c.ref is None:
        return "ambiguous, one of: " + ", ".join(c.alternatives)
    notes = [f"the registry writes {c.alias}"] if c.alias and c.alias not in quote else []
    notes += ["a variant (another spelling or wording): check it names this record"] if c.variant else []
    notes += [f"also {', '.join(c.alternatives[1:])}"] if c.alternatives else []
    return "; ".join(notes)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span, without its closing mark, spaces or a list bullet."""
    left = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in SENTENCE_END.finditer(text, end)), len(text))
    while left < right and (text[left].isspace() or text[left] in "-–•*"):
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    return left, right


def _targets(
    text: str, amounts: list[Candidate], candidates: list[Candidate], cited: list[tuple[int, int]]
) -> list[str]:
    """One target per amount; the spans its passages cite are added to `cited`."""
    lines = []
    for n, c in enumerate(amounts, 1):
        value = "null" if c.value is None else (str(int(c.value)) if c.value.is_integer() else repr(c.value))
        sentence = _sentence(text, c.start, c.end)
        cited.append((c.start, c.end))
        lines += [
            f"  - target_id: TODO-target-{n}",
            "    kind: TODO  # goal, commitment, budget, capacity_plan or forecast",
            "    indicator_en: TODO",
            f"    value: {value}",
            f"    comparator: {c.comparator}",
            f"    unit: {c.unit}",
            f"    currency: {c.currency or 'null'}",
            f"    expression: {_quote(text, c.start, c.end, 'gloss: TODO')}",
            *_deadline(text, c, candidates, sentence, cited),
            "    owner_actor_id: null  # TODO",
            "    initiative_id: null  # TODO",
            "    agreement_id: null  # TODO",
            "    stated_by_actor_id: null  # TODO: who states it, unless the article does in its own voice",
            f"    commitment_id: TODO-target-{n}  # shared with other statements of the same commitment",
            "    note: null",
            "    evidence:",
            f"      - {_quote(text, c.start, c.end, 'gloss: TODO')}  # TODO: widen to the clause stating it",
        ]
    return lines


def _deadline(
    text: str,
    amount: Candidate,
    candidates: list[Candidate],
    sentence: tuple[int, int],
    cited: list[tuple[int, int]],
) -> list[str]:
    """The deadline block: the sentence's year, year range or part of a year, else none."""
    left, right = sentence
    dates = [
        c for c in candidates
        if c.kind == "date" and c.precision in DEADLINE_PRECISIONS and left <= c.start and c.end <= right
    ]  # fmt: skip
    if not dates:
        return ["    deadline:", "      text: null", "      edtf: null", "      precision: unknown",
                "      lower: null", "      upper: null", "      basis: none"]  # fmt: skip
    date = min(dates, key=lambda d: (d.start < amount.end, abs(d.start - amount.end)))
    cited.append((date.start, date.end))
    years = (date.edtf or "").split("/")
    return [
        "    deadline:",
        f"      text: {_quote(text, date.start, date.end, 'gloss: TODO')}",
        f"      edtf: {yaml_scalar(date.edtf or '')}",
        f"      precision: {date.precision}",
        f"      lower: {years[0]}-01-01",
        f"      upper: {years[-1]}-12-31",
        "      basis: stated",
    ]


NAME_KINDS = frozenset({"actor", "place", "initiative", "name", "organisation", "person"})


def _recorded(c: Candidate, cited: list[tuple[int, int]]) -> bool:
    """Whether the draft already records a candidate, as the audit counts it: a name inside a
    drafted passage; an amount, number or date only as the very passage that states it (a
    sentence quoted for an event or a target does not record the date or number inside it)."""
    if (c.start, c.end) in cited:
        return True
    return c.kind in NAME_KINDS and any(a <= c.start and c.end <= b for a, b in cited)


def _waiver(text: str, c: Candidate) -> str:
    what = c.kind + "".join(
        f" {key}={value}" for key, value in (("edtf", c.edtf), ("precision", c.precision), ("value", c.value),
                                            ("unit", c.unit), ("currency", c.currency)) if value is not None
    )  # fmt: skip
    spec = _quote(text, c.start, c.end, 'reason: ""')
    return f"  - {spec}  {comment(what)}"
