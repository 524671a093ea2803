"""One error model: every failure a user can cause is an `Error` with a stable code and exit code.

The command line (`cli.main`) is the only place that catches them; it prints the message and
ends with the error's exit code, so no input a user can give ends in a traceback.  A traceback
therefore always means a bug.  Exit codes:

| exit | meaning |
|---|---|
| 1 | problems found in the annotations, the built package or the audit (each listed, with its code) |
| 2 | the command line was used wrongly (argparse's own code) |
| 3 | an optional extra is not installed (the message is the one `pip install` line) |
| 4 | an output was refused (would overwrite, write through a link, or write into a data package) |
| 5 | the data or the project is not there or not intact (missing, altered, not a checkout) |
| 6 | a remote service failed, refused or answered something unusable (a portal, a deadline) |
| 7 | the portal does not know the API token |
| 8 | the token's user may not write datasets in the organization |
| 130 | interrupted (Ctrl-C) |
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, requires
from types import ModuleType

MAX_REPORTED = 200


class Error(Exception):
    """Something a person can act on: the message says what and what to do."""

    code: str = "error"
    """A stable, greppable name of the kind of failure (listed in docs/errors.md)."""
    exit_code: int = 1

    def __init__(self, message: str = "", *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else self.code


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong: where (file, record, field), what was expected, and the kind of problem."""

    file: str
    record: str
    field: str
    message: str
    code: str = "invalid"
    """A stable name of the kind of problem (`quote-not-found`, `dangling-reference`, ...)."""

    def __str__(self) -> str:
        where = self.file + (f" › {self.record}" if self.record else "")
        where += f" › {self.field}" if self.field else ""
        return f"{where}: {self.message} [{self.code}]"


class BuildError(Error):
    """Raised with every problem found, so one run reports them all."""

    code = "problems-found"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f"{len(self.problems)} problem(s) found; nothing was written:"]
        return "\n".join(lines + bulleted(self.problems, MAX_REPORTED))


def bulleted(problems: Sequence[Problem], limit: int | None = None) -> list[str]:
    """How problems read wherever they are listed (build, validate, audit): sorted, one
    `  - file › record › field: message [code]` line each, the first `limit` of them."""
    ordered = sorted(problems)
    shown = ordered[:limit]
    more = [f"  … and {len(ordered) - len(shown)} more"] if len(ordered) > len(shown) else []
    return [f"  - {p}" for p in shown] + more


class UsageError(Error):
    """An option's value cannot work (a port out of range, a count below one)."""

    code = "bad-usage"
    exit_code = 2


class MissingExtra(Error):
    """A command needs an optional dependency group that is not installed."""

    code = "missing-extra"
    exit_code = 3

    def __init__(self, extra: str, module: str) -> None:
        self.extra, self.module = extra, module
        super().__init__(
            f"this needs {module}, from the '{extra}' extra: pip install 'moroccodigital[{extra}]'"
        )


class OutputRefused(Error, ValueError):
    """A file will not be written where asked (see `safewrite`)."""

    code = "output-refused"
    exit_code = 4


class NotFound(Error, FileNotFoundError):
    """The data, a text or the project a command needs is not where it was looked for."""

    code = "not-found"
    exit_code = 5


class RemoteError(Error):
    """A remote service (a data portal) failed, refused, or answered something unusable."""

    code = "remote-failed"
    exit_code = 6


def require(module: str, extra: str) -> ModuleType:
    """Import an optional dependency, or raise `MissingExtra` naming the extra that brings it."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as err:
        raise MissingExtra(extra, err.name or module) from None


def extra_for(module: str) -> str | None:
    """The optional extra that installs `module`, read from the package's own metadata.

    Where several extras bring it, the smallest one is named (tqdm: `scan`, not `dask`).
    """
    try:
        requirements = requires("moroccodigital") or []
    except PackageNotFoundError:  # pragma: no cover - a bare source tree
        return None
    top = module.partition(".")[0].lower()
    sizes: Counter[str] = Counter()
    found = []
    for requirement in requirements:
        name, _, marker = requirement.partition(";")
        extra = re.search(r"extra\s*==\s*['\"]([^'\"]+)", marker)
        if not extra or extra[1] == "test":
            continue
        sizes[extra[1]] += 1
        dist = re.split(r"[\[<>=!~ ]", name.strip())[0].lower().replace("-", "_")
        if top in (dist, dist.removeprefix("python_")):
            found.append(extra[1])
    return min(found, key=lambda e: (sizes[e], e)) if found else None
