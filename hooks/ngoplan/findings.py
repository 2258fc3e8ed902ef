"""One shape for every problem found in the data, and its two printed forms."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Control characters (a newline in a quoted value or a key) would split a finding's line.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _visible(text: str) -> str:
    """The text on one line: control characters shown as escapes (\\n, \\t, \\x07)."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


@dataclass(frozen=True, order=True)
class Finding:
    """A problem at a place in a data file. Line and column count from 1."""

    file: str
    line: int
    col: int
    path: str
    message: str

    def format(self) -> str:
        return (f"{_visible(self.file)}:{self.line}:{self.col}: error: "
                f"{_visible(self.path)}: {_visible(self.message)}")

    def format_github(self) -> str:
        # GitHub workflow commands: '%', CR and LF must be escaped in the message.
        text = _visible(f"{self.path}: {self.message}")
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.file},line={self.line},col={self.col}::{text}"


class DataError(Exception):
    """Raised when data cannot be published; carries every finding."""

    def __init__(self, findings: list[Finding]):
        self.findings = sorted(findings)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f.format() for f in self.findings]
        lines.append(count_line(len(self.findings)))
        return "\n".join(lines)


def count_line(count: int) -> str:
    if count == 0:
        return "Ei virheitä."
    if count == 1:
        return "1 virhe."
    return f"{count} virhettä."


def format_path(parts) -> str:
    """key.path[i] form: mapping keys joined by dots, list indexes in brackets."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or "(tiedosto)"
