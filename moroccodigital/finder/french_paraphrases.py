"""French names of registry bodies written in other words: the press says "Consulat général
américain à Casablanca" for the registry's Consulat général des États-Unis à Casablanca, and
"département d'Etat US" for Département d'État américain.

A name starts at a registry body's head noun (the first word of its French name) and runs over
that body's own words, the words that join them (names.yaml `french_joining_words`) and a
country's name or adjective where the body's name has that country in either form (names.yaml
`french_nations`), a head noun's synonym counting as it ("le département de la Transition
numérique" is the ministry; `french_head_synonyms`); "et" joins only where the body's name has
one.  It links where it says every word of a two-word name, or three fifths and at least two of
a longer one, and where no complement of its own follows: "Caisse de dépôt et de consignation"
and "ambassade des États-Unis à Paris" are other bodies, but a registry place in a country the
name has says where the body is ("ambassade des États-Unis à Rabat" is the Ambassade des
États-Unis au Maroc); nor an acronym of another body in brackets ("Agence marocaine de
développement des investissements (AMDI)" is not the AMDIE).  Words compare without accents,
case or a plural or feminine ending.  Every link is a variant (`Match.variant`): a curator checks
it names the record.
"""

from __future__ import annotations

import math
import re
import unicodedata
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from moroccodigital.finder.fastre import quick
from moroccodigital.finder.lexicon import Entry, Lexicon, Match
from moroccodigital.finder.normalize import fold, trie_pattern
from moroccodigital.finder.paraphrases import another_acronym
from moroccodigital.finder.vocabulary import linking_words

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_NOT_BODIES = ("person", "country", "group")
"""Registry kinds that are no body with a name of its own ("les entreprises américaines")."""
_SHARE = 0.6
_LONGEST = 16
"""Words read after a head before giving up (the CNDP's French name has 11)."""


def _unaccented(word: str) -> str:
    """A word lower-cased, without accents."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(ch))


def _plain(word: str) -> str:
    """A word without accents, case, or a plural or feminine ending ("Générales" → "general")."""
    plain = _unaccented(word)
    plain = plain[:-1] if plain.endswith("s") and len(plain) > 3 else plain
    for _ in range(2):  # "chargée" as "chargé"
        plain = plain[:-1] if plain.endswith("e") and len(plain) > 4 else plain
    return plain[:-1] if plain[-2:] in ("ll", "nn") else plain  # "personnelle", "européenne"


@lru_cache(maxsize=1)
def _nations() -> dict[str, str]:
    """Each plain form of a country's names and adjectives → one token for that country."""
    table = linking_words()["french_nations"]
    return {_plain(str(form)): f"@{code}" for code, forms in table.items() for form in forms}


@lru_cache(maxsize=1)
def _joining() -> frozenset[str]:
    """Joining words, lower-cased with their accents ("à", not the verb "a")."""
    return frozenset(str(w) for w in linking_words()["french_joining_words"])


@lru_cache(maxsize=1)
def _complements() -> frozenset[str]:
    """Joining words that open a complement ("de ...", "à ..."): after a name, another body's."""
    return frozenset(str(w) for w in linking_words()["french_complement_words"])


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    """Plain forms of the words the press uses for a head noun → that noun's plain form."""
    table = linking_words()["french_head_synonyms"]
    return {_plain(str(other)): _plain(str(head)) for head, others in table.items() for other in others}


@lru_cache(maxsize=1 << 14)
def _key(word: str) -> str:
    """What a word of a name compares as: a country's token, a head noun for its synonym, else
    its plain form."""
    plain = _plain(word)
    return _nations().get(plain) or _synonyms().get(plain, plain)


@dataclass(frozen=True, eq=False)
class _Body:
    words: tuple[str, ...]
    """Its name's keys, joining words left out; the first is its head."""
    entries: tuple[Entry, ...]
    joins_two: bool
    """Whether its name has "et" in it: else "et" ends a name ("le gouvernement et le Maroc")."""

    @property
    def needs(self) -> int:
        """How many of its words a name in other words must say."""
        n = len(self.words)
        return n if n <= 2 else max(2, math.ceil(_SHARE * n))


class _Index:
    """The registry's French body names by their head, and a pattern finding the heads."""

    def __init__(self, lexicon: Lexicon) -> None:
        by_head: dict[str, list[_Body]] = {}
        self.names = frozenset(lexicon.table)
        heads: set[str] = set()
        for key, entries in lexicon.table.items():
            bodies = all(e.kind == "actor" and e.category not in _NOT_BODIES for e in entries)
            words = [w for w in _WORD.findall(entries[0].alias) if w.lower() not in _joining()]
            if not bodies or not words or not _latin(key):
                continue
            body = _Body(tuple(_key(w) for w in words), entries, " et " in f" {key} ")
            if len(body.words) >= 2 and not body.words[0].startswith("@"):
                by_head.setdefault(body.words[0], []).append(body)
                heads.update({fold(words[0]), _unaccented(words[0])})
        self.by_head = {head: tuple(found) for head, found in by_head.items()}
        pattern = trie_pattern(sorted(heads, key=len, reverse=True))
        self.heads = quick(rf"(?<![^\W\d_])(?:{pattern})s?(?![^\W\d_])") if heads else None


def _latin(key: str) -> bool:
    return all(not ch.isalpha() or ch.isascii() or "\u00c0" <= ch <= "\u024f" for ch in key)


_INDEXES: weakref.WeakKeyDictionary[Lexicon, _Index] = weakref.WeakKeyDictionary()


def _index(lexicon: Lexicon) -> _Index:
    index = _INDEXES.get(lexicon)
    if index is None:
        index = _INDEXES[lexicon] = _Index(lexicon)
    return index


def bodies(text: str, lexicon: Lexicon) -> Iterator[Match]:
    """Registry bodies that a French normalised text names in other words."""
    index = _index(lexicon)
    if index.heads is None:
        return
    for head in index.heads.finditer(text):
        found = _read(text, head.start(), index.by_head.get(_key(head.group()), ()), lexicon)
        if found is not None and text[found.start : found.end] not in index.names:
            if another_acronym(text, found, lexicon):
                continue
            yield found


def _words(text: str, start: int) -> Iterator[tuple[str, str, int]]:
    """The words of one name from `start`, up to a mark or a digit: each as written (the text
    is lower-cased), its key and its end."""
    at = start
    for _ in range(_LONGEST):
        m = _WORD.match(text, at)
        if m is None:
            return
        yield m.group(), _key(m.group()), m.end()
        at = m.end()
        while text[at : at + 1] in (" ", "'"):  # spaces, and an elision's apostrophe
            at += 1


def _inside(word: str, body: _Body, lexicon: Lexicon) -> bool:
    """Whether a word is a registry place in a country the body's name has."""
    places = [e for e in lexicon.table.get(word, ()) if e.kind == "place" and e.country]
    return bool(places) and all(f"@{e.country.lower()}" in body.words for e in places)


@lru_cache(maxsize=256)
def _owned(candidates: tuple[_Body, ...]) -> frozenset[str]:
    """The words any of the bodies of one head owns."""
    return frozenset().union(*(b.words for b in candidates))


def _read(text: str, start: int, candidates: tuple[_Body, ...], lexicon: Lexicon) -> Match | None:
    """The one body whose words a name from `start` says, with the span it says them in."""
    owned, joining = _owned(candidates), _joining()
    words: list[tuple[str, str, int]] = []
    for item in _words(text, start):  # up to the first word that no candidate owns
        words.append(item)
        if item[1] not in owned and item[0] not in joining:
            break
    if sum(key in owned for _, key, _ in words) < 2:
        return None  # every body's name in other words says two of its words
    best: list[tuple[int, int, _Body]] = []
    for body in candidates:
        own, said, end = set(body.words), set(), start
        joined: list[str] = []
        for word, key, stop in words:
            if key in own:
                said.add(key)
                end, joined = stop, []
            elif word in joining and (word != "et" or body.joins_two):
                joined.append(word)
            else:
                if any(j in _complements() for j in joined):
                    if _inside(word, body, lexicon):  # "ambassade ... au Maroc" said "... à Rabat"
                        end = stop
                    else:
                        said = set()  # a complement of its own: another body ("... à Paris")
                break
        if len(said) >= body.needs and body.words[0] in said:
            best.append((len(said), end, body))
    refs = {b.entries[0].ref for _, _, b in best}
    if len(refs) != 1:
        return None
    _, end, body = max(best, key=lambda item: item[:2])
    return Match(start, end, body.entries, variant=True)
