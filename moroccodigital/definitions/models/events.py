"""Events and what hangs on them: participants (with PLOVER directions), places, initiatives, topics
and contexts.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import model_validator
from typing_extensions import Self

from moroccodigital.definitions.enums import (
    Direction,
    EventContext,
    EventMode,
    EventType,
    ParticipantRole,
    Topic,
)
from moroccodigital.definitions.models.dated import Dated
from moroccodigital.definitions.models.record import LinkId, Record, Slug, Text


class Event(Dated):
    """A visit, meeting, signing, funding or statement of commitment reported in a source."""

    table: ClassVar[str] = "events"
    title: ClassVar[str] = "Events"
    primary_key: ClassVar[tuple[str, ...]] = ("event_id",)
    foreign_keys: ClassVar[dict[str, str]] = {
        "source_id": "sources.source_id",
        "part_of_event_id": "events.event_id",
    }

    event_id: Slug
    """Stable identifier of the event."""
    source_id: Slug
    """The source that reports it."""
    event_type: EventType
    """PLOVER event category."""
    mode: EventMode | None
    """PLOVER mode (for CONSULT)."""
    title_en: Text
    """Short English title."""
    summary_en: Text
    """One-line English summary of what the text says happened."""
    part_of_event_id: Slug | None
    """The larger event (a visit or meeting) this one happened during."""
    is_aggregate: bool
    """True for a row summing up an unstated number of occurrences: leave it out of counts."""

    @model_validator(mode="after")
    def _mode_fits(self) -> Self:
        if self.mode is not None and self.event_type is not EventType.CONSULT:
            raise ValueError("mode is defined for CONSULT events only")
        return self


class EventParticipant(Record):
    """An actor taking part in an event, with its role."""

    table: ClassVar[str] = "event_participants"
    title: ClassVar[str] = "Event participants"
    primary_key: ClassVar[tuple[str, ...]] = ("participant_id",)
    foreign_keys: ClassVar[dict[str, str]] = {
        "event_id": "events.event_id",
        "actor_id": "actors.actor_id",
    }

    participant_id: LinkId
    """Identifier: event id and actor id (an actor has one role in an event)."""
    event_id: Slug
    """The event."""
    actor_id: Slug
    """The participating actor."""
    role: ParticipantRole
    """The actor's role in the event."""
    direction: Direction
    """The actor's place in the PLOVER dyad: source (PLOVER's actor), recipient, or neither."""

    @model_validator(mode="after")
    def _direction_fits_role(self) -> Self:
        fixed = ROLE_DIRECTIONS.get(self.role)
        if fixed is not None and self.direction is not fixed:
            raise ValueError(f"a {self.role.value} is a {fixed.value}, not a {self.direction.value}")
        return self


ROLE_DIRECTIONS: dict[ParticipantRole, Direction] = {
    ParticipantRole.VISITOR: Direction.SOURCE,
    ParticipantRole.DELEGATION_HEAD: Direction.SOURCE,
    ParticipantRole.DELEGATION_MEMBER: Direction.SOURCE,
    ParticipantRole.FUNDER: Direction.SOURCE,
    ParticipantRole.HOST: Direction.RECIPIENT,
    ParticipantRole.COUNTERPART: Direction.RECIPIENT,
    ParticipantRole.BENEFICIARY: Direction.RECIPIENT,
    ParticipantRole.RECIPIENT: Direction.RECIPIENT,
    ParticipantRole.ORGANISER: Direction.NEITHER,
    ParticipantRole.ATTENDEE: Direction.NEITHER,
}
"""Roles whose PLOVER direction is fixed; a party or signatory may be a source or a recipient."""


class EventPlace(Record):
    """A place where an event happened."""

    table: ClassVar[str] = "event_places"
    title: ClassVar[str] = "Event places"
    primary_key: ClassVar[tuple[str, ...]] = ("event_place_id",)
    foreign_keys: ClassVar[dict[str, str]] = {
        "event_id": "events.event_id",
        "place_id": "places.place_id",
    }

    event_place_id: LinkId
    """Identifier: event id and place id."""
    event_id: Slug
    """The event."""
    place_id: Slug
    """The place."""


class EventInitiative(Record):
    """An initiative an event concerns: presented, welcomed, signed for or funded in it."""

    table: ClassVar[str] = "event_initiatives"
    title: ClassVar[str] = "Event initiatives"
    primary_key: ClassVar[tuple[str, ...]] = ("event_initiative_id",)
    foreign_keys: ClassVar[dict[str, str]] = {
        "event_id": "events.event_id",
        "initiative_id": "initiatives.initiative_id",
    }

    event_initiative_id: LinkId
    """Identifier: event id and initiative id."""
    event_id: Slug
    """The event."""
    initiative_id: Slug
    """The initiative the event's passages name as its subject."""


class EventTopic(Record):
    """A subject the event concerns (controlled vocabulary)."""

    table: ClassVar[str] = "event_topics"
    title: ClassVar[str] = "Event topics"
    primary_key: ClassVar[tuple[str, ...]] = ("event_id", "topic")
    foreign_keys: ClassVar[dict[str, str]] = {"event_id": "events.event_id"}

    event_id: Slug
    """The event."""
    topic: Topic
    """The topic."""


class EventContextRow(Record):
    """A PLOVER context of an event."""

    table: ClassVar[str] = "event_contexts"
    title: ClassVar[str] = "Event contexts (PLOVER)"
    primary_key: ClassVar[tuple[str, ...]] = ("event_id", "context")
    foreign_keys: ClassVar[dict[str, str]] = {"event_id": "events.event_id"}

    event_id: Slug
    """The event."""
    context: EventContext
    """The PLOVER context."""
