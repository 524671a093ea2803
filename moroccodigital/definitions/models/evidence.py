"""The passages every record cites: the evidence table, whose offsets the build checks."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field, model_validator
from typing_extensions import Self

from moroccodigital.definitions.enums import RecordTable
from moroccodigital.definitions.models.record import LinkId, Record, Slug, Text


class Evidence(Record):
    """A passage of a source that supports a record or a link between records."""

    table: ClassVar[str] = "evidence"
    title: ClassVar[str] = "Evidence passages"
    primary_key: ClassVar[tuple[str, ...]] = ("evidence_id",)
    foreign_keys: ClassVar[dict[str, str]] = {"source_id": "sources.source_id"}

    evidence_id: LinkId
    """Identifier: the record's table and id and the passage's number."""
    source_id: Slug
    """The source the passage is in."""
    record_table: RecordTable
    """The table of the supported record."""
    record_id: LinkId
    """The supported record's primary key."""
    start: Annotated[int, Field(ge=0)]
    """Offset of the passage's first character (Unicode code points of the stored text)."""
    end: Annotated[int, Field(ge=1)]
    """Offset one past the passage's last character."""
    quote: Text
    """The passage exactly as in the text; equals text[start:end]."""
    gloss_en: Text
    """English gloss of the passage."""

    @model_validator(mode="after")
    def _span(self) -> Self:
        if self.end - self.start != len(self.quote):
            raise ValueError("end - start must equal the length of quote")
        return self
