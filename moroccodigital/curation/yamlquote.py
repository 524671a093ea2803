"""Scalars for hand-assembled YAML that always parse back to the same string.

The draft writes its YAML line by line (to keep comments and a curator-friendly layout), so
every string from an article goes through `flow_scalar`: a double-quoted scalar, valid inside
flow mappings (`{quote: "1,4"}` stays a string; unquoted, it would split the mapping) and with
every character YAML does not allow raw (controls, line and paragraph separators, NEL, BOM,
non-characters) escaped.
"""

from __future__ import annotations

import json
import re

_NOT_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
"""Characters JSON leaves raw that YAML forbids or reads as line breaks."""


def flow_scalar(text: str) -> str:
    """A double-quoted YAML scalar for `text` (JSON string syntax is a subset of YAML's)."""
    dumped = json.dumps(text, ensure_ascii=False)
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def comment(text: str) -> str:
    """A YAML comment on one line: `# text`, with line breaks of any kind turned into spaces."""
    return "# " + re.sub(r"[\r\n\x85\u2028\u2029]+", " ", text)
