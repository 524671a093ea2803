"""Strict, bounded reading of curated YAML: safe loading, and the mistakes YAML forgives refused.

PyYAML silently keeps the last of two equal keys, expands aliases however deep they nest, merges
`<<:` keys, honours tags (`!!binary`), accepts a byte-order mark and reads YAML 1.1 numbers
(`0300` is 192, `5:00` is 300, `yes` is true).  In a curated file each of these hides an error,
so each is refused with its line number: numbers are plain decimals, booleans `true`/`false`.
Only a regular file is read, its size checked first, and deeply nested brackets (which crash
libyaml's recursive parser) are refused before parsing.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from moroccodigital.errors import Error

MAX_BYTES = 2_000_000
"""Largest annotation file accepted (the largest curated file is under 40 kB)."""
MAX_DEPTH = 40
"""Deepest nesting of flow brackets accepted (curated files nest a few levels)."""

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN = {
    "tag:yaml.org,2002:int": re.compile(r"[-+]?(0|[1-9][0-9]*)"),
    "tag:yaml.org,2002:float": re.compile(r"[-+]?(0|[1-9][0-9]*)\.[0-9]+([eE][-+]?[0-9]+)?"),
    "tag:yaml.org,2002:bool": re.compile(r"true|false"),
}
"""The only spellings accepted for numbers and booleans; YAML 1.1 accepts many more."""


class AnnotationFileError(Error, ValueError):
    """A curated file that cannot be read as strict YAML; the message says why and where."""

    code = "bad-yaml"


def load_yaml(path: Path) -> Any:
    """Parse a curated YAML file safely: no tags, aliases, merge keys or duplicate keys, bounded size."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise AnnotationFileError("is not a regular file (a device, a FIFO or a folder)", code="not-a-file")
    if info.st_size > MAX_BYTES:
        raise AnnotationFileError(
            f"is {info.st_size:,} bytes, over the {MAX_BYTES:,}-byte limit for an annotation file",
            code="too-large",
        )
    with path.open("rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise AnnotationFileError(f"grew past the {MAX_BYTES:,}-byte limit while read", code="too-large")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise AnnotationFileError(
            "starts with a byte-order mark; save it as UTF-8 without BOM", code="bad-encoding"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise AnnotationFileError(
            f"is not UTF-8 (byte {err.start}: {err.reason}); save it as UTF-8", code="bad-encoding"
        ) from None
    if not text.strip():
        raise AnnotationFileError("is empty", code="empty-file")
    _refuse_deep_nesting(text)
    try:
        if "!" in text or "*" in text:  # a tag or an alias needs one of these: else skip a pass
            _refuse_aliases_and_tags(text)
        return _construct(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown place"
        raise AnnotationFileError(
            f"YAML syntax error at {where}: {err.problem}", code="yaml-syntax"
        ) from None
    except yaml.YAMLError as err:
        raise AnnotationFileError(f"YAML error: {err}", code="yaml-syntax") from None


def _line(node: yaml.Node | yaml.Event) -> int | str:
    return node.start_mark.line + 1 if node.start_mark else "?"


def _construct(text: str) -> Any:
    """Parse once: check the composed nodes, then build the data from those same nodes."""
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        _refuse_lenient_nodes(node)
        return None if node is None else _data(node, loader)
    finally:
        loader.dispose()


_SCALARS: dict[str, Callable[[str], Any]] = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:bool": lambda value: value == "true",
    "tag:yaml.org,2002:null": lambda value: None,
}
"""Scalars built straight from their text: the strict spellings above leave one reading each."""


def _data(node: yaml.Node, loader: Any) -> Any:
    """The Python data of checked nodes, as PyYAML's safe constructor builds it but without its
    per-node bookkeeping (the build's largest cost); other tags (dates) go to that constructor."""
    if isinstance(node, yaml.MappingNode):
        return {_data(key, loader): _data(value, loader) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_data(item, loader) for item in node.value]
    make = _SCALARS.get(node.tag)
    return make(node.value) if make is not None else loader.construct_object(node, deep=True)


def _refuse_deep_nesting(text: str) -> None:
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    depth = deepest = 0
    for match in re.finditer(r"[\[\]{}]", text):
        char = match.group()
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(0, depth - 1)
    if deepest > MAX_DEPTH:
        raise AnnotationFileError(
            f"nests brackets {deepest} deep (at most {MAX_DEPTH} are read)", code="yaml-too-deep"
        )


def _refuse_aliases_and_tags(text: str) -> None:
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise AnnotationFileError(
                f"line {_line(event)}: YAML aliases (*name) are not allowed in annotation files",
                code="yaml-alias",
            )
        if isinstance(event, yaml.NodeEvent) and getattr(event, "tag", None) not in (None, "!"):
            raise AnnotationFileError(
                f"line {_line(event)}: YAML tags ({event.tag}) are not allowed in annotation files",  # type: ignore[attr-defined]
                code="yaml-tag",
            )


def _refuse_lenient_nodes(node: yaml.Node | None) -> None:
    """Duplicate keys, merge keys, and numbers or booleans not written plainly."""
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in current.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise AnnotationFileError(
                        f"line {_line(key)}: a key is a list or a mapping; keys are plain text",
                        code="yaml-syntax",
                    )
                if key.tag == "tag:yaml.org,2002:merge":
                    raise AnnotationFileError(
                        f"line {_line(key)}: merge keys (<<) are not allowed in annotation files",
                        code="yaml-merge-key",
                    )
                if key.value in seen:
                    raise AnnotationFileError(
                        f"line {_line(key)}: key {key.value!r} appears twice", code="duplicate-key"
                    )
                seen.add(key.value)
                stack += [key, value]
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.ScalarNode) and not current.style:
            plain = _PLAIN.get(current.tag)
            if plain is not None and not plain.fullmatch(current.value):
                raise AnnotationFileError(
                    f"line {_line(current)}: {current.value!r} is read by YAML 1.1 as "
                    f"{current.tag.rsplit(':', 1)[-1]}; write numbers as plain decimals, booleans as "
                    "true/false, or quote the text",
                    code="yaml-lenient-scalar",
                )
