"""Label text for the structure diagram's boxes: its width in the fonts the diagram's
CSS asks for, and lines wrapped to a width (Finnish compounds broken at syllables)."""

from __future__ import annotations

from types import MappingProxyType

# Advance widths (per 1000 em) of Helvetica and its metric twins Arial, Liberation Sans,
# Arimo and Nimbus Sans: the diagram's CSS asks for these faces, so a label measured here
# fits its box on Windows, macOS, iOS and Linux (Android's Roboto is narrower still).
_WIDTHS = MappingProxyType({
    " ": 278, "!": 278, '"': 355, "#": 556, "$": 556, "%": 889, "&": 667, "'": 191,
    "(": 333, ")": 333, "*": 389, "+": 584, ",": 278, "-": 333, ".": 278, "/": 278,
    ":": 278, ";": 278, "<": 584, "=": 584, ">": 584, "?": 556, "@": 1015,
    "A": 667, "B": 667, "C": 722, "D": 722, "E": 667, "F": 611, "G": 778, "H": 722,
    "I": 278, "J": 500, "K": 667, "L": 556, "M": 833, "N": 722, "O": 778, "P": 667,
    "Q": 778, "R": 722, "S": 667, "T": 611, "U": 722, "V": 667, "W": 944, "X": 667,
    "Y": 667, "Z": 611, "a": 556, "b": 556, "c": 500, "d": 556, "e": 556, "f": 278,
    "g": 556, "h": 556, "i": 222, "j": 222, "k": 500, "l": 222, "m": 833, "n": 556,
    "o": 556, "p": 556, "q": 556, "r": 333, "s": 500, "t": 278, "u": 556, "v": 500,
    "w": 722, "x": 500, "y": 500, "z": 500, "\u2013": 556, "\u2014": 1000,
    "\u00ae": 737, "\u2026": 1000,
    **{c: 556 for c in "0123456789"},
    "ä": 556, "å": 556, "ö": 556, "Ä": 667, "Å": 667, "Ö": 778, "é": 556, "ü": 556, "Ü": 722,
})
_DEFAULT_WIDTH = 700
_MARGIN = 1.05  # hinting and rounding differences between renderers


def text_width(text: str, size: float) -> float:
    """The drawn width of text at font size `size` (px), erring on the wide side."""
    return sum(_WIDTHS.get(c, _DEFAULT_WIDTH) for c in text) / 1000 * size * _MARGIN


def _words(text: str) -> list[tuple[str, str]]:
    """(word, glue before it): a space between words; nothing inside a compound, which
    may also break after its hyphen or dash ("Hva–kunta–Hyte-neuvottelut")."""
    out = []
    for word in text.split():
        start, glue = 0, " "
        for i, char in enumerate(word[:-1]):
            if char in "-\u2013" and i > 0:
                out.append((word[start:i + 1], glue))
                start, glue = i + 1, ""
        out.append((word[start:], glue))
    return out


_VOWELS = frozenset("aeiouyäöåAEIOUYÄÖÅ")


# Common last parts of compounds in the names of bodies and networks: a syllable break
# before one of them is also the seam of the compound.
_HEADS = ("verkosto", "neuvosto", "neuvottelu", "valiokunta", "lautakunta", "kunta",
          "ryhmä", "toimin", "toimij", "järjest", "yhdisty", "asiain", "asioiden", "tapaami",
          "illat", "palvelu", "hallitu", "valtuusto", "keskus", "sairai", "ammattilai",
          "yhteistyö", "suunnittelija", "turva", "edusta", "alue")


# Vowel pairs that stay in one syllable (diphthongs); other pairs of different vowels
# may be split (järjestö-ammattilaisten).
_DIPHTHONGS = frozenset({"ai", "ei", "oi", "ui", "yi", "äi", "öi", "au", "eu", "iu", "ou", "ey", "iy",
               "äy", "öy", "ie", "uo", "yö"})


def _syllable_breaks(word: str) -> list[int]:
    """Where a Finnish word may be hyphenated, keeping at least two letters on each side:
    before a consonant that comes before a vowel (Osal-li-suus-va-lio-kun-ta), and between
    two different vowels that are not a diphthong."""
    low = word.lower()
    found = []
    for i in range(2, len(word) - 2):
        if not (low[i - 1].isalpha() and low[i].isalpha()):
            continue
        if low[i] not in _VOWELS and low[i + 1] in _VOWELS:
            found.append(i)
        elif (low[i - 1] in _VOWELS and low[i] in _VOWELS and low[i - 1] != low[i]
              and low[i - 1:i + 1] not in _DIPHTHONGS):
            found.append(i)
    return found


def _hyphenate(word: str, width: float, size: float, slack: float) -> list[str]:
    """A word too wide for a line, split at syllable breaks into parts that fit (each but
    the last ending in a hyphen); a part with no break that fits stays whole."""
    parts = []
    if text_width(word, size) <= width * slack:  # a little wider box reads better
        return [word]
    if any(c in word for c in "./@:_") or any(c.isdigit() for c in word):
        return [word]  # an address, a file name or a number is never broken
    while text_width(word, size) > width:
        fits = [i for i in _syllable_breaks(word) if text_width(word[:i] + "-", size) <= width]
        if not fits:
            break
        # A break between the parts of a compound reads best (kumppanuus-verkosto).
        seam = {i: max((len(h) for h in _HEADS if word[i:].lower().startswith(h)), default=0)
                for i in fits}
        at = max(fits, key=lambda i: (seam[i], i))  # the longest known part, else the last
        parts.append(word[:at] + "-")
        word = word[at:]
    return parts + [word]


def wrap(text: str, width: float, size: float, hyphenate: bool = False,
         slack: float = 1.15) -> list[str]:
    """Greedy lines no wider than `width`. A word wider than `width` * `slack` is
    hyphenated at a syllable break when `hyphenate` (Finnish); otherwise it gets a line
    of its own and the box grows to it. Nothing is ever cut off."""
    lines: list[str] = []
    for word, glue in _words(text):
        if lines and text_width(lines[-1] + glue + word, size) <= width:
            lines[-1] += glue + word
            continue
        pieces = _hyphenate(word, width, size, slack) if hyphenate else [word]
        lines.extend(pieces)
    return lines
