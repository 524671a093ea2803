"""The portal archive: one zip with the data, every metadata file, docs/, README, CHANGELOG and licences.

It is made for manual upload to archives such as Zenodo.  Portals re-license what they host, so
the full article texts go in only when asked for (`with_texts`); the evidence quotes stay in
data/evidence.*, as the licence files explain.

Deterministic: entries sorted, every timestamp the release date, permissions 0644, one compression
level, no directory entries; two exports of one build are byte-identical.

Safe: a member is a regular file inside the project (a descriptor path with '..' or a symlink
cannot pull in a file from elsewhere, and the archive unpacks inside its own folder); the archive
is written beside the target and renamed onto it, so the path given is what changes, never the
destination of a symlink; an existing file is replaced only if it is an archive this function made
(recognised by the archive comment) or with `force`.
"""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path, PurePosixPath

import pyarrow.parquet as pq

from moroccodigital import paths
from moroccodigital.curation.texts import sha256_file
from moroccodigital.dataset import catalogue, metadata
from moroccodigital.dataset.citation import citation_cff
from moroccodigital.definitions.models import Source
from moroccodigital.errors import BuildError, Problem
from moroccodigital.paths import CITATION, CROISSANT, DCAT, DESCRIPTORS
from moroccodigital.safewrite import UnsafeOutput, atomic_path, check_output

TOP_FILES = ("README.md", "CHANGELOG.md", "LICENSE", "LICENSE-DATA", "NOTICE", CITATION)
COMMENT = b"moroccodigital export archive"
"""Marks archives this module wrote: the only files it replaces without `force`."""

PERMISSIONS = (stat.S_IFREG | 0o644) << 16
UNIX = 3
"""ZIP 'made by' system: Unix, so that readers apply the permissions."""
REBUILD = "run 'moroccodigital build'"


class ExportError(BuildError):
    """The archive cannot be written safely or would ship stale files; nothing was written."""


def export_zip(root: Path, out: Path, with_texts: bool = False, force: bool = False) -> Path:
    """Write the archive of the built project at `root` to `out`; returns `out`."""
    root = root.resolve()
    out = _check_target(out, force)
    data = root / paths.DATA
    descriptors = _read_descriptors(data)
    descriptor = descriptors[DESCRIPTORS[0]]
    members = _members(root, descriptors, with_texts)
    problems = _check_members(root, members)
    if not problems:
        problems = _check_hashes(data, descriptors) + _check_generated(root, descriptors)
    if not problems and with_texts:
        problems = _check_texts(root)
    if any(out == (root / m).resolve() for m in members):
        problems.append(
            Problem(str(out), "", "", "is one of the files to archive; choose another path", "output-refused")
        )
    if problems:
        raise ExportError(problems)
    day = metadata.release_date(descriptor)
    folder = f"{descriptor['name']}-{descriptor['version']}"
    _write_zip(out, root, folder, sorted(set(members)), (day.year, day.month, day.day, 0, 0, 0))
    return out


def _check_target(out: Path, force: bool) -> Path:
    """The real path to write the archive to (see `safewrite` for the one policy)."""
    try:
        return check_output(out, force=force, ours=_is_our_archive)
    except UnsafeOutput as err:
        raise ExportError([Problem(str(out), "", "", str(err), "output-refused")]) from None


def _is_our_archive(path: Path) -> bool:
    if not zipfile.is_zipfile(path):
        return False
    with zipfile.ZipFile(path) as archive:
        return archive.comment == COMMENT


def _read_descriptors(data: Path) -> dict[str, metadata.Descriptor]:
    missing = [name for name in DESCRIPTORS if not (data / name).is_file()]
    if missing:
        raise ExportError(
            [Problem(f"data/{name}", "", "", f"is missing; {REBUILD}", "file-missing") for name in missing]
        )
    return metadata.load_descriptors(data)


def _members(root: Path, descriptors: dict[str, metadata.Descriptor], with_texts: bool) -> list[str]:
    """Paths, relative to the project, of everything the archive holds."""
    members = list(TOP_FILES)
    members += [f"data/{name}" for name in (*DESCRIPTORS, CROISSANT, DCAT)]
    for name, package in descriptors.items():
        folder = PurePosixPath(paths.DATA, name).parent
        members += [str(folder / res["path"]) for res in package["resources"]]
    members += [f"schemas/{res['name']}.schema.json" for res in descriptors[DESCRIPTORS[0]]["resources"]]
    members += _docs(root)
    if with_texts:
        members += [f"{paths.SEEDS}/{name}" for name in _texts(root / paths.DATA)]
    return members


def _docs(root: Path) -> list[str]:
    """Every file under docs/ (codebook, coding rules, figures): the README in the archive links to them."""
    docs = root / paths.DOCS
    if not docs.is_dir():
        return []
    return sorted(str(path.relative_to(root).as_posix()) for path in docs.rglob("*") if not path.is_dir())


def _texts(data: Path) -> dict[str, str]:
    """File name -> sha256 of each article text, as the sources table records them."""
    sources = pq.ParquetFile(data / f"{Source.table}.parquet").read(columns=["file_name", "sha256"])
    return dict(zip(sources["file_name"].to_pylist(), sources["sha256"].to_pylist(), strict=True))


def _check_members(root: Path, members: list[str]) -> list[Problem]:
    """Every member must be a regular file that stays inside the project, whatever links it follows."""
    problems = []
    for member in members:
        pure = PurePosixPath(member)
        if pure.is_absolute() or ".." in pure.parts or "\\" in member:
            problems.append(
                Problem(
                    member, "", "", "path leaves the project; refusing to archive it", "path-leaves-project"
                )
            )
            continue
        path = (root / member).resolve()
        if not path.is_relative_to(root):
            problems.append(
                Problem(
                    member,
                    "",
                    "",
                    f"leads out of the project (to {path}); refusing it",
                    "path-leaves-project",
                )
            )
        elif not path.is_file():
            problems.append(
                Problem(member, "", "", f"is missing or not a regular file; {REBUILD}", "file-missing")
            )
    return problems


def _check_hashes(data: Path, descriptors: dict[str, metadata.Descriptor]) -> list[Problem]:
    """Ship only the files the build validated: each one's sha256 must match its descriptor."""
    problems = []
    for name, package in descriptors.items():
        folder = (data / name).parent
        for res in package["resources"]:
            path = folder / res["path"]
            if sha256_file(path) != metadata.sha256_of(res):
                reason = f"sha256 differs from the descriptor; {REBUILD}"
                problems.append(
                    Problem(str(path.relative_to(data.parent)), res["name"], "hash", reason, "hash-mismatch")
                )
    return problems


def _check_texts(root: Path) -> list[Problem]:
    """The texts shipped must be the ones the offsets were checked against."""
    return [
        Problem(
            f"{paths.SEEDS}/{name}",
            "",
            "sha256",
            "differs from the sources table; the text was changed",
            "sha256-mismatch",
        )
        for name, digest in _texts(root / paths.DATA).items()
        if sha256_file(root / paths.SEEDS / name) != digest
    ]


def _check_generated(root: Path, descriptors: dict[str, metadata.Descriptor]) -> list[Problem]:
    """Metadata files must be what the generators make of the descriptors now, not an older build's."""
    expected = {f"{paths.DATA}/{name}": text for name, text in catalogue.documents(root / paths.DATA).items()}
    expected[CITATION] = citation_cff(descriptors[DESCRIPTORS[0]])
    return [
        Problem(
            name,
            "",
            "",
            f"is stale: it differs from what the descriptor generates; {REBUILD}",
            "stale-generated",
        )
        for name, text in expected.items()
        if (root / name).read_text(encoding="utf-8") != text
    ]


Stamp = tuple[int, int, int, int, int, int]


def _write_zip(out: Path, root: Path, folder: str, members: list[str], stamp: Stamp) -> None:
    """Write to a temporary file beside `out`, then rename it onto `out` (which is never followed)."""
    with atomic_path(out) as temporary, zipfile.ZipFile(temporary, "w") as archive:
        for member in members:
            info = zipfile.ZipInfo(f"{folder}/{member}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = UNIX
            info.external_attr = PERMISSIONS
            archive.writestr(info, (root / member).read_bytes(), compresslevel=9)
        archive.comment = COMMENT
