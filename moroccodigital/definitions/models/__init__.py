"""Pydantic models: one per table, the single definition of every column.

Attribute docstrings become field descriptions, and from there the JSON Schemas, the Table
Schemas and the codebook.  Class variables name each table, its primary key and its foreign keys.
The tables live in modules by what they hold (entities, events, agreements and targets, evidence,
occurrences); this package gathers them, in dependency order, as MODELS.
"""

from __future__ import annotations

from moroccodigital.definitions.models.agreements import Agreement, AgreementParty, AgreementTopic, Target
from moroccodigital.definitions.models.dated import HIJRI, Dated
from moroccodigital.definitions.models.entities import (
    Actor,
    Alias,
    Initiative,
    InitiativeAlias,
    Place,
    Role,
    Source,
)
from moroccodigital.definitions.models.events import (
    ROLE_DIRECTIONS,
    Event,
    EventContextRow,
    EventInitiative,
    EventParticipant,
    EventPlace,
    EventTopic,
)
from moroccodigital.definitions.models.evidence import Evidence
from moroccodigital.definitions.models.occurrences import Occurrence, OccurrenceReport, OccurrenceValue
from moroccodigital.definitions.models.record import Currency, Iso3, LinkId, Record, Slug, Text, Url

__all__ = [
    "HIJRI",
    "MODELS",
    "ROLE_DIRECTIONS",
    "Actor",
    "Agreement",
    "AgreementParty",
    "AgreementTopic",
    "Alias",
    "Currency",
    "Dated",
    "Event",
    "EventContextRow",
    "EventInitiative",
    "EventParticipant",
    "EventPlace",
    "EventTopic",
    "Evidence",
    "Initiative",
    "InitiativeAlias",
    "Iso3",
    "LinkId",
    "Occurrence",
    "OccurrenceReport",
    "OccurrenceValue",
    "Place",
    "Record",
    "Role",
    "Slug",
    "Source",
    "Target",
    "Text",
    "Url",
]

MODELS: tuple[type[Record], ...] = (
    Source,
    Actor,
    Alias,
    Role,
    Place,
    Initiative,
    Event,
    EventParticipant,
    EventPlace,
    EventInitiative,
    EventTopic,
    EventContextRow,
    Agreement,
    AgreementParty,
    AgreementTopic,
    Target,
    Evidence,
    InitiativeAlias,
    Occurrence,
    OccurrenceReport,
    OccurrenceValue,
)
"""Every table, in an order where each table's references come earlier (but for self-references)."""
