"""Typed errors for content problems.

Every problem in a partner's file becomes a ``ContentError`` that knows the file,
the line and a Dutch sentence that says what is wrong and how to fix it. The
loader and validator collect them all, so a build reports every problem at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One problem in one content file, in words a volunteer understands."""

    path: Path
    line: int | None
    message: str
    column: int | None = None
    severity: str = "error"  # "error" fails the build, "warning" only tells

    def location(self, root: Path | None = None) -> str:
        shown = self.path
        if root is not None:
            try:
                shown = self.path.relative_to(root)
            except ValueError:
                pass
        where = f"{shown.as_posix()}"
        if self.line is not None:
            where += f", regel {self.line}"
        return where

    def render(self, root: Path | None = None) -> str:
        label = "Fout" if self.severity == "error" else "Let op"
        return f"{label} in {self.location(root)}: {self.message}"


class ContentError(ValueError):
    """The content has one or more errors; ``problems`` lists every one."""

    def __init__(self, problems: list[Problem], root: Path | None = None, warnings: list[Problem] | None = None):
        self.problems = list(problems)
        self.root = root
        self.warnings = list(warnings or [])  # found alongside the errors; the check command shows them too
        super().__init__(self.summary())

    def summary(self) -> str:
        count = len(self.problems)
        head = "De inhoud bevat 1 fout." if count == 1 else f"De inhoud bevat {count} fouten."
        lines = [head] + [p.render(self.root) for p in self.problems]
        return "\n".join(lines)
