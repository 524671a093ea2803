"""Pydantic models: one per table, the single definition of every column.

Attribute docstrings become field descriptions, and from there the JSON Schemas, the Table
Schemas and the codebook.  Class variables name each table, its primary key and its foreign keys.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator
from typing_extensions import Self

from moroccodigital.definitions.enums import (
    ActorKind,
    AgreementStatus,
    AgreementType,
    AliasKind,
    Comparator,
    Concordance,
    CoordinateKind,
    DatePrecision,
    DeadlineBasis,
    Direction,
    EventContext,
    EventMode,
    EventType,
    ImpliedDeadlineBasis,
    InitiativeAliasKind,
    InitiativeKind,
    OccurrenceAttribute,
    OccurrenceKind,
    ParticipantRole,
    PartyRole,
    PlaceKind,
    RecordTable,
    Script,
    Sector,
    SourceCoverage,
    TargetKind,
    Topic,
    Unit,
)

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


def _check_bounds(lower: date | None, upper: date | None, what: str) -> None:
    if lower is not None and upper is not None and lower > upper:
        raise ValueError(f"{what}: lower bound {lower} is after upper bound {upper}")


HIJRI = frozenset({DatePrecision.HIJRI_DAY, DatePrecision.HIJRI_MONTH})
"""Precisions of a date the text gives in the Hijri calendar only."""


def _check_hijri(
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


class Source(Record):
    """One seed article."""

    table: ClassVar[str] = "sources"
    title: ClassVar[str] = "Source articles"
    primary_key: ClassVar[tuple[str, ...]] = ("source_id",)

    source_id: Slug
    """Stable identifier of the article."""
    file_name: Text
    """File name of the article text in seeds/."""
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    """SHA-256 of the article file's bytes."""
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]
    """Language of the text (ISO 639-1)."""
    headline: str | None
    """The headline as written in the text; null where the text has none."""
    byline: str | None
    """The byline as written in the text; null where the text has none."""
    body_start: Annotated[int, Field(ge=0)]
    """Offset (Unicode code points) of the first character of the article body."""
    body_end: Annotated[int, Field(ge=0)]
    """Offset one past the last character of the article body (page furniture excluded)."""
    ref_outlet: str | None
    """Reference, outside the text: an outlet that published the same text."""
    ref_url: Url | None
    """Reference, outside the text: address of that publication."""
    ref_published_edtf: str | None
    """Reference, outside the text: publication date (EDTF; '?' marks an unconfirmed date)."""
    ref_note: str | None
    """Reference, outside the text: what else is known, and what is not confirmed."""
    coverage: SourceCoverage | None
    """Whether the stored text is the full article or an excerpt (its beginning); null where not recorded."""

    @model_validator(mode="after")
    def _body_span(self) -> Self:
        if self.body_start >= self.body_end:
            raise ValueError("body_start must be before body_end")
        return self


class Actor(Record):
    """A person, organisation or country the articles mention, named or unnamed."""

    table: ClassVar[str] = "actors"
    title: ClassVar[str] = "Actors"
    primary_key: ClassVar[tuple[str, ...]] = ("actor_id",)
    foreign_keys: ClassVar[dict[str, str]] = {
        "parent_id": "actors.actor_id",
        "source_id": "sources.source_id",
    }

    actor_id: Slug
    """Stable identifier of the actor."""
    kind: ActorKind
    """What sort of actor this is."""
    named: bool
    """False for actors the text only describes ('an expert from a specialised institute')."""
    name_en: Text
    """Canonical English name; people's Latin spellings come from the reference file."""
    name_ar: Text
    """The Arabic name (or, for unnamed actors, the description) as written in the text."""
    name_fr: str | None
    """French name where it is customary (Moroccan institutions)."""
    acronym: str | None
    """Customary acronym."""
    description: str | None
    """For unnamed actors: who the text says they are, in English."""
    country: Iso3 | None
    """ISO 3166-1 alpha-3 code of the actor's country."""
    sector: Sector | None
    """PLOVER sector code where one fits; null rather than forced."""
    parent_id: Slug | None
    """The organisation this actor belongs to (actors.actor_id)."""
    source_id: Slug | None
    """For unnamed actors: the only source that describes them; null for named actors."""
    ref_url: Url | None
    """Reference, outside the text: address behind the Latin/French names and codes."""
    ref_note: str | None
    """Reference, outside the text: where the reference attributes come from."""
    name: Text
    """The name as written in the text, in any script (the same value as name_ar; filled by the build)."""
    name_script: Script
    """The script of name (ISO 15924; filled by the build from its letters)."""

    @model_validator(mode="after")
    def _unnamed_have_description(self) -> Self:
        if not self.named and not (self.description and self.source_id):
            raise ValueError("an unnamed actor needs a description and its source_id")
        return self


class Alias(Record):
    """An Arabic surface form by which a text refers to an actor."""

    table: ClassVar[str] = "aliases"
    title: ClassVar[str] = "Actor aliases"
    primary_key: ClassVar[tuple[str, ...]] = ("alias_id",)
    foreign_keys: ClassVar[dict[str, str]] = {"actor_id": "actors.actor_id"}

    alias_id: LinkId
    """Identifier: the actor's id and a hash of the alias text."""
    actor_id: Slug
    """The actor this surface form refers to."""
    alias_ar: Text
    """The surface form exactly as written (no normalisation)."""
    alias_kind: AliasKind
    """How this form relates to the actor's name."""
    alias: Text
    """The surface form as written, in any script (the same value as alias_ar; filled by the build)."""
    alias_script: Script
    """The script of alias (ISO 15924; filled by the build from its letters)."""


class Role(Record):
    """A person's title as a source states it."""

    table: ClassVar[str] = "roles"
    title: ClassVar[str] = "Roles of people"
    primary_key: ClassVar[tuple[str, ...]] = ("role_id",)
    foreign_keys: ClassVar[dict[str, str]] = {
        "person_id": "actors.actor_id",
        "organisation_id": "actors.actor_id",
        "source_id": "sources.source_id",
    }

    role_id: Slug
    """Stable identifier of the role statement."""
    person_id: Slug
    """The person (actors.actor_id)."""
    organisation_id: Slug | None
    """The organisation the title names, when the text names it."""
    source_id: Slug
    """The source that states the title."""
    title_ar: Text
    """The title as written in the text."""
    title_en: Text
    """English translation of the title as the text states it."""
    title_text: Text
    """The title exactly as written, in any script (the same value as title_ar; filled by the build)."""
    title_script: Script
    """The script of title_text (ISO 15924; filled by the build from its letters)."""
    title_language: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")]
    """The language of the source that states the title (ISO 639-1; filled by the build)."""


class Place(Record):
    """A city, region, territory or country where something happens."""

    table: ClassVar[str] = "places"
    title: ClassVar[str] = "Places"
    primary_key: ClassVar[tuple[str, ...]] = ("place_id",)
    foreign_keys: ClassVar[dict[str, str]] = {"parent_place_id": "places.place_id"}

    place_id: Slug
    """Stable identifier of the place."""
    kind: PlaceKind
    """City, region, territory or country."""
    name_en: Text
    """English name."""
    name_ar: Text
    """Arabic name as written in the text."""
    iso3166_alpha3: Iso3
    """ISO 3166-1 alpha-3 code of the country or territory the place lies in (ESH for Western Sahara)."""
    attributed_country: Iso3 | None
    """Country the source attributes the place to, where it differs from iso3166_alpha3."""
    parent_place_id: Slug | None
    """The region or country containing this place, when it is itself a row."""
    latitude: Annotated[float, Field(ge=-90, le=90)]
    """Latitude (WGS 84, decimal degrees); what the point stands for is in coordinate_kind."""
    longitude: Annotated[float, Field(ge=-180, le=180)]
    """Longitude (WGS 84, decimal degrees)."""
    coordinate_kind: CoordinateKind
    """Whether the point is the place's own or a capital's standing in for an area (map only 'own')."""
    ref_url: Url
    """Reference, outside the text: address of the coordinates and codes."""
    name: Text
    """The name as written in the text, in any script (the same value as name_ar; filled by the build)."""
    name_script: Script
    """The script of name (ISO 15924; filled by the build from its letters)."""


class Initiative(Record):
    """A named strategy, programme, institute network, planned centre, data centre or technology."""

    table: ClassVar[str] = "initiatives"
    title: ClassVar[str] = "Initiatives"
    primary_key: ClassVar[tuple[str, ...]] = ("initiative_id",)
    foreign_keys: ClassVar[dict[str, str]] = {
        "place_id": "places.place_id",
        "part_of_initiative_id": "initiatives.initiative_id",
    }

    initiative_id: Slug
    """Stable identifier of the initiative."""
    kind: InitiativeKind
    """What sort of initiative it is."""
    name_en: Text
    """English name."""
    name_ar: Text
    """The name as written in the text (Arabic, or Latin where the text writes it so)."""
    place_id: Slug | None
    """Where it is or will be located, if the text says."""
    part_of_initiative_id: Slug | None
    """The strategy or programme the text lists it under."""
    description: Text
    """What the texts say it is, in English."""
    name: Text
    """The name as written in the text, in any script (the same value as name_ar; filled by the build)."""
    name_script: Script
    """The script of name (ISO 15924; filled by the build from its letters)."""


class InitiativeAlias(Record):
    """Another form by which a text names an initiative ('Maroc IA 2030' for 'Morocco AI 2030')."""

    table: ClassVar[str] = "initiative_aliases"
    title: ClassVar[str] = "Initiative aliases"
    primary_key: ClassVar[tuple[str, ...]] = ("alias_id",)
    foreign_keys: ClassVar[dict[str, str]] = {"initiative_id": "initiatives.initiative_id"}

    alias_id: LinkId
    """Identifier: the initiative's id and a hash of the alias text."""
    initiative_id: Slug
    """The initiative this form names."""
    alias: Text
    """The form exactly as written (no normalisation), in any script."""
    alias_script: Script
    """The script of alias (ISO 15924; filled by the build from its letters)."""
    alias_kind: InitiativeAliasKind
    """How this form relates to the initiative's recorded name."""


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
        _check_bounds(self.date_lower, self.date_upper, "date")
        _check_bounds(self.corroborated_lower, self.corroborated_upper, "corroborated date")
        if self.date_edtf and "X" in self.date_edtf[:4] and self.date_lower is not None:
            raise ValueError("an unstated year (XXXX) cannot have bounds")
        if self.corroborated_edtf and not self.corroborated_url:
            raise ValueError("a corroborated date needs its corroborated_url")
        _check_hijri(self.date_precision, self.date_text, self.date_edtf, self.date_lower, self.date_upper)
        return self


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
        _check_bounds(self.deadline_lower, self.deadline_upper, "deadline")
        _check_bounds(self.implied_deadline_lower, self.implied_deadline_upper, "implied deadline")
        _check_hijri(
            self.deadline_precision,
            self.deadline_text,
            self.deadline_edtf,
            self.deadline_lower,
            self.deadline_upper,
        )
        if (self.implied_deadline_edtf is None) != (self.implied_deadline_basis is None):
            raise ValueError("an implied deadline and its basis go together")
        return self


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


class Occurrence(Record):
    """The event level: one real-world event, agreement or commitment that several reports give."""

    # Curated in seeds/registry/occurrences.yaml (which reports, and why they are one act); the
    # counts are derived by the build.  The reports stay in events, agreements and targets, with
    # their evidence passages.

    table: ClassVar[str] = "occurrences"
    title: ClassVar[str] = "Occurrences (event level)"
    primary_key: ClassVar[tuple[str, ...]] = ("occurrence_id",)

    occurrence_id: Slug
    """Stable identifier of the real-world event, agreement or commitment."""
    kind: OccurrenceKind
    """What the occurrence groups: reports of an event, an agreement or a commitment."""
    title_en: Text
    """Short English title of the occurrence."""
    rationale: Text
    """The curator's one-line reason why these reports describe the same act (the grouping rule)."""
    same_source_note: str | None
    """Why two reports from one source belong to this occurrence; null when each source reports it once."""
    report_count: Annotated[int, Field(ge=2)]
    """How many reports (rows of events, agreements or targets) the occurrence groups."""
    source_count: Annotated[int, Field(ge=1)]
    """How many different sources report it."""
    disagreement_count: Annotated[int, Field(ge=0)]
    """On how many attributes (occurrence_values, concordance 'disagree') the reports disagree."""


class OccurrenceReport(Record):
    """One report of an occurrence: a row of events, agreements or targets, and its source."""

    table: ClassVar[str] = "occurrence_reports"
    title: ClassVar[str] = "Reports of occurrences"
    primary_key: ClassVar[tuple[str, ...]] = ("report_id",)
    foreign_keys: ClassVar[dict[str, str]] = {
        "occurrence_id": "occurrences.occurrence_id",
        "source_id": "sources.source_id",
        "event_id": "events.event_id",
        "agreement_id": "agreements.agreement_id",
        "target_id": "targets.target_id",
    }

    report_id: LinkId
    """Identifier: the record's table and id ('events--<event_id>'); a record reports one occurrence."""
    occurrence_id: Slug
    """The occurrence it reports."""
    source_id: Slug
    """The source of the report."""
    event_id: Slug | None
    """The report, for an occurrence of kind 'event'."""
    agreement_id: Slug | None
    """The report, for an occurrence of kind 'agreement'."""
    target_id: Slug | None
    """The report, for an occurrence of kind 'commitment'."""

    @model_validator(mode="after")
    def _one_report(self) -> Self:
        given = [
            f"{table}--{v}"
            for table, v in (
                ("events", self.event_id),
                ("agreements", self.agreement_id),
                ("targets", self.target_id),
            )
            if v is not None
        ]
        if given != [self.report_id]:
            raise ValueError("exactly one of event_id, agreement_id, target_id is given, named by report_id")
        return self


class OccurrenceValue(Record):
    """What one report states of one attribute of its occurrence, and whether the reports agree."""

    # One row per report that states the attribute: group by (occurrence_id, attribute, actor_id,
    # value) to see which sources support which value.  Nothing is resolved: where reports
    # disagree, every value stays, with its reports.

    table: ClassVar[str] = "occurrence_values"
    title: ClassVar[str] = "Values and disagreements of occurrences"
    primary_key: ClassVar[tuple[str, ...]] = ("value_id",)
    foreign_keys: ClassVar[dict[str, str]] = {
        "occurrence_id": "occurrences.occurrence_id",
        "report_id": "occurrence_reports.report_id",
        "source_id": "sources.source_id",
        "actor_id": "actors.actor_id",
    }

    value_id: LinkId
    """Identifier: occurrence id, attribute, actor id (if any) and report id."""
    occurrence_id: Slug
    """The occurrence."""
    attribute: OccurrenceAttribute
    """What is compared (date, place, participants, an actor's role or spelling, amount...)."""
    actor_id: Slug | None
    """For per-actor attributes (role, title, spelling): the actor; null otherwise."""
    report_id: LinkId
    """The report stating this value (occurrence_reports.report_id)."""
    source_id: Slug
    """The source of that report."""
    value: Text
    """The value as the report states it, in a canonical text form (sets sorted and joined by '; ')."""
    concordance: Concordance
    """Whether the reports of the occurrence that state this attribute agree on it."""
    value_count: Annotated[int, Field(ge=1)]
    """How many different values the reports give for this attribute (1 when they agree)."""


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
