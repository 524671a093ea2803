"""What the models say about their columns: each table's model, column order and types.

Everything downstream (Arrow schemas, Table Schemas, checks, the codebook) asks here, so a
column's type and nullability are read from its annotation in one place.
"""

from __future__ import annotations

import inspect
import types
import typing
from typing import Any

from moroccodigital.definitions.models import MODELS, Record


def model_for(table: str) -> type[Record]:
    """The model of a table, or a KeyError naming the valid tables."""
    for model in MODELS:
        if model.table == table:
            return model
    raise KeyError(f"unknown table {table!r}; valid tables: {', '.join(m.table for m in MODELS)}")


def column_type(model: type[Record], name: str) -> tuple[type, bool]:
    """The Python base type of a column and whether it is nullable."""
    annotation: Any = model.model_fields[name].annotation
    nullable = False
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        nullable = len(args) < len(typing.get_args(annotation))
        (annotation,) = args
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation, nullable


def column_names(model: type[Record]) -> list[str]:
    """Columns in table order: the model's own fields first (ids lead), then inherited ones."""
    own = [n for n in inspect.get_annotations(model) if n in model.model_fields]
    return own + [n for n in model.model_fields if n not in own]
