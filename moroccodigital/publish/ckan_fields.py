"""The CKAN dataset's fields, from the Data Package descriptor and the DCAT record the build wrote.

Portals without ckanext-scheming keep any other field as an *extra* (a key and a text value),
which CKAN indexes for search; so the Arabic title and abstract are extras (`title_ar`,
`notes_ar`), and so are the coverage and the contact point, under the keys ckanext-dcat reads
(`temporal_start`, `temporal_end`, `spatial_uri`, `language`, `contact_name`, `contact_email`).
Coverage and contact are taken from data/dcat.jsonld, which the build generates: they are not
worked out a second time here.  ckanext-dcat reads `spatial_uri` as one URI, so it holds the
country the dataset is about, Morocco; every country of the places (Western Sahara and the United
States too) stays in the `dct:spatial` list of the DCAT resource, where DCAT allows several.

The licence is chosen from the portal's own `license_list`, by its SPDX id or its address; a
portal without it gets the generic licence of the family, and a warning that says so.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from moroccodigital.dataset.dcat import EU_COUNTRIES
from moroccodigital.publish.ckan_errors import PublishError

TAG_PATTERN = re.compile(r"[\w .-]{2,100}")
AUTHOR_ROLES = ("creator", "author")
MAINTAINER_ROLES = ("maintainer", "publisher", "contact")
SUBJECT_COUNTRY = EU_COUNTRIES + "MAR"
"""The dataset's subject, Morocco, as the country URI the DCAT record's `spatial` list uses."""
FINGERPRINT = "moroccodigital_fields"
"""The extra (and resource field) holding a digest of each field as the last publication set it."""

GENERIC_LICENSES = {
    "CC-BY-4.0": "cc-by",
    "CC-BY-SA-4.0": "cc-by-sa",
    "CC0-1.0": "cc-zero",
    "ODbL-1.0": "odc-odbl",
    "ODC-By-1.0": "odc-by",
    "PDDL-1.0": "odc-pddl",
    "CC-BY-NC-4.0": "cc-nc",
}
"""SPDX identifiers to the versionless licence of CKAN's default list, for a portal with no better."""


@dataclass(frozen=True)
class Licence:
    """The dataset's licence as its descriptor declares it."""

    spdx: str
    url: str
    title: str


def licence_of(descriptor: dict[str, Any]) -> Licence | None:
    """The first licence of the descriptor, the one a portal's single licence field can show."""
    licenses = descriptor.get("licenses", [])
    if not licenses:
        return None
    first = licenses[0]
    return Licence(str(first.get("name", "")), str(first.get("path", "")), str(first.get("title", "")))


def _address(url: str) -> str:
    """A licence address compared loosely: no scheme, no www., no trailing slash or legalcode."""
    url = re.sub(r"^https?://(www\.)?", "", url.strip().lower())
    return re.sub(r"/(legalcode(\.[a-z-]+)?)?$", "", url.rstrip("/"))


def choose_licence(portal: list[dict[str, Any]], licence: Licence) -> tuple[str, str | None]:
    """The portal's licence id for `licence`, and a warning when it is only an approximation.

    A portal licence matches when its id is the SPDX id (in any case) or its address is the
    licence's.  Failing that, CKAN's generic id of the family (`cc-by`) is used if the portal
    has it, and the warning names what is missing; failing that too, the SPDX id is sent as is.
    """
    for entry in portal:
        if str(entry.get("id", "")).lower() == licence.spdx.lower() or (
            licence.url and _address(str(entry.get("url") or "")) == _address(licence.url)
        ):
            return str(entry["id"]), None
    ids = {str(e.get("id")): e for e in portal}
    generic = GENERIC_LICENSES.get(licence.spdx)
    wanted = f"{licence.spdx} ({licence.url})" if licence.url else licence.spdx
    if generic in ids:
        return generic, (
            f"the portal's licence list has no {wanted}: the dataset shows its generic "
            f"{ids[generic].get('title', generic)!r} ({generic}), which names no version; the exact "
            "licence is in the license_statement extra. A portal administrator can add it "
            "(licenses_group_url)."
        )
    return licence.spdx, (
        f"the portal's licence list has no {wanted} and no generic licence of its family: "
        f"license_id is set to {licence.spdx!r}, which the portal does not know"
    )


def _contributors(descriptor: dict[str, Any], roles: tuple[str, ...]) -> list[dict[str, Any]]:
    return [c for c in descriptor.get("contributors", []) if set(c.get("roles", [])) & set(roles)]


def coverage_extras(catalogue: dict[str, Any]) -> dict[str, str]:
    """Temporal and spatial coverage, languages and contact point, as the DCAT record states them."""
    extras: dict[str, str] = {}
    temporal = catalogue.get("temporal") or {}
    if temporal.get("startDate"):
        extras["temporal_start"] = str(temporal["startDate"])
    if temporal.get("endDate"):
        extras["temporal_end"] = str(temporal["endDate"])
    if SUBJECT_COUNTRY in (catalogue.get("spatial") or []):
        extras["spatial_uri"] = SUBJECT_COUNTRY
    if catalogue.get("language"):
        extras["language"] = " ".join(catalogue["language"])
    contacts = catalogue.get("contactPoint") or []
    if contacts:
        extras["contact_name"] = ", ".join(str(c.get("fn", "")) for c in contacts)
        emails = [str(c["hasEmail"]).removeprefix("mailto:") for c in contacts if c.get("hasEmail")]
        if emails:
            extras["contact_email"] = emails[0]
    return extras


def ckan_metadata(
    descriptor: dict[str, Any], dataset: str, catalogue: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The CKAN dataset fields for a Data Package descriptor (see docs/publishing.md).

    `catalogue` is the DCAT record (data/dcat.jsonld) that coverage and contact come from.
    `license_id` is the SPDX id until the portal's list says which of its ids is meant.
    """
    authors = _contributors(descriptor, AUTHOR_ROLES) or descriptor.get("contributors", [])[:1]
    maintainers = _contributors(descriptor, MAINTAINER_ROLES) or authors
    tags = [str(k).strip() for k in descriptor.get("keywords", [])]
    for tag in tags:
        if not TAG_PATTERN.fullmatch(tag):
            raise PublishError(
                f"keyword {tag!r} is not a valid CKAN tag (2-100 letters, digits, spaces, - _ .)"
            )
    licence = licence_of(descriptor)
    extras = {
        "datapackage_name": descriptor.get("name", ""),
        "datapackage_profile": descriptor.get("$schema", ""),
        "created": descriptor.get("created", ""),
        "title_ar": descriptor.get("title_ar", ""),
        "notes_ar": descriptor.get("description_ar", ""),
        "license_statement": "; ".join(
            " ".join(str(x) for x in (lic.get("name"), lic.get("title"), lic.get("path")) if x)
            for lic in descriptor.get("licenses", [])
        ),
        "contributors": "; ".join(
            f"{c.get('title', '')} ({', '.join(c.get('roles', []))})".replace(" ()", "")
            for c in descriptor.get("contributors", [])
        ),
        **coverage_extras(catalogue or {}),
    }
    for i, source in enumerate(descriptor.get("sources", []), start=1):
        extras[f"source_{i}"] = " ".join(str(x) for x in (source.get("title"), source.get("path")) if x)
    return {
        "name": dataset,
        "title": descriptor.get("title", dataset),
        "notes": descriptor.get("description", ""),
        "license_id": licence.spdx if licence else "",
        "url": descriptor.get("homepage", ""),
        "version": descriptor.get("version", ""),
        "author": ", ".join(c.get("title", "") for c in authors),
        "author_email": next((c["email"] for c in authors if c.get("email")), ""),
        "maintainer": ", ".join(c.get("title", "") for c in maintainers),
        "maintainer_email": next((c["email"] for c in maintainers if c.get("email")), ""),
        "tags": [{"name": t} for t in tags],
        "extras": [{"key": k, "value": v} for k, v in extras.items() if v],
    }


def digest(value: Any) -> str:
    """A short, stable digest of a field's value, to tell later whether someone changed it."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def fingerprint(fields: dict[str, Any]) -> str:
    """The digests of every field, as the text of one field (FINGERPRINT)."""
    return json.dumps({k: digest(v) for k, v in sorted(fields.items())}, sort_keys=True)


def overwritten(current: dict[str, Any], wanted: dict[str, Any], recorded: str | None) -> list[str]:
    """Fields whose value on the portal is not the one the last publication set: edits it reverts.

    A field that differs because the package changed still has the digest recorded at the last
    publication; one that differs from that digest was changed on the portal since.  Without a
    record (a dataset published before records were kept), nothing can be told apart.
    """
    try:
        last = json.loads(recorded) if recorded else {}
    except ValueError:
        last = {}
    if not isinstance(last, dict) or not last:
        return []
    return [
        key
        for key, value in wanted.items()
        if current.get(key) != value and last.get(key) != digest(current.get(key))
    ]


def comparable(package: dict[str, Any], fields: list[str], extras: list[str]) -> dict[str, Any]:
    """A dataset's fields in one flat form, whether as sent or as package_show returns them.

    Empty and absent are the same; tags are their sorted names; each extra is `extras.<key>`.
    """
    flat: dict[str, Any] = {key: package.get(key) or "" for key in fields}
    flat["tags"] = sorted(str(t["name"]) for t in package.get("tags", []))
    values = {e["key"]: e["value"] for e in package.get("extras", [])}
    flat.update({f"extras.{key}": values.get(key) or "" for key in extras})
    return flat
