"""Definitions: controlled vocabularies (enums) and one Pydantic model per table (models)."""
