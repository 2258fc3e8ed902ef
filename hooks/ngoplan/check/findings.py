"""One shape for every problem found in the data, and its two printed forms.

A finding is an error (the data cannot be published) or a warning (a hint for staff: it is
printed, but neither `make validate` nor the build fails on it)."""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from dataclasses import dataclass

SEVERITIES = ("error", "warning")
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
    severity: str = "error"  # or "warning"

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {self.severity!r}")

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def format(self) -> str:
        return (f"{_visible(self.file)}:{self.line}:{self.col}: {self.severity}: "
                f"{_visible(self.path)}: {_visible(self.message)}")

    def format_github(self) -> str:
        # GitHub workflow commands: '%', CR and LF must be escaped in the message.
        text = _visible(f"{self.path}: {self.message}")
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity} file={self.file},line={self.line},col={self.col}::{text}"


class DataError(Exception):
    """Raised when data cannot be published; carries every finding."""

    def __init__(self, findings: list[Finding]):
        self.findings = sorted(findings)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f.format() for f in self.findings]
        lines.append(summary(self.findings))
        return "\n".join(lines)


def errors(findings) -> list[Finding]:
    return [f for f in findings if f.is_error]


def warnings(findings) -> list[Finding]:
    return [f for f in findings if not f.is_error]


def count_line(count: int, warning_count: int = 0) -> str:
    """'3 virhettä.', 'Ei virheitä, 2 varoitusta.', '1 virhe, 1 varoitus.'"""
    text = ("Ei virheitä" if count == 0 else "1 virhe" if count == 1 else f"{count} virhettä")
    if warning_count == 1:
        text += ", 1 varoitus"
    elif warning_count > 1:
        text += f", {warning_count} varoitusta"
    return text + "."


def summary(findings) -> str:
    """The count line of a list of findings, errors and warnings counted apart."""
    found = list(findings)
    return count_line(len(errors(found)), len(warnings(found)))


def format_path(parts) -> str:
    """key.path[i] form: mapping keys joined by dots, list indexes in brackets."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or "(tiedosto)"


def _folded(text: str) -> str:
    """Lower case without accents: 'Kevät' and 'kevat' are one letter apart, not two."""
    return "".join(c for c in unicodedata.normalize("NFKD", str(text).casefold())
                   if not unicodedata.combining(c))


def did_you_mean(value, known) -> str:
    """' Tarkoititko 'kevat'?' when one known value is close to the typed one, else ''."""
    known = [str(k) for k in known]
    by_fold = {}
    for k in known:
        by_fold.setdefault(_folded(k), k)
    close = difflib.get_close_matches(_folded(value), list(by_fold), n=1, cutoff=0.75)
    return f" Tarkoititko '{by_fold[close[0]]}'?" if close and by_fold[close[0]] != value else ""


def print_report(findings) -> None:
    """Each finding on its own line (and as a workflow annotation under GitHub Actions),
    then the count line: the one output form of every checking command."""
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for finding in findings:
        print(finding.format())
        if github:
            print(finding.format_github())
    print(summary(findings))
