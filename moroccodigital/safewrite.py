"""Writing files for a user (drafts, scans, exports) without surprises: one policy for every writer.

A command writes exactly where the user pointed it:
- never through a symbolic link (that writes somewhere else), nor over a folder or a special
  file (a FIFO, a device);
- never inside a data package or a project's build outputs (`data/`, `schemas/`): the next build
  replaces them and would delete the file without a word;
- never over a file it did not write itself, unless told `--force`.  That is all `--force`
  means: replace what stands at the path (a regular file another program wrote, or a symbolic
  link, which is replaced itself: its destination is never touched);
- always atomically (a temporary file in the same folder, renamed into place), so an
  interrupted run leaves the old file or the new one, never half of one.
The path is judged where it really points: `data/../README.md` is README.md.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

from moroccodigital import paths
from moroccodigital.errors import OutputRefused


class UnsafeOutput(OutputRefused):
    """The output path would write somewhere the user did not mean, or over someone else's file."""


def check_output(path: Path, *, force: bool, ours: Callable[[Path], bool]) -> Path:
    """The real path to write to, or UnsafeOutput saying why not.

    `ours(path)` says whether an existing file was written by the same command and not changed
    since: only such a file is replaced without `force`.
    """
    if not path.parent.is_dir():
        raise UnsafeOutput(f"{path.parent} is not an existing folder")
    target = path.parent.resolve() / path.name
    for folder in (target.parent, *target.parent.parents):
        if (folder / paths.DESCRIPTOR).is_file():
            raise UnsafeOutput(f"{path} lies inside the data package {folder}; write it elsewhere")
        if folder.name in (paths.DATA, paths.SCHEMAS) and paths.Project(folder.parent).package_meta.is_file():
            raise UnsafeOutput(
                f"{path} lies inside {folder}, which the next build replaces; write it elsewhere"
            )
    if target.is_symlink():
        if not force:
            raise UnsafeOutput(
                f"{path} is a symbolic link: writing through it would write elsewhere "
                "(use --force to replace the link itself)"
            )
    elif os.path.lexists(target):
        mode = target.lstat().st_mode
        if stat.S_ISDIR(mode):
            raise UnsafeOutput(f"{path} is a folder, not a file name")
        if not stat.S_ISREG(mode):
            raise UnsafeOutput(f"{path} is a special file (not a regular file); give a new file name")
        if not force and not ours(target):
            raise UnsafeOutput(
                f"{path} exists and was not written by this command; use --force to replace it"
            )
    return target


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
