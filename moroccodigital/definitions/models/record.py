"""The base of every row model and the constrained column types the tables share.

Attribute docstrings become field descriptions (use_attribute_docstrings), and from there the JSON
Schemas, the Table Schemas and the codebook.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
LinkId = Annotated[str, Field(pattern=r"^[a-z0-9_]+(?:-{1,2}[a-z0-9_]+)*$", max_length=200)]
Iso3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
Text = Annotated[str, Field(min_length=1)]
Url = Annotated[str, Field(pattern=r"^https?://\S+$")]


class Record(BaseModel):
    """Shared configuration: strict shape, immutable rows, docstrings as descriptions."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, use_enum_values=False
    )

    table: ClassVar[str]
    title: ClassVar[str]
    primary_key: ClassVar[tuple[str, ...]]
    foreign_keys: ClassVar[dict[str, str]] = {}
    """Column -> "table.column" it references."""
