"""Waivers: the top-level `waivers` section of an annotation file, which excuses candidates the
completeness audit (`audit`) would otherwise report, read and located in the source's text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from moroccodigital.curation.texts import QuoteError, locate
from moroccodigital.curation.yamlfiles import AnnotationFileError, load_yaml
from moroccodigital.errors import Problem

WAIVER_KEYS = frozenset({"quote", "occurrence", "reason"})
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Waiver:
    """A located waiver: the span it excuses, and how problems name it."""

    start: int
    end: int
    spec: str


def _waiver_items(path: Path) -> Any:
    """The `waivers` section of an annotation file, parsed alone (files are tens of kB and the
    build reads hundreds: parsing each a second time would cost more than the audit itself).

    The curation reader has already read the whole file strictly (no aliases, no duplicate
    keys); a file it could not read has no waivers here either.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    except (OSError, UnicodeDecodeError):
        return None  # the curation reader has already reported it
    section = _top_level_section(lines, "waivers")
    if section is None:
        return None
    try:
        doc = yaml.load(section, Loader=_LOADER)
    except yaml.YAMLError:
        doc = None
    if not isinstance(doc, dict) or set(doc) != {"waivers"}:
        try:  # a layout the section reader does not follow: read the whole file
            doc = load_yaml(path)
        except (OSError, AnnotationFileError):
            return None
        return doc.get("waivers") if isinstance(doc, dict) else None
    return doc["waivers"]


def _top_level_section(lines: list[str], key: str) -> str | None:
    """The lines of a top-level key of a block-style YAML mapping, up to the next top-level key."""
    head = f"{key}:"
    for i, line in enumerate(lines):
        if line.startswith(head) and (len(line) == len(head) or line[len(head)] in " \t\r\n#"):
            j = i + 1
            while j < len(lines) and (not lines[j].strip() or lines[j][0] in " \t#-"):
                if lines[j].startswith(("---", "...")):
                    break
                j += 1
            return "".join(lines[i:j])
    return None


def read_waivers(path: Path, text: str, file: str, problems: list[Problem]) -> list[Waiver]:
    """The waivers of one annotation file, each located in its source's text; a malformed one
    is a problem (appended to `problems`) and excuses nothing."""
    items = _waiver_items(path)
    if items is None:
        return []
    if not isinstance(items, list):
        problems.append(
            Problem(file, "", "waivers", "expected a list of {quote, occurrence, reason}", "bad-waiver")
        )
        return []
    out = []
    for i, item in enumerate(items):
        where = f"waivers[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("quote"), str):
            problems.append(
                Problem(file, "", where, "expected a mapping with a 'quote' string", "bad-waiver")
            )
            continue
        if set(item) - WAIVER_KEYS:
            problems.append(
                Problem(file, "", where, f"unknown key(s) {sorted(set(item) - WAIVER_KEYS)}", "bad-waiver")
            )
        if not isinstance(item.get("reason"), str) or not item["reason"].strip():
            problems.append(Problem(file, "", where, "every waiver needs a reason", "bad-waiver"))
        occurrence = item.get("occurrence")
        try:
            if occurrence is not None and (isinstance(occurrence, bool) or not isinstance(occurrence, int)):
                raise QuoteError("occurrence must be a whole number from 1")
            start, end = locate(text, item["quote"], occurrence)
        except QuoteError as err:
            problems.append(Problem(file, "", where, str(err), err.code))
            continue
        out.append(Waiver(start, end, f"{where} {item['quote']!r}"))
    return out
