"""Checks on the curators' own words: no note, summary or gloss states a year its text does not.

A year is the kind of fact a curator adds without noticing ("recalled during the 2024 visit"), and
the one this dataset promises never to guess.  Years known from outside reporting belong in the
columns that say they come from outside (`ref_*`, `corroborated_*`), which are not checked here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from moroccodigital.definitions.models import MODELS, Record
from moroccodigital.errors import Problem

YEAR = re.compile(r"(?<![0-9])(?:1[89]|20)[0-9]{2}(?![0-9])")
"""A four-digit year from 1800 to 2099, not part of a longer number."""

FREE_TEXT = (
    "name_en",
    "title_en",
    "summary_en",
    "purpose_en",
    "indicator_en",
    "description",
    "date_note",
    "note",
    "gloss_en",
    "rationale",
    "same_source_note",
)
"""Columns the curators write in their own words; `ref_*` and `corroborated_*` columns say they
come from outside the texts and are exempt."""


def years(text: str) -> set[str]:
    """The four-digit years a text states."""
    return set(YEAR.findall(text))


def check_years(
    records: dict[str, list[Record]],
    bodies: dict[str, str],
    where: Callable[[str, Record], str],
) -> list[Problem]:
    """Every year in a free-text column is stated in the body of the record's source (for records of
    the shared registries, which belong to no one source, in the body of some source)."""
    stated = {source_id: years(body) for source_id, body in bodies.items()}
    anywhere = set().union(*stated.values()) if stated else set()
    problems = []
    for model in MODELS:
        columns = [c for c in FREE_TEXT if c in model.model_fields]
        for record in records.get(model.table, []):
            source_id = getattr(record, "source_id", None)
            allowed = stated.get(source_id, set()) if source_id else anywhere
            named = f"source {source_id}" if source_id else "no source"
            for column in columns:
                value = getattr(record, column)
                for year in sorted(years(value or "") - allowed):
                    message = (
                        f"states the year {year}, which {named} does not; a year from outside "
                        "reporting goes in a ref_* or corroborated_* column"
                    )
                    problems.append(
                        Problem(
                            where(model.table, record), _name(record), column, message, "year-not-in-source"
                        )
                    )
    return problems


def _name(record: Record) -> str:
    key = "|".join(str(getattr(record, k)) for k in record.primary_key)
    return f"{record.table}/{key}"
