"""Problems found in annotations or built data, reported together and readably."""

from __future__ import annotations

from dataclasses import dataclass

MAX_REPORTED = 200


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong: where (file, record, field) and what was expected."""

    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file + (f" › {self.record}" if self.record else "")
        where += f" › {self.field}" if self.field else ""
        return f"{where}: {self.message}"


class BuildError(Exception):
    """Raised with every problem found, so one run reports them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        shown = self.problems[:MAX_REPORTED]
        lines = [f"{len(self.problems)} problem(s) found; nothing was written:"]
        lines += [f"  - {p}" for p in shown]
        if len(self.problems) > len(shown):
            lines.append(f"  … and {len(self.problems) - len(shown)} more")
        return "\n".join(lines)
