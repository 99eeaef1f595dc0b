"""Typed errors for content problems.

Every problem in a partner's file becomes a ``ContentError`` that knows the file,
the line and a Dutch sentence that says what is wrong and how to fix it. The
loader and validator collect them all, so a build reports every problem at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Characters that would act instead of show in a terminal or a CI log: control characters
# (ESC starts colours, hyperlinks and cursor moves), bidirectional controls that reorder what
# is read, zero-width characters, the line and paragraph separators, a byte-order mark, and
# halves of a character (surrogates).
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")


def visible(text: str, keep: str = "") -> str:
    """``text`` with every invisible or acting character written as an escape: ``\\x1b``, ``\\u202e``.

    ``keep`` names characters to leave (a GitHub annotation encodes line breaks itself).
    """

    def escape(match: re.Match) -> str:
        char = match[0]
        if char in keep:
            return char
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"

    return _INVISIBLE.sub(escape, text)


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
        where = visible(shown.as_posix())
        if self.line is not None:
            where += f", regel {self.line}"
        return where

    def render(self, root: Path | None = None) -> str:
        label = "Fout" if self.severity == "error" else "Let op"
        return f"{label} in {self.location(root)}: {visible(self.message)}"


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
