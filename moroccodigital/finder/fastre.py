"""Regular expressions that skip, in C, the positions where no match can start.

Python's `re` scans fast (a character-set test per position) only when a pattern starts with a
literal or a character set; most of the finder's patterns start with a lookbehind (`(?<!\\w)`),
so `re` runs its whole matcher at every position of the text.  `quick` prefixes a pattern with
a lookahead on the characters a match can begin with, computed from the parsed pattern: a test
that cannot change what the pattern matches (every match begins with one of them), but that
rejects the other positions early.  Where the first characters cannot be computed (a match may
be empty, begin with any character, or refer back to a group), the pattern is left as it is.
"""

from __future__ import annotations

import re
from typing import Any

try:  # re's parser has no public API: re._parser from Python 3.11, sre_parse before
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover (Python 3.10)
    import sre_constants as C
    import sre_parse as _parser

_CATEGORIES = {
    C.CATEGORY_DIGIT: r"\d",
    C.CATEGORY_NOT_DIGIT: r"\D",
    C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S",
    C.CATEGORY_WORD: r"\w",
    C.CATEGORY_NOT_WORD: r"\W",
}
_BROAD = frozenset(v for k, v in _CATEGORIES.items() if k is not C.CATEGORY_DIGIT)
_ZERO_WIDTH = {C.AT, C.ASSERT, C.ASSERT_NOT}
_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)}
_ATOMIC = getattr(C, "ATOMIC_GROUP", None)


_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
"""Inline flags that must open a pattern (they cannot follow the lookahead)."""


class _Unknown(Exception):
    """The first characters of a pattern cannot be stated as a character set."""


def _class_item(op: Any, av: Any) -> str:
    if op is C.LITERAL:
        return _escape(av)
    if op is C.RANGE:
        return f"{_escape(av[0])}-{_escape(av[1])}"
    if op is C.CATEGORY and av in _CATEGORIES:
        return _CATEGORIES[av]
    raise _Unknown


def _escape(code: int) -> str:
    return re.escape(chr(code))


def _first(items: Any) -> tuple[set[str], bool]:
    """The character-class items a match of a sequence can begin with, and whether it can be empty."""
    out: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is C.LITERAL:
            return out | {_escape(av)}, False
        if op is C.IN:
            if any(o is C.NEGATE for o, _ in av):
                raise _Unknown
            return out | {_class_item(o, a) for o, a in av}, False
        if op is C.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise _Unknown  # a local flag (?i:...) would not apply to the lookahead
            first, empty = _first(sub)
        elif op is _ATOMIC:
            first, empty = _first(av)
        elif op is C.BRANCH:
            firsts = [_first(branch) for branch in av[1]]
            first, empty = set().union(*(f for f, _ in firsts)), any(e for _, e in firsts)
        elif op in _REPEATS:
            low, _, sub = av
            first, empty = _first(sub)
            empty = empty or low == 0
        else:
            raise _Unknown  # any character, a back reference, a conditional group
        out |= first
        if not empty:
            return out, False
    return out, True


MARK = "(?#quick)"
"""A comment (ignored by `re`) that opens every pattern `quick` prefixed."""
MAX_FIRST = 40
"""A lookahead on more characters than this rejects too few positions to pay for itself
(measured on the benchmark corpora: the name matcher, whose names start with most Arabic
letters, got slower with one)."""


def _leads_with_assertion(items: Any) -> bool:
    """True when a pattern begins with a lookbehind, a negative lookahead or a boundary: then `re`
    has no first characters of its own to scan for (as it has for a literal, a set, or the
    lookahead some patterns already carry)."""
    if not items:
        return False
    op, av = items[0]
    if op is C.AT or op is C.ASSERT_NOT or (op is C.ASSERT and av[0] < 0):
        return True
    if op is C.SUBPATTERN:
        return _leads_with_assertion(av[3])
    return op is C.BRANCH and all(_leads_with_assertion(branch) for branch in av[1])


def _leads(parsed: Any) -> bool:
    try:
        return _leads_with_assertion(parsed)
    except (AttributeError, TypeError, ValueError, IndexError):  # a parse tree of another shape
        return False


def _first_items(parsed: Any) -> set[str] | None:
    try:
        first, empty = _first(parsed)
    except (_Unknown, AttributeError, TypeError, ValueError):  # or a parse tree of another shape
        return None
    return None if empty or not first else first


def first_characters(pattern: str, flags: int = 0) -> str | None:
    """A character class of the characters every match of `pattern` begins with, or None."""
    first = _first_items(_parser.parse(pattern, flags))
    return None if first is None else "[" + "".join(sorted(first)) + "]"


def lookahead(pattern: str) -> str:
    """`pattern` behind a lookahead on its first characters (as it is where they cannot be
    stated), for a pattern that `quick` leaves alone (one that opens with a lookahead of its own,
    or a need that opens with an alternation)."""
    first = first_characters(pattern)
    return pattern if first is None else f"(?={first})(?:{pattern})"


def quick(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, prefixed with a lookahead on its first characters where
    that is faster (see the module doc): the same matches."""
    if _GLOBAL_FLAGS.match(pattern):
        return re.compile(pattern, flags)
    parsed = _parser.parse(pattern, flags)
    first = _first_items(parsed)
    if (
        first is None
        or len(first) > MAX_FIRST
        or any(item in _BROAD for item in first)  # \w, \s...: too common to help
        or not _leads(parsed)
    ):
        return re.compile(pattern, flags)
    return re.compile(f"{MARK}(?=[{''.join(sorted(first))}])(?:{pattern})", flags)


# -- what every match contains ------------------------------------------------------------------
MIN_LENGTH = 3
"""The shortest word a factor may hold: one or two characters ("19", "من"), which nearly every
window holds, save nothing."""
MAX_WORDS = 256
"""A factor of more words than this is not expanded (its alternation would cost more than it saves)."""
_SMALL_REPEAT = 2


class _Infinite(Exception):
    """A parsed item matches more strings than a short list of words."""


def _words(op: Any, av: Any) -> set[str]:
    """Every string a parsed item matches (lookarounds and anchors match the empty string)."""
    if op is C.LITERAL:
        return {chr(av)}
    if op in _ZERO_WIDTH:
        return {""}
    if op is C.IN and all(o is C.LITERAL for o, _ in av) and len(av) <= 8:
        return {chr(a) for _, a in av}
    if op is C.BRANCH:
        return set().union(*(_sequence_words(branch) for branch in av[1]))
    if op is C.SUBPATTERN and not (av[1] or av[2]):
        return _sequence_words(av[3])
    if op in _REPEATS and av[1] <= _SMALL_REPEAT:
        low, high, sub = av
        one = _sequence_words(sub)
        out, power = set(), {""}
        for count in range(high + 1):
            if count >= low:
                out |= power
            power = _join(power, one)
        return out
    raise _Infinite


def _join(left: set[str], right: set[str]) -> set[str]:
    if len(left) * len(right) > MAX_WORDS:
        raise _Infinite
    return {a + b for a in left for b in right}


def _sequence_words(items: Any) -> set[str]:
    out = {""}
    for op, av in items:
        out = _join(out, _words(op, av))
    return out


def _factors(items: Any) -> list[set[str]]:
    """Sets of words one of which every match of the sequence contains: the words of each run of
    consecutive items that match only a few strings, and the factors of its mandatory groups."""
    out: list[set[str]] = []
    run: set[str] = {""}
    for op, av in [*items, (None, None)]:
        try:
            if op is None:
                raise _Infinite
            run = _join(run, _words(op, av))
            continue
        except _Infinite:
            if "" not in run:
                out.append(run)
            run = {""}
    for op, av in items:
        if op is C.SUBPATTERN and not (av[1] or av[2]):
            out += _factors(av[3])
        elif op is _ATOMIC:
            out += _factors(av)
        elif op in _REPEATS and av[0] >= 1:
            out += _factors(av[2])
        elif op is C.BRANCH:
            best = [_best(_factors(branch)) for branch in av[1]]
            if all(best):
                out.append(set().union(*best))  # type: ignore[arg-type]
    return out


def _best(factors: list[set[str]]) -> set[str] | None:
    """The factor whose shortest word is longest; of equal ones, the one of fewest words."""
    return max(factors, key=lambda f: (min(map(len, f)), -len(f)), default=None)


def required(pattern: str, flags: int = 0) -> re.Pattern[str] | None:
    """A regex of words one of which every match of `pattern` contains (found in the parsed
    pattern), or None when there is none of at least MIN_LENGTH characters.  Where it finds
    nothing in a window, `pattern` cannot match there; a list of words is fast to search."""
    if flags & ~re.UNICODE or _GLOBAL_FLAGS.match(pattern):
        return None  # a flag (re.I...) would change what the words match
    try:
        best = _best(_factors(_parser.parse(pattern, flags)))
    except (AttributeError, TypeError, ValueError, IndexError):  # a parse tree of another shape
        return None
    if best is None or min(map(len, best)) < MIN_LENGTH:
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(best, key=lambda w: (-len(w), w))))
