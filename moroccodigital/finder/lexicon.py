"""Known names (actors, places, initiatives) and the matcher that finds them in a text.

The names come from the curation itself: registry names (Arabic and Latin), recorded aliases,
acronyms, and each named person's surname (the last word of the name), which carries the
person's given names so that "يوسف العمراني" is not taken for Sarah Lamrani's "العمراني".  They
are read from the curated files: the audit's (during a build) or the shipped ones (drafts and
scans of new articles), never from the released tables.  Aliases a text used to *describe* an
unnamed actor ("الشركة الفرنسية") only count in that text's own source.

Matching is exact after normalisation, at word boundaries, with up to two attached proclitics
(و ف then ب ل ك) and the contraction ل + ال → لل.  The longest name wins; an article is never
stripped, so "عمراني" never matches "العمراني".  A surface form shared by two records is
reported as ambiguous, not resolved by guess.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from moroccodigital import paths
from moroccodigital.finder.fastre import quick
from moroccodigital.finder.normalize import fold, trie_pattern
from moroccodigital.finder.vocabulary import common_words, given_names, linking_words

KIND_ORDER = ("actor", "initiative", "place")
"""When one name is both an actor and a place (المغرب), the actor reading comes first."""


@dataclass(frozen=True)
class Entry:
    """One name of one record: the record's kind and id, and the surface form as recorded."""

    kind: str
    ref: str
    alias: str
    surname: bool = False
    """The form is a person's family name used alone ("العمراني", "Mezzour")."""
    given: tuple[str, ...] = ()
    """For a surname: the folded first words of that person's full names (its given names)."""
    forenames: tuple[str, ...] = ()
    """For a surname: the folded words before it in each of that person's full names ("امل
    الفلاح"), which decide between namesakes when the text writes them before a respelt surname."""
    category: str = ""
    """For an actor: its registry kind (country, government, person...)."""
    near: str = ""
    """For a generic name outside the source that records it ("مركز بيانات"): the id of its
    record's place, which must be named in the same sentence for the name to link there."""
    headless: bool = False
    """A foreign ministry's name without its head word ("الخارجية الأمريكية"): after a definite word
    it is that word's adjective ("التجارة الخارجية الأمريكية"), not the ministry."""
    country: str = ""
    """Its record's country (ISO 3166 alpha-3): a nation's adjective after an actor's name may
    repeat it ("وزارة التجارة الأمريكية" is the US Department of Commerce), and a place inside it
    may say where a body of that country is ("ambassade ... à Rabat", in Morocco)."""


@dataclass(frozen=True)
class Match:
    """A known name found in a normalised text (normalised offsets, proclitics excluded, except
    the preposition of a contraction: "للولايات المتحدة" is ل + الولايات المتحدة)."""

    start: int
    end: int
    entries: tuple[Entry, ...]
    variant: bool = False
    """Found through the spelling key (`skeleton`), not as recorded."""


_SKELETON = str.maketrans({"ص": "س", "ق": "ك", "غ": "ك", "ج": "ك", "گ": "ك", "ط": "ت", "ض": "د", "ظ": "ز",
                           "ذ": "ز", "ث": "ت", "ة": "ه"})  # fmt: skip
_VOWELS = re.compile("[اويءى]")
_LETTER_CLASS = {"س": "[سص]", "ك": "[قغجكگ]", "ت": "[تطث]", "د": "[دض]", "ز": "[زظذ]", "ه": "[هة]"}
BRAND_KINDS = ("company", "media")
"""Actors whose one-word Arabic name is a transliteration the press spells several ways, as it
does surnames ("تيكنوبارك" for تكنوبارك)."""
VARIANT_MIN = 5
"""Letters a surname's skeleton needs before its variants are looked for (shorter ones collide
with common words: "مركي", "سدكي" would)."""
SPLIT_MIN = 6
"""Letters a company name's skeleton needs before it is looked for written in two words."""


def skeleton(word: str) -> str:
    """The spelling key of a transliterated Arabic name: folded, without the article, the long
    vowels and hamza (ا و ي ء) between its first and last letters, and with the letters
    transliterations mix up merged (ص/س, ق/غ/ج/ك, ط/ت, ض/د, ظ/ذ/ز).  "السغروشني", "صغروشني"
    and "السغرشني" share one key; the last letter stays, so "العمراني" (a nisba) is not
    "العمران" (a common noun)."""
    folded = fold(word).strip()
    folded = folded[2:] if folded.startswith("ال") and len(folded) > 4 else folded
    keyed = folded.translate(_SKELETON)
    return keyed[:1] + _VOWELS.sub("", keyed[1:-1]) + keyed[-1:] if len(keyed) > 1 else keyed


def _skeleton_pattern(key: str, split: bool = False) -> str:
    """A regex matching every word whose skeleton is `key` (vowels may be written or not), and,
    if `split`, the word written in two ("تكنو بارك")."""
    parts = [_LETTER_CLASS.get(ch, re.escape(ch)) for ch in key]
    between = "[اويءى]* ?[اويءى]*" if split else "[اويءى]*"
    return parts[0] + "".join(f"{between}{p}" for p in parts[1:])


def _contracted(key: str) -> str:
    """What follows ل in the contraction of ل + a name with the article: "للمغرب" is ل + "لمغرب";
    a stem that starts with ل keeps two lams, not three ("للجنة الوطنية" is ل + "لجنة الوطنية")."""
    return key[2:] if key[2] == "ل" else "ل" + key[2:]


class Lexicon:
    """Normalised name → entries, compiled into one matcher."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        table: dict[str, list[Entry]] = {}
        for entry in entries:
            key = fold(entry.alias).strip()
            if key and entry not in table.setdefault(key, []):
                table[key].append(entry)
        self.table = {k: tuple(sorted(v, key=_entry_order)) for k, v in table.items()}
        contracted = {_contracted(k): k for k in self.table if k.startswith("ال") and len(k) > 3}
        self._contracted = contracted
        full = trie_pattern(self.table) or "(?!)"
        short = trie_pattern(contracted) or "(?!)"
        self._regex = re.compile(
            rf"(?<!\w)(?:(?:[وف]?[بلك]?)(?P<full>{full})|(?:[وف]?ل)(?P<short>{short}))(?!\w)"
        )
        people: dict[str, list[str]] = {}
        for key, found in self.table.items():
            for entry in found:
                if entry.category == "person" and not entry.surname and " " in key:
                    people.setdefault(entry.ref, []).append(key)
        self.full_names = {ref: tuple(keys) for ref, keys in people.items()}
        """Folded full names of the registry people, by id (to tell namesakes apart)."""
        self.given_names = frozenset(
            {fold(w) for w in given_names()} | {g for es in self.table.values() for e in es for g in e.given}
        )
        """Folded given names: the common ones (given_names.txt) and those of registry people."""
        variants: dict[str, list[Entry]] = {}
        for key, found in self.table.items():
            for entry in found:
                sk = skeleton(key)
                brand = entry.kind == "actor" and entry.category in BRAND_KINDS and not entry.surname
                if (entry.surname or brand) and re.fullmatch(r"[^\W\d_a-z]+", key) and len(sk) >= VARIANT_MIN:
                    variants.setdefault(sk, []).append(entry)
        self._variants = {k: tuple(dict.fromkeys(v)) for k, v in variants.items()}
        body = "|".join(
            f"(?P<v{i}>{_skeleton_pattern(k, split=_splits(k, v))})"
            for i, (k, v) in enumerate(self._variants.items())
        )
        self._variant_keys = list(self._variants)
        self._variant_regex = quick(rf"(?<!\w)[وفبلك]{{0,2}}(?:ال)?(?:{body})(?!\w)") if body else None
        arranged: dict[str, list[Entry]] = {}
        for key, found in self.table.items():
            pattern = particle_pattern(key)
            proper = [e for e in found if e.kind == "actor" and not e.surname and e.alias[:1].isupper()]
            if pattern is not None and proper:  # a proper name, not a description ("les entreprises ...")
                arranged.setdefault(pattern, []).extend(proper)
        self._arranged = [(p, tuple(v)) for p, v in arranged.items() if v]
        self._arranged_regex = (
            quick("|".join(f"(?P<a{i}>{p})" for i, (p, _) in enumerate(self._arranged)))
            if self._arranged
            else None
        )
        firsts = {_first_word(k) for k in self.table if particle_pattern(k) is not None}
        self._arranged_starts = re.compile(rf"(?<!\w)(?:{trie_pattern(firsts) or '(?!)'})(?!\w)")

    def find(self, text: str) -> Iterator[Match]:
        """Every known name in a normalised text, leftmost first, longest at each start."""
        for m in self._regex.finditer(text):
            if m.group("full") is not None:
                yield Match(m.start("full"), m.end("full"), self.table[m.group("full")])
            else:  # the span keeps the preposition: "للمغرب", not "لمغرب"
                yield Match(
                    m.start("short") - 1, m.end("short"), self.table[self._contracted[m.group("short")]]
                )

    def variants(self, text: str) -> Iterator[Match]:
        """Surnames of known people and one-word transliterated company names spelt another way
        ("صغروشني" for "السغروشني", "تيكنوبارك" and "تكنو بارك" for "تكنوبارك"), by skeleton.
        The span starts after any proclitic; the article, if written, is part of it.  Also Latin
        names of three words or more with their particles placed otherwise ("Agence du
        Développement Digital" for "Agence de Développement du Digital"), by `particle_pattern`."""
        if self._arranged_regex is not None:
            for m in _at_starts(self._arranged_regex, self._arranged_starts, text):
                entries = self._arranged[int(str(m.lastgroup)[1:])][1]
                if fold(entries[0].alias).strip() != m.group():
                    yield Match(m.start(), m.end(), entries, variant=True)
        if self._variant_regex is None:
            return
        for m in self._variant_regex.finditer(text):
            group = str(m.lastgroup)
            start = m.start(group)
            if text.startswith("ال", start - 2):
                start -= 2
            yield Match(start, m.end(group), self._variants[self._variant_keys[int(group[1:])]], variant=True)


def _splits(key: str, entries: tuple[Entry, ...]) -> bool:
    """Whether a one-word company name may be found written in two words: long enough that two
    words of the text do not make its skeleton by chance."""
    return len(key) >= SPLIT_MIN and all(e.category in BRAND_KINDS and not e.surname for e in entries)


def _first_word(key: str) -> str:
    """The first word of a name that `particle_pattern` keeps (its patterns start with it)."""
    movable = {fold(str(w)) for w in linking_words()["movable_particles"]}
    return next(w for w in key.replace("'", "' ").split() if w not in movable)


def _at_starts(pattern: re.Pattern[str], starts: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern whose every match begins with a word `starts`
    finds: tried only there, left to right, each match skipping the starts it covers."""
    end = 0
    for start in starts.finditer(text):
        if start.start() < end:
            continue
        m = pattern.match(text, start.start())
        if m is not None:
            end = m.end()
            yield m


def particle_pattern(key: str) -> str | None:
    """A regex for a folded Latin name of three words or more that matches it with its particles
    placed otherwise: the name's other words in order, any of names.yaml's `movable_particles`
    between them (None for a shorter name, or one with fewer than two other words).  "et" is a
    word of the name: "Caisse de Dépôt et de Gestion" is not "la Caisse de Dépôt et la Gestion"."""
    words = key.replace("'", "' ").split()
    if len(words) < 3 or not re.fullmatch(r"[a-zß-ÿœæ' .-]+", key):
        return None
    movable = {fold(str(w)) for w in linking_words()["movable_particles"]}
    content = [w for w in words if w not in movable]
    if len(content) < 2 or len(content) == len(words):
        return None
    spaced = "|".join(re.escape(w) for w in sorted(movable) if not w.endswith("'"))
    elided = "|".join(re.escape(w) for w in sorted(movable) if w.endswith("'"))
    separator = rf"(?:\s+(?:(?:{spaced})\s+)*(?:{elided})?)"
    return r"(?<!\w)" + separator.join(re.escape(w) for w in content) + r"(?![\w'])"


def _entry_order(entry: Entry) -> tuple[int, str]:
    return KIND_ORDER.index(entry.kind), entry.ref


GENERIC_HEAD_WORDS = 3
"""An Arabic name of at most this many words, none of them definite, is a description."""
GENERIC_HEADS = frozenset(
    fold(w)
    for w in ("مركز", "مراكز", "برنامج", "مشروع", "منصة", "مختبر", "معهد", "معاهد", "مدرسة", "مصنع", "محطة",
              "شبكة", "قطب", "مدينة", "وزارة", "وكالة", "شركة", "مجموعة", "جمعية", "جامعة", "مؤسسة", "مجلس",
              "هيئة", "منظمة", "بنك", "صندوق", "مكتب", "اتفاقية", "استراتيجية", "خطة", "مبادرة")
)  # fmt: skip
"""Common nouns that head a description ("مركز بيانات", a data centre), not a proper name."""


def is_generic(name: str) -> bool:
    """A registry name that describes rather than names ("مركز بيانات", a data centre): a short
    indefinite Arabic phrase headed by a common noun, with no digit or Latin letter.  It links
    only in the source whose curators recorded it, never in a new article ("أوستن" or "واشنطن",
    proper names without an article, are not generic)."""
    words = [w.strip("«»\"'()") for w in fold(name).split()]
    return (
        0 < len(words) <= GENERIC_HEAD_WORDS
        and words[0] in GENERIC_HEADS
        and all(w and not w.startswith(("ال", "لل")) for w in words)
        and not re.search(r"[\da-z]", fold(name))
    )


ACTOR_NAME_COLUMNS = ("name_ar", "name_en", "name_fr", "ref_name_ar")
"""An actor's names: as the texts write it, its Latin names and the Arabic reference name of an
actor the texts write only in Latin script (a page's "عمر السغروشني" for "Omar Seghrouchni")."""


def entries_from_rows(
    actors: Iterable[dict[str, Any]],
    aliases: Iterable[dict[str, Any]],
    places: Iterable[dict[str, Any]],
    initiatives: Iterable[dict[str, Any]],
    source_id: str | None = None,
    recorded: Collection[str] = (),
) -> list[Entry]:
    """Every name usable in one source (or, with source_id None, in a new article).

    Rows are table rows (or curated rows with the same keys).  Actor rows of unnamed actors and
    alias rows of kind `description` carry `source_id` and count only in that source.  Latin
    names (name_en, name_fr) count as names, so French texts link too, and so does an Arabic
    reference name (ref_name_ar), so Arabic texts link an actor the curated texts write in Latin.
    A person's last word, in Arabic and in Latin, is a surname entry that carries the person's
    given names, unless it is a common word ("سفير", ambassador: Khalid Safir is "خالد سفير").
    A generic name (`is_generic`) counts only for a record in `recorded`, the ids of the records the
    source's own curation cites (its mentions): "مركز بيانات" is the Dakhla data centre in the
    article that says so; elsewhere, as in a new article, only where the same sentence names the
    record's place (`Entry.near`).  The draft and the audit read the same entries, so they agree.
    """
    out: list[Entry] = []
    formed: list[Entry] = []
    local = {}
    home: dict[str, Any] = {}
    given: dict[str, tuple[str, ...]] = {}
    forenames: dict[str, tuple[str, ...]] = {}
    for row in actors:
        named = row.get("named", True)
        if not named and row.get("source_id") != source_id:
            continue
        ref = row["actor_id"]
        local[ref] = str(row.get("kind") or "")
        home[ref] = row.get("country")
        person = row.get("kind") == "person" and named
        names = [str(row[k]) for k in ACTOR_NAME_COLUMNS if row.get(k)]
        given[ref] = tuple(fold(n.split()[0]) for n in names if person and len(n.split()) > 1)
        forenames[ref] = tuple(fold(" ".join(n.split()[:-1])) for n in names if person and len(n.split()) > 1)
        for name in names:
            if (
                name == row["name_ar"]
                and is_generic(name)
                and ref not in recorded
                and row.get("kind") != "person"
            ):
                continue
            category = str(row.get("kind") or "")
            out.append(Entry("actor", ref, name, category=category))
            words = name.split()
            if person and len(words) > 1 and fold(words[-1]) not in common_words():
                out.append(
                    Entry(
                        "actor",
                        ref,
                        words[-1],
                        surname=True,
                        given=given[ref],
                        forenames=forenames[ref],
                        category=category,
                    )
                )
        if row.get("acronym"):
            acronym = str(row["acronym"])
            for form in (acronym, *dotted(acronym)):
                out.append(Entry("actor", ref, form, category=str(row.get("kind") or "")))
        if named:
            bodies = {_respelt(b) for b in foreign_portfolios(row)}
            formed.extend(
                Entry("actor", ref, form, category=local[ref], headless=_respelt(form) in bodies)
                for form in official_forms(row)
            )
    for row in aliases:
        if row["actor_id"] not in local:
            continue
        if row.get("alias_kind") == "description" and row.get("source_id") != source_id:
            continue
        surname = row.get("alias_kind") == "surname"
        if row.get("alias_kind") == "variant":  # "وزارة التحول الرقمي والإصلاح الإداري" has forms too
            alias_row = {
                "kind": local[row["actor_id"]],
                "country": home.get(row["actor_id"]),
                "name_ar": row["alias_ar"],
            }
            formed.extend(
                Entry("actor", row["actor_id"], f, category=local[row["actor_id"]])
                for f in official_forms(alias_row)
            )
        out.append(
            Entry(
                "actor",
                row["actor_id"],
                row["alias_ar"],
                surname,
                given.get(row["actor_id"], ()) if surname else (),
                forenames.get(row["actor_id"], ()) if surname else (),
                local[row["actor_id"]],
            )
        )
    for table, id_col in ((places, "place_id"), (initiatives, "initiative_id")):
        kind = "place" if id_col == "place_id" else "initiative"
        for row in table:
            for key in ("name_ar", "name_en", "name_fr"):
                written = row.get(key)
                if not written:
                    continue
                if key == "name_ar" and row[id_col] not in recorded and is_generic(str(written)):
                    if row.get("place_id"):  # "مركز بيانات ... في الداخلة": the record's own place
                        out.append(Entry(kind, row[id_col], str(written), near=str(row["place_id"])))
                    continue
                out.append(
                    Entry(kind, row[id_col], str(written), country=str(row.get("iso3166_alpha3") or ""))
                )
    formed += [replace(e, alias=plain) for e in out if (plain := plain_capitals(e.alias)) != e.alias]
    formed += [replace(e, alias=form) for e in out for form in dash_forms(e.alias)]
    taken = {fold(e.alias).strip() for e in out}
    for entry in formed:  # a form already recorded (for this record or another) is not made again
        if fold(entry.alias).strip() not in taken:
            taken.add(fold(entry.alias).strip())
            out.append(entry)
    out = [replace(e, country=str(home[e.ref])) if e.kind == "actor" and home.get(e.ref) else e for e in out]
    return _countries_as_places(out)


def plain_capitals(name: str) -> str:
    """A Latin name with its accented capitals written plain, as French typography often writes
    them ("département d'Etat américain", "Etats-Unis" for "État", "États"); lower-case accents stay."""
    return "".join(
        unicodedata.normalize("NFD", ch)[0] if ch.isupper() and not ch.isascii() and _is_latin(ch) else ch
        for ch in name
    )


def dotted(acronym: str) -> list[str]:
    """An acronym of capitals as the press also writes it, a dot after each letter ("C.N.D.P",
    "C.N.D.P.")."""
    if not re.fullmatch(r"[A-Z]{2,6}", acronym):
        return []
    return [".".join(acronym), ".".join(acronym) + "."]


_DASH = re.compile(r"\s*[-–—]\s*")


def dash_forms(name: str) -> list[str]:
    """A name of two parts joined by a dash, as the press also writes it: with or without spaces
    around the dash ("الدار البيضاء – سطات", "الدار البيضاء-سطات")."""
    if _DASH.search(name) is None or not re.search(r"[^\W\d_a-zA-Z]", name):
        return []
    return [form for sep in ("-", " - ") if (form := _DASH.sub(sep, name)) != name]


def _is_latin(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("LATIN")


def official_forms(row: dict[str, Any]) -> list[str]:
    """Other official forms of a named actor's registry names (names.yaml): a ministry of the
    dataset's country written longer or shorter ("الوزارة المنتدبة المكلفة بالانتقال الرقمي وإصلاح
    الإدارة", "le ministère de la Transition numérique"), a foreign one by its portfolio alone
    ("الخارجية الأمريكية"), a news agency without its last word
    ("وكالة المغرب العربي"), the country's government as "le gouvernement", and any of these with
    the other spelling of a pair the press uses alike ("الأمريكية", "الأميركية").  `entries_from_rows`
    drops a form that is another record's name, so a form never takes a name from its owner."""
    words = linking_words()
    kind, home = row.get("kind"), row.get("country") == words["country"]
    out: list[str] = []
    for key in ("name_ar", "name_fr"):
        name = str(row.get(key) or "").strip()
        if kind == "ministry" and home and name:
            out += _ministry_forms(name, words["ministry_forms"])
        elif kind == "ministry" and name:
            out += foreign_portfolios({"name": name})
        if kind == "media" and name:
            for word in words["media_words"]:
                if fold(name).endswith(" " + fold(word)) and len(name.split()) - len(word.split()) >= 2:
                    out.append(name[: -len(word)].strip())
    if kind == "government" and home:
        out += words["government_words"]
    for name in [str(row.get(k) or "") for k in ("name_ar", "name_fr")] + out:
        for a, b in words["spelling_pairs"]:
            for old, new in ((str(a), str(b)), (str(b), str(a))):
                if old in name:
                    out.append(name.replace(old, new))
    return out


def _respelt(name: str) -> str:
    """A name with one spelling of each pair of names.yaml's `spelling_pairs` (a key for them)."""
    for a, b in linking_words()["spelling_pairs"]:
        name = name.replace(str(b), str(a))
    return name


def foreign_portfolios(row: dict[str, Any]) -> list[str]:
    """A foreign ministry's names without their head word, of two words or more ("الخارجية
    الأمريكية" for "وزارة الخارجية الأمريكية"; names.yaml's `foreign_ministry_forms`)."""
    words = linking_words()
    if row.get("kind", "ministry") != "ministry" or row.get("country") == words["country"]:
        return []
    names = [str(row.get(k) or "") for k in ("name", "name_ar", "name_fr")]
    forms = [f for n in names if n for f in _ministry_forms(n, words["foreign_ministry_forms"])]
    return [f for f in forms if len(f.split()) > 1]


def _ministry_forms(name: str, table: dict[str, Any]) -> list[str]:
    for spec in table.values():
        head = str(spec["head"])
        if not fold(name).startswith(fold(head) + " "):
            continue
        body = name[len(head) :].strip()
        if not re.match(r"(?:ال|de |du |des |d['’])", fold(body)):
            return []  # the head's genitive, not a title's words ("ministère délégué chargé ...")
        first = re.split(r" (?:و|et )", body, maxsplit=1)[0].strip()
        several = first != body
        return [
            str(form).format(body=body, first=first)
            for form in spec["forms"]
            if several or "{first}" not in str(form)
        ]
    return []


def _countries_as_places(entries: list[Entry]) -> list[Entry]:
    """A country is both an actor and a place under one id ("المغرب" acts, and things happen in
    it): every name of either record reads both ways, so "Maroc" (the actor's French name) is
    also the place, as "المغرب" already is."""
    places = {e.ref for e in entries if e.kind == "place"}
    countries = {e.ref for e in entries if e.kind == "actor" and e.category == "country"} & places
    out = dict.fromkeys(entries)
    for e in entries:
        if e.ref in countries and not e.surname:
            twin = (
                Entry("place", e.ref, e.alias, country=e.country)
                if e.kind == "actor"
                else Entry("actor", e.ref, e.alias, category="country", country=e.country)
            )
            out.setdefault(twin)
    return list(out)


def installed_entries() -> list[Entry]:
    """Names for articles outside the dataset, from the shipped curation (registries and
    annotations): the finder reads what the curators wrote, never the released tables."""
    from moroccodigital.curation.annotations import read_curation

    cur = read_curation(paths.installed_seeds())
    sources = {row.file: row.data.get("source_id") for row in cur.rows if row.table == "sources"}
    tables: dict[str, list[dict[str, Any]]] = {"actors": [], "aliases": [], "places": [], "initiatives": []}
    for row in cur.rows:
        if row.table in tables:
            extra = {"source_id": sources.get(row.file)} if row.table == "aliases" else {}
            tables[row.table].append({**row.data, **extra})
    return entries_from_rows(tables["actors"], tables["aliases"], tables["places"], tables["initiatives"])
