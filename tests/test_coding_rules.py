"""Each coding rule of docs/coding_rules.md that a second coder's review (issue 13) settled, as a
property of the built data: one test per rule, read from the tables a user gets."""

from __future__ import annotations

import pandas as pd

import moroccodigital as md
from moroccodigital.curation.free_text import FREE_TEXT, years
from moroccodigital.definitions.enums import AliasKind
from moroccodigital.definitions.models import ROLE_DIRECTIONS


def _row(table: str, key: str, value: str) -> pd.Series:
    frame = md.load(table)
    rows = frame[frame[key] == value]
    assert len(rows) == 1, f"{table}.{key} == {value!r}: {len(rows)} rows"
    return rows.iloc[0]


def _bodies() -> dict[str, str]:
    return {
        s.source_id: md.text(s.source_id)[s.body_start : s.body_end] for s in md.load("sources").itertuples()
    }


def _participants(event_id: str) -> dict[str, pd.Series]:
    parts = md.load("event_participants")
    return {p.actor_id: p for _, p in parts[parts.event_id == event_id].iterrows()}


# -- words of the curators -------------------------------------------------------------------------


def test_no_free_text_states_a_year_that_its_source_body_does_not() -> None:
    stated = {sid: years(body) for sid, body in _bodies().items()}
    anywhere = set().union(*stated.values())
    for name in md.table_names():
        frame = md.load(name)
        for column in [c for c in FREE_TEXT if c in frame.columns]:
            for _, row in frame[frame[column].notna()].iterrows():
                source = row.get("source_id")
                allowed = stated[source] if isinstance(source, str) else anywhere
                extra = years(row[column]) - allowed
                assert not extra, f"{name}.{column} states {extra}: {row[column]!r}"


def test_evidence_comes_from_the_article_body_only() -> None:
    sources = md.load("sources").set_index("source_id")
    evidence = md.load("evidence").join(sources[["body_start", "body_end"]], on="source_id")
    outside = evidence[(evidence.start < evidence.body_start) | (evidence.end > evidence.body_end)]
    assert outside.empty, outside[["evidence_id", "quote"]].to_string()


def test_the_sides_of_the_001_commitment_rest_on_body_passages_that_show_them() -> None:
    for actor in ("morocco", "united-states"):
        link = f"morocco-us-affirm-ai-cooperation-commitment--{actor}"
        (passage,) = md.evidence("event_participants", link)
        assert passage.quote == "التزام البلدين"


# -- who did what to whom ----------------------------------------------------------------------------


def test_every_participant_has_a_plover_direction_that_fits_its_role() -> None:
    parts = md.load("event_participants")
    assert parts.direction.notna().all()
    for _, part in parts.iterrows():
        fixed = {r.value: d.value for r, d in ROLE_DIRECTIONS.items()}.get(part.role)
        assert fixed in (None, part.direction), part.participant_id


def test_the_object_of_praise_or_a_welcome_is_a_recipient_not_a_talks_partner() -> None:
    praise_and_welcome = (
        "elmergawi-commends-morocco-digital-efforts",
        "krantz-evans-welcomes-ai-made-in-morocco",
    )
    for event_id in praise_and_welcome:
        morocco = _participants(event_id)["morocco"]
        assert (morocco.role, morocco.direction) == ("recipient", "recipient")


def test_a_meeting_partner_is_a_counterpart_unless_the_text_says_who_hosted() -> None:
    parts = _participants("krantz-evans-ghita-mezzour-rabat-meeting")
    assert parts["ghita-mezzour"].role == "counterpart"
    assert _participants("seghrouchni-elmergawi-talks-washington")["leila-elmergawi"].role == "counterpart"


def test_an_organisation_named_only_in_a_title_is_not_a_participant() -> None:
    assert "ustda" not in _participants("krantz-evans-ghita-mezzour-rabat-meeting")
    roles = md.load("roles")
    assert "ustda" in set(roles.loc[roles.person_id == "gretchen-krantz-evans", "organisation_id"])


def test_a_body_that_signs_is_a_party_of_the_event_as_of_the_agreement() -> None:
    event = _participants("government-signs-ai-agreements-with-companies")["government-of-morocco"]
    parties = md.load("agreement_parties")
    party = parties[parties.party_id == "government-ai-agreements-mistral-ai--government-of-morocco"]
    assert event.role == party.role.iloc[0] == "party"


def test_sides_are_coded_as_the_countries_they_stand_for() -> None:
    actors = md.load("actors").set_index("actor_id")
    for event_id in ("follow-up-mechanisms-agreed", "us-side-supports-training-programmes"):
        kinds = {actors.loc[a, "kind"] for a in _participants(event_id)}
        assert kinds == {"country"}, event_id


def test_the_bullets_of_one_list_are_read_alike() -> None:
    events = md.load("events").set_index("event_id")
    bullets = events.loc[["follow-up-mechanisms-agreed", "us-side-supports-training-programmes"]]
    assert set(bullets.part_of_event_id) == {"krantz-evans-ghita-mezzour-rabat-meeting"}
    assert set(bullets.date_edtf) == {events.loc["krantz-evans-ghita-mezzour-rabat-meeting", "date_edtf"]}
    topics = md.load("event_topics")
    meeting = set(topics.loc[topics.event_id == "krantz-evans-ghita-mezzour-rabat-meeting", "topic"])
    assert {"data_governance", "data_centres", "cloud_computing"} <= meeting


def test_aggregate_statements_are_flagged_and_every_half_is_coded_alike() -> None:
    events = md.load("events")
    summed = events[events.date_text == "في العامين الأخيرين"]
    assert len(summed) == 2 and summed.is_aggregate.all()
    assert not events[events.date_text != "في العامين الأخيرين"].is_aggregate.any()
    parts = md.load("event_participants")
    assert "004-international-tech-companies" in set(parts.actor_id)


def test_a_statement_of_intent_is_coded_even_when_its_date_is_unknown() -> None:
    parts = _participants("ustda-continues-work-with-moroccan-partners")
    assert parts["000-ustda-moroccan-partners"].direction == "recipient"
    event = _row("events", "event_id", "ustda-continues-work-with-moroccan-partners")
    assert (event.event_type, event.date_precision) == ("AGREE", "unknown")
    assert pd.isna(event.part_of_event_id)


def test_an_offer_of_support_is_an_agree_event_of_its_own() -> None:
    event = _row("events", "event_id", "us-ready-to-support-morocco-strategy")
    assert (event.event_type, event.part_of_event_id) == ("AGREE", "seghrouchni-elmergawi-talks-washington")
    assert _participants("us-ready-to-support-morocco-strategy")["morocco"].direction == "recipient"


# -- topics, contexts and initiatives ----------------------------------------------------------------


def test_every_subject_the_onepoint_protocol_names_is_a_topic() -> None:
    named = {"cybersecurity", "e_government", "research_innovation", "investment"}
    events, agreements = md.load("event_topics"), md.load("agreement_topics")
    assert named <= set(events.loc[events.event_id == "onepoint-centre-protocol-signing", "topic"])
    protocol = agreements.agreement_id == "onepoint-centre-of-excellence-protocol"
    assert named <= set(agreements.loc[protocol, "topic"])


FOREIGN_SERVICE = {
    "us-department-of-state",
    "leila-elmergawi",
    "youssef-amrani",
    "steve-lang",
    "puneet-talwar",
    "us-consulate-casablanca",
    "029-senior-state-department-official",
}
"""Foreign ministries, their officials (Elmergawi, per the reference file; Steve Lang, the State
Department's ambassador for cyberspace; an unnamed senior State Department official), ambassadors
and a consulate."""
DIPLOMATIC_SIDE_NAMED = {"morocco-co-sponsors-un-ai-resolution-010"}
"""Events whose text names the diplomatic side itself (a UN General Assembly resolution)."""


def test_contexts_follow_one_rule_each() -> None:
    topics = md.load("event_topics").groupby("event_id").topic.apply(set)
    contexts = md.load("event_contexts").groupby("event_id").context.apply(set)
    parts = md.load("event_participants")
    members = parts.actor_id.isin(FOREIGN_SERVICE) & (parts.role == "delegation_member")
    delegations = set(parts.loc[members, "event_id"])
    carriers = set(parts.loc[parts.event_id.isin(delegations) & (parts.role == "visitor"), "actor_id"])
    for event_id in md.load("events").event_id:
        tags = contexts.get(event_id, set())
        assert "technology" in tags, event_id
        assert ("cyber" in tags) == ("cybersecurity" in topics.get(event_id, set())), event_id
        actors = set(parts.loc[parts.event_id == event_id, "actor_id"])
        diplomatic = bool(actors & (FOREIGN_SERVICE | carriers)) or event_id in DIPLOMATIC_SIDE_NAMED
        assert ("diplomatic" in tags) == diplomatic, event_id


def test_welcomed_and_discussed_initiatives_are_joined_to_their_events() -> None:
    links = md.load("event_initiatives")
    linked = set(links.initiative_id)
    assert {"ai-made-in-morocco", "jazari-institutes", "5g", "industry-4-0", "starlink"} <= linked
    welcome = links[links.event_id == "krantz-evans-welcomes-ai-made-in-morocco"]
    assert set(welcome.initiative_id) == {"ai-made-in-morocco", "jazari-institutes"}


def test_technologies_and_plans_the_texts_name_are_initiatives() -> None:
    initiatives = md.load("initiatives").set_index("initiative_id")
    assert initiatives.loc["starlink", "kind"] == "technology"
    assert initiatives.loc["ai-regulation-legislation", "part_of_initiative_id"] == "morocco-ai-2030"


# -- places --------------------------------------------------------------------------------------------


def test_a_sub_event_does_not_inherit_its_parents_place() -> None:
    events = md.load("events")
    places = md.load("event_places")
    for sub in events[events.part_of_event_id.notna()].itertuples():
        own = set(places.loc[places.event_id == sub.event_id, "place_id"])
        parent = set(places.loc[places.event_id == sub.part_of_event_id, "place_id"])
        assert not own & parent, sub.event_id


def test_where_a_project_is_goes_on_its_initiative_not_on_the_grant() -> None:
    grant = _row("agreements", "agreement_id", "ustda-radeema-smart-grid-study-grant")
    assert pd.isna(grant.place_id)
    assert _row("initiatives", "initiative_id", grant.initiative_id).place_id == "marrakech"
    places = md.load("event_places")
    assert places[places.event_id == "ustda-funds-marrakech-smart-grid-study"].empty


def test_a_point_says_whether_it_is_the_places_own() -> None:
    places = md.load("places")
    assert set(places.loc[places.kind == "city", "coordinate_kind"]) == {"own"}
    assert set(places.loc[places.kind == "country", "coordinate_kind"]) == {"capital"}
    assert _row("places", "place_id", "silicon-valley").coordinate_kind == "principal_city"


# -- targets ------------------------------------------------------------------------------------------


def test_an_implied_deadline_is_kept_apart_from_a_stated_one() -> None:
    targets = md.load("targets")
    implied = targets[targets.implied_deadline_edtf.notna()]
    assert len(implied) == 4
    assert implied.deadline_edtf.isna().all() and implied.deadline_lower.isna().all()
    assert set(implied.deadline_precision) == {"unknown"} and set(implied.deadline_basis) == {"none"}
    assert set(implied.implied_deadline_basis) == {"programme_name"}
    stated = targets[targets.deadline_basis == "stated"]
    assert stated.deadline_text.notna().all()


def test_each_statement_of_a_commitment_is_kept_as_stated_and_grouped() -> None:
    targets = md.load("targets")
    minister = targets[targets.target_id == "onepoint-moroccan-engineers-hiring"].iloc[0]
    assert (minister.value, minister.comparator, minister.value_text) == (500, "equal", "500 مهندس مغربي")
    assert minister.stated_by_actor_id == "amal-el-fallah-seghrouchni" and pd.isna(minister.deadline_text)
    group = targets[targets.commitment_id == minister.commitment_id]
    assert set(group.stated_by_actor_id) == {"amal-el-fallah-seghrouchni", "david-layani"}


def test_the_unnamed_minister_says_both_the_texts_antecedent_and_the_outside_doubt() -> None:
    minister = _row("actors", "actor_id", "004-minister-digital-transition")
    assert not minister.named
    assert "antecedent is Ghita Mezzour" in minister.description
    assert "2026" in minister.ref_note
    target = _row("targets", "target_id", "ai-gdp-contribution-2030")
    assert "Ghita Mezzour" in target.note and target.stated_by_actor_id == minister.actor_id


# -- actors -----------------------------------------------------------------------------------------


def test_a_country_is_filled_only_where_the_text_gives_it() -> None:
    for actor_id in ("002-telecom-officials-professionals", "003-ministerial-departments"):
        actor = _row("actors", "actor_id", actor_id)
        assert pd.isna(actor.country) and "inference" in actor.ref_note


def test_associations_of_enterprises_share_a_sector_and_people_take_their_organisations() -> None:
    actors = md.load("actors").set_index("actor_id")
    assert set(actors.loc[["cgem", "apebi", "ausim"], "sector"]) == {"BUS"}
    assert pd.isna(actors.loc["david-layani", "sector"]) and pd.isna(actors.loc["onepoint", "sector"])


def test_a_description_alias_may_refer_to_a_named_actor() -> None:
    (field,) = [f for f in md.schema("aliases")["fields"] if f["name"] == "alias_kind"]
    labels = {c["value"]: c["label"] for c in field["categories"]}
    assert labels["description"] == AliasKind.DESCRIPTION.definition and "any actor" in labels["description"]
    aliases = md.load("aliases")
    named = set(md.load("actors").query("named").actor_id)
    described = aliases[aliases.alias_kind == "description"]
    assert set(described.actor_id) & named >= {"onepoint", "morocco"}


# -- the CSV copy ---------------------------------------------------------------------------------------


def test_the_csv_copy_writes_amounts_as_plain_decimals() -> None:
    text = md.path("targets", "csv").read_text(encoding="utf-8")
    assert "e+" not in text and ",100000000000," in text and ",1500000000000," in text
