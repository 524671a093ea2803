"""Language-neutral forms of the `*_ar` columns: the text as written, and its script.

The `*_ar` columns were named when every source was Arabic; a French source puts Latin text in
them ("Ryad Mezzour" as alias_ar).  They keep their names (renaming would break users: SemVer
major); beside each, the build adds the same text under a neutral name with the script its letters
are in, and for roles, which belong to one source, that source's language.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from moroccodigital.curation.raw_rows import Row
from moroccodigital.definitions.enums import Script

FORMS: dict[str, tuple[str, str]] = {
    "actors": ("name_ar", "name"),
    "aliases": ("alias_ar", "alias"),
    "roles": ("title_ar", "title_text"),
    "places": ("name_ar", "name"),
    "initiatives": ("name_ar", "name"),
    "initiative_aliases": ("alias", "alias"),
}
"""Table -> (the column as curated, the neutral column the build fills)."""


def script_of(text: str) -> Script:
    """The script of a text's letters: Arabic, Latin or both (digits and punctuation do not count)."""
    found = set()
    for char in text:
        if not unicodedata.category(char).startswith("L"):
            continue
        name = unicodedata.name(char, "")
        if name.startswith("ARABIC"):
            found.add(Script.ARAB)
        elif name.startswith("LATIN"):
            found.add(Script.LATN)
    if len(found) == 1:
        return found.pop()
    if found:
        return Script.MIXED
    raise ValueError(f"{text!r} has no Arabic or Latin letters")


def script_column(neutral: str) -> str:
    """The script column beside a neutral column (title_text -> title_script)."""
    return f"{neutral.removesuffix('_text')}_script"


def fill(rows: list[Row]) -> list[Row]:
    """Rows with their neutral form, script and (roles) language filled in."""
    languages = {r.data.get("source_id"): r.data.get("language") for r in rows if r.table == "sources"}
    out = []
    for row in rows:
        if row.table not in FORMS:
            out.append(row)
            continue
        curated, neutral = FORMS[row.table]
        data: dict[str, Any] = dict(row.data)
        text = data.get(curated)
        if isinstance(text, str) and text:
            data[neutral] = text
            try:
                data[f"{script_column(neutral)}"] = script_of(text).value
            except ValueError:
                data[f"{script_column(neutral)}"] = None
        if row.table == "roles":
            data["title_language"] = languages.get(data.get("source_id"))
        out.append(Row(row.table, data, row.file, row.reported))
    return out
