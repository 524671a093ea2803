"""Every model accepts the real records and rejects malformed ones with a clear reason."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

import moroccodigital as md
from moroccodigital.definitions.models import MODELS, Record


def _first(table: str) -> dict[str, Any]:
    return md.records(table)[0].model_dump()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.table)
def test_every_real_record_validates(model: type[Record]) -> None:
    for record in md.records(model.table):
        assert model.model_validate(record.model_dump()) == record


@pytest.mark.parametrize(
    ("table", "change", "reason"),
    [
        ("sources", {"body_end": 0}, "body_start must be before body_end"),
        ("actors", {"country": "Morocco"}, "should match pattern"),
        ("actors", {"actor_id": "Sarah Lamrani"}, "should match pattern"),
        ("actors", {"named": False, "description": None}, "unnamed actor needs a description"),
        ("actors", {"kind": "planet"}, "Input should be"),
        ("actors", {"nickname": "x"}, "Extra inputs are not permitted"),
        (
            "actors",
            {"name_ar": "Omar Seghrouchni", "ref_name_ar": "عمر السغروشني", "ref_name_ar_url": None},
            "a reference name needs its page",
        ),
        (
            "actors",
            {
                "name_ar": "Omar Seghrouchni",
                "ref_name_ar": "Omar",
                "ref_name_ar_url": "https://m.alyaoum24.com/1347455.html",
            },
            "in Arabic letters only",
        ),
        (
            "actors",
            {
                "name_ar": "المغرب",
                "ref_name_ar": "المملكة",
                "ref_name_ar_url": "https://m.alyaoum24.com/1347455.html",
            },
            "only for an actor whose name_ar has no Arabic letter",
        ),
        ("aliases", {"alias_ar": ""}, "at least 1 character"),
        ("places", {"latitude": 95.0}, "less than or equal to 90"),
        ("events", {"mode": "visit", "event_type": "AID"}, "mode is defined for CONSULT events only"),
        (
            "events",
            {"date_edtf": "XXXX-02-10", "date_lower": "2024-02-10", "date_upper": "2024-02-10"},
            "unstated year",
        ),
        ("events", {"date_lower": "2025-01-02", "date_upper": "2025-01-01"}, "is after upper bound"),
        (
            "events",
            {"corroborated_edtf": "2025-03-17", "corroborated_url": None},
            "needs its corroborated_url",
        ),
        ("event_participants", {"role": "spectator"}, "Input should be"),
        ("agreements", {"amount": 5.0, "currency": None}, "amount and currency go together"),
        ("targets", {"value": None}, "value is null exactly when"),
        ("targets", {"value": -1.0}, "greater than or equal to 0"),
        ("targets", {"value": float("inf")}, "finite"),
        ("targets", {"unit": "jobs"}, "currency is given exactly when"),
        ("targets", {"deadline_basis": "none"}, "deadline_basis is 'none' exactly when"),
        ("evidence", {"end": 1}, "end - start must equal the length of quote"),
    ],
)
def test_malformed_records_are_rejected(table: str, change: dict[str, Any], reason: str) -> None:
    model = next(m for m in MODELS if m.table == table)
    with pytest.raises(ValidationError, match=reason):
        model.model_validate({**_first(table), **change})
