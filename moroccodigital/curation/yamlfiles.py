"""Strict, bounded reading of curated YAML: safe loading, and the mistakes YAML forgives refused.

PyYAML silently keeps the last of two equal keys, expands aliases however deep they nest and
accepts a byte-order mark; in a curated file each of these hides an error, so each is refused
with its line number.  Size is checked before anything is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from moroccodigital.errors import Error

MAX_BYTES = 2_000_000
"""Largest annotation file accepted (the largest curated file is under 40 kB)."""

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class AnnotationFileError(Error, ValueError):
    """A curated file that cannot be read as strict YAML; the message says why and where."""

    code = "bad-yaml"


def load_yaml(path: Path) -> Any:
    """Parse a curated YAML file safely: no tags, no aliases, no duplicate keys, bounded size."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise AnnotationFileError(
            f"is {size:,} bytes, over the {MAX_BYTES:,}-byte limit for an annotation file"
        )
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raise AnnotationFileError("starts with a byte-order mark; save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise AnnotationFileError(
            f"is not UTF-8 (byte {err.start}: {err.reason}); save it as UTF-8"
        ) from None
    if not text.strip():
        raise AnnotationFileError("is empty")
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.AliasEvent):
                line = event.start_mark.line + 1 if event.start_mark else "?"
                raise AnnotationFileError(
                    f"line {line}: YAML aliases (*name) are not allowed in annotation files"
                )
        _refuse_duplicate_keys(yaml.compose(text, Loader=_LOADER))
        return yaml.load(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown place"
        raise AnnotationFileError(f"YAML syntax error at {where}: {err.problem}") from None
    except yaml.YAMLError as err:
        raise AnnotationFileError(f"YAML error: {err}") from None


def _refuse_duplicate_keys(node: yaml.Node | None) -> None:
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in current.value:
                if key.value in seen:
                    raise AnnotationFileError(
                        f"line {key.start_mark.line + 1}: key {key.value!r} appears twice"
                    )
                seen.add(key.value)
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
