"""Build ``region_aliases.csv`` from the naming conventions of statistics offices (maintainers only).

Run from the repository root after editing ``data/geo/name_conventions.csv``::

    .venv/bin/python data/geo/build/build_aliases.py            # writes data/geo/region_aliases.csv
    .venv/bin/python data/geo/build/build_aliases.py --check    # exit 1 if the file is out of date
    .venv/bin/python -m coophelpers.data refresh                # records the new checksum

The conventions are data, not code: each row of ``name_conventions.csv`` names a convention (Rosstat's
Russian or English tables, EMISS/OKATO names, NBS China, UNdata, the UN romanisation, ISO 3166-2:RU,
the World Bank, GADM, geoBoundaries), its publisher and sources, the units it applies to (``scope``)
and a ``template`` that spells a unit's name the way the publisher prints it. This script only fills
the templates in; it knows no spelling of its own.

Scope: ``all``, ``country=CN``, ``type=krai`` (a ``type`` of regions.csv), ``status=sar`` or
``code=RU-ARK``. Placeholders of a template (a template without any names one unit literally):

``{en}``, ``{zh}``, ``{ru}``       the official names of regions.csv
``{en_stem}``                     the English name without its type word ("Primorsky Krai" -> "Primorsky",
                                  "Republic of Adygea"/"Altai Republic" -> "Adygea"/"Altai")
``{zh_short}``                    the Chinese name without 省, 市, (…族)自治区, 特别行政区 ("内蒙古")
``{ru_main}``, ``{ru_tail}``      the Russian name before and after its dash ("Кемеровская область", "Кузбасс")
``{ru_stem}``                     ``{ru_main}`` without its type word ("Приморский", "Адыгея", "Москва")
``{bgn}``, ``{bgn_stem}``         ``{ru_main}``/``{ru_stem}`` in the BGN/PCGN 1947 romanisation ("Amurskaya oblast'")
``{un}``, ``{un_stem}``           the same in the UN 1987 (= GOST 1983) romanisation ("Čeljabinskaja oblastʹ")

A template whose placeholder is empty for a unit (``{ru_tail}`` of a name without a dash) is skipped
for that unit. The ``example`` of each row must be one of the spellings the row produces.

Each spelling is compared with the curated names (``coophelpers.regions._base_name_index``: names,
aliases, transliterations, Natural Earth names), after the same folding ``resolve_region`` uses:

* a spelling that ``resolve_region`` already resolves to its unit adds nothing and is left out
  (NBS's 北京, GADM's "Amur", "Heilongjiang Province");
* a new spelling is written with ``relation`` ``same``, ``excludes_okrugs`` (a statistical unit
  without the autonomous okrugs inside it: the polygon drawn here) or ``includes_okrugs`` (the unit
  with them: reported by ``resolve_regions``), and the okrugs concerned;
* a spelling that the curated names, or another convention, give to a different unit is written with
  ``relation`` ``conflict``: ``resolve_region`` does not use it, and ``resolve_regions`` reports it
  (GADM's "Moskva" is Moscow Oblast; for everyone else, Natural Earth included, it is the city).
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
OUT = Path(__file__).resolve().parents[1]
CONVENTIONS = OUT / "name_conventions.csv"
ALIASES = OUT / "region_aliases.csv"
COLUMNS = ("alias", "code", "relation", "okrugs", "convention", "source")
SOURCE = "data/geo/name_conventions.csv (the row of the convention)"

# Type words, per unit type, removed to make the stems.
_EN_TYPE = {
    "krai": (" Krai",), "oblast": (" Oblast",), "autonomous_okrug": (" Autonomous Okrug",),
    "autonomous_oblast": (" Autonomous Oblast",), "republic": (" Republic",),
}
_RU_TYPE = {
    "krai": "край", "oblast": "область", "autonomous_okrug": "автономный округ",
    "autonomous_oblast": "автономная область", "republic": "Республика",
}
_ZH_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
_VOWELS = set("аеёиоуыэюяъьй")
# BGN/PCGN 1947 (е and ё are ye/yë at the start of a word and after a vowel, ъ, ь or й).
_BGN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", [
    "a", "b", "v", "g", "d", "e", "ë", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f",
    "kh", "ts", "ch", "sh", "shch", '"', "y", "'", "e", "yu", "ya"]))
# UN resolution V/18 (1987) = GOST 16876-71 (1983), as in the second romanisation of ISO 3166-2:RU.
_UN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", [
    "a", "b", "v", "g", "d", "e", "ë", "ž", "z", "i", "j", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f",
    "h", "c", "č", "š", "šč", "ʺ", "y", "ʹ", "è", "ju", "ja"]))
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def romanise(text: str, table: dict[str, str], *, bgn: bool = False) -> str:
    """``text`` in Latin letters by ``table``, keeping the case of each word's first letter."""
    out = []
    previous = " "
    for char in text:
        low = char.lower()
        latin = table.get(low, char)
        if bgn and low in "её" and (not previous.isalpha() or previous.lower() in _VOWELS):
            latin = "y" + ("e" if low == "е" else "ë")
        if char != low and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
        previous = char
    return "".join(out)


def _strip_words(text: str, words: tuple[str, ...]) -> str:
    for word in words:
        if text.endswith(word):
            return text[: -len(word)].strip()
    return text


def forms(row: dict[str, str]) -> dict[str, str]:
    """The values of every placeholder for one unit of regions.csv."""
    kind = row["type"]
    en_stem = _strip_words(row["name_en"], _EN_TYPE.get(kind, ()))
    en_stem = en_stem[len("Republic of "):] if en_stem.startswith("Republic of ") else en_stem
    main, tail = ([*re.split(r"\s+[—–-]\s+", row["name_ru"], maxsplit=1), ""])[:2]
    word = _RU_TYPE.get(kind, "")
    stem = re.sub(rf"(^{word}\s+|\s+{word}$)", "", main).strip() if word else main
    zh_short = _strip_words(row["name_zh"], _ZH_SUFFIXES) if row["country"] == "CN" else ""
    return {
        "en": row["name_en"], "zh": row["name_zh"], "ru": row["name_ru"], "en_stem": en_stem, "zh_short": zh_short,
        "ru_main": main, "ru_tail": tail, "ru_stem": stem,
        "bgn": romanise(main, _BGN, bgn=True), "bgn_stem": romanise(stem, _BGN, bgn=True),
        "un": romanise(main, _UN), "un_stem": romanise(stem, _UN),
    }


def in_scope(scope: str, row: dict[str, str]) -> bool:
    if scope == "all":
        return True
    field, _, value = scope.partition("=")
    column = {"country": "country", "type": "type", "status": "status", "code": "code"}.get(field)
    if column is None or not value:
        raise SystemExit(f"name_conventions.csv: scope {scope!r} is not all, country=, type=, status= or code=.")
    return row[column] == value


def expand(convention: dict[str, str], regions: list[dict[str, str]]) -> list[tuple[str, str]]:
    """``(code, spelling)`` for every unit in the row's scope."""
    found = []
    for region in regions:
        if not in_scope(convention["scope"], region):
            continue
        values = forms(region)
        names = _PLACEHOLDER.findall(convention["template"])
        unknown = [n for n in names if n not in values]
        if unknown:
            raise SystemExit(f"name_conventions.csv: template {convention['template']!r} has unknown "
                             f"placeholder(s) {unknown}; known: {sorted(values)}.")
        if any(not values[n] for n in names):
            continue
        found.append((region["code"], _PLACEHOLDER.sub(lambda m: values[m.group(1)], convention["template"])))
    if not found:
        raise SystemExit(f"name_conventions.csv: the row {convention['convention']} {convention['scope']} "
                         f"{convention['template']!r} applies to no unit.")
    if convention["example"] not in {text for _, text in found}:
        raise SystemExit(f"name_conventions.csv: the example {convention['example']!r} of "
                         f"{convention['convention']} is not one of its spellings {[t for _, t in found][:5]}.")
    return found


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def build() -> tuple[str, list[str]]:
    """The text of region_aliases.csv and a summary, one line per convention and conflict."""
    sys.path.insert(0, str(ROOT / "src"))
    from coophelpers._names import normalise
    from coophelpers.regions import _base_name_index

    index = _base_name_index()
    base = index.exact
    regions = _read(OUT / "regions.csv")
    spelled: dict[str, dict[str, tuple[str, dict[str, str]]]] = defaultdict(dict)  # key -> code -> (text, row)
    counts: dict[str, int] = defaultdict(int)
    elsewhere: dict[str, set[str]] = {}
    for convention in _read(CONVENTIONS):
        for code, text in expand(convention, regions):
            key = normalise(text)
            found = index.candidates(text)
            if found == {code}:
                continue  # resolve_region finds the unit already
            exact = set(base.get(key, ()))
            if exact - {code}:  # a curated name of other units
                elsewhere[key] = exact
            elif len(found) == 1:  # its core name (type words dropped) is another unit's
                elsewhere[key] = found
            spelled[key].setdefault(code, (text, convention))
            counts[convention["convention"]] += 1
    rows, summary = [], []
    for key, by_code in spelled.items():
        clash = set(by_code) | elsewhere.get(key, set())
        for code, (text, convention) in by_code.items():
            relation = "conflict" if len(clash) > 1 else convention["relation"]
            if relation == "conflict":
                others = ", ".join(sorted(clash - {code}))
                summary.append(f"conflict: {text!r} is {code} in {convention['convention']} but {others} elsewhere")
            okrugs = convention["okrugs"] if relation != "conflict" else ""
            rows.append((code, text, relation, okrugs, convention["convention"]))
    rows.sort()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([text, code, relation, okrugs, conv, SOURCE] for code, text, relation, okrugs, conv in rows)
    summary[:0] = [f"{name}: {n} new spellings" for name, n in sorted(counts.items())]
    return out.getvalue(), summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if region_aliases.csv is out of date")
    args = parser.parse_args(argv)
    text, summary = build()
    print("\n".join(summary))
    if args.check:
        current = ALIASES.read_text(encoding="utf-8") if ALIASES.exists() else ""
        if current != text:
            print(f"{ALIASES} is out of date: run data/geo/build/build_aliases.py", file=sys.stderr)
            return 1
        return 0
    ALIASES.write_text(text, encoding="utf-8")
    print(f"wrote {ALIASES} ({text.count(chr(10)) - 1} aliases); now run `python -m coophelpers.data refresh`")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
