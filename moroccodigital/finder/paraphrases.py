"""Registry names written in other words: Arabic news rarely repeats a body's long name as the
registry records it, and often shortens a person's full name.

- A body: an organisation the readers found ("اللجنة الوطنية لحماية المعطيات الشخصية") links to
  the registry body of the same head noun whose name it says with at most two fifths of its words
  left out, in any order, with no word of its own but the country's adjective ("الوكالة المغربية
  للتنمية الرقمية" is وكالة التنمية الرقمية: "الوكالة الوطنية للتنمية الرقمية" is another
  body), a word with two letters typed the wrong way round counting as the body's ("الرقيمة");
  the span grows over the next words that are the body's own ("... المعطيات" + "ذات الطابع
  الشخصي"), and a country's name counts as its adjective ("سفارة الولايات المتحدة بالمغرب" is
  السفارة الأمريكية بالمغرب).  Words compare without their proclitics and feminine ending (للجنة, اللجنة;
  الشخصي, الشخصية).  Registry names of three words or more only, and only where one body fits:
  two-word names collide with other bodies.
- A person's full name with the given name spelt another way ("خاليد سفير" for خالد سفير): same
  spelling key (`lexicon.skeleton`), the rest of the name as recorded, and a given name that is
  not itself a common one (so "سعيد" is never "سعد"); or with the last name spelt another way,
  the words before it as recorded ("ليلى المرجاوي" for ليلى المركاوي; "نزهة حيات" for نزهة حياة,
  ات written for اة as it is said).
- A person: the first words of one registry person's full name and of no other ("أمل الفلاح" for
  أمل الفلاح السغروشني), if a word after the first is not a given name (so "محمد علي" is
  nobody's shortening); where the full name is written, the full name wins.
- A registry person's surname of six letters or more (by its spelling key) with one letter
  mistyped ("السفروشني", "الشغروشني" for السغروشني), only right after a given name, a title or a
  reporting verb, where a surname is expected.
All are variants (`Match.variant`): a curator checks them; another country's namesake body stays
unlinked (`linking.foreign_namesake`).
"""

from __future__ import annotations

import math
import re
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from moroccodigital.finder.fastre import quick
from moroccodigital.finder.lexicon import Entry, Lexicon, Match, skeleton
from moroccodigital.finder.linking import foreign_namesake, own_adjectives, surname_cues
from moroccodigital.finder.names import latin_key
from moroccodigital.finder.normalize import fold, trie_pattern
from moroccodigital.finder.readers import Proposal
from moroccodigital.finder.vocabulary import linking_words

_CLITICS = ("وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "و", "ب", "ل", "ف", "ك")
_ARABIC_WORDS = re.compile(r"[^\W\d_a-zß-ÿ]+")
_NEXT_WORD = re.compile(r"[ \u00a0]+([^\W\d_a-zß-ÿ]+)")
_SHARE = 0.6
"""Share of a registry body's words a paraphrase must say (5 of the CNDP's 8: "اللجنة الوطنية
لحماية المعطيات الشخصية")."""
_PARTICLES = frozenset({"بن", "بنت", "ابن", "ولد", "ايت"})


@lru_cache(maxsize=1 << 16)
def forms(word: str) -> frozenset[str]:
    """A folded word without each proclitic it may carry, and without a feminine ending, also
    without the long vowels inside it ("فيدرالية", "الفدرالية")."""
    out = {word}
    out.update(word[len(c) :] for c in _CLITICS if word.startswith(c) and len(word) - len(c) >= 2)
    stems = {w[:-1] if w.endswith("ه") and len(w) > 2 else w for w in out}
    return frozenset(stems | {w[0] + _LONG_VOWELS.sub("", w[1:-1]) + w[-1] for w in stems if len(w) > 3})


_LONG_VOWELS = re.compile("[اوي]")


@dataclass(frozen=True, eq=False)
class _Body:
    words: tuple[frozenset[str], ...]
    entries: tuple[Entry, ...]
    every: frozenset[str]
    """The forms of all its words."""

    def owns(self, word: str) -> bool:
        """Whether a word of the text is one of the body's words."""
        return not forms(word).isdisjoint(self.every)

    def continues(self, word: str) -> bool:
        """Whether a word after the head goes on with the body's name: one of its words, but not
        its head again after و ("... والوكالة الرقمية للدولة", "ووزارة": another name starts)."""
        again = word.startswith("و") and not forms(word[1:]).isdisjoint(self.words[0])
        return not again and self.owns(word)


class _Index:
    """What the paraphrases of one lexicon's names are looked up by."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.given = lexicon.given_names
        self.people = {
            e.ref: e for es in lexicon.table.values() for e in es if e.category == "person" and not e.surname
        }
        self.bodies = _bodies(lexicon)
        self._owners: dict[str, frozenset[_Body]] = {}
        self.rests = _rests(lexicon, self.people)
        self.shortened = _shortened(lexicon, self.people)
        self.mistyped = _mistyped(lexicon)
        self.after_cue = _after_cue(lexicon)
        self.shortened_regex = _regex(r"(?<!\w)[وف]?(?P<name>{})(?!\w)", self.shortened)
        self.respelt = _regex(r"(?<=\w )(?:{})(?!\w)", self.rests)
        self.firsts = _firsts(lexicon, self.people)
        self.latin = _latin_names(lexicon, self.people)
        self.latin_regex = (
            quick(rf"(?<![\w'’-])(?:{'|'.join(map(_latin_pattern, sorted(self.latin)))})(?![\w'’-])")
            if self.latin
            else None
        )
        self.respelt_last = _regex(
            r"(?<!\w)[وف]?(?P<first>{}) (?P<last>[^\W\d_a-z]{{3,}})(?!\w)", self.firsts
        )

    def owners(self, word: str) -> frozenset[_Body]:
        """The bodies one of whose words is `word` (read once per word)."""
        found = self._owners.get(word)
        if found is None:
            if len(self._owners) > 1 << 16:
                self._owners.clear()
            found = self._owners[word] = frozenset().union(
                *(self.bodies.get(f, frozenset()) for f in forms(word))
            )
        return found


def _arabic(name: str) -> bool:
    return _ARABIC_WORDS.fullmatch(name.replace(" ", "")) is not None


def _regex(template: str, keys: Iterable[str]) -> re.Pattern[str] | None:
    keys = list(keys)
    return quick(template.format(trie_pattern(keys))) if keys else None


def _bodies(lexicon: Lexicon) -> dict[str, frozenset[_Body]]:
    """Registry bodies of three Arabic words or more, by the forms of each of their words."""
    out: dict[str, set[_Body]] = {}
    for key, entries in lexicon.table.items():
        bodies = all(e.kind == "actor" and e.category not in ("person", "country") for e in entries)
        if bodies and len(key.split()) >= 3 and _arabic(key):
            own = tuple(forms(w) for w in key.split())
            body = _Body(own, entries, frozenset().union(*own))
            for form in body.every:
                out.setdefault(form, set()).add(body)
    return {form: frozenset(found) for form, found in out.items()}


def _rests(lexicon: Lexicon, people: dict[str, Entry]) -> dict[str, list[tuple[str, str, Entry]]]:
    """The words after a registry person's common given name: the given name, its key, the person."""
    out: dict[str, list[tuple[str, str, Entry]]] = {}
    for ref, names in lexicon.full_names.items():
        for name in names:
            given, _, rest = name.partition(" ")
            if given in lexicon.given_names and ref in people and _arabic(name):
                out.setdefault(rest, []).append((given, skeleton(given), people[ref]))
    return out


def _firsts(lexicon: Lexicon, people: dict[str, Entry]) -> dict[str, list[tuple[str, str, Entry]]]:
    """The words before a registry person's last name: the last name, its key, the person."""
    out: dict[str, list[tuple[str, str, Entry]]] = {}
    for ref, names in lexicon.full_names.items():
        for name in names:
            first, _, last = name.rpartition(" ")
            if first and ref in people and _arabic(name):
                out.setdefault(first, []).append((last, skeleton(last), people[ref]))
    return out


def _latin_names(
    lexicon: Lexicon, people: dict[str, Entry]
) -> dict[str, list[tuple[tuple[str, ...], Entry]]]:
    """Registry people's Latin full names by the spelling key of their last word: the keys of the
    words before it, and the person."""
    out: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
    for ref, names in lexicon.full_names.items():
        for name in names:
            words = name.split()
            if ref in people and all(_LATIN_WORD.fullmatch(w) for w in words):
                keys = tuple(latin_key(w) for w in words)
                if len(keys[-1]) >= 3 and sum(map(len, keys)) >= LATIN_NAME_MIN:
                    out.setdefault(keys[-1], []).append((keys[:-1], people[ref]))
    return out


_LATIN_WORD = re.compile(r"[a-zß-ÿ][a-zß-ÿ'’-]*")
_LATIN_VOWELS = "[aeiouyàâäéèêëîïôöûüÿœæ]*"


def _latin_pattern(key: str) -> str:
    """A regex for the lower-case words whose `latin_key` may be `key` (checked after)."""
    return re.escape(key[0]) + "".join(f"{_LATIN_VOWELS}(?:{re.escape(c)}{_LATIN_VOWELS})+" for c in key[1:])


LATIN_NAME_MIN = 6
"""Letters of a Latin full name's spelling keys, all words together, before its other spellings
are looked for (a surname's key has three at least)."""


MISTYPED_MIN = 6
"""Letters of a surname's spelling key before one mistyped letter is looked for."""


def _mistyped(lexicon: Lexicon) -> dict[tuple[int, str], list[Entry]]:
    """Registry surnames by each of their spelling keys with one letter left out, and its place."""
    out: dict[tuple[int, str], list[Entry]] = {}
    for key, entries in lexicon.table.items():
        sk = skeleton(key)
        if len(sk) >= MISTYPED_MIN and _arabic(key) and all(e.surname for e in entries):
            for i in range(len(sk)):
                out.setdefault((i, sk[:i] + sk[i + 1 :]), []).extend(entries)
    return out


def _after_cue(lexicon: Lexicon) -> re.Pattern[str] | None:
    """A word of six letters or more right after a given name, a title or a reporting verb."""
    cues = set(lexicon.given_names) | surname_cues()
    return quick(rf"(?<!\w)[وف]?(?:{trie_pattern(cues)}) (?P<word>[^\W\d_a-z]{{{MISTYPED_MIN},}})(?!\w)")


def _shortened(lexicon: Lexicon, people: dict[str, Entry]) -> dict[str, Entry]:
    """First words of one registry person's full name (a word after the first not a given name)."""
    refs: dict[str, set[str]] = {}
    for ref, names in lexicon.full_names.items():
        for name in names:
            words = name.split()
            for n in range(2, len(words)):
                if any(w not in lexicon.given_names and w not in _PARTICLES for w in words[1:n]):
                    refs.setdefault(" ".join(words[:n]), set()).add(ref)
    return {
        key: people[ref]
        for key, (ref, *others) in ((k, sorted(v)) for k, v in refs.items())
        if not others and ref in people and key not in lexicon.table and _arabic(key)
    }


_INDEXES: weakref.WeakKeyDictionary[Lexicon, _Index] = weakref.WeakKeyDictionary()


def _index(lexicon: Lexicon) -> _Index:
    index = _INDEXES.get(lexicon)
    if index is None:
        index = _INDEXES[lexicon] = _Index(lexicon)
    return index


def _says(words: list[str], body: _Body, adjectives: frozenset[str]) -> int:
    """How many of the body's words `words` say, or 0 where one of them is not the body's."""
    said: set[int] = set()
    for word in words:
        mine = forms(word)
        hits = [i for i, own in enumerate(body.words) if own & mine]
        if not hits:
            if word in adjectives:
                continue
            return 0
        said.add(next((i for i in hits if i not in said), hits[0]))
    return len(said)


def body(text: str, start: int, end: int, lexicon: Lexicon) -> Match | None:
    """The registry body an organisation's name `text[start:end]` says in other words, if one."""
    words = _nations().sub(_adjective, text[start:end]).split()
    if len(words) < 2 or not _ARABIC_WORDS.fullmatch("".join(words)):
        return None
    index, adjectives = _index(lexicon), own_adjectives()
    words = [w if w in adjectives else _untransposed(w, index) for w in words]
    candidates: frozenset[_Body] | None = None
    for word in words:  # the bodies that own every word (but the country's adjectives)
        if word not in adjectives:
            owners = index.owners(word)
            candidates = owners if candidates is None else candidates & owners
            if not candidates:
                return None
    best: dict[str, tuple[int, int, _Body]] = {}  # by record: words said, end of the span, body
    for candidate in candidates or ():
        if candidate.words[0].isdisjoint(forms(words[0])):
            continue  # another head noun
        if not all(w in adjectives or candidate.continues(w) for w in words[1:]):
            continue  # its head again after و: another name ("... والوكالة الرقمية للدولة")
        grown, stop = list(words), end
        while True:  # the body's own words after the span: "... المعطيات" + "ذات الطابع الشخصي"
            nxt = _NEXT_WORD.match(text, stop)
            if nxt is None or not (nxt.group(1) in adjectives or candidate.continues(nxt.group(1))):
                break
            grown.append(nxt.group(1))
            stop = nxt.end()
        said = _says(grown, candidate, adjectives)
        ref = candidate.entries[0].ref
        if said >= max(3, math.ceil(_SHARE * len(candidate.words))) and said > best.get(ref, (0,))[0]:
            best[ref] = (said, stop, candidate)
    if len(best) != 1:
        return None
    ((_, stop, chosen),) = best.values()
    match = Match(start, stop, chosen.entries, variant=True)
    return (
        None if foreign_namesake(text, match.end, match) or another_acronym(text, match, lexicon) else match
    )


_ACRONYM = re.compile(r" ?\((?P<acronym>[^\W_]{2,10})\)")


def another_acronym(text: str, match: Match, lexicon: Lexicon) -> bool:
    """Whether a name said in other words is followed by an acronym in brackets that is not its
    record's: the text names another body ("... des investissements (AMDI)", not the AMDIE)."""
    m = _ACRONYM.match(text, match.end)
    if m is None:
        return False
    own = {e.ref for e in match.entries}
    return not any(e.ref in own for e in lexicon.table.get(m.group("acronym"), ()))


def _untransposed(word: str, index: _Index) -> str:
    """A word of five letters or more that no body owns, with the two letters after its first
    that were typed the wrong way round put back, where one such swap makes it a body's word
    ("الرقيمة" for الرقمية); else the word."""
    if len(word) < 5 or index.owners(word):
        return word
    swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(1, len(word) - 1)}
    owned = [w for w in swaps - {word} if index.owners(w)]
    return owned[0] if len(owned) == 1 else word


@lru_cache(maxsize=1)
def _nation_names() -> dict[str, str]:
    """Folded country names by the adjective they stand for in a body's name (names.yaml)."""
    table = linking_words()["nation_names"]
    return {fold(str(name)): fold(str(adjective)) for adjective, names in table.items() for name in names}


@lru_cache(maxsize=1)
def _nations() -> re.Pattern[str]:
    names = _nation_names()
    return re.compile(
        rf"(?<!\S)(?P<clitic>[وبل]{{0,2}})(?P<name>{trie_pattern(names)})(?!\S)" if names else "(?!)"
    )


def _adjective(m: re.Match[str]) -> str:
    """A country's name in a body's name as the adjective it stands for, its proclitic kept."""
    return m.group("clitic") + _nation_names()[m.group("name")]


def shortened(text: str, lexicon: Lexicon) -> Iterator[Match]:
    """Registry people named by the first words of their full name only, where one person fits."""
    index = _index(lexicon)
    if index.shortened_regex is not None:
        for m in index.shortened_regex.finditer(text):
            yield Match(m.start("name"), m.end("name"), (index.shortened[m.group("name")],), variant=True)


def respelt(text: str, lexicon: Lexicon) -> Iterator[Match]:
    """Registry people's full names whose given name is spelt another way."""
    index = _index(lexicon)
    if index.respelt is None:
        return
    for m in index.respelt.finditer(text):  # the rest of a name, then the word before it
        before = _GIVEN_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if before is None:
            continue
        word = before.group(1)
        for start in (before.start(1), before.start(1) + 1) if word[0] in "وف" else (before.start(1),):
            given = text[start : before.end(1)]
            people = [e for own, key, e in index.rests[m.group()] if given != own and skeleton(given) == key]
            if people and given not in index.given:
                yield Match(start, m.end(), tuple(dict.fromkeys(people)), variant=True)
                break


_GIVEN_BEFORE = re.compile(r"(?<!\w)([^\W\d_a-z]{3,}) $")


def respelt_last_names(text: str, lexicon: Lexicon) -> Iterator[Match]:
    """Registry people's full names whose last name is spelt another way ("ليلى المرجاوي" for
    ليلى المركاوي): the words before it as recorded, the last name of the same spelling key, or
    ending in ات where the name ends in اة, as it is said ("نزهة حيات" for نزهة حياة)."""
    index = _index(lexicon)
    if index.respelt_last is None:
        return
    for m in index.respelt_last.finditer(text):
        last = m.group("last")
        keys = {skeleton(last), skeleton(last[:-1] + "ة")} if last.endswith("ات") else {skeleton(last)}
        people = [e for own, key, e in index.firsts[m.group("first")] if last != own and key in keys]
        if people:
            yield Match(m.start("first"), m.end(), tuple(dict.fromkeys(people)), variant=True)


def respelt_latin_names(text: str, lexicon: Lexicon) -> Iterator[Match]:
    """Registry people's Latin full names with every word spelt with other vowels or a letter
    doubled or not ("Amal El Falah Sghrouchni" for Amal El Fallah Seghrouchni): same spelling
    key (`names.latin_key`) word by word, the words next to each other, the name not as recorded."""
    index = _index(lexicon)
    if index.latin_regex is None:
        return
    for m in index.latin_regex.finditer(text):
        end = m.end()
        if text[m.start() - 1 : m.start()] != " ":
            continue  # the name's words stand next to each other, a space apart
        for keys, entry in index.latin.get(latin_key(m.group()), ()):
            before = text[max(0, m.start() - 24 * len(keys)) : m.start()].split(" ")[-len(keys) - 1 : -1]
            if len(before) == len(keys) and tuple(latin_key(w) for w in before) == keys:
                start = m.start() - len(" ".join(before)) - 1
                if text[start:end] not in lexicon.table:
                    yield Match(start, end, (entry,), variant=True)
                break


def mistyped_surnames(text: str, lexicon: Lexicon) -> Iterator[Match]:
    """Registry surnames with one letter mistyped, where a surname is expected."""
    index = _index(lexicon)
    if index.after_cue is None or not index.mistyped:
        return
    for m in index.after_cue.finditer(text):
        word, start = m.group("word"), m.start("word")
        sk = skeleton(word)
        if lexicon.table.get(word) or word in index.given:
            continue  # a known name or a given name: found as such
        found = {
            e: None
            for i in range(len(sk))
            for e in index.mistyped.get((i, sk[:i] + sk[i + 1 :]), ())
            if skeleton(e.alias) != sk and len(skeleton(e.alias)) == len(sk)
        }
        if found:
            yield Match(start, m.end("word"), tuple(found), variant=True)


def linked(text: str, proposals: Iterable[Proposal], lexicon: Lexicon) -> Iterator[Match]:
    """The organisations of `proposals` that say a registry body in other words."""
    for rank, start, end, _ in proposals:
        match = body(text, start, end, lexicon) if rank == "organisation" else None
        if match is not None:
            yield match
