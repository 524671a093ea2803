"""The event level: real-world acts several reports give, the reports, and what each report states."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field, model_validator
from typing_extensions import Self

from moroccodigital.definitions.enums import Concordance, OccurrenceAttribute, OccurrenceKind
from moroccodigital.definitions.models.record import LinkId, Record, Slug, Text


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
