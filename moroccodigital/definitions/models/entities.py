"""What the articles name: the sources themselves, actors with their aliases and roles, places and
initiatives with their aliases.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated, ClassVar

from pydantic import Field, model_validator
from typing_extensions import Self

from moroccodigital.definitions.enums import (
    ActorKind,
    AliasKind,
    CoordinateKind,
    InitiativeAliasKind,
    InitiativeKind,
    PlaceKind,
    Script,
    Sector,
    SourceCoverage,
)
from moroccodigital.definitions.models.record import Iso3, LinkId, Record, Slug, Text, Url


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
    """French name where one is customary (Moroccan institutions, foreign states and their bodies)."""
    ref_name_ar: str | None
    """Reference, outside the texts: an Arabic page's form of a name the texts write only in Latin."""
    ref_name_ar_url: Url | None
    """Reference, outside the texts: the address of the Arabic page that writes ref_name_ar."""
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

    @model_validator(mode="after")
    def _reference_name_is_attested(self) -> Self:
        """An Arabic reference name is a fact from outside the texts: it needs the page that writes
        it, it is in Arabic letters, and it only stands in for a name the texts give in Latin."""
        if (self.ref_name_ar is None) != (self.ref_name_ar_url is None):
            raise ValueError("ref_name_ar and ref_name_ar_url go together: a reference name needs its page")
        if self.ref_name_ar is not None:
            if _letter_scripts(self.ref_name_ar) != {"ARABIC"}:
                raise ValueError("ref_name_ar must be written in Arabic letters only")
            if "ARABIC" in _letter_scripts(self.name_ar):
                raise ValueError("ref_name_ar is only for an actor whose name_ar has no Arabic letter")
        return self


def _letter_scripts(text: str) -> set[str]:
    """The scripts of a text's letters, by their Unicode names ("ARABIC", "LATIN"...)."""
    return {unicodedata.name(c, "").split()[0] for c in text if unicodedata.category(c).startswith("L")}


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
