"""Writing files for a user (drafts, scan results) without surprises.

A command writes exactly where the user pointed it: never through a symbolic link (that writes
somewhere else), never into a data package (`data/` is the build's alone), never over a file it
did not create unless told `--force`, and always atomically (a temporary file in the same folder,
renamed into place), so an interrupted run leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml


class UnsafeOutput(ValueError):
    """The output path would write somewhere the user did not mean, or over someone else's file."""


def check_output(path: Path, *, force: bool, ours: Callable[[Path], bool]) -> Path:
    """Refuse an output path that is unsafe to write; return it unchanged when it is safe.

    `ours(path)` says whether an existing file was written by the same command and not changed
    since: only such a file is replaced without `force`.
    """
    if path.is_symlink():
        raise UnsafeOutput(f"{path} is a symbolic link: writing through it would write elsewhere")
    if not path.parent.is_dir():
        raise UnsafeOutput(f"{path.parent} is not an existing folder")
    for folder in (path.parent.resolve(), *path.parent.resolve().parents):
        if (folder / "datapackage.json").is_file():
            raise UnsafeOutput(f"{path} lies inside the data package {folder}; write it elsewhere")
    if path.is_dir():
        raise UnsafeOutput(f"{path} is a folder, not a file name")
    if path.exists() and not force and not ours(path):
        raise UnsafeOutput(f"{path} exists and was not written by this command; use --force to replace it")
    return path


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path`; renamed onto it when the block succeeds, removed otherwise."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    tmp = Path(name)
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o666 & ~umask)  # mkstemp makes it private; the result should be like any new file
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def yaml_scalar(text: str) -> str:
    """A string as a one-line YAML scalar: plain where that is safe, double-quoted otherwise."""
    dumped = yaml.safe_dump(text, allow_unicode=True, default_flow_style=True, width=1 << 16)
    return dumped.removesuffix("\n...\n").removesuffix("\n")
