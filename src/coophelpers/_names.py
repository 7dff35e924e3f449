"""Forgiving name look-up shared by every registry (private).

Regions, mechanisms, border crossings, network places and ports are all found by name through one
:class:`NameIndex`: names are folded (:func:`normalise`: NFKC, case, ``ё``/``е``, diacritics,
punctuation and spaces ignored; optionally :func:`core_name`: type words such as "Oblast", "省",
"край" dropped), an ambiguous name is refused with its candidates, and an unknown one gets the
nearest known names as suggestions (also in the error's ``.suggestions``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from coophelpers._errors import InvalidInputError, UnknownNameError

__all__ = ["NameIndex", "check_str", "core_name", "did_you_mean", "normalise", "short_repr", "suggest"]

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
# Every kind of dash (hyphen, non-breaking hyphen, figure dash, en and em dash, horizontal bar, minus,
# full-width hyphen-minus), apostrophes and romanisation primes (ʹ ʺ), quotation marks, colons and white space
# (NBSP included) separate words but carry no meaning for a name.
_PUNCT = re.compile(r"[\s\-‐‑‒–—―−⁃﹣－_'’‘`ʼʹʺ.,:;()\[\]/·«»„“”\"]+")


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


def short_repr(value: Any, width: int = 80) -> str:
    """``repr(value)`` on one line, cut to ``width`` characters; tables are summarised."""
    columns = getattr(value, "columns", None)
    shape = getattr(value, "shape", None)
    if columns is not None and shape is not None:
        shown = ", ".join(repr(str(c)) for c in list(columns)[:8])
        more = ", ..." if len(columns) > 8 else ""
        return f"<{type(value).__name__} of {shape[0]} rows with columns [{shown}{more}]>"
    text = " ".join(repr(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def check_str(value: Any, *, param: str, fix: str = "") -> str:
    """Return ``value`` if it is a non-empty string, else raise a clear error.

    ``fix`` is the sentence that tells the user what to give (default: "Give {param} as text.").
    """
    fix = fix or f"Give {param} as text."
    if not isinstance(value, str):
        msg = f"{param} must be a string, got {type(value).__name__} {short_repr(value)}. {fix}"
        raise InvalidInputError(msg)
    if not value.strip():
        msg = f"{param} must not be empty, got {value!r}. {fix}"
        raise InvalidInputError(msg)
    return value


def suggest(value: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Return up to ``n`` candidates closest to ``value`` (compared after :func:`normalise`)."""
    cands = list(dict.fromkeys(str(c) for c in candidates))
    by_norm: dict[str, str] = {}
    for cand in cands:
        by_norm.setdefault(normalise(cand), cand)
    target = normalise(str(value))
    if not target:
        return []
    close = difflib.get_close_matches(target, list(by_norm), n=n, cutoff=0.6)
    if len(close) < n:  # prefix / substring matches catch truncated input such as "heilong"
        for key in by_norm:
            if key not in close and (key.startswith(target) or target in key) and len(target) >= 3:
                close.append(key)
            if len(close) >= n:
                break
    return [by_norm[key] for key in close]


def did_you_mean(suggestions: Sequence[str]) -> str:
    """`` Did you mean 'a', 'b'?`` (empty when there is nothing to suggest)."""
    if not suggestions:
        return ""
    return f" Did you mean {', '.join(repr(s) for s in suggestions)}?"


class NameIndex:
    """Ids found by any of their names, with ambiguity and suggestions handled one way.

    Parameters
    ----------
    what
        What the ids are, for messages (``"region"``, ``"port"``).
    error
        The :class:`~coophelpers.UnknownNameError` subclass raised for unknown or ambiguous names.
    fix
        The sentence that ends every message and says what to give instead.
    core
        Also match names with their type words removed (:func:`core_name`), after exact matches.
    quote
        Quote the labels in messages (``'harbin'`` for ids; region labels read better bare).
    """

    def __init__(
        self, *, what: str, error: type[UnknownNameError], fix: str, core: bool = False, quote: bool = False
    ) -> None:
        self.what = what
        self.quote = quote
        self.error = error
        self.fix = fix
        self.exact: dict[str, set[str]] = {}
        self.core: dict[str, set[str]] | None = {} if core else None
        self.labels: dict[str, str] = {}

    def add(self, key: str, names: Iterable[str], *, label: str | None = None, core: bool = True) -> None:
        """Register ``key`` under each of ``names`` (blank names are skipped).

        ``core=False`` registers the names for exact (folded) matching only, not by core name: for
        full spellings such as a statistics office's ``"г. Москва"`` that must not widen the core
        matches of other names.
        """
        self.labels.setdefault(key, label or key)
        for name in names:
            text = str(name).strip()
            if not text:
                continue
            self.exact.setdefault(normalise(text), set()).add(key)
            if core and self.core is not None:
                self.core.setdefault(core_name(text), set()).add(key)

    def __contains__(self, key: object) -> bool:
        return key in self.labels

    def label(self, key: str) -> str:
        """The display label of ``key`` (e.g. ``"Heilongjiang (CN-HL)"``)."""
        return self.labels.get(key, key)

    def _shown(self, key: str) -> str:
        return repr(self.label(key)) if self.quote else self.label(key)

    def candidates(self, name: str, keep: Callable[[str], bool] | None = None) -> set[str]:
        """Ids matching ``name`` exactly (after folding), else by core name; filtered by ``keep``."""
        levels = [(self.exact, normalise(name))]
        if self.core is not None:
            levels.append((self.core, core_name(name)))
        for table, key in levels:
            found = {k for k in table.get(key, ()) if keep is None or keep(k)}
            if found:
                return found
        return set()

    def suggestions(self, name: str, keep: Callable[[str], bool] | None = None, n: int = 3) -> list[str]:
        """Up to ``n`` ids whose names are closest to ``name``."""
        pool = {text: ids for text, ids in self.exact.items() if keep is None or any(keep(i) for i in ids)}
        near = suggest(normalise(name), pool, n=2 * n)
        ids = [i for text in near for i in sorted(pool[text]) if keep is None or keep(i)]
        return list(dict.fromkeys(ids))[:n]

    def ambiguous(self, name: str, found: Iterable[str], *, param: str) -> UnknownNameError:
        """The error for a name that matches several ids."""
        keys = sorted(found)
        options = ", ".join(self._shown(k) for k in keys)
        msg = (
            f"{self.what.capitalize()} name {name!r} for {param} is ambiguous: it matches "
            f"{len(keys)} {self.what}s: {options}. {self.fix}"
        )
        return self.error(msg, keys)

    def unknown(
        self, name: str, *, param: str, keep: Callable[[str], bool] | None = None, where: str = ""
    ) -> UnknownNameError:
        """The error for a name that matches nothing, with the nearest names as suggestions."""
        near = self.suggestions(name, keep)
        hint = f" Did you mean {', '.join(self._shown(k) for k in near)}?" if near else ""
        msg = f"Unknown {self.what} {name!r}{where} for {param}.{hint} {self.fix}"
        return self.error(msg, near)

    def resolve(
        self,
        name: Any,
        *,
        param: str,
        keep: Callable[[str], bool] | None = None,
        fallback: Callable[[str, set[str]], str | None] | None = None,
        where: str = "",
    ) -> str:
        """Return the one id ``name`` stands for, or raise the index's error naming ``param``.

        ``fallback(name, matches)`` is asked when the name does not match exactly one id (with
        the ids it matches, perhaps none): it returns an id, raises a more precise error, or
        returns None to let the ambiguous or unknown name be reported. ``where`` qualifies the
        unknown-name message (``" in China"``).
        """
        check_str(name, param=param, fix=self.fix)
        if name in self.labels and (keep is None or keep(name)):
            return name
        found = self.candidates(name, keep)
        if len(found) == 1:
            return next(iter(found))
        if fallback is not None:
            other = fallback(name, found)
            if other is not None:
                return other
        if found:
            raise self.ambiguous(name, found, param=param)
        raise self.unknown(name, param=param, keep=keep, where=where)
