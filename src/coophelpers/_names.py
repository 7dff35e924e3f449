"""Normalisation of names for forgiving look-ups (private)."""

from __future__ import annotations

import re
import unicodedata

# Type words stripped from the end (or start) of a name, in the three languages. Longest first so
# that "autonomous okrug" goes before "okrug".
_TYPE_WORDS = sorted(
    [
        # English
        "special administrative region", "autonomous region", "autonomous oblast",
        "autonomous okrug", "autonomous district", "autonomous area", "autonomous province",
        "federal city", "city of", "municipality", "province", "republic of", "republic",
        "oblast", "krai", "kray", "region", "territory", "district", "federal district", "city",
        "sar", "shi", "sheng", "zizhiqu",
        # Russian
        "автономная область", "автономный округ", "автономный район", "республика", "область",
        "край", "город", "федеральный округ", "специальный административный район", "провинция",
        # Chinese (also handled below without spaces)
    ],
    key=len,
    reverse=True,
)
_ZH_SUFFIXES = sorted(
    [
        "维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "边疆区", "自治州",
        "自治区", "共和国", "联邦区", "省", "市", "州", "区",
    ],
    key=len,
    reverse=True,
)
_PUNCT = re.compile(r"[\s\-‐‑–—_'’`ʼ.,()\[\]/·]+")


def _strip_marks(text: str) -> str:
    """Drop combining marks (diacritics) but keep Chinese and Cyrillic letters intact."""
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", kept)


def normalise(text: str) -> str:
    """Return ``text`` folded for comparison.

    NFKC, case-folded, ``ё`` → ``е``, ``й`` kept, diacritics, punctuation and white space removed.
    Type words are *not* removed here: see :func:`core_name`.
    """
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    folded = folded.replace("ё", "е")
    # keep й (NFD would turn it into и + breve)
    folded = folded.replace("й", "\x00")
    folded = _strip_marks(folded).replace("\x00", "й")
    return _PUNCT.sub("", folded)


def core_name(text: str) -> str:
    """Return the normalised name with type words ("Oblast", "省", "край", ...) removed."""
    folded = unicodedata.normalize("NFKC", str(text)).casefold().replace("ё", "е")
    folded = _PUNCT.sub(" ", folded).strip()
    changed = True
    while changed:
        changed = False
        for word in _TYPE_WORDS:
            if folded.endswith(" " + word) and len(folded) > len(word) + 1:
                folded = folded[: -len(word) - 1].strip()
                changed = True
            elif folded.startswith(word + " ") and len(folded) > len(word) + 1:
                folded = folded[len(word) + 1 :].strip()
                changed = True
    core = normalise(folded)
    for suffix in _ZH_SUFFIXES:
        if core.endswith(suffix) and len(core) > len(suffix) + 1:
            core = core[: -len(suffix)]
            break
    return core
