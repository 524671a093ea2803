"""What a CKAN publication would send, worked out and checked without the network or the token.

The Data Package descriptors in data/ become the CKAN dataset's fields (`ckan_metadata`) and a
list of files, each checked to lie inside the data folder and to match the sha256 its descriptor
declares (`files_to_publish`).  `plan_publication` puts both together with the validated portal
address and names; `publish_ckan` (in publish_ckan.py) carries a plan out.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from moroccodigital.curation.texts import sha256_file
from moroccodigital.errors import RemoteError

TOKEN_ENV = "CKAN_API_TOKEN"
DESCRIPTORS = ("datapackage.json", "csv/datapackage.json")
NAME_PATTERN = re.compile(r"[a-z0-9_-]{2,100}")
TAG_PATTERN = re.compile(r"[\w .-]{2,100}")

LICENSES = {
    "CC-BY-4.0": "cc-by",
    "CC-BY-SA-4.0": "cc-by-sa",
    "CC0-1.0": "cc-zero",
    "ODbL-1.0": "odc-odbl",
    "ODC-By-1.0": "odc-by",
    "PDDL-1.0": "odc-pddl",
    "CC-BY-NC-4.0": "cc-nc",
}
"""SPDX identifiers to the licence ids of CKAN's default licence list."""

AUTHOR_ROLES = ("creator", "author")
MAINTAINER_ROLES = ("maintainer", "publisher", "contact")
FORMATS = {
    ".parquet": ("Parquet", "application/vnd.apache.parquet"),
    ".csv": ("CSV", "text/csv"),
    ".json": ("JSON", "application/json"),
    ".txt": ("TXT", "text/plain"),
}


class PublishError(RemoteError, RuntimeError):
    """Publishing stopped; the message names the step, the file and what the portal already has."""

    code = "publish-failed"


class TokenRejected(PublishError):
    """The API token is malformed, or the portal does not know it (unknown, revoked, expired)."""

    code = "token-rejected"
    exit_code = 7


class NotPermitted(PublishError):
    """The portal knows the token, but its user may not write datasets in the organization."""

    code = "not-permitted"
    exit_code = 8


@dataclass(frozen=True)
class FileToPublish:
    """One local file and the CKAN resource it becomes."""

    name: str
    """Resource name on the portal: the path under data/ (`csv/events.csv`), or `texts/<file>`."""
    path: Path
    format: str
    mimetype: str
    description: str
    sha256: str
    size: int

    def fields(self) -> dict[str, str]:
        """The resource's fields besides the upload itself."""
        return {
            "name": self.name,
            "description": self.description,
            "format": self.format,
            "mimetype": self.mimetype,
            "sha256": self.sha256,
            "hash": f"sha256:{self.sha256}",
        }


@dataclass(frozen=True)
class Plan:
    """What a publication sends, worked out without touching the network."""

    url: str
    organization: str
    dataset: str
    metadata: dict[str, Any]
    files: tuple[FileToPublish, ...]
    token_env: str
    with_texts: bool

    def render(self) -> str:
        """The plan as text for `--dry-run`; it never contains the token, only where it is read."""
        token_state = "set" if os.environ.get(self.token_env) else "NOT set"
        total = sum(f.size for f in self.files)
        lines = [
            "Publish plan (dry run: nothing was sent)",
            f"  portal:        {self.url}",
            f"  organization:  {self.organization}",
            f"  dataset:       {self.dataset}  (created if absent, updated in place if present)",
            f"  API token:     from ${self.token_env} ({token_state})",
            "Dataset fields:",
        ]
        for key, value in self.metadata.items():
            if not value:
                continue
            if key == "tags":
                value = ", ".join(t["name"] for t in value)
            if key == "extras":
                lines.append("  extras:")
                lines += [f"    {e['key']}: {e['value']}" for e in value]
                continue
            lines.append(f"  {key}: {value}")
        lines.append(
            f"Files ({len(self.files)}, {total:,} bytes; skipped where the portal has the same sha256):"
        )
        width = max(len(f.name) for f in self.files)
        lines += [f"  {f.name:<{width}}  {f.format:<7} {f.size:>9,} B  sha256:{f.sha256}" for f in self.files]
        if not self.with_texts:
            lines.append(
                "Article texts: not included (--with-texts adds them; portals re-license what they host)"
            )
        return "\n".join(lines)


def validate_url(url: str) -> str:
    """A portal's base URL, normalised; refuses what could leak the token or is not a site."""
    if not url or any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise PublishError(f"not a portal URL: {url!r}")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PublishError(f"the portal URL must start with https:// and name a host: {url!r}")
    if parts.username or parts.password:
        raise PublishError(
            "the portal URL must not carry credentials; the token is read from the environment"
        )
    if parts.query or parts.fragment:
        raise PublishError(f"the portal URL must be the site's address, without ?query or #fragment: {url!r}")
    try:
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        raise PublishError(f"the portal URL has an invalid port: {url!r}") from None
    if parts.scheme == "http" and not _loopback(parts.hostname):
        raise PublishError(
            f"refusing to send the API token over plain http to {parts.hostname}; use https://"
        )
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_name(kind: str, name: str) -> str:
    if not NAME_PATTERN.fullmatch(name):
        raise PublishError(f"{kind} {name!r} is not a CKAN name: 2-100 of a-z, 0-9, - and _")
    return name


def _inside(root: Path, relative: str, what: str) -> Path:
    """A path from a descriptor, refused unless it is a plain relative path to a file under root."""
    pure = PurePosixPath(relative)
    if "://" in relative or pure.is_absolute() or ".." in pure.parts or "\\" in relative:
        raise PublishError(f"{what}: path {relative!r} leaves the data folder; refusing to publish it")
    path = root / pure
    if not path.resolve().is_relative_to(root.resolve()):
        raise PublishError(
            f"{what}: {relative!r} resolves outside {root} (a symlink?); refusing to publish it"
        )
    if not path.is_file():
        raise PublishError(f"{what}: {relative!r} is not a file under {root}; run `moroccodigital build`")
    return path


def _read_descriptor(data_dir: Path, name: str) -> dict[str, Any]:
    path = _inside(data_dir, name, "descriptor")
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise PublishError(f"{name}: not a JSON Data Package descriptor ({err})") from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise PublishError(f"{name}: not a Data Package descriptor (no resources list)")
    return descriptor


def _file(name: str, path: Path, description: str) -> FileToPublish:
    fmt, mimetype = FORMATS.get(path.suffix.lower(), ("", "application/octet-stream"))
    return FileToPublish(name, path, fmt, mimetype, description, sha256_file(path), path.stat().st_size)


def files_to_publish(data_dir: Path, texts_dir: Path | None = None) -> list[FileToPublish]:
    """Every Parquet and CSV file, each descriptor after its files; the texts only if asked.

    Each descriptor goes up after the files it describes, so during an update the portal's
    descriptor never declares a checksum that its files do not have yet.
    """
    files: list[FileToPublish] = []
    for name in DESCRIPTORS:
        descriptor = _read_descriptor(data_dir, name)
        folder = PurePosixPath(name).parent
        for resource in descriptor["resources"]:
            relative = str(folder / resource["path"]) if str(folder) != "." else resource["path"]
            path = _inside(data_dir, relative, f"{name} › {resource.get('name', '?')}")
            item = _file(relative, path, f"{resource.get('title', '')}: {resource.get('description', '')}")
            declared = resource.get("hash", "")
            if declared and declared != f"sha256:{item.sha256}":
                raise PublishError(
                    f"{relative}: its sha256 differs from the one {name} declares; "
                    "the data folder is stale or altered: rebuild it before publishing"
                )
            files.append(item)
        files.append(_file(name, data_dir / name, f"Data Package descriptor: {descriptor.get('title', '')}"))
    if texts_dir is not None:
        texts = sorted(p.name for p in texts_dir.glob("*.txt")) if texts_dir.is_dir() else []
        if not texts:
            raise PublishError(f"--with-texts: no article texts (*.txt) in {texts_dir}")
        note = "Source article text, byte for byte; its copyright remains with its publisher."
        files += [_file(f"texts/{n}", _inside(texts_dir, n, "article text"), note) for n in texts]
    return files


def _contributors(descriptor: dict[str, Any], roles: tuple[str, ...]) -> list[dict[str, Any]]:
    return [c for c in descriptor.get("contributors", []) if set(c.get("roles", [])) & set(roles)]


def ckan_metadata(descriptor: dict[str, Any], dataset: str) -> dict[str, Any]:
    """The CKAN dataset fields for a Data Package descriptor (see docs/publishing.md)."""
    licenses = descriptor.get("licenses", [])
    authors = _contributors(descriptor, AUTHOR_ROLES) or descriptor.get("contributors", [])[:1]
    maintainers = _contributors(descriptor, MAINTAINER_ROLES) or authors
    tags = [str(k).strip() for k in descriptor.get("keywords", [])]
    for tag in tags:
        if not TAG_PATTERN.fullmatch(tag):
            raise PublishError(
                f"keyword {tag!r} is not a valid CKAN tag (2-100 letters, digits, spaces, - _ .)"
            )
    extras = {
        "datapackage_name": descriptor.get("name", ""),
        "datapackage_profile": descriptor.get("$schema", ""),
        "created": descriptor.get("created", ""),
        "license_statement": "; ".join(
            " ".join(str(x) for x in (lic.get("name"), lic.get("title"), lic.get("path")) if x)
            for lic in licenses
        ),
        "contributors": "; ".join(
            f"{c.get('title', '')} ({', '.join(c.get('roles', []))})".replace(" ()", "")
            for c in descriptor.get("contributors", [])
        ),
    }
    for i, source in enumerate(descriptor.get("sources", []), start=1):
        extras[f"source_{i}"] = " ".join(str(x) for x in (source.get("title"), source.get("path")) if x)
    return {
        "name": dataset,
        "title": descriptor.get("title", dataset),
        "notes": descriptor.get("description", ""),
        "license_id": LICENSES.get(licenses[0].get("name", ""), licenses[0].get("name", ""))
        if licenses
        else "",
        "url": descriptor.get("homepage", ""),
        "version": descriptor.get("version", ""),
        "author": ", ".join(c.get("title", "") for c in authors),
        "author_email": next((c["email"] for c in authors if c.get("email")), ""),
        "maintainer": ", ".join(c.get("title", "") for c in maintainers),
        "maintainer_email": next((c["email"] for c in maintainers if c.get("email")), ""),
        "tags": [{"name": t} for t in tags],
        "extras": [{"key": k, "value": v} for k, v in extras.items() if v],
    }


def _texts_beside(data_dir: Path) -> Path:
    """seeds/ beside a checkout's data/, or _seeds/ beside an installed package's _data/."""
    parent = data_dir.resolve().parent
    return next((p for p in (parent / "seeds", parent / "_seeds") if p.is_dir()), parent / "seeds")


def plan_publication(
    url: str,
    org: str,
    *,
    data_dir: Path = Path("data"),
    dataset: str | None = None,
    token_env: str = TOKEN_ENV,
    with_texts: bool = False,
    texts_dir: Path | None = None,
) -> Plan:
    """Everything a publication would send, checked, without the network or the token."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", token_env):
        raise PublishError(f"{token_env!r} is not an environment variable name")
    url = validate_url(url)
    data_dir = Path(data_dir)
    descriptor = _read_descriptor(data_dir, DESCRIPTORS[0])
    name = _check_name("dataset", dataset or str(descriptor.get("name", "")))
    texts = (texts_dir or _texts_beside(data_dir)) if with_texts else None
    files = files_to_publish(data_dir, texts)
    org = _check_name("organization", org)
    return Plan(url, org, name, ckan_metadata(descriptor, name), tuple(files), token_env, with_texts)
