"""Finnish proofreading with Voikko and the project's reviewed word list.

A word is known when Voikko knows it or data/sanasto.txt lists it (names, abbreviations,
seed errors kept on purpose). Voikko comes from the operating system (Debian: voikko-fi
and libvoikko1; `make voikko` installs them) through the `libvoikko` binding; without it
`available()` is False and callers say that the check was skipped.

Words are taken from text as a reader sees it: addresses, e-mail addresses and numbers
are skipped; a hyphenated compound is known when the whole or every part is known
("OLKA-toiminta"); an abbreviation on the list takes a case ending with or without a
colon ("JANEn", "STEA:n", "STEAlta").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

WORD_LIST = Path("data") / "sanasto.txt"
SECTIONS = ("nimet", "lyhenteet", "lähteen virheet")
# A token: letters with inner hyphens, colons, dots or apostrophes (ELY-keskus, EU:n,
# Lähellä.fi). En dashes separate words (Hva–kunta–Hyte-neuvottelut).
_TOKEN = re.compile(r"[^\W\d_](?:[\w.:'’-]*[^\W\d_])?(?:-(?=\s))?")
# "huhti–kesäkuu": the first month of a span is the compound's first part.
_MONTH_SPAN = re.compile(r"(?<![^\W\d_])([^\W\d_]+)–([^\W\d_]*kuu[^\W\d_]*)")
# Addresses, e-mail addresses and paths (siunsote.fi/jarjestoavustukset) are not words.
_ADDRESS = re.compile(r"https?://|mailto:|www\.|@|/", re.I)
_DIGIT = re.compile(r"\d")
_ABBREVIATION_ENDING = re.compile(r":?[a-zåäö]{1,5}")


@dataclass(frozen=True)
class Entry:
    word: str
    section: str
    note: str
    line: int


def read_word_list(path: Path) -> list[Entry]:
    """data/sanasto.txt: `# == <section> ==` headings, one word a line, `# note` after it."""
    entries: list[Entry] = []
    section = ""
    if not path.exists():
        return entries
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        heading = re.fullmatch(r"#\s*==\s*(.+?)\s*==", line)
        if heading:
            section = heading.group(1).lower()
            continue
        if not line or line.startswith("#"):
            continue
        word, _, note = line.partition("#")
        entries.append(Entry(word.strip(), section, note.strip(), number))
    return entries


def words(text: str) -> list[str]:
    """The words of a text as a reader sees it (addresses and numbers left out)."""
    # A whitespace-separated chunk with an address mark is left out whole (linear: a
    # regular expression with \S* on both sides backtracks badly on long texts).
    text = " ".join(chunk for chunk in text.split() if not _ADDRESS.search(chunk))
    if "–" in text:
        text = _MONTH_SPAN.sub(r"\1kuu \2", text)
    # A hanging hyphen stays ("sosiaali- ja terveys"): Voikko knows compound first parts.
    # Tokens with a dot are addresses or file names (siunsote.fi, data.json).
    # A word right after a dot is a file extension (.ics) or part of an address.
    return [t.strip(".:'’") for m in _TOKEN.finditer(text) for t in (m.group(),)
            if "." not in t.strip(".") and not _DIGIT.search(t)
            and text[m.start() - 1:m.start()] != "."]


@dataclass
class Speller:
    voikko: object
    listed: frozenset
    abbreviations: tuple
    _known: dict = field(default_factory=dict)

    def known(self, word: str) -> bool:
        found = self._known.get(word)
        if found is None:
            found = self._known[word] = self._check(word)
        return found

    def _check(self, word: str) -> bool:
        if not word or word in self.listed or self.voikko.spell(word):
            return True
        for abbreviation in self.abbreviations:
            if word.startswith(abbreviation) and _ABBREVIATION_ENDING.fullmatch(word[len(abbreviation):]):
                return True
        if "-" in word.strip("-"):
            return all(self.known(part) for part in word.split("-") if part)
        return False

    def suggest(self, word: str) -> str | None:
        found = self.voikko.suggest(word)
        return found[0] if found else None

    def unknown(self, text: str) -> list[str]:
        """Unknown words of a text, each once, in order."""
        return list(dict.fromkeys(w for w in words(text) if not self.known(w)))


def open_speller(root: Path) -> Speller | None:
    """A speller with the project's word list, or None when Voikko is not installed."""
    try:
        from libvoikko import Voikko
        voikko = Voikko("fi")
    except Exception:  # no binding, no libvoikko1 or no Finnish dictionary: skip, say so
        return None
    voikko.setAcceptAllUppercase(False)  # abbreviations must be on the reviewed list
    voikko.setIgnoreDot(True)
    entries = read_word_list(Path(root) / WORD_LIST)
    listed = frozenset(e.word for e in entries)
    abbreviations = tuple(sorted((e.word for e in entries if e.word.isupper() and len(e.word) > 1),
                                 key=len, reverse=True))
    return Speller(voikko, listed, abbreviations)


def _finnish(value) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("fi"), str):
        return value["fi"]
    return None


def _texts(value, path=()):
    """(path, Finnish text) of every string in a data value, except ids, codes, addresses
    and dates: keys whose values are not prose."""
    if isinstance(value, dict):
        if set(value) <= {"fi", "sv", "en"} and "fi" in value:
            yield path, value["fi"]
            return
        for key, child in value.items():
            if key not in NOT_PROSE:
                yield from _texts(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _texts(child, path + (index,))
    elif isinstance(value, str) and " " in value or isinstance(value, str) and value[:1].isupper():
        yield path, value


# Keys whose strings are identifiers, codes, addresses or dates, never prose.
NOT_PROSE = frozenset({"id", "kind", "url", "email", "phone", "document", "status", "mode", "audience",
             "organisers", "belongs_to", "entity", "purpose_code", "start", "end", "until",
             "except", "updated", "date", "frequency", "season", "law", "body", "organisation",
             "coordinator", "proposed_by", "decided_by", "parent", "appointed_by", "who_id",
             "related_bodies", "ngo_representatives_appointed_by", "grant", "related",
             "languages", "uid_domain", "site_url", "repo_url", "number", "$schema"})


def check_spelling(dataset):
    """Words in the data that Voikko does not know and data/sanasto.txt does not list:
    warnings, never errors, so a new body's name never turns a staff member's check red.
    Voikko suggests a spelling; a correct name or abbreviation goes on the word list."""
    from .check.advice import warning

    speller = open_speller(dataset.root)
    docs = [doc for plan in dataset.plans.values() for doc in plan.values()]
    docs += list(dataset.site.values())
    if speller is None:
        if docs:
            yield warning(docs[0], (), "oikeinkirjoitusta ei tarkistettu: Voikkoa ei ole "
                          "asennettu (Debian ja Ubuntu: make voikko, eli paketit voikko-fi ja "
                          "libvoikko1)")
        return
    for doc in docs:
        # Remembered with the document (unchanged files keep theirs across preview
        # rebuilds) for this word list: a rebuild re-reads only edited files.
        key = ("spelling", speller.listed)
        if key not in doc.memo:
            doc.memo[key] = list(_document_warnings(doc, speller, warning))
        yield from doc.memo[key]


def _document_warnings(doc, speller, warning):
    for path, text in _texts(doc.value):
        for word in speller.unknown(text):
            suggestion = speller.suggest(word)
            hint = f"ehdotus: {suggestion}" if suggestion else "ei ehdotusta"
            yield warning(doc, path, f"tuntematon sana '{word}' ({hint}). Jos sana on "
                          f"oikein (nimi tai lyhenne), lisää se tiedostoon {WORD_LIST.as_posix()}.")
