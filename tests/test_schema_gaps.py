"""Gaps found coding real articles (issue 17), each closed in the schema and checked here."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT
from pydantic import ValidationError

import moroccodigital as md
from moroccodigital.curation import checks
from moroccodigital.curation.annotations import read_curation
from moroccodigital.curation.written_forms import script_of
from moroccodigital.definitions.enums import AgreementStatus, AgreementType, DatePrecision, Script, Unit
from moroccodigital.definitions.models import Agreement, Event, InitiativeAlias, Source
from moroccodigital.finder import amounts as P
from moroccodigital.finder import extract

EVENT: dict[str, Any] = {
    "event_id": "a-visit",
    "source_id": "a-source",
    "event_type": "CONSULT",
    "mode": None,
    "title_en": "A visit",
    "summary_en": "Someone visited.",
    "part_of_event_id": None,
    "is_aggregate": False,
    "date_text": None,
    "date_edtf": None,
    "date_precision": "unknown",
    "date_lower": None,
    "date_upper": None,
    "date_note": None,
    "corroborated_edtf": None,
    "corroborated_lower": None,
    "corroborated_upper": None,
    "corroborated_url": None,
    "corroborated_note": None,
}
AGREEMENT: dict[str, Any] = {
    **{k: v for k, v in EVENT.items() if k.startswith(("date", "corroborated"))},
    "agreement_id": "an-agreement",
    "source_id": "a-source",
    "agreement_type": "mou",
    "status": "signed",
    "title_en": "An agreement",
    "purpose_en": "To cooperate.",
    "place_id": None,
    "event_id": None,
    "initiative_id": None,
    "amount": None,
    "currency": None,
}


def test_every_unit_the_finder_emits_is_a_unit_of_the_targets_table() -> None:
    emitted = {*P.CAPACITIES.values(), *P.PEOPLE.values(), "currency", "percent"}
    assert emitted <= {u.value for u in Unit}


def test_percent_and_megahertz_amounts_of_the_finder_carry_schema_units() -> None:
    found = extract.find("بنسبة 30 في المائة على تردد 3500 ميغاهرتز", lang="ar")
    units = {c.unit for c in found if c.kind == "amount"}
    assert {"percent", "megahertz"} <= units
    assert units <= {u.value for u in Unit}


def test_the_finders_hijri_precision_is_a_date_precision() -> None:
    found = [c for c in extract.find("وذلك يوم 15 رمضان 1446", lang="ar") if c.kind == "date"]
    assert [c.precision for c in found] == ["hijri_day"]
    assert DatePrecision(found[0].precision) is DatePrecision.HIJRI_DAY


def test_a_hijri_date_keeps_its_text_without_a_gregorian_edtf() -> None:
    event = Event.model_validate({**EVENT, "date_text": "15 رمضان 1446", "date_precision": "hijri_day"})
    assert event.date_edtf is None


def test_a_hijri_date_given_a_gregorian_edtf_is_refused() -> None:
    hijri = {**EVENT, "date_text": "15 رمضان 1446", "date_precision": "hijri_day", "date_edtf": "2025-03-15"}
    with pytest.raises(ValidationError, match="no Gregorian EDTF"):
        Event.model_validate({**hijri, "date_lower": date(2025, 3, 15), "date_upper": date(2025, 3, 15)})


def test_a_hijri_date_without_its_text_is_refused() -> None:
    with pytest.raises(ValidationError, match="keeps its text"):
        Event.model_validate({**EVENT, "date_precision": "hijri_month"})


@pytest.mark.parametrize("status", ["planned", "announced"])
def test_an_agreement_may_be_planned_or_announced(status: str) -> None:
    assert Agreement.model_validate({**AGREEMENT, "status": status}).status is AgreementStatus(status)


@pytest.mark.parametrize("kind", ["partnership", "licence"])
def test_an_agreement_may_be_a_partnership_or_a_licence(kind: str) -> None:
    agreement = Agreement.model_validate({**AGREEMENT, "agreement_type": kind})
    assert agreement.agreement_type is AgreementType(kind)


def test_a_source_records_whether_its_text_is_full_or_an_excerpt() -> None:
    row = md.load("sources").iloc[0].to_dict()
    fields = {k: (None if v is None or v != v else v) for k, v in row.items()}
    fields.update(body_start=int(row["body_start"]), body_end=int(row["body_end"]), coverage="excerpt")
    assert Source.model_validate(fields).coverage is not None
    with pytest.raises(ValidationError):
        Source.model_validate({**fields, "coverage": "partial"})


@pytest.mark.parametrize(
    ("text", "script"),
    [("Ryad Mezzour", Script.LATN), ("رياض مزور", Script.ARAB), ("مجموعة Onepoint", Script.MIXED)],
)
def test_the_script_of_a_written_form_is_read_from_its_letters(text: str, script: Script) -> None:
    assert script_of(text) is script


def test_every_ar_column_has_a_neutral_twin_with_the_same_text() -> None:
    for table, curated, neutral in [
        ("actors", "name_ar", "name"),
        ("aliases", "alias_ar", "alias"),
        ("roles", "title_ar", "title_text"),
        ("places", "name_ar", "name"),
        ("initiatives", "name_ar", "name"),
    ]:
        frame = md.load(table)
        assert frame[curated].equals(frame[neutral].rename(curated)), table


def test_a_roles_language_is_the_language_of_its_source() -> None:
    roles = md.load("roles").merge(md.load("sources")[["source_id", "language"]], on="source_id")
    assert (roles["title_language"] == roles["language"]).all()


def test_latin_text_in_an_arabic_column_is_marked_latin() -> None:
    aliases = md.load("aliases")
    latin = aliases[aliases["alias_script"] == "Latn"]
    assert len(latin) and all(script_of(a) is Script.LATN for a in latin["alias"])


def _with_initiative_alias(tmp_path: Path, alias: str) -> tuple[checks.Tables, list[Any]]:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    seed = tmp_path / "seeds" / "004_870762d835b40ab6.yaml"
    old = "quote: «Morocco AI 2030», occurrence: [1, 2, 3], gloss: «Morocco AI 2030»}"
    text = seed.read_text(encoding="utf-8")
    assert old in text
    seed.write_text(text.replace(old, old[:-1] + f", alias: {alias}, alias_kind: variant}}"), "utf-8")
    return checks.check_curation(read_curation(tmp_path / "seeds"))


def test_an_initiative_mentioned_by_another_name_gets_an_evidenced_alias(tmp_path: Path) -> None:
    tables, problems = _with_initiative_alias(tmp_path, "Morocco AI 2030")
    assert problems == []
    (alias,) = [a for a in tables["initiative_aliases"] if a.alias == "Morocco AI 2030"]
    assert isinstance(alias, InitiativeAlias)
    assert (alias.initiative_id, alias.alias_script) == ("morocco-ai-2030", Script.LATN)
    cited = [e for e in tables["evidence"] if e.record_id == alias.alias_id]
    assert len(cited) == 3


def test_an_initiative_alias_that_is_not_in_its_quote_is_refused(tmp_path: Path) -> None:
    _, problems = _with_initiative_alias(tmp_path, "Maroc IA 2030")
    assert any("is not part of the quote" in p.message for p in problems)
