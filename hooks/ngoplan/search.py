"""The site's search index: Pagefind run over a built site.

Pagefind reads each page's language from <html lang> (Finnish and Swedish get their own
Snowball stemmer and their own index) and indexes only the elements marked
data-pagefind-body (overrides/main.html: a page's main text). It writes <site>/pagefind/:
the script, and the index split into chunks and per-page fragments that the browser loads
only when a query needs them.

Pagefind separates words only at the boundaries of the elements it knows as blocks (p, li,
td, div, headings, ...), so "<dt>Alueen kunnat</dt><dd>ei tiedossa</dd>" would be indexed
as the one word "kunnatei"; and it keeps typographic quotes and the ellipsis as part of a
word (”avustukset” would not be found by avustukset). The pages are therefore indexed
from copies with a space before each such tag and plain quotes; the published pages are
not changed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

BUNDLE = "pagefind"  # the folder under the site root
# Tags that end a word in the browser but not in Pagefind's parser.
_UNSPACED_BLOCKS = re.compile(
    r"<(/?)(dt|dd|dl|th|tr|ol|caption|figcaption|figure|summary|details|blockquote|table|"
    r"thead|tbody|tfoot|pre|hr|br|main|header|aside|address)\b", re.I)

# Punctuation that Pagefind would keep in a word, as the punctuation it strips. Replaced
# one by one: str.translate with a mapping is a per-character Python lookup, 40 times
# slower on a site of 60 MB.
_PUNCTUATION = (("”", '"'), ("“", '"'), ("„", '"'), ("»", '"'), ("«", '"'), ("…", "... "))


class SearchIndexError(Exception):
    """The index could not be written; the message says why in Finnish."""


def executable() -> Path:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError("Hakuhakemiston tekevä Pagefind puuttuu (Python-paketti "
                               "pagefind-bin). Aja make install.") from None
    return get_executable()


def spaced(html: str) -> str:
    """The page with a space before every block tag Pagefind would not split words at,
    and plain quotes for typographic ones."""
    html = _UNSPACED_BLOCKS.sub(r" <\1\2", html)
    for old, new in _PUNCTUATION:
        if old in html:
            html = html.replace(old, new)
    return html


def index_site(site_dir: Path) -> None:
    """Write the search index of the pages under site_dir into site_dir/pagefind/."""
    site_dir = Path(site_dir)
    with tempfile.TemporaryDirectory(prefix="ngoplan-search-") as tmp:
        pages = Path(tmp)
        for page in site_dir.rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            # Pagefind leaves out pages without data-pagefind-body when any page has it
            # (the print pages, the embeds, 404): no need to copy them.
            if "data-pagefind-body" not in html:
                continue
            copy = pages / page.relative_to(site_dir)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(spaced(html), encoding="utf-8")
        output = site_dir / BUNDLE
        shutil.rmtree(output, ignore_errors=True)
        try:
            result = subprocess.run([str(executable()), "--site", str(pages),
                                     "--output-path", str(output), "--silent"],
                                    capture_output=True, text=True, timeout=900)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SearchIndexError(f"Hakuhakemistoa ei saatu tehtyä: {exc}") from None
    if result.returncode != 0:
        raise SearchIndexError("Hakuhakemistoa ei saatu tehtyä (Pagefind):\n"
                               + (result.stderr or result.stdout).strip())
