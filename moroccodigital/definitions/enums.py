"""Controlled vocabularies: every value carries a one-line definition.

The definitions travel into the JSON Schemas, the Table Schemas and the codebook, so they are
written once, here.  PLOVER values condense the PLOVER manual, draft version 2.0 (Open Event Data
Alliance, PLOVER_MANUAL.tex at commit 5e0c24f, February 2024), where the `technology` and
`executive` contexts are defined (they are not in version 0.7b1).
"""

from __future__ import annotations

from enum import Enum


class DescribedEnum(str, Enum):
    """A string enum whose members carry a definition: `Member = "value", "definition"`."""

    definition: str

    def __new__(cls, value: str, definition: str) -> DescribedEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.definition = definition
        return member

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def definitions(cls) -> dict[str, str]:
        return {m.value: m.definition for m in cls}


class ActorKind(DescribedEnum):
    """What sort of actor a row is."""

    PERSON = "person", "A human individual, named or described."
    COUNTRY = "country", "A sovereign state acting or referred to as a whole."
    GOVERNMENT = "government", "A national government as a whole (e.g. 'the government')."
    MINISTRY = "ministry", "A ministry, ministerial department or executive department."
    AGENCY = "agency", "A public agency, directorate, utility or other public body."
    COMPANY = "company", "A business enterprise or company group."
    ASSOCIATION = "association", "An association, federation or confederation of members."
    MEDIA = "media", "A news agency or media outlet."
    INSTITUTE = "institute", "A research or technical institute."
    GROUP = "group", "A set of people or organisations referred to together (a delegation, 'officials')."


class Sector(DescribedEnum):
    """PLOVER sector codes (a subset: the ones that can apply to these texts)."""

    GOV = "GOV", "Government: the executive, governing parties, coalition partners, executive divisions."
    BUS = "BUS", "Business: individuals, companies and enterprises, not including MNCs."
    EDU = "EDU", "Educators, schools, students, or organisations dealing with education."
    JRN = "JRN", "Journalists, newspapers, radio, television, web sites."
    SOC = "SOC", "Any organisation or movement considered part of civil society not otherwise covered."
    UNK = "UNK", "Generic unidentified actors."


class PlaceKind(DescribedEnum):
    """What sort of place a row is."""

    COUNTRY = "country", "A sovereign state."
    TERRITORY = "territory", "A territory with its own ISO 3166-1 code whose status is disputed."
    REGION = "region", "A first-level administrative region, state or province, or a named area."
    CITY = "city", "A city or town."


class InitiativeKind(DescribedEnum):
    """What sort of initiative a row is."""

    STRATEGY = "strategy", "A national or sectoral strategy or plan."
    PROGRAMME = "programme", "A named programme or initiative with its own label."
    INSTITUTE_NETWORK = "institute_network", "A named set of training or research institutes."
    PLANNED_CENTRE = "planned_centre", "A centre (of excellence, competence) that is to be created."
    DATA_CENTRE = "data_centre", "A data centre, built or planned."
    TECHNOLOGY = "technology", "A named technology or industrial paradigm (e.g. 5G, Industry 4.0)."
    PROJECT = "project", "A project a text describes, such as a network to be built, and where it is."
    LEGISLATION = "legislation", "Laws or regulations planned or enacted (e.g. legislation to regulate AI)."


class EventType(DescribedEnum):
    """PLOVER event categories used in this dataset."""

    AGREE = (
        "AGREE",
        (
            "Agree to, offer, promise or indicate willingness to cooperate; includes future-tense "
            "cooperation and promises of future aid."
        ),
    )
    CONSULT = "CONSULT", "All consultations and meetings, including visiting and hosting visits."
    SUPPORT = (
        "SUPPORT",
        (
            "Non-material cooperation: express support for or commend a policy or actor, or sign or "
            "finalise an agreement (CAMEO 057)."
        ),
    )
    COOPERATE = "COOPERATE", "Initiate or expand mutual material cooperation or exchange."
    AID = "AID", "Provide material aid whose benefits accrue primarily to the recipient (funding, grants)."


class EventMode(DescribedEnum):
    """PLOVER modes of the CONSULT category."""

    VISIT = "visit", "CONSULT: the actor is visiting, the recipient is hosting."
    THIRD_PARTY = "third-party", "CONSULT: the meeting is hosted by a third party."
    MULTILATERAL = "multilateral", "CONSULT: the meeting occurs in a multilateral context."
    PHONE = "phone", "CONSULT: consultation by phone or another remote medium."


class EventContext(DescribedEnum):
    """PLOVER context codes used in this dataset."""

    TECHNOLOGY = "technology", "Technological development, new technology, high-tech industry."
    ECONOMIC = "economic", "Trade, finance, economic development, investment."
    DIPLOMATIC = "diplomatic", "Diplomacy, embassies, ministries of foreign affairs."
    CYBER = "cyber", "Cyber attacks and crime, and cyber-security."
    EXECUTIVE = "executive", "Executive agencies and bureaucracies."


class Topic(DescribedEnum):
    """Subject areas of events and agreements (this dataset's own vocabulary)."""

    ARTIFICIAL_INTELLIGENCE = "artificial_intelligence", "Artificial intelligence."
    CLOUD_COMPUTING = "cloud_computing", "Cloud computing services."
    DATA_CENTRES = "data_centres", "Data centres and data infrastructure."
    DATA_GOVERNANCE = "data_governance", "Data management, data protection and data sovereignty."
    CYBERSECURITY = "cybersecurity", "Security of information systems and networks."
    E_GOVERNMENT = "e_government", "Electronic administration and digital public services."
    DIGITAL_INFRASTRUCTURE = "digital_infrastructure", "Digital infrastructure in general."
    TELECOMMUNICATIONS = "telecommunications", "Telecommunications networks, including 5G."
    SATELLITE_INTERNET = "satellite_internet", "Internet access by satellite (e.g. Starlink licences)."
    SMART_GRID = "smart_grid", "Smart electricity grids."
    ENERGY = "energy", "Energy, including renewable energy."
    INVESTMENT = "investment", "Attracting or making investment."
    STARTUPS = "startups", "Start-ups and entrepreneurs."
    RESEARCH_INNOVATION = "research_innovation", "Research, development and innovation."
    TECHNOLOGY_TRANSFER = "technology_transfer", "Transfer of technology and know-how."
    SKILLS_TRAINING = "skills_training", "Training, skills and human capital."
    OFFSHORING = "offshoring", "Offshoring and nearshoring of services."
    INDUSTRY = "industry", "Industry, industrial digitalisation, Industry 4.0."
    SOFTWARE = "software", "Software, including middleware."


class ParticipantRole(DescribedEnum):
    """An actor's part in an event."""

    HOST = "host", "Receives the visit or hosts the meeting."
    VISITOR = "visitor", "Travels to the host or visits the place of the event."
    ORGANISER = "organiser", "Organises the event without being host or visitor."
    DELEGATION_HEAD = "delegation_head", "Leads a visiting delegation."
    DELEGATION_MEMBER = "delegation_member", "Is a member of, or represented in, a delegation."
    COUNTERPART = "counterpart", "Is met by the other side (talks partner) without hosting."
    ATTENDEE = "attendee", "Is present at the event without being a main party."
    SIGNATORY = "signatory", "Signs an agreement at the event."
    PARTY = "party", "Is a side of the agreement, statement or commitment the event concerns."
    FUNDER = "funder", "Provides the funding."
    BENEFICIARY = "beneficiary", "Receives the funding or support."
    RECIPIENT = (
        "recipient",
        "Is the object of praise, a welcome or an offer (PLOVER recipient) without taking part in talks.",
    )


class Direction(DescribedEnum):
    """A participant's place in the PLOVER dyad (manual 2.0: the actor and recipient fields)."""

    SOURCE = (
        "source",
        "PLOVER actor: does what the event type names (visits, funds, praises); each side of a joint act.",
    )
    RECIPIENT = "recipient", "PLOVER recipient: it is done to them (hosts a visit, is funded or praised)."
    NEITHER = "neither", "Takes part without being actor or recipient (organises, attends)."


class AgreementType(DescribedEnum):
    """What sort of agreement a row is."""

    PROTOCOL = "protocol", "A protocol agreement (بروتوكول اتفاق)."
    MOU = "mou", "A memorandum of understanding."
    GRANT = "grant", "A grant or funding of a study or project by one party for another."
    AGREEMENTS = "agreements", "One or more agreements the text names only collectively (اتفاقيات)."
    CONVENTION = (
        "convention",
        "One agreement the text names as such without calling it a protocol or memorandum "
        "(اتفاقية، اتفاقية تعاون، convention, accord).",
    )
    PARTNERSHIP = (
        "partnership",
        "A partnership the text names as such (شراكة، partenariat), not a signed instrument.",
    )
    LICENCE = "licence", "A licence or authorisation granted by a regulator (ترخيص، licence)."


class AgreementStatus(DescribedEnum):
    """What the text reports about an agreement's state."""

    SIGNED = "signed", "The text reports the agreement as signed."
    FUNDED = "funded", "The text reports the funding as provided."
    PLANNED = "planned", "The text reports the agreement as to be signed or concluded (future tense)."
    ANNOUNCED = "announced", "The text reports the agreement as announced, without saying it was signed."


class PartyRole(DescribedEnum):
    """An actor's part in an agreement."""

    PARTY = "party", "A party to the agreement."
    SIGNATORY = "signatory", "Signs the agreement on behalf of a party (see on_behalf_of_id)."
    FUNDER = "funder", "Provides the funds."
    BENEFICIARY = "beneficiary", "Receives the funds or the funded work."


class DatePrecision(DescribedEnum):
    """How precisely a text dates something, from most to least precise (an ordered scale)."""

    DAY = "day", "A single calendar day with its year."
    DAY_RANGE = "day_range", "A span of days; the year may be unstated (then the bounds are null)."
    MONTH = "month", "A calendar month."
    PART_OF_YEAR = "part_of_year", "A part of a stated year ('mid-2024'); bounds are the whole year."
    YEAR = "year", "A calendar year."
    YEAR_RANGE = "year_range", "A span of calendar years."
    HIJRI_DAY = (
        "hijri_day",
        "A day of the Hijri calendar only (15 رمضان 1446): text kept; no Gregorian EDTF or bounds, since "
        "Moroccan Hijri months begin with the moon's sighting.",
    )
    HIJRI_MONTH = "hijri_month", "A Hijri month only (رمضان 1446): text kept; no Gregorian EDTF or bounds."
    WEEKDAY_ONLY = "weekday_only", "Only a weekday relative to an unstated date ('yesterday, Monday')."
    RELATIVE = "relative", "A span relative to an unstated date ('the next four years')."
    RECENT = "recent", "Only 'recently' or similar; no date is stated."
    UNKNOWN = "unknown", "The text gives no date at all."


class DeadlineBasis(DescribedEnum):
    """Whether a target's sentence states a deadline or period."""

    STATED = "stated", "The sentence itself states the deadline or period."
    NONE = "none", "The sentence states no deadline or period (an implied one is kept apart)."


class ImpliedDeadlineBasis(DescribedEnum):
    """Where an implied (unstated) deadline is read from."""

    PROGRAMME_NAME = "programme_name", "Read from the name of the target's programme ('Morocco AI 2030')."


class CoordinateKind(DescribedEnum):
    """What a place's coordinates stand for."""

    OWN = "own", "The place's own point (a city): map events here."
    CAPITAL = (
        "capital",
        "The capital of a country or region, standing in for the area: not where events in it happened.",
    )
    PRINCIPAL_CITY = (
        "principal_city",
        "The main city of an area without a capital (Silicon Valley: San Jose), standing in for the area.",
    )


class TargetKind(DescribedEnum):
    """What sort of quantity a target is."""

    GOAL = "goal", "A quantitative objective of a strategy or programme."
    COMMITMENT = "commitment", "A quantified undertaking by a named party (e.g. jobs it will create)."
    BUDGET = "budget", "Money allocated or to be invested."
    CAPACITY_PLAN = "capacity_plan", "Planned physical capacity (e.g. megawatts of a data centre)."
    FORECAST = "forecast", "An estimate of a future quantity not owned by any actor (e.g. a market size)."


class Comparator(DescribedEnum):
    """How the text qualifies a target's number."""

    EQUAL = "equal", "The value as stated, with no qualifier."
    MORE_THAN = "more_than", "'more than' (أكثر من، يتجاوز، plus de): the true value exceeds the stated one."
    AT_LEAST = "at_least", "'at least' (على الأقل، ما لا يقل عن، au moins): the stated value or more."
    ABOUT = "about", "'about', 'nearly' (قرابة، حوالي، تناهز، environ): the stated value is approximate."
    AT_MOST = "at_most", "'up to', 'not exceeding' (ما يصل إلى، لا يتعدى، jusqu'à): the stated value or less."
    LESS_THAN = "less_than", "'less than' (أقل من، moins de): the true value is below the stated one."
    UNSPECIFIED = "unspecified", "No number is stated ('billions of dirhams'): value is null."


class Unit(DescribedEnum):
    """What a target's number counts."""

    CURRENCY = "currency", "An amount of money; see the currency column (ISO 4217)."
    MEGAWATT = "megawatt", "Electric power in megawatts (ميغاواط)."
    JOBS = "jobs", "Jobs or positions (وظيفة، منصب شغل)."
    ENGINEERS = "engineers", "Engineers hired or trained (مهندس)."
    SKILLED_PROFESSIONALS = "skilled_professionals", "Skilled professionals, 'talents' (كفاءة)."
    GRADUATES = "graduates", "Graduates trained (خريج)."
    PERCENT = "percent", "A percentage (%، في المائة، pour cent): the value is out of 100."
    GIGAWATT = "gigawatt", "Electric power in gigawatts (جيغاواط، GW)."
    MEGAWATT_HOUR = "megawatt_hour", "Electric energy in megawatt-hours (ميغاواط ساعة، MWh)."
    GIGAWATT_HOUR = "gigawatt_hour", "Electric energy in gigawatt-hours (GWh)."
    MEGAHERTZ = "megahertz", "Frequency or spectrum width in megahertz (ميغاهرتز، MHz)."
    GIGAHERTZ = "gigahertz", "Frequency or spectrum width in gigahertz (جيغاهرتز، GHz)."
    MEGABIT_PER_SECOND = "megabit_per_second", "Data rate in megabits per second (ميغابت، Mbps)."
    GIGABIT_PER_SECOND = "gigabit_per_second", "Data rate in gigabits per second (جيغابت، Gbps)."
    GIGABYTE = "gigabyte", "Storage in gigabytes (جيغابايت، Go, GB)."
    TERABYTE = "terabyte", "Storage in terabytes (تيرابايت، To, TB)."
    KILOMETRE = "kilometre", "Length in kilometres (كلم، km), e.g. of a fibre network."


class AliasKind(DescribedEnum):
    """How an alias relates to its actor's name."""

    NAME = "name", "The actor's Arabic name as the registry records it."
    VARIANT = "variant", "Another spelling or word order of the full name."
    SURNAME = "surname", "A family name used alone for a person."
    ACRONYM = "acronym", "An acronym written in the text."
    DESCRIPTION = "description", "A descriptive reference to any actor, named or not ('the French company')."


class RecordTable(DescribedEnum):
    """Tables whose rows carry evidence (the target of evidence.record_id)."""

    ACTORS = "actors", "A row of actors."
    ALIASES = "aliases", "A row of aliases."
    ROLES = "roles", "A row of roles."
    PLACES = "places", "A row of places."
    INITIATIVES = "initiatives", "A row of initiatives."
    EVENTS = "events", "A row of events."
    EVENT_PARTICIPANTS = "event_participants", "A row of event_participants."
    EVENT_PLACES = "event_places", "A row of event_places."
    EVENT_INITIATIVES = "event_initiatives", "A row of event_initiatives."
    AGREEMENTS = "agreements", "A row of agreements."
    AGREEMENT_PARTIES = "agreement_parties", "A row of agreement_parties."
    TARGETS = "targets", "A row of targets."
    INITIATIVE_ALIASES = "initiative_aliases", "A row of initiative_aliases."


class SourceCoverage(DescribedEnum):
    """How much of the published article a stored text holds."""

    FULL = "full", "The whole article as published (page furniture aside)."
    EXCERPT = (
        "excerpt",
        "Only the beginning of the article (e.g. the first 1-2 kB a page store kept): what the rest says is "
        "unknown, so a fact absent from the text is not evidence that the article omits it.",
    )


class Script(DescribedEnum):
    """The writing system of a name or title as written (ISO 15924 codes)."""

    ARAB = "Arab", "Arabic script only (besides digits, spaces and punctuation)."
    LATN = "Latn", "Latin script only (besides digits, spaces and punctuation)."
    MIXED = "mixed", "Letters of both Arabic and Latin scripts ('مجموعة Onepoint'): not an ISO 15924 code."


class OccurrenceKind(DescribedEnum):
    """What an occurrence groups: reports of one event, one agreement or one commitment."""

    EVENT = "event", "Reports (events rows) of one real-world event, one per source's account."
    AGREEMENT = "agreement", "Reports (agreements rows) of one real-world agreement."
    COMMITMENT = "commitment", "Statements (targets rows) of one quantified commitment, goal or plan."


class Concordance(DescribedEnum):
    """How the reports of an occurrence relate on one attribute."""

    AGREE = "agree", "Every report that states the attribute gives this same value."
    DISAGREE = "disagree", "The reports that state the attribute give two or more values."
    SINGLE = "single", "Only one report states the attribute: nothing to compare."


class InitiativeAliasKind(DescribedEnum):
    """How an initiative's alias relates to its recorded name."""

    VARIANT = "variant", "Another spelling, word order or punctuation of the name ('AI Made in” Morocco”')."
    TRANSLATION = "translation", "The name in another language ('Maroc IA 2030' for 'Morocco AI 2030')."
    ACRONYM = "acronym", "An acronym written in the text."
    DESCRIPTION = "description", "A descriptive reference ('the national roadmap')."


class OccurrenceAttribute(DescribedEnum):
    """What the event level compares across the reports of one occurrence."""

    EVENT_TYPE = "event_type", "Events: the PLOVER category."
    MODE = "mode", "Events: the PLOVER mode."
    AGREEMENT_TYPE = "agreement_type", "Agreements: the kind of agreement."
    STATUS = "status", "Agreements: the state the report gives."
    DATE_EDTF = "date_edtf", "Events and agreements: the date as EDTF (XXXX where no year is stated)."
    DATE_BOUNDS = "date_bounds", "Events and agreements: earliest..latest possible day, from the text alone."
    DATE_PRECISION = "date_precision", "Events and agreements: how precisely the report dates it."
    WEEKDAY = "weekday", "Events and agreements: the weekday the date text names (in English)."
    WEEKDAY_OF_DATE = (
        "weekday_of_date",
        "Events and agreements: the weekday on which the report's single-day date falls (from the calendar).",
    )
    PLACES = "places", "Events: the places the report gives; agreements: the place of signing."
    PARTICIPANTS = "participants", "Events: the actors taking part; agreements: the parties (actor ids)."
    ROLE = "role", "Per actor: the actor's role (and PLOVER direction) in the report."
    TITLE = "title", "Per actor: the person's title as the report's source writes it."
    SPELLING = "spelling", "Per actor: the forms by which the report's source names it (its aliases there)."
    AMOUNT = "amount", "Agreements: amount and currency; commitments: value, unit and currency."
    COMPARATOR = "comparator", "Commitments: how the value is qualified ('more than', 'about')."
    TARGET_KIND = "target_kind", "Commitments: goal, commitment, budget, capacity plan or forecast."
    DEADLINE_EDTF = "deadline_edtf", "Commitments: the stated deadline as EDTF."
    DEADLINE_BOUNDS = "deadline_bounds", "Commitments: earliest..latest day of the stated deadline."
    DEADLINE_BASIS = "deadline_basis", "Commitments: whether the sentence states a deadline."
    IMPLIED_DEADLINE = "implied_deadline_edtf", "Commitments: a deadline only a name implies, as EDTF."
    STATED_BY = (
        "stated_by",
        "Commitments: who states the figure (actor id; 'article' for the article's voice).",
    )
    OWNER = "owner", "Commitments: whose target it is (actor id)."
