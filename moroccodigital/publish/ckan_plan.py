"""What a CKAN publication would send, worked out and checked without the network or the token.

The Data Package descriptors in data/ become the CKAN dataset's fields (`ckan_metadata`, in
ckan_fields.py) and a list of files, each checked to lie inside the data folder and to match the
sha256 its descriptor declares (`files_to_publish`): every table in Parquet and CSV, both
descriptors, the catalogue files (Croissant, DCAT) and the codebook beside the data folder.
Each becomes a resource named by its human title, with its path in the data folder kept in the
resource's `path` field, by which a later publication finds it again.  `plan_publication` puts
it all together with the validated portal address and names; `publish_ckan` (in ckan.py)
carries a plan out.
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

import pyarrow.parquet as pq

from moroccodigital.curation.texts import sha256_file
from moroccodigital.paths import CODEBOOK, CROISSANT, DCAT, DOCS
from moroccodigital.publish.ckan_dictionary import schema_field
from moroccodigital.publish.ckan_errors import PublishError
from moroccodigital.publish.ckan_fields import Licence, ckan_metadata, licence_of

TOKEN_ENV = "CKAN_API_TOKEN"
DESCRIPTORS = ("datapackage.json", "csv/datapackage.json")
NAME_PATTERN = re.compile(r"[a-z0-9_-]{2,100}")

FORMATS = {
    ".parquet": ("Parquet", "application/vnd.apache.parquet"),
    ".csv": ("CSV", "text/csv"),
    ".json": ("JSON", "application/json"),
    ".jsonld": ("JSON-LD", "application/ld+json"),
    ".md": ("Markdown", "text/markdown"),
    ".txt": ("TXT", "text/plain"),
}
CATALOGUE_FILES = (
    (
        CROISSANT,
        "Croissant metadata",
        "The dataset and its record sets described in Croissant (JSON-LD), for machine-learning tools.",
    ),
    (
        DCAT,
        "DCAT catalogue record",
        "The dataset and its files described in DCAT (DCAT-AP style JSON-LD), for catalogue harvesters.",
    ),
)
CODEBOOK_TITLE = "Codebook"
CODEBOOK_DESCRIPTION = (
    "What every table and column holds, its vocabularies and how the sources were coded (Markdown)."
)


@dataclass(frozen=True)
class FileToPublish:
    """One local file and the CKAN resource it becomes."""

    name: str
    """The path under data/ (`csv/events.csv`), `docs/codebook.md` or `texts/<file>`: the key a
    resource is found by (its `path` field)."""
    path: Path
    format: str
    mimetype: str
    title: str
    """The resource's name on the portal (`Events (CSV)`)."""
    description: str
    sha256: str
    size: int
    schema: str = ""
    """A table's Table Schema as JSON text (its data dictionary); empty for other files."""
    rows: Path | None = None
    """For a CSV table, the Parquet file holding the same rows, loaded into a DataStore."""

    def fields(self) -> dict[str, str]:
        """The resource's fields besides the upload itself."""
        fields = {
            "name": self.title,
            "path": self.name,
            "description": self.description,
            "format": self.format,
            "mimetype": self.mimetype,
            "sha256": self.sha256,
            "hash": f"sha256:{self.sha256}",
        }
        if self.schema:
            fields["schema"] = self.schema
        return fields


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
    notes: tuple[str, ...] = ()
    """What the publication leaves out and why (a codebook not found, say)."""
    licence: Licence | None = None
    """The licence the descriptor declares; the portal's id for it is looked up when publishing."""
    data_dir: Path = Path("data")
    """The data folder the files come from, whose DCAT is written again with the portal's addresses."""

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
            if key == "license_id":
                value = f"{value} (matched against the portal's license_list when publishing)"
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
        lines += [
            f"  {f.name:<{width}}  {f.format:<8} {f.size:>9,} B  sha256:{f.sha256}  {f.title}"
            for f in self.files
        ]
        lines += [f"Note: {note}" for note in self.notes]
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


def _file(name: str, path: Path, title: str, description: str, **table: Any) -> FileToPublish:
    fmt, mimetype = FORMATS.get(path.suffix.lower(), ("", "application/octet-stream"))
    return FileToPublish(
        name, path, fmt, mimetype, title, description, sha256_file(path), path.stat().st_size, **table
    )


def _table(data_dir: Path, descriptor: str, resource: dict[str, Any]) -> FileToPublish:
    """One table file of a descriptor, checked against the sha256 the descriptor declares."""
    folder = PurePosixPath(descriptor).parent
    relative = str(folder / resource["path"]) if str(folder) != "." else resource["path"]
    path = _inside(data_dir, relative, f"{descriptor} › {resource.get('name', '?')}")
    fmt = FORMATS.get(path.suffix.lower(), (path.suffix.lstrip(".").upper(),))[0]
    twin = data_dir / f"{resource.get('name', '')}.parquet"
    item = _file(
        relative,
        path,
        f"{resource.get('title') or resource.get('name', relative)} ({fmt})",
        str(resource.get("description", "")),
        schema=schema_field(resource["schema"]) if "schema" in resource else "",
        rows=twin if fmt == "CSV" and "schema" in resource and twin.is_file() else None,
    )
    declared = resource.get("hash", "")
    if declared and declared != f"sha256:{item.sha256}":
        raise PublishError(
            f"{relative}: its sha256 differs from the one {descriptor} declares; "
            "the data folder is stale or altered: rebuild it before publishing"
        )
    return item


def _texts(texts_dir: Path, data_dir: Path) -> list[FileToPublish]:
    """The article texts, each named for the source it is (sources.parquet gives its id)."""
    texts = sorted(p.name for p in texts_dir.glob("*.txt")) if texts_dir.is_dir() else []
    if not texts:
        raise PublishError(f"--with-texts: no article texts (*.txt) in {texts_dir}")
    sources = pq.read_table(data_dir / "sources.parquet", columns=["file_name", "source_id", "headline"])
    known = {row["file_name"]: row for row in sources.to_pylist()}
    note = "Source article text, byte for byte; its copyright remains with its publisher."
    files = []
    for name in texts:
        source = known.get(name, {"source_id": name, "headline": ""})
        title = f"Article text {source['source_id']}"
        description = f"{source['headline']}. {note}" if source["headline"] else note
        files.append(_file(f"texts/{name}", _inside(texts_dir, name, "article text"), title, description))
    return files


def files_to_publish(data_dir: Path, texts_dir: Path | None = None) -> list[FileToPublish]:
    """Every table file, each descriptor after its files, the catalogue files, the codebook beside
    the data folder (docs/codebook.md) if there is one; the texts only if asked.

    Each descriptor goes up after the files it describes, so during an update the portal's
    descriptor never declares a checksum that its files do not have yet.
    """
    files: list[FileToPublish] = []
    for name in DESCRIPTORS:
        descriptor = _read_descriptor(data_dir, name)
        files += [_table(data_dir, name, resource) for resource in descriptor["resources"]]
        kind = "CSV copy" if PurePosixPath(name).parent != PurePosixPath(".") else "Parquet"
        files.append(
            _file(
                name,
                data_dir / name,
                f"Data Package descriptor ({kind})",
                f"Frictionless Data Package (v2) descriptor of the {kind} files: their tables, columns, "
                f"types, vocabularies, keys and sha256. {descriptor.get('title', '')}",
            )
        )
    for name, title, description in CATALOGUE_FILES:
        files.append(_file(name, _inside(data_dir, name, "catalogue file"), title, description))
    docs = _docs_beside(data_dir)
    if (docs / CODEBOOK).is_file():
        codebook = _inside(docs, CODEBOOK, "codebook")
        files.append(_file(f"{DOCS}/{CODEBOOK}", codebook, CODEBOOK_TITLE, CODEBOOK_DESCRIPTION))
    if texts_dir is not None:
        files += _texts(texts_dir, data_dir)
    return files


def _docs_beside(data_dir: Path) -> Path:
    """docs/ beside a data folder, where a checkout keeps the codebook."""
    return data_dir.resolve().parent / DOCS


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
    notes = []
    if f"{DOCS}/{CODEBOOK}" not in {f.name for f in files}:
        notes.append(
            f"no codebook at {_docs_beside(data_dir) / CODEBOOK} (`moroccodigital codebook` writes it)"
        )
    notes.append(
        f"{DCAT}: the one uploaded is written once the data files are on the portal, with each "
        "file's address there as its downloadURL; the sha256 above is the committed file's, which has none"
    )
    org = _check_name("organization", org)
    catalogue = json.loads(_inside(data_dir, DCAT, "DCAT record").read_text(encoding="utf-8"))
    metadata = ckan_metadata(descriptor, name, catalogue)
    licence = licence_of(descriptor)
    return Plan(
        url, org, name, metadata, tuple(files), token_env, with_texts, tuple(notes), licence, data_dir
    )
