"""The finder's vocabulary files (amounts.yaml, dates.yaml, names.yaml, words.yaml,
given_names.txt, common_words.txt): words are facts a curator may extend, so they live in data
files beside the code that reads them, and `alternation` turns a list of them into a regular
expression."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from moroccodigital.curation.yamlfiles import load_yaml
from moroccodigital.finder.normalize import fold, trie_pattern


def vocabulary(name: str) -> dict[str, Any]:
    """The tables of one vocabulary file of the finder package, read by the strict YAML reader."""
    data = load_yaml(Path(str(resources.files("moroccodigital.finder") / f"{name}.yaml")))
    if not isinstance(data, dict):
        raise ValueError(f"{name}.yaml: expected a mapping of tables")
    return data


def alternation(words: Iterable[str]) -> str:
    """An alternation of folded words shaped as a trie (fast in `re`), greedy so that a longer
    form wins over its prefix."""
    return "(?:" + trie_pattern(sorted({fold(w) for w in words})) + ")"


@lru_cache(maxsize=1)
def linking_words() -> dict[str, Any]:
    """The words of the linking rules (names.yaml), read once."""
    return vocabulary("names")


@lru_cache(maxsize=1)
def given_names() -> tuple[str, ...]:
    """Common given names (given_names.txt, one a line; # starts a comment), as written."""
    path = resources.files("moroccodigital.finder") / "given_names.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Folded surnames that are also common Arabic words (common_words.txt), never read alone as
    a person's surname: "سفير" (ambassador) is Khalid Safir only after "خالد"."""
    path = resources.files("moroccodigital.finder") / "common_words.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line.strip()) for line in lines if line.strip() and not line.startswith("#"))
