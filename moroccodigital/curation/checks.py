"""Curated rows -> validated records: models, keys, references, evidence, codes and dates."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import ValidationError

from moroccodigital.curation import occurrences, written_forms
from moroccodigital.curation.free_text import check_years
from moroccodigital.curation.raw_rows import Curation, Row
from moroccodigital.definitions.columns import column_type, model_for
from moroccodigital.definitions.enums import AliasKind
from moroccodigital.definitions.models import MODELS, Evidence, Record
from moroccodigital.errors import Problem

Tables = dict[str, list[Record]]

EDTF_COLUMNS = (
    ("date_edtf", "date_lower", "date_upper"),
    ("corroborated_edtf", "corroborated_lower", "corroborated_upper"),
    ("deadline_edtf", "deadline_lower", "deadline_upper"),
    ("implied_deadline_edtf", "implied_deadline_lower", "implied_deadline_upper"),
)
"""EDTF columns with the bound columns stated beside them."""


def check_curation(cur: Curation) -> tuple[Tables, list[Problem]]:
    """Validate every row against its model and every record against the others.

    Each mistake is reported once, where it stands: for rows that depend on a record already
    reported invalid (its links, its aliases, its passages), errors in the key and reference
    columns, which only repeat the parent's, are not reported again."""
    problems = list(cur.problems)
    rows = written_forms.fill(_prepare_aliases(_unique(cur.rows, problems), problems))
    order = {m.table: i for i, m in enumerate(MODELS)}
    tables: Tables = {m.table: [] for m in MODELS}
    origin: dict[tuple[str, str], str] = {}
    invalid: set[tuple[str, str]] = set()
    for row in sorted(rows, key=lambda r: order[r.table]):
        model = model_for(row.table)
        key = str(row.data.get(model.primary_key[0]))
        parents = {(ref.split(".")[0], str(row.data.get(col))) for col, ref in model.foreign_keys.items()}
        quiet = {*model.foreign_keys, *model.primary_key} if parents & invalid else set()
        record = _to_model(row, problems, quiet)
        if record is None:
            invalid.add((row.table, key))
        else:
            tables[row.table].append(record)
            origin[(row.table, _key(record))] = row.file
    tables["evidence"] = _evidence(cur, problems, invalid)
    derived, grouping = occurrences.derive(tables, cur.occurrences, frozenset(invalid))
    tables.update(derived)
    problems += grouping
    problems += _check_keys(tables, origin, invalid)
    problems += _check_cycles(tables, origin)
    problems += _check_coverage(tables, origin)
    problems += _check_codes(tables, origin)
    problems += check_years(tables, _bodies(cur), _origin_of(tables, origin))
    return tables, problems


def _bodies(cur: Curation) -> dict[str, str]:
    """Each source's evidence-bearing text: its article body."""
    return {sid: "\n".join(cur.texts[sid][a:b] for a, b in spans) for sid, spans in cur.spans.items()}


def _origin_of(tables: Tables, origin: dict[tuple[str, str], str]) -> Callable[[str, Record], str]:
    """The file a record comes from (an evidence passage: its source's annotation file)."""
    files = {_key(s): origin.get(("sources", _key(s)), "?") for s in tables["sources"]}

    def where(table: str, record: Record) -> str:
        return origin.get((table, _key(record))) or files.get(str(getattr(record, "source_id", "")), "?")

    return where


ALIAS_TABLES = frozenset({"aliases", "initiative_aliases"})
"""Tables with one row per mention, merged by _prepare_aliases."""


def _unique(rows: list[Row], problems: list[Problem]) -> list[Row]:
    """The first row of each primary key wins; a later one is reported where it stands.
    (Alias rows repeat by design, one per mention: they are merged later.)"""
    first: dict[tuple[str, str], str] = {}
    out = []
    for row in rows:
        model = model_for(row.table)
        key = "|".join(str(row.data.get(k)) for k in model.primary_key)
        if row.table not in ALIAS_TABLES and (row.table, key) in first:
            message = f"duplicate id (first defined in {first[(row.table, key)]})"
            problems.append(
                Problem(row.file, f"{row.table}/{key}", "/".join(model.primary_key), message, "duplicate-id")
            )
            continue
        first.setdefault((row.table, key), row.file)
        out.append(row)
    return out


def _key(record: Record) -> str:
    return "|".join(str(getattr(record, k)) for k in record.primary_key)


def _fill_nulls(table: str, data: dict[str, Any]) -> dict[str, Any]:
    """Absent nullable columns are null; absent required ones stay absent (and fail)."""
    model = model_for(table)
    filled = dict(data)
    for name in model.model_fields:
        if name not in filled and column_type(model, name)[1]:
            filled[name] = None
    return filled


def _to_model(row: Row, problems: list[Problem], quiet: set[str]) -> Record | None:
    model = model_for(row.table)
    record_name = str(row.data.get(model.primary_key[0], "?"))
    try:
        return model.model_validate(_fill_nulls(row.table, row.data))
    except ValidationError as err:
        if row.reported:
            return None
        for e in err.errors():
            if e["loc"] and e["loc"][0] in quiet:
                continue
            where = ".".join(str(p) for p in e["loc"]) or "(record)"
            shown = e["type"] != "missing" and not isinstance(e["input"], dict)
            got = f" (got {e['input']!r})" if shown else ""
            problems.append(
                Problem(row.file, f"{row.table}/{record_name}", where, e["msg"] + got, "schema-invalid")
            )
        return None


def _prepare_aliases(rows: list[Row], problems: list[Problem]) -> list[Row]:
    """One alias row per surface form; alias_kind defaults to 'name' when it is the actor's name
    (for an unknown actor the dangling reference is what gets reported)."""
    names = {r.data.get("actor_id"): r.data.get("name_ar") for r in rows if r.table == "actors"}
    out: list[Row] = []
    seen: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row.table == "initiative_aliases":
            _merge_initiative_alias(row, seen, out, problems)
            continue
        if row.table != "aliases":
            out.append(row)
            continue
        data = dict(row.data)
        if data.get("alias_kind") is None:
            if data["actor_id"] not in names or names[data["actor_id"]] == data["alias_ar"]:
                data["alias_kind"] = AliasKind.NAME.value
            else:
                message = f"{data['alias_ar']!r} differs from the actor's name_ar; say which kind it is"
                problems.append(Problem(row.file, f"aliases/{data['actor_id']}", "alias_kind", message))
                continue
        previous = seen.get(data["alias_id"])
        if previous is None:
            seen[data["alias_id"]] = data
            out.append(Row("aliases", data, row.file))
        elif previous["alias_kind"] != data["alias_kind"]:
            message = f"{data['alias_ar']!r} is given two different kinds"
            problems.append(Problem(row.file, f"aliases/{data['actor_id']}", "alias_kind", message))
    return out


def _merge_initiative_alias(
    row: Row, seen: dict[str, dict[str, Any]], out: list[Row], problems: list[Problem]
) -> None:
    """One initiative alias per surface form; its kind is stated (an initiative has no name_ar rule)."""
    key = f"initiative:{row.data['alias_id']}"
    previous = seen.get(key)
    if previous is None:
        seen[key] = row.data
        out.append(row)
    elif previous.get("alias_kind") != row.data.get("alias_kind"):
        message = f"{row.data['alias']!r} is given two different kinds"
        problems.append(
            Problem(row.file, f"initiative_aliases/{row.data['initiative_id']}", "alias_kind", message)
        )


def _evidence(cur: Curation, problems: list[Problem], invalid: set[tuple[str, str]]) -> list[Record]:
    """Number each record's passages in text order: ids do not depend on annotation order."""
    ordered = sorted(
        (e for e in cur.evidence if (e["record_table"], e["record_id"]) not in invalid),
        key=lambda e: (e["record_table"], e["record_id"], e["source_id"], e["start"], e["end"]),
    )
    counters: dict[tuple[str, str], int] = defaultdict(int)
    seen: set[tuple[Any, ...]] = set()
    out: list[Record] = []
    for ev in ordered:
        identity = (ev["record_table"], ev["record_id"], ev["source_id"], ev["start"], ev["end"])
        if identity in seen:
            continue
        seen.add(identity)
        counters[identity[:2]] += 1
        data = {k: v for k, v in ev.items() if k != "file"}
        data["evidence_id"] = f"{ev['record_table']}--{ev['record_id']}--{counters[identity[:2]]}"
        try:
            out.append(Evidence.model_validate(data))
        except ValidationError as err:
            for e in err.errors():
                where = ".".join(map(str, e["loc"]))
                problems.append(
                    Problem(ev["file"], f"evidence/{ev['record_id']}", where, e["msg"], "schema-invalid")
                )
    return out


def _check_keys(
    tables: Tables, origin: dict[tuple[str, str], str], invalid: set[tuple[str, str]]
) -> list[Problem]:
    """Every reference resolves.  Each missing target is reported once, at its first reference,
    with the number of others; references to rows already reported invalid are not reported."""
    keys = {m.table: {str(getattr(r, m.primary_key[0])) for r in tables[m.table]} for m in MODELS}
    dangling: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for model in MODELS:
        for record in tables[model.table]:
            for column, ref in model.foreign_keys.items():
                value = getattr(record, column)
                target = (ref.split(".")[0], str(value))
                if value is not None and target[1] not in keys[target[0]] and target not in invalid:
                    where = origin.get((model.table, _key(record)), "?")
                    dangling[target].append((where, f"{model.table}/{_key(record)}", column))
    for ev in tables["evidence"]:
        assert isinstance(ev, Evidence)
        target = (ev.record_table.value, ev.record_id)
        if ev.record_id not in keys[target[0]] and target not in invalid:
            dangling[target].append(("evidence", ev.evidence_id, "record_id"))
    problems = []
    for (table, value), places in dangling.items():
        file, where, column = places[0]
        others = f" (and {len(places) - 1} other references)" if len(places) > 1 else ""
        problems.append(
            Problem(
                file,
                where,
                column,
                f"refers to {value!r}, which is not in {table}{others}",
                "dangling-reference",
            )
        )
    return problems


def _check_cycles(tables: Tables, origin: dict[tuple[str, str], str]) -> list[Problem]:
    """A record that is part of itself, directly or through others (an event part of its own
    sub-event, a place inside its own district) is refused: every hierarchy must end."""
    problems = []
    for model in MODELS:
        for column, ref in model.foreign_keys.items():
            if ref.split(".")[0] != model.table:
                continue
            parent = {_key(r): getattr(r, column) for r in tables[model.table]}
            reported: set[frozenset[str]] = set()
            for start in sorted(parent):
                seen, node = [start], parent[start]
                while node is not None and node not in seen and node in parent:
                    seen.append(node)
                    node = parent[node]
                if node == start and frozenset(seen) not in reported:
                    reported.add(frozenset(seen))
                    chain = " -> ".join([*seen, start])
                    problems.append(
                        Problem(
                            origin.get((model.table, start), "?"),
                            f"{model.table}/{start}",
                            column,
                            f"{column} makes a cycle ({chain}); a hierarchy must end",
                            "reference-cycle",
                        )
                    )
    return problems


def _check_coverage(tables: Tables, origin: dict[tuple[str, str], str]) -> list[Problem]:
    """Every record of an evidenced table has at least one passage."""
    covered = {(e.record_table.value, e.record_id) for e in tables["evidence"]}  # type: ignore[attr-defined]
    problems = []
    for model in MODELS:
        if model.table not in {t.value for t in Evidence.model_fields["record_table"].annotation}:  # type: ignore[union-attr]
            continue
        for record in tables[model.table]:
            key = _key(record)
            if (model.table, key) not in covered:
                problems.append(
                    Problem(
                        origin.get((model.table, key), "?"),
                        f"{model.table}/{key}",
                        "",
                        "has no evidence passage in any source",
                        "missing-evidence",
                    )
                )
    return problems


def _check_codes(tables: Tables, origin: dict[tuple[str, str], str]) -> list[Problem]:
    """ISO 3166-1 and ISO 4217 codes exist; EDTF strings parse and agree with their bounds."""
    import pycountry

    problems = []
    for model in MODELS:
        # only the columns this model has: a missing attribute costs a pydantic __getattr__ each time
        fields = model.model_fields
        countries = [c for c in ("country", "iso3166_alpha3", "attributed_country") if c in fields]
        currency = "currency" in fields
        edtf = [spec for spec in EDTF_COLUMNS if spec[0] in fields]
        if not (countries or currency or edtf):
            continue
        for record in tables[model.table]:
            where = (origin.get((model.table, _key(record)), "?"), f"{model.table}/{_key(record)}")
            for column in countries:
                code = getattr(record, column)
                if code is not None and pycountry.countries.get(alpha_3=code) is None:
                    problems.append(
                        Problem(*where, column, f"{code!r} is not an ISO 3166-1 alpha-3 code", "not-iso-3166")
                    )
            money = record.currency if currency else None  # type: ignore[attr-defined]
            if money is not None and pycountry.currencies.get(alpha_3=money) is None:
                problems.append(
                    Problem(*where, "currency", f"{money!r} is not an ISO 4217 code", "not-iso-4217")
                )
            for edtf_column, low, high in edtf:
                value = getattr(record, edtf_column)
                if value is not None:
                    problems += _check_edtf(
                        value, getattr(record, low), getattr(record, high), where, edtf_column
                    )
    return problems


def _check_edtf(
    value: str, lower: date | None, upper: date | None, where: tuple[str, str], column: str
) -> list[Problem]:
    span = _edtf_span(value)
    if isinstance(span, str):
        return [Problem(*where, column, f"{value!r} is not valid EDTF ({span})", "invalid-edtf")]
    if span is None:
        return []
    if (lower, upper) != span:
        return [
            Problem(
                *where,
                column,
                f"{value!r} spans {span[0]}..{span[1]}, but the bounds say {lower}..{upper}",
                "edtf-bounds",
            )
        ]
    return []


@functools.lru_cache(maxsize=4096)
def _edtf_span(value: str) -> tuple[date, date] | str | None:
    """The days an exact EDTF string spans, None for a vague one, or the parser's error name.

    Cached: parsing costs milliseconds per value, and a corpus repeats few distinct dates."""
    import edtf

    try:
        parsed = edtf.parse_edtf(value)
    except Exception as err:  # the edtf package raises its own and pyparsing errors
        return type(err).__name__
    if any(c in value for c in "X?~%") or ".." in value:
        return None
    return (date(*parsed.lower_strict()[:3]), date(*parsed.upper_strict()[:3]))
