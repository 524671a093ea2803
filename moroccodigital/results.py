"""One way results render: every result a command prints is a `Result`.

A result (validate's report, the audit, info's summary, a publication) gives its text as
`lines()`, which `str()` joins, and says with `ok` whether the command succeeded, so the command
line prints each the same way and exits 1 when it is not ok.  The pieces results share are
written once: a titled list ("Checked:", "Not checked:") and, in `errors.bulleted`, the one line
a problem gets wherever it is listed.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import Protocol


class Result(Protocol):
    """What a command prints, and whether it succeeded."""

    @property
    def ok(self) -> bool: ...

    def lines(self) -> list[str]: ...


class Rendered(ABC):
    """The text of a result is its lines: `str(result)` is what the command prints."""

    @abstractmethod
    def lines(self) -> list[str]:
        """The result as lines of text, without trailing newlines."""

    def __str__(self) -> str:
        return "\n".join(self.lines())


def titled(title: str, items: Iterable[str]) -> list[str]:
    """A titled list (`Checked:` then one `  - item` line each); nothing at all when it is empty."""
    listed = [f"  - {item}" for item in items]
    return [f"{title}:", *listed] if listed else []
