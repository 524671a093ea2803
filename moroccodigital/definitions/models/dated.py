"""Dates as the text gives them: the columns events and agreements share, and the checks on bounds
and Hijri dates that targets' deadlines use too.
"""

from __future__ import annotations

from datetime import date

from pydantic import model_validator
from typing_extensions import Self

from moroccodigital.definitions.enums import DatePrecision
from moroccodigital.definitions.models.record import Record, Url


def check_bounds(lower: date | None, upper: date | None, what: str) -> None:
    """A pair of bounds is an interval: the earliest day never after the latest (dates and deadlines)."""
    if lower is not None and upper is not None and lower > upper:
        raise ValueError(f"{what}: lower bound {lower} is after upper bound {upper}")


HIJRI = frozenset({DatePrecision.HIJRI_DAY, DatePrecision.HIJRI_MONTH})
"""Precisions of a date the text gives in the Hijri calendar only."""


def check_hijri(
    precision: DatePrecision, text: str | None, edtf: str | None, lower: date | None, upper: date | None
) -> None:
    """A Hijri-only date keeps its text and has no Gregorian EDTF or bounds: Moroccan Hijri months
    begin with the moon's sighting, so the Gregorian day is not in the text.  (Where the text also
    gives the Gregorian date, that date is coded, with its own precision.)"""
    if precision in HIJRI:
        if text is None:
            raise ValueError(f"a {precision.value} date keeps its text")
        if edtf is not None or lower is not None or upper is not None:
            raise ValueError(f"a {precision.value} date has no Gregorian EDTF or bounds")


class Dated(Record):
    """Date columns shared by events and agreements: what the text says, and what is known besides."""

    date_text: str | None
    """The date expression exactly as written in the text; null if there is none."""
    date_edtf: str | None
    """EDTF of exactly what the text states (XXXX for an unstated year); null if nothing is stated."""
    date_precision: DatePrecision
    """How precisely the text dates it."""
    date_lower: date | None
    """Earliest possible day, from the text alone; null where the text gives no year."""
    date_upper: date | None
    """Latest possible day, from the text alone; null where the text gives no year."""
    date_note: str | None
    """How the date was read, and any conflict with the reference."""
    corroborated_edtf: str | None
    """Reference, outside the text: the date other reporting gives (EDTF)."""
    corroborated_lower: date | None
    """Reference, outside the text: earliest day."""
    corroborated_upper: date | None
    """Reference, outside the text: latest day."""
    corroborated_url: Url | None
    """Reference, outside the text: address of the corroborating report."""
    corroborated_note: str | None
    """Reference, outside the text: what other reporting says of the date, and any conflict."""

    @model_validator(mode="after")
    def _dates(self) -> Self:
        check_bounds(self.date_lower, self.date_upper, "date")
        check_bounds(self.corroborated_lower, self.corroborated_upper, "corroborated date")
        if self.date_edtf and "X" in self.date_edtf[:4] and self.date_lower is not None:
            raise ValueError("an unstated year (XXXX) cannot have bounds")
        if self.corroborated_edtf and not self.corroborated_url:
            raise ValueError("a corroborated date needs its corroborated_url")
        check_hijri(self.date_precision, self.date_text, self.date_edtf, self.date_lower, self.date_upper)
        return self
