"""`fastre.quick`: a pattern with a lookahead on its first characters finds exactly what the
pattern finds, and patterns whose first characters cannot be stated are left as they are."""

from __future__ import annotations

import re

import pytest
from helpers import ROOT

from moroccodigital.curation.yamlfiles import load_yaml
from moroccodigital.finder import patterns as P
from moroccodigital.finder.fastre import MARK, first_characters, quick, required
from moroccodigital.finder.normalize import normalize

FINDER_PATTERNS = {
    **{
        f"{name}#{f}.{i}": pattern
        for f, family in enumerate(P.FAMILIES)
        for i, (name, pattern) in enumerate(family.patterns)
    },
    "trigger": P.TRIGGER,
    "latin": P.LATIN,
    "quoted": P.QUOTED,
}


def seed_text() -> str:
    """The seeds, the French benchmark paragraphs, and the finder's development and evaluation passages."""
    paths = [*sorted((ROOT / "seeds").glob("*.txt")), ROOT / "benchmarks" / "french_paragraphs.txt"]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    for folder in (ROOT / "benchmarks" / "finder_dev", ROOT / "tests" / "finder_eval"):
        for name in ("ar.yaml", "fr.yaml"):
            texts += [passage["text"] for passage in load_yaml(folder / name)]
    texts.append(PARTS_OF_A_YEAR)
    return normalize("\n".join(texts)).text


PARTS_OF_A_YEAR = "في مطلع السنة، au cours du premier semestre, fin d'année"
"""Parts of a year without a year: no passage of the corpora above has one yet."""


@pytest.mark.parametrize("name", sorted(FINDER_PATTERNS))
def test_quick_finds_what_the_pattern_finds_on_the_seeds(name: str) -> None:
    fast = FINDER_PATTERNS[name]
    plain = re.compile(unprefixed(fast.pattern), fast.flags)
    text = seed_text()
    spans = [(m.span(), m.groupdict(), m.lastgroup) for m in plain.finditer(text)]
    assert spans == [(m.span(), m.groupdict(), m.lastgroup) for m in fast.finditer(text)]
    assert spans


def unprefixed(source: str) -> str:
    """The pattern `quick` was given: its source without the mark and the lookahead it added (the
    class escapes every sign, so the first "])(?:" closes it)."""
    if not source.startswith(MARK):
        return source
    return source[source.index("])(?:") + len("])(?:") : -1]


def test_most_finder_patterns_are_prefixed() -> None:
    prefixed = [name for name, p in FINDER_PATTERNS.items() if unprefixed(p.pattern) != p.pattern]
    assert len(prefixed) > len(FINDER_PATTERNS) / 2


@pytest.mark.parametrize(
    ("pattern", "first"),
    [
        (r"(?<!\w)(?:19|20)\d\d", "[12]"),
        (r"(?<!\w)(?:أكثر|نحو)?\s*\d+", r"[\d\sأن]"),
        (r"\b(?:ab|c)?d", "[acd]"),
        (r"(?<!\w)x*", None),  # may match the empty string
        (r"(?<!\w)(a)\1", "[a]"),
        (r"(?<!\w).b", None),  # any character
        (r"(?<!\w)[^a]b", None),
    ],
)
def test_first_characters_of_a_pattern(pattern: str, first: str | None) -> None:
    assert first_characters(pattern) == first


@pytest.mark.parametrize(
    "pattern", [r"\d+", r"(?i)(?<!\w)ab", r"(?<!\w)(?i:a)b", r"(?<!\w)\w+", r"(?=[ab])(?<!\w)[ab]c"]
)
def test_patterns_re_scans_fast_or_that_cannot_be_prefixed_are_compiled_as_they_are(pattern: str) -> None:
    assert quick(pattern).pattern == pattern


def test_a_prefixed_pattern_keeps_its_alternation_whole() -> None:
    fast = quick(r"(?<!\w)ab|(?<!\w)cd")
    assert fast.pattern != r"(?<!\w)ab|(?<!\w)cd"
    assert [m.group() for m in fast.finditer("ab xcd cd")] == ["ab", "cd"]


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"(?<!\w)(?:في|مع)\s+(?:سنة|عام)(?!\w)", "سنة|عام"),
        (r"(?<!\w)(?:début|fin)\s+d'année|(?<!\w)premier\s+semestre", "semestre|d'année"),
        (r"\d+(?:er|e)?\s+(?:ab|cd)", None),  # words of two letters: in nearly every window
        (r"(?<!\w)\w+\s+\d+", None),  # no word at all
    ],
)
def test_the_words_a_pattern_requires(pattern: str, words: str | None) -> None:
    need = required(pattern)
    assert (need.pattern if need else None) == words


REQUIRING = {
    name: (p, need)
    for name, p in FINDER_PATTERNS.items()
    if (need := required(unprefixed(p.pattern), p.flags)) is not None
}


def test_many_finder_patterns_require_words() -> None:
    assert len(REQUIRING) > len(FINDER_PATTERNS) / 3


@pytest.mark.parametrize("name", sorted(REQUIRING))
def test_every_match_of_a_finder_pattern_holds_the_words_it_requires(name: str) -> None:
    pattern, need = REQUIRING[name]
    matches = [m.group() for m in pattern.finditer(seed_text())]
    assert all(need.search(match) for match in matches)
