"""One shape for every problem found in the data, and its two printed forms."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    """A problem at a place in a data file. Line and column count from 1."""

    file: str
    line: int
    col: int
    path: str
    message: str

    def format(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: error: {self.path}: {self.message}"

    def format_github(self) -> str:
        # GitHub workflow commands: '%', CR and LF must be escaped in the message.
        text = f"{self.path}: {self.message}"
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
