"""Curated rows -> validated records: models, keys, references, evidence, codes and dates."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from pydantic import ValidationError

from moroccodigital.curation import Curation, Row
from moroccodigital.datapackage import column_type, model_for
from moroccodigital.enums import AliasKind
from moroccodigital.errors import Problem
from moroccodigital.models import MODELS, Evidence, Record

Tables = dict[str, list[Record]]

EDTF_COLUMNS = (
    ("date_edtf", "date_lower", "date_upper"),
    ("corroborated_edtf", "corroborated_lower", "corroborated_upper"),
    ("deadline_edtf", "deadline_lower", "deadline_upper"),
)
"""EDTF columns with the bound columns stated beside them."""


def validate(cur: Curation) -> tuple[Tables, list[Problem]]:
    """Validate every row against its model and every record against the others."""
    problems = list(cur.problems)
    rows = _prepare_aliases(cur.rows, problems)
    tables: Tables = {m.table: [] for m in MODELS}
    origin: dict[tuple[str, str], str] = {}
    invalid: set[tuple[str, str]] = set()
    for row in rows:
        record = _to_model(row, problems)
        if record is not None:
            tables[row.table].append(record)
            origin[(row.table, _key(record))] = row.file
        else:
            invalid.add((row.table, str(row.data.get(model_for(row.table).primary_key[0]))))
    tables["evidence"] = _evidence(cur, problems)
    problems += _check_keys(tables, origin, invalid)
    problems += _check_coverage(tables, origin)
    problems += _check_codes(tables, origin)
    return tables, problems


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


def _to_model(row: Row, problems: list[Problem]) -> Record | None:
    model = model_for(row.table)
    record_name = str(row.data.get(model.primary_key[0], "?"))
    try:
        return model.model_validate(_fill_nulls(row.table, row.data))
    except ValidationError as err:
        for e in err.errors():
            where = ".".join(str(p) for p in e["loc"]) or "(record)"
            got = (
                f" (got {e['input']!r})"
                if e["type"] != "missing" and not isinstance(e["input"], dict)
                else ""
            )
            problems.append(Problem(row.file, f"{row.table}/{record_name}", where, e["msg"] + got))
        return None


def _prepare_aliases(rows: list[Row], problems: list[Problem]) -> list[Row]:
    """One alias row per surface form; alias_kind defaults to 'name' when it is the actor's name."""
    names = {r.data.get("actor_id"): r.data.get("name_ar") for r in rows if r.table == "actors"}
    out: list[Row] = []
    seen: dict[str, dict[str, Any]] = {}
    for row in rows:
        if row.table != "aliases":
            out.append(row)
            continue
        data = dict(row.data)
        if data.get("alias_kind") is None:
            if names.get(data["actor_id"]) == data["alias_ar"]:
                data["alias_kind"] = AliasKind.NAME.value
            else:
                problems.append(
                    Problem(
                        row.file,
                        f"aliases/{data['actor_id']}",
                        "alias_kind",
                        f"{data['alias_ar']!r} differs from the actor's name_ar; say which kind it is",
                    )
                )
                continue
        previous = seen.get(data["alias_id"])
        if previous is None:
            seen[data["alias_id"]] = data
            out.append(Row("aliases", data, row.file))
        elif previous["alias_kind"] != data["alias_kind"]:
            problems.append(
                Problem(
                    row.file,
                    f"aliases/{data['actor_id']}",
                    "alias_kind",
                    f"{data['alias_ar']!r} is given two different kinds",
                )
            )
    return out


def _evidence(cur: Curation, problems: list[Problem]) -> list[Record]:
    """Number each record's passages in text order: ids do not depend on annotation order."""
    ordered = sorted(
        cur.evidence, key=lambda e: (e["record_table"], e["record_id"], e["source_id"], e["start"], e["end"])
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
                problems.append(
                    Problem(ev["file"], f"evidence/{ev['record_id']}", ".".join(map(str, e["loc"])), e["msg"])
                )
    return out


def _check_keys(
    tables: Tables, origin: dict[tuple[str, str], str], invalid: set[tuple[str, str]]
) -> list[Problem]:
    """Unique primary keys; every reference resolves (references to rows already reported invalid
    are not reported again)."""
    problems: list[Problem] = []
    keys: dict[str, set[str]] = {}
    for model in MODELS:
        seen: set[str] = set()
        for record in tables[model.table]:
            key = _key(record)
            if key in seen:
                problems.append(
                    Problem(
                        origin.get((model.table, key), "?"),
                        f"{model.table}/{key}",
                        "/".join(model.primary_key),
                        "duplicate id",
                    )
                )
            seen.add(key)
        keys[model.table] = {str(getattr(r, model.primary_key[0])) for r in tables[model.table]}
    for model in MODELS:
        for record in tables[model.table]:
            for column, ref in model.foreign_keys.items():
                value = getattr(record, column)
                ref_table = ref.split(".")[0]
                if (
                    value is not None
                    and str(value) not in keys[ref_table]
                    and (ref_table, str(value)) not in invalid
                ):
                    problems.append(
                        Problem(
                            origin.get((model.table, _key(record)), "?"),
                            f"{model.table}/{_key(record)}",
                            column,
                            f"refers to {value!r}, which is not in {ref_table}",
                        )
                    )
    for ev in tables["evidence"]:
        assert isinstance(ev, Evidence)
        if (
            ev.record_id not in keys[ev.record_table.value]
            and (ev.record_table.value, ev.record_id) not in invalid
        ):
            problems.append(
                Problem(
                    "evidence",
                    ev.evidence_id,
                    "record_id",
                    f"{ev.record_id!r} is not in {ev.record_table.value}",
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
                    )
                )
    return problems


def _check_codes(tables: Tables, origin: dict[tuple[str, str], str]) -> list[Problem]:
    """ISO 3166-1 and ISO 4217 codes exist; EDTF strings parse and agree with their bounds."""
    import edtf
    import pycountry

    problems = []
    for model in MODELS:
        for record in tables[model.table]:
            where = (origin.get((model.table, _key(record)), "?"), f"{model.table}/{_key(record)}")
            for column in ("country", "iso3166_alpha3", "attributed_country"):
                code = getattr(record, column, None)
                if code is not None and pycountry.countries.get(alpha_3=code) is None:
                    problems.append(Problem(*where, column, f"{code!r} is not an ISO 3166-1 alpha-3 code"))
            currency = getattr(record, "currency", None)
            if currency is not None and pycountry.currencies.get(alpha_3=currency) is None:
                problems.append(Problem(*where, "currency", f"{currency!r} is not an ISO 4217 code"))
            for column, low, high in EDTF_COLUMNS:
                value = getattr(record, column, None)
                if value is not None:
                    problems += _check_edtf(
                        edtf, value, getattr(record, low), getattr(record, high), where, column
                    )
    return problems


def _check_edtf(
    edtf: Any, value: str, lower: date | None, upper: date | None, where: tuple[str, str], column: str
) -> list[Problem]:
    try:
        parsed = edtf.parse_edtf(value)
    except Exception as err:  # the edtf package raises its own and pyparsing errors
        return [Problem(*where, column, f"{value!r} is not valid EDTF ({type(err).__name__})")]
    if any(c in value for c in "X?~%") or ".." in value:
        return []
    expected = (date(*parsed.lower_strict()[:3]), date(*parsed.upper_strict()[:3]))
    if (lower, upper) != expected:
        return [
            Problem(
                *where,
                column,
                f"{value!r} spans {expected[0]}..{expected[1]}, but the bounds say {lower}..{upper}",
            )
        ]
    return []
