"""Event and agreement skeletons for a draft, proposed from trigger words.

A sentence with a trigger word (a signing, a visit, talks, a pledge, a funding) gets one event
skeleton: its PLOVER type suggested from the trigger (signing → SUPPORT, visit and talks →
CONSULT, pledge → AGREE, funding → AID, as docs/coding_rules.md codes them), the sentence as
evidence, and the actors, places and date the finder found in that sentence.  A sentence that
also names an agreement (اتفاقية، مذكرة تفاهم، convention, protocole d'accord...) gets an
agreement skeleton linked to that event.  Everything a curator decides reads TODO; the draft as a
whole is `status: draft`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from moroccodigital.curation.yamlquote import flow_scalar
from moroccodigital.finder.extract import Candidate
from moroccodigital.finder.normalize import fold, normalize

EVENT_TRIGGERS = {
    "توقيع": ("SUPPORT", None), "وقع": ("SUPPORT", None), "وقعت": ("SUPPORT", None),
    "وقعا": ("SUPPORT", None), "يوقع": ("SUPPORT", None), "توقع": ("SUPPORT", None),
    "زيارة": ("CONSULT", "visit"), "زار": ("CONSULT", "visit"), "زارت": ("CONSULT", "visit"),
    "يزور": ("CONSULT", "visit"), "تزور": ("CONSULT", "visit"), "مباحثات": ("CONSULT", None),
    "محادثات": ("CONSULT", None), "لقاء": ("CONSULT", None), "اجتماع": ("CONSULT", None),
    "استقبل": ("CONSULT", None), "استقبلت": ("CONSULT", None), "التقى": ("CONSULT", None),
    "التقت": ("CONSULT", None), "تمويل": ("AID", None), "منحة": ("AID", None), "مول": ("AID", None),
    "تعهد": ("AGREE", None), "التزم": ("AGREE", None), "التزمت": ("AGREE", None),
    "signé": ("SUPPORT", None), "signée": ("SUPPORT", None), "signés": ("SUPPORT", None),
    "signées": ("SUPPORT", None), "signature": ("SUPPORT", None), "paraphé": ("SUPPORT", None),
    "paraphée": ("SUPPORT", None), "paraphées": ("SUPPORT", None), "paraphés": ("SUPPORT", None),
    "conclu": ("SUPPORT", None), "conclues": ("SUPPORT", None), "conclus": ("SUPPORT", None),
    "visite": ("CONSULT", "visit"), "entretiens": ("CONSULT", None), "entretien": ("CONSULT", None),
    "entretenu": ("CONSULT", None), "entretenue": ("CONSULT", None), "réunion": ("CONSULT", None),
    "rencontre": ("CONSULT", None), "reçu": ("CONSULT", None), "reçue": ("CONSULT", None),
    "financement": ("AID", None), "subvention": ("AID", None), "s'engage": ("AGREE", None),
    "s'engagent": ("AGREE", None),
}  # fmt: skip
"""Trigger words → (suggested PLOVER event type, suggested mode)."""
AGREEMENT_NOUNS = {
    "بروتوكول اتفاق": "protocol", "بروتوكول": "protocol", "مذكرة تفاهم": "mou", "مذكرة التفاهم": "mou",
    "اتفاقيات": "agreements", "الاتفاقيات": "agreements", "اتفاقية": None, "الاتفاقية": None,
    "اتفاق": None, "منحة": "grant", "protocole d'accord": "protocol", "protocole": "protocol",
    "mémorandum d'entente": "mou", "mémorandum": "mou", "convention": None, "conventions": "agreements",
    "accord": None, "accords": "agreements", "subvention": "grant", "don": "grant",
}  # fmt: skip
"""Agreement nouns → suggested agreement_type (None: the curator chooses)."""


def _words(words: Iterable[str]) -> re.Pattern[str]:
    body = "|".join(re.escape(w) for w in sorted({fold(w) for w in words}, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:[وف]?[بل]?)(?P<w>{body})(?!\w)")


_TRIGGER = _words(EVENT_TRIGGERS)
_AGREEMENT = _words(AGREEMENT_NOUNS)
_EVENT_TYPE = {fold(k): v for k, v in EVENT_TRIGGERS.items()}
_AGREEMENT_TYPE = {fold(k): v for k, v in AGREEMENT_NOUNS.items()}
_SENTENCE = re.compile(r"[^.!?؟\n]+")
Quote = Callable[..., str]


@dataclass
class _Sentence:
    start: int
    end: int
    trigger: str
    """The folded trigger word (a key of _EVENT_TYPE)."""
    agreement: str | None
    shown: dict[str, str] = field(default_factory=dict)
    """Folded word → as written in the text."""


def _sentences(text: str) -> list[_Sentence]:
    """Sentences with an event trigger, with the first trigger and agreement noun in each."""
    norm = normalize(text)
    out = []
    for s in _SENTENCE.finditer(norm.text):
        trigger = _TRIGGER.search(norm.text, s.start(), s.end())
        if trigger is None:
            continue
        agreement = _AGREEMENT.search(norm.text, s.start(), s.end())
        a, b = s.start(), s.end()
        while a < b and norm.text[a].isspace():
            a += 1
        while b > a and norm.text[b - 1].isspace():
            b -= 1
        out.append(
            _Sentence(
                norm.start(a), norm.end(b), trigger.group("w"), agreement.group("w") if agreement else None
            )
        )
        out[-1].shown = {
            m.group("w"): text[norm.start(m.start("w")) : norm.end(m.end("w"))]
            for m in (trigger, agreement)
            if m
        }
    return out


def skeletons(
    text: str, candidates: list[Candidate], quote: Quote
) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    """Event lines, agreement lines, and the spans their fields cite (for the waivers)."""
    events: list[str] = []
    agreements: list[str] = []
    cited: list[tuple[int, int]] = []
    for n, sentence in enumerate(_sentences(text), 1):
        inside = [c for c in candidates if sentence.start <= c.start and c.end <= sentence.end]
        actors = [c for c in inside if c.kind in {"actor", "organisation", "person"}]
        places = [c for c in inside if c.kind == "place" and c.ref]
        dates = [c for c in inside if c.kind == "date"]
        event_type, mode = _EVENT_TYPE[sentence.trigger]
        event_id = f"TODO-event-{n}"
        cited += [(c.start, c.end) for c in [*actors, *places, *dates[:1]]]
        events += [
            f"  - event_id: {event_id}",
            f"    event_type: {event_type}  # TODO: from {_shown(sentence, sentence.trigger)}",
            f"    mode: {mode or 'null'}",
            "    title_en: TODO",
            "    summary_en: TODO",
            "    part_of_event_id: null",
            "    is_aggregate: false",
            *_date(text, dates[0] if dates else None, quote),
            "    contexts: []  # TODO",
            "    topics: []  # TODO",
            "    evidence:",
            f"      - {quote(text, sentence.start, sentence.end, 'gloss: TODO')}",
            *(["    places:", *(_place(text, c, quote) for c in places)] if places else ["    places: []"]),
            *(
                ["    participants:", *(_party(text, c, quote, "direction: TODO") for c in actors)]
                if actors
                else ["    participants: []"]
            ),
        ]
        if sentence.agreement is not None:
            kind = _AGREEMENT_TYPE[sentence.agreement]
            agreements += [
                f"  - agreement_id: TODO-agreement-{n}",
                f"    agreement_type: {kind or 'TODO'}  # TODO: from {_shown(sentence, sentence.agreement)}",
                f"    status: {'signed' if event_type == 'SUPPORT' else 'TODO'}",
                "    title_en: TODO",
                "    purpose_en: TODO",
                f"    place_id: {places[0].ref if places else 'null'}",
                f"    event_id: {event_id}",
                "    initiative_id: null",
                "    amount: null",
                "    currency: null",
                *_date(text, dates[0] if dates else None, quote),
                "    topics: []  # TODO",
                "    evidence:",
                f"      - {quote(text, sentence.start, sentence.end, 'gloss: TODO')}",
                *(
                    ["    parties:", *(_party(text, c, quote) for c in actors)]
                    if actors
                    else ["    parties: []"]
                ),
            ]
    return events, agreements, cited


def _shown(sentence: _Sentence, word: str) -> str:
    """A trigger word as the text writes it, quoted for a comment."""
    return flow_scalar(sentence.shown[word])


def _date(text: str, date: Candidate | None, quote: Quote) -> list[str]:
    """A date block from the sentence's first date, bounds left to the curator."""
    if date is None:
        return ["    date:", "      text: null", "      edtf: null", "      precision: unknown",
                "      lower: null", "      upper: null"]  # fmt: skip
    hijri = (date.precision or "").startswith("hijri")
    precision = "TODO  # a Hijri date: give its Gregorian reading" if hijri else date.precision
    return [
        "    date:",
        f"      text: {quote(text, date.start, date.end, 'gloss: TODO')}",
        f"      edtf: {flow_scalar(date.edtf) if date.edtf else 'null'}",
        f"      precision: {precision}",
        "      lower: null  # TODO",
        "      upper: null  # TODO",
    ]


def _place(text: str, c: Candidate, quote: Quote) -> str:
    return f"      - {quote(text, c.start, c.end, f'place: {c.ref}', 'gloss: TODO')}"


def _party(text: str, c: Candidate, quote: Quote, *extra: str) -> str:
    """A participant (events: with its PLOVER direction) or a party (agreements) to review."""
    ref = c.ref if c.kind == "actor" and c.ref else "TODO"
    return f"      - {quote(text, c.start, c.end, f'actor: {ref}', 'role: TODO', *extra, 'gloss: TODO')}"
