"""How well the candidate finder reads the project's held-out evaluation set (tests/finder_eval).

    python benchmarks/finder_eval.py [--set DIR] [--details] [--json PATH] [--mark-resolved]

Scores `moroccodigital.extract.find` (with the names of the installed dataset, as `draft` uses
them) against the labelled passages in tests/finder_eval/{ar,fr}.yaml, and checks that the
draft of every article in tests/finder_eval/articles/ is YAML the build's reader accepts and
that, once its TODOs are filled, the build's audit finds nothing wrong with it.  The
labels, the matching rules and the figures' definitions are in tests/finder_eval/README.md;
tests/test_finder_eval.py imports this module (by path: benchmarks/ is not a package).
`--set benchmarks/finder_dev` scores the finder's development set instead (same format, the
passages whoever works on the finder may read and tune on), so the held-out set stays unread.

Nothing in the package imports this file or the set: the set is held out from the finder.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from moroccodigital.curation.annotations import read_curation
from moroccodigital.curation.texts import find_all
from moroccodigital.curation.yamlfiles import load_yaml
from moroccodigital.definitions.enums import Comparator, DatePrecision, Unit
from moroccodigital.errors import Problem
from moroccodigital.finder.audit import audit_curation
from moroccodigital.finder.draft import draft
from moroccodigital.finder.extract import Candidate, find
from moroccodigital.finder.lexicon import Lexicon, installed_entries
from moroccodigital.finder.normalize import fold

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "tests" / "finder_eval"
LABEL_FILES = ("ar.yaml", "fr.yaml")
LANGUAGES = ("ar", "fr")

LABEL_KINDS = (
    "amount",
    "number",
    "date",
    "time",
    "actor",
    "place",
    "initiative",
    "person",
    "organisation",
    "name",
)
COMPATIBLE = {
    "amount": {"amount", "number"},
    "number": {"number", "amount"},
    "date": {"date", "number"},
    "time": {"time"},
    "actor": {"actor", "person", "organisation", "name"},
    "place": {"place", "actor", "name", "organisation"},
    "initiative": {"initiative", "name"},
    "person": {"person", "actor", "name"},
    "organisation": {"organisation", "actor", "name"},
    "name": {"name", "organisation", "initiative"},
}
"""Prediction kinds that count as finding a label of each kind (a known actor written as an
unknown person or a Latin name was still found; an actor reading of a country is a place found)."""
EXTRA_UNITS = ("percent", "gigawatt", "megahertz", "gigahertz", "gigabits_per_second")
"""Units the labels may use beyond the schema's Unit (which holds only the targets' units)."""
LABEL_KEYS = frozenset(
    {"kind", "text", "occurrence", "value", "unit", "currency", "comparator", "edtf", "precision", "ref",
     "required", "note"}
)  # fmt: skip
MIN_SPAN_AGREEMENT = 0.5
"""A name, person, organisation or unlisted place is resolved when the prediction's span and the
label's share at least half of the longer one (a 40-character run of Latin words that happens
to contain "Casablanca" finds the place but does not resolve it)."""


@dataclass(frozen=True)
class Label:
    """What a curator must code in a passage: a kind, a span, and the attributes to get right."""

    passage: str
    lang: str
    kind: str
    text: str
    start: int
    end: int
    attrs: dict[str, Any]
    required: bool = False


@dataclass(frozen=True)
class Passage:
    """A passage of the set with its exhaustive labels and the spans that are never noise."""

    id: str
    lang: str
    text: str
    origin: str
    labels: tuple[Label, ...]
    accepts: tuple[tuple[int, int], ...]


@dataclass
class LabelResult:
    label: Label
    match: Candidate | None
    found: bool
    resolved: bool


@dataclass
class PassageResult:
    passage: Passage
    candidates: list[Candidate]
    labels: list[LabelResult]
    matched: list[Candidate] = field(default_factory=list)
    accepted: list[Candidate] = field(default_factory=list)
    noise: list[Candidate] = field(default_factory=list)
    confusions: list[str] = field(default_factory=list)
    """Namesake confusions: a label's ref linked to another person of the same surname."""
    wrong_links: list[str] = field(default_factory=list)
    """Every prediction that links a labelled span to a record other than the labelled one."""


# -- reading the set ------------------------------------------------------------------------------


def span_of(text: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """Where `quote` stands in `text` (its n-th occurrence, 1-based); ValueError if it does not."""
    starts = find_all(text, quote)
    if not starts:
        raise ValueError(f"{quote!r} does not occur in the passage")
    n = occurrence or 1
    if len(starts) > 1 and occurrence is None:
        raise ValueError(f"{quote!r} occurs {len(starts)} times: give its occurrence")
    if not 1 <= n <= len(starts):
        raise ValueError(f"{quote!r} has no occurrence {n} (it occurs {len(starts)} times)")
    return starts[n - 1], starts[n - 1] + len(quote)


def read_passages(files: Iterable[Path] | None = None) -> list[Passage]:
    """Every passage of the set (both languages), with each label's span located."""
    out = []
    for path in files if files is not None else [EVAL / name for name in LABEL_FILES]:
        for item in load_yaml(path):
            text = item["text"]
            labels = []
            for spec in item.get("expect") or []:
                start, end = span_of(text, spec["text"], spec.get("occurrence"))
                attrs = {k: v for k, v in spec.items() if k not in {"kind", "text", "occurrence", "required"}}
                labels.append(
                    Label(item["id"], item["lang"], spec["kind"], spec["text"], start, end, attrs,
                          bool(spec.get("required")))
                )  # fmt: skip
            accepts = tuple(span_of(text, a["text"], a.get("occurrence")) for a in item.get("accept") or [])
            out.append(Passage(item["id"], item["lang"], text, str(item["origin"]), tuple(labels), accepts))
    return out


def raw_items(files: Iterable[Path] | None = None) -> list[dict[str, Any]]:
    """The passages as written in the files (for the checks of the set itself)."""
    items: list[dict[str, Any]] = []
    for path in files if files is not None else [EVAL / name for name in LABEL_FILES]:
        items += load_yaml(path)
    return items


def vocabularies() -> dict[str, frozenset[str]]:
    """The controlled values a label may use: the schema's enums, and the registries' ids."""
    registry = ROOT / "seeds" / "registry"
    ids: dict[str, frozenset[str]] = {}
    for kind, key in (("actor", "actor_id"), ("place", "place_id"), ("initiative", "initiative_id")):
        rows = load_yaml(registry / f"{kind}s.yaml")
        ids[kind] = frozenset(str(row[key]) for row in rows)
    return {
        **ids,
        "comparator": frozenset(c.value for c in Comparator),
        "precision": frozenset(p.value for p in DatePrecision),
        "unit": frozenset([*(u.value for u in Unit), *EXTRA_UNITS]),
    }


# -- scoring ----------------------------------------------------------------------------------------


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _same(x: Any, y: Any) -> bool:
    if isinstance(x, (int, float)) and isinstance(y, (int, float)):
        return math.isclose(float(x), float(y), rel_tol=1e-9)
    return bool(x == y)


def resolves(label: Label, c: Candidate) -> bool:
    """Whether a found prediction also gets every labelled attribute right."""
    a = label.attrs
    if label.kind == "amount":
        wanted = {"value": a.get("value"), "unit": a.get("unit"), "currency": a.get("currency")}
        if "comparator" in a:
            wanted["comparator"] = a["comparator"]
        return c.kind == "amount" and all(_same(getattr(c, k), v) for k, v in wanted.items())
    if label.kind == "number":
        return c.kind in {"number", "amount"} and c.unit is None and _same(c.value, a.get("value"))
    if label.kind == "date":
        return c.kind == "date" and c.edtf == a.get("edtf") and c.precision == a.get("precision")
    if label.kind == "time":
        return c.kind == "time"
    if a.get("ref") is not None:
        kind, ref = label.kind, a["ref"]
        return c.ref == ref and (c.kind == kind or f"{kind}:{ref}" in c.alternatives)
    longer = max(label.end - label.start, c.end - c.start)
    return (
        c.ref is None and _overlap((label.start, label.end), (c.start, c.end)) / longer >= MIN_SPAN_AGREEMENT
    )


def _surname(ref: str, persons: dict[str, str]) -> str | None:
    name = persons.get(ref)
    if not name:
        return None
    last = fold(name.split()[-1])
    return last[2:] if last.startswith("ال") else last


def persons() -> dict[str, str]:
    """Registry people: id → Arabic name (for namesake confusions): the Arabic reference name of a
    person the texts write only in Latin script ("عمر السغروشني" for "Omar Seghrouchni")."""
    rows = load_yaml(ROOT / "seeds" / "registry" / "actors.yaml")
    return {
        str(r["actor_id"]): str(r.get("ref_name_ar") or r["name_ar"])
        for r in rows
        if r.get("kind") == "person"
    }


def score(passage: Passage, candidates: list[Candidate], people: dict[str, str]) -> PassageResult:
    """Match one passage's predictions with its labels."""
    result = PassageResult(passage, candidates, [])
    for label in passage.labels:
        span = (label.start, label.end)
        found = [
            c for c in candidates if c.kind in COMPATIBLE[label.kind] and _overlap(span, (c.start, c.end))
        ]
        best = max(found, key=lambda c: (resolves(label, c), _overlap(span, (c.start, c.end))), default=None)
        resolved = best is not None and resolves(label, best)
        result.labels.append(LabelResult(label, best, best is not None, resolved))
        ref = label.attrs.get("ref")
        for c in found:
            if c.ref is None or c.ref == ref:
                continue
            what = ref or f"outside the registries ({label.kind})"
            line = f"{passage.id}: {label.text!r} is {what}, linked to {c.ref} ({c.text!r})"
            result.wrong_links.append(line)
            surname = _surname(ref, people) if ref else None
            if surname is not None and surname == _surname(c.ref, people):
                result.confusions.append(line)
    for c in candidates:
        span = (c.start, c.end)
        if any(c.kind in COMPATIBLE[lb.kind] and _overlap(span, (lb.start, lb.end)) for lb in passage.labels):
            result.matched.append(c)
        elif any(_overlap(span, a) for a in passage.accepts):
            result.accepted.append(c)
        else:
            result.noise.append(c)
    return result


def evaluate(passages: list[Passage], lexicon: Lexicon | None) -> list[PassageResult]:
    """Run the finder on every passage and score it."""
    people = persons()
    return [score(p, find(p.text, lexicon), people) for p in passages]


def unresolved_required(result: PassageResult) -> list[str]:
    """The required labels of a passage the finder did not resolve (what the regression test checks)."""
    return [
        f"{r.label.kind} {r.label.text!r} {r.label.attrs}: got {_show(r.match)}"
        for r in result.labels
        if r.label.required and not r.resolved
    ]


def _show(c: Candidate | None) -> str:
    if c is None:
        return "nothing"
    keys = ("kind", "value", "unit", "currency", "comparator", "edtf", "precision", "ref", "alternatives")
    return f"{c.text!r} " + ", ".join(
        f"{k}={getattr(c, k)!r}" for k in keys if getattr(c, k) not in (None, ())
    )


# -- figures ----------------------------------------------------------------------------------------


def _ratio(n: int, d: int) -> str:
    return f"{n}/{d} = {100 * n / d:5.1f}%" if d else "n/a"


def figures(results: list[PassageResult], lang: str) -> dict[str, str]:
    """Issue 16's four done criteria for one language."""
    rs = [r for r in results if r.passage.lang == lang]
    labels = [lr for r in rs for lr in r.labels]
    amounts = [lr for lr in labels if lr.label.kind == "amount"]
    dates = [lr for lr in labels if lr.label.kind == "date"]
    actors = [lr for lr in labels if lr.label.kind == "actor" and lr.label.attrs.get("ref")]
    precise = [
        lr for lr in dates
        if lr.match is not None and lr.match.kind == "date"
        and lr.match.precision == lr.label.attrs.get("precision")
    ]  # fmt: skip
    predictions = sum(len(r.candidates) for r in rs)
    noise = sum(len(r.noise) for r in rs)
    return {
        "amounts resolved": _ratio(sum(lr.resolved for lr in amounts), len(amounts)),
        "dates with correct precision": _ratio(len(precise), len(dates)),
        "known actors linked": _ratio(sum(lr.resolved for lr in actors), len(actors)),
        "namesake confusions": str(sum(len(r.confusions) for r in rs)),
        "noise share": _ratio(noise, predictions),
    }


def by_kind(results: list[PassageResult], lang: str) -> list[tuple[str, str, str, str, str]]:
    """Per kind: recall and resolved (by label kind), precision and noise share (by prediction kind)."""
    rs = [r for r in results if r.passage.lang == lang]
    found: Counter[str] = Counter()
    resolved: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for lr in (lr for r in rs for lr in r.labels):
        total[lr.label.kind] += 1
        found[lr.label.kind] += lr.found
        resolved[lr.label.kind] += lr.resolved
    predicted: Counter[str] = Counter(c.kind for r in rs for c in r.candidates)
    matched: Counter[str] = Counter(c.kind for r in rs for c in r.matched)
    noisy: Counter[str] = Counter(c.kind for r in rs for c in r.noise)
    kinds = [
        k for k in (*LABEL_KINDS, *sorted(set(predicted) - set(LABEL_KINDS))) if total[k] or predicted[k]
    ]
    return [
        (k, _ratio(found[k], total[k]), _ratio(resolved[k], total[k]),
         _ratio(matched[k], predicted[k]), _ratio(noisy[k], predicted[k]))
        for k in kinds
    ]  # fmt: skip


# -- drafts of whole articles -----------------------------------------------------------------------


@dataclass
class ArticleCheck:
    name: str
    yaml_ok: bool
    """The strict YAML reader (yamlfiles.load_yaml) reads the draft."""
    as_written: list[str]
    """The build's annotation reader's problems with the draft as written (only its status is
    expected)."""
    reviewed: list[str]
    """The reader's problems once every TODO a curator fills is filled mechanically (status,
    glosses, reasons), as tests/test_draft.py does: none expected."""
    audit: list[str]
    """The build's audit's problems with the reviewed draft (its waivers are read there, not by
    the reader): none expected."""
    gaps: int
    """Candidates the audit finds that the reviewed draft neither cites nor waives."""

    @property
    def read(self) -> bool:
        """The brief's criterion: valid YAML that the build's reader accepts, status aside."""
        return self.yaml_ok and self.as_written == [f" status: {STATUS_PROBLEM}"] and not self.reviewed


STATUS_PROBLEM = "status is 'draft': a curator must review this draft and set status: reviewed"
_REVIEW = (("\nstatus: draft\n", "\nstatus: reviewed\n"), ("gloss: TODO", "gloss: checked"),
           ('reason: ""', "reason: checked"))  # fmt: skip


def check_article(article: Path, lexicon: Lexicon | None) -> ArticleCheck:
    """Draft an article in a scratch project and read the draft as the build would."""
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        shutil.copytree(ROOT / "seeds" / "registry", seeds / "registry")
        copy = seeds / article.name
        shutil.copyfile(article, copy)
        path = draft(copy, lexicon=lexicon)
        try:
            yaml_ok = isinstance(load_yaml(path), dict)
        except ValueError:
            yaml_ok = False
        mine = path.name

        def described(problems: Iterable[Problem]) -> list[str]:
            return [f"{p.record} {p.field}: {p.message}" for p in problems if p.file.endswith(mine)]

        as_written = described(read_curation(seeds).problems)
        text = path.read_text(encoding="utf-8")
        for old, new in _REVIEW:
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
        cur = read_curation(seeds)
        report = audit_curation(cur, seeds)
        gaps = sum(len(s.gaps) for s in report.sources)
        return ArticleCheck(
            article.name, yaml_ok, as_written, described(cur.problems), described(report.problems), gaps
        )


def check_articles(lexicon: Lexicon | None, directory: Path = EVAL) -> list[ArticleCheck]:
    """Every article of a set (a set without an articles/ folder has none)."""
    return [check_article(p, lexicon) for p in sorted((directory / "articles").glob("*.txt"))]


def mark_resolved(results: list[PassageResult], directory: Path = EVAL) -> int:
    """Mark `required: true` on every resolved label not yet marked, editing the files' label
    lines in place (one flow mapping per line) so comments and layout stay as written."""
    resolved = {(r.passage.id, i) for r in results for i, lr in enumerate(r.labels) if lr.resolved}
    marked = 0
    for name in LABEL_FILES:
        path = directory / name
        lines, pid, index, section = [], "", -1, ""
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
            if line.startswith("- id: "):
                pid, index, section = line[len("- id: ") :].strip(), -1, ""
            elif line.rstrip() in {"  expect:", "  accept:"}:
                section = line.strip()
            elif section == "expect:" and line.startswith("    - {"):
                index += 1
                body = line.rstrip("\n")
                if (pid, index) in resolved and "required:" not in body and body.endswith("}"):
                    line, marked = body[:-1] + ", required: true}\n", marked + 1
            lines.append(line)
        path.write_text("".join(lines), encoding="utf-8")
    return marked


# -- report -----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every miss, unresolved label and noise")
    parser.add_argument(
        "--mark-resolved",
        action="store_true",
        help="add `required: true` to every label the finder resolves (review the diff before committing)",
    )
    parser.add_argument(
        "--json", type=Path, metavar="PATH", help="also write the figures as JSON, to compare runs"
    )
    parser.add_argument(
        "--set",
        type=Path,
        default=EVAL,
        metavar="DIR",
        dest="directory",
        help="the set to score: a folder with ar.yaml and fr.yaml (default: the held-out tests/finder_eval)",
    )
    args = parser.parse_args(argv)
    directory: Path = args.directory
    lexicon = Lexicon(installed_entries())
    passages = read_passages([directory / name for name in LABEL_FILES if (directory / name).exists()])
    results = evaluate(passages, lexicon)
    if args.mark_resolved:
        print(f"{mark_resolved(results, directory)} labels newly marked required")
    n_labels = sum(len(p.labels) for p in passages)
    constructed = sum(p.origin == "constructed" for p in passages)
    print(f"{len(passages)} passages ({constructed} constructed), {n_labels} labels")
    for lang in LANGUAGES:
        rs = [r for r in results if r.passage.lang == lang]
        print(f"\n== {lang}: {len(rs)} passages, {sum(len(r.labels) for r in rs)} labels, "
              f"{sum(len(r.candidates) for r in rs)} predictions")  # fmt: skip
        for name, value in figures(results, lang).items():
            print(f"  {name:30} {value}")
        print(f"  {'kind':13} {'recall':>18} {'resolved':>18} {'precision':>18} {'noise':>18}")
        for row in by_kind(results, lang):
            print(f"  {row[0]:13} " + " ".join(f"{v:>18}" for v in row[1:]))
    confusions = [line for r in results for line in r.confusions]
    wrong = [line for r in results for line in r.wrong_links if line not in confusions]
    print("\nnamesake confusions:" + ("" if confusions else " none"))
    for line in confusions:
        print(f"  {line}")
    print("other wrong links:" + ("" if wrong else " none"))
    for line in wrong:
        print(f"  {line}")
    checks = check_articles(lexicon, directory)
    if args.json:
        summary: dict[str, Any] = {
            lang: {"figures": figures(results, lang), "by_kind": by_kind(results, lang)} for lang in LANGUAGES
        }
        summary["confusions"] = confusions
        summary["wrong_links"] = wrong
        summary["articles"] = {c.name: {"read": c.read, "audit": c.audit, "gaps": c.gaps} for c in checks}
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(
        "\narticles: draft → strict YAML → build's reader (status aside);"
        " after a mechanical review, reader and audit"
    )
    for check in checks:
        read = "accepts" if check.read else "REFUSES"
        audit = "audit ok" if not check.audit and not check.gaps else f"audit: {len(check.audit)} problems"
        print(f"  {check.name}: yaml {'ok' if check.yaml_ok else 'bad'}, reader {read}, {audit}, "
              f"{check.gaps} gaps")  # fmt: skip
        for line in [
            *(p for p in check.as_written if STATUS_PROBLEM not in p),
            *check.reviewed,
            *check.audit,
        ]:
            print(f"    {line}")
    if args.details:
        _details(results)
    return 0


def _details(results: list[PassageResult]) -> None:
    missed: dict[str, list[str]] = defaultdict(list)
    for r in results:
        for lr in r.labels:
            if not lr.resolved:
                state = "unresolved" if lr.found else "missed"
                missed[r.passage.id].append(
                    f"{state} {lr.label.kind} {lr.label.text!r}: got {_show(lr.match)}"
                )
        for c in r.noise:
            missed[r.passage.id].append(f"noise {_show(c)}")
    print("\ndetails:")
    for pid, lines in missed.items():
        print(f"  {pid}")
        for line in lines:
            print(f"    {line}")


if __name__ == "__main__":
    sys.exit(main())
