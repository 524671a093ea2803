"""Agreements with their parties and topics, and targets: the figures that are aimed for, allocated,
committed or forecast.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar

from pydantic import Field, model_validator
from typing_extensions import Self

from moroccodigital.definitions.enums import (
    AgreementStatus,
    AgreementType,
    Comparator,
    DatePrecision,
    DeadlineBasis,
    ImpliedDeadlineBasis,
    PartyRole,
    TargetKind,
    Topic,
    Unit,
)
from moroccodigital.definitions.models.dated import Dated, check_bounds, check_hijri
from moroccodigital.definitions.models.record import Currency, LinkId, Record, Slug, Text


class Agreement(Dated):
    """A protocol, memorandum, grant or other agreement a source reports."""

    table: ClassVar[str] = "agreements"
    title: ClassVar[str] = "Agreements"
    primary_key: ClassVar[tuple[str, ...]] = ("agreement_id",)
    foreign_keys: ClassVar[dict[str, str]] = {
        "source_id": "sources.source_id",
        "place_id": "places.place_id",
        "event_id": "events.event_id",
        "initiative_id": "initiatives.initiative_id",
    }

    agreement_id: Slug
    """Stable identifier of the agreement."""
    source_id: Slug
    """The source that reports it."""
    agreement_type: AgreementType
    """Kind of agreement."""
    status: AgreementStatus
    """What the text reports about its state."""
    title_en: Text
    """Short English title."""
    purpose_en: Text
    """What the agreement is for, as the text says, in English."""
    place_id: Slug | None
    """Where it was signed or granted, if stated (where the project is goes on its initiative)."""
    event_id: Slug | None
    """The event at which it was signed or enacted."""
    initiative_id: Slug | None
    """The initiative the agreement creates or serves."""
    amount: Annotated[float, Field(ge=0, allow_inf_nan=False)] | None
    """Amount of money involved, if stated."""
    currency: Currency | None
    """ISO 4217 currency of the amount."""

    @model_validator(mode="after")
    def _money(self) -> Self:
        if (self.amount is None) != (self.currency is None):
            raise ValueError("amount and currency go together")
        return self


class AgreementParty(Record):
    """An actor's part in an agreement."""

    table: ClassVar[str] = "agreement_parties"
    title: ClassVar[str] = "Agreement parties"
    primary_key: ClassVar[tuple[str, ...]] = ("party_id",)
    foreign_keys: ClassVar[dict[str, str]] = {
        "agreement_id": "agreements.agreement_id",
        "actor_id": "actors.actor_id",
        "on_behalf_of_id": "actors.actor_id",
    }

    party_id: LinkId
    """Identifier: agreement id and actor id (an actor has one part in an agreement)."""
    agreement_id: Slug
    """The agreement."""
    actor_id: Slug
    """The actor."""
    role: PartyRole
    """Its part in the agreement."""
    on_behalf_of_id: Slug | None
    """For signatories: the party they sign for, when the text makes it clear."""


class AgreementTopic(Record):
    """A subject an agreement concerns."""

    table: ClassVar[str] = "agreement_topics"
    title: ClassVar[str] = "Agreement topics"
    primary_key: ClassVar[tuple[str, ...]] = ("agreement_id", "topic")
    foreign_keys: ClassVar[dict[str, str]] = {"agreement_id": "agreements.agreement_id"}

    agreement_id: Slug
    """The agreement."""
    topic: Topic
    """The topic."""


class Target(Record):
    """A quantitative goal, commitment, budget, capacity plan or forecast."""

    table: ClassVar[str] = "targets"
    title: ClassVar[str] = "Targets"
    primary_key: ClassVar[tuple[str, ...]] = ("target_id",)
    foreign_keys: ClassVar[dict[str, str]] = {
        "source_id": "sources.source_id",
        "owner_actor_id": "actors.actor_id",
        "initiative_id": "initiatives.initiative_id",
        "agreement_id": "agreements.agreement_id",
        "stated_by_actor_id": "actors.actor_id",
    }

    target_id: Slug
    """Stable identifier of the target."""
    source_id: Slug
    """The source that states it."""
    kind: TargetKind
    """Goal, commitment, budget, capacity plan or forecast."""
    indicator_en: Text
    """What is counted, in English."""
    value: Annotated[float, Field(ge=0, allow_inf_nan=False)] | None
    """The number, with number words and separators resolved (50 ألف = 50000); null if unstated."""
    comparator: Comparator
    """How the value is qualified in the text."""
    unit: Unit
    """Unit of the value."""
    currency: Currency | None
    """ISO 4217 currency when the unit is money."""
    value_text: Text
    """The amount exactly as written in the text."""
    deadline_text: str | None
    """The deadline or period exactly as written in the text, if the sentence gives one."""
    deadline_edtf: str | None
    """EDTF of the deadline or period."""
    deadline_precision: DatePrecision
    """How precisely the deadline is given."""
    deadline_lower: date | None
    """Earliest day of the deadline or period."""
    deadline_upper: date | None
    """Latest day of the deadline or period."""
    deadline_basis: DeadlineBasis
    """Whether the sentence states the deadline; an implied one is in the implied_deadline_* columns."""
    implied_deadline_edtf: str | None
    """EDTF of a deadline no sentence states but a name implies ('Morocco AI 2030'), kept apart."""
    implied_deadline_lower: date | None
    """Earliest day of the implied deadline."""
    implied_deadline_upper: date | None
    """Latest day of the implied deadline."""
    implied_deadline_basis: ImpliedDeadlineBasis | None
    """Where the implied deadline is read from; null when there is none."""
    stated_by_actor_id: Slug | None
    """Who states the figure in the text; null where the article states it in its own voice."""
    commitment_id: Slug
    """The commitment stated: shared by each speaker's statement of it; else the target's own id."""
    owner_actor_id: Slug | None
    """Whose target it is, only as specific as the text."""
    initiative_id: Slug | None
    """The initiative it belongs to."""
    agreement_id: Slug | None
    """The agreement it belongs to."""
    note: str | None
    """Curator's note: how the figure was read, the article's framing."""
    ref_note: str | None
    """Reference, outside the text: what other reporting says of the figure, and any conflict."""

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if (self.value is None) != (self.comparator is Comparator.UNSPECIFIED):
            raise ValueError("value is null exactly when the comparator is 'unspecified'")
        if (self.unit is Unit.CURRENCY) != (self.currency is not None):
            raise ValueError("a currency is given exactly when the unit is 'currency'")
        has_deadline = self.deadline_text is not None or self.deadline_edtf is not None
        if (self.deadline_basis is DeadlineBasis.NONE) == has_deadline:
            raise ValueError("deadline_basis is 'none' exactly when there is no deadline text or EDTF")
        if self.deadline_basis is DeadlineBasis.STATED and self.deadline_text is None:
            raise ValueError("a deadline stated in the sentence needs its deadline_text")
        check_bounds(self.deadline_lower, self.deadline_upper, "deadline")
        check_bounds(self.implied_deadline_lower, self.implied_deadline_upper, "implied deadline")
        check_hijri(
            self.deadline_precision,
            self.deadline_text,
            self.deadline_edtf,
            self.deadline_lower,
            self.deadline_upper,
        )
        if (self.implied_deadline_edtf is None) != (self.implied_deadline_basis is None):
            raise ValueError("an implied deadline and its basis go together")
        return self
