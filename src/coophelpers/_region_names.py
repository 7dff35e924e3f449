"""The regions' names, codes and administrative centres, read once (private).

Shared by :mod:`coophelpers.regions` (``resolve_region``, ``admin_centre``) and
:mod:`coophelpers.places` (the gazetteer, whose rule asks first whether a name names a region), so
that neither has to import the other: the curated attributes of ``regions.csv``, the geometry files,
the name index of every region (official names in three languages, aliases, ISO codes, Latin
transliterations of the Russian names, Natural Earth's names and the statistics offices' spellings)
and the countries' names.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from coophelpers import data as _data
from coophelpers._errors import InvalidInputError, UnknownRegionError
from coophelpers._names import NameIndex, check_str, normalise, suggest

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

__all__ = [
    "COUNTRY_NAMES",
    "GEOMETRY_FILES",
    "REGION_FIX",
    "attributes",
    "base_name_index",
    "capital_index",
    "centres",
    "check_country",
    "country_of",
    "geometry",
    "name_index",
    "region_label",
    "translit",
]

#: Countries and the names a user may give them, in the three languages.
COUNTRY_NAMES = {
    "CN": ("CN", "CHN", "China", "PRC", "People's Republic of China", "中国", "中华人民共和国", "Китай", "КНР"),
    "RU": ("RU", "RUS", "Russia", "Russian Federation", "俄罗斯", "俄罗斯联邦", "Россия", "Российская Федерация", "РФ"),
}
GEOMETRY_FILES = {"web": "regions_web.parquet", "full": "regions_full.parquet"}
REGION_FIX = (
    "Give an English, pinyin, Chinese or Russian name or an ISO 3166-2 code such as 'CN-HL' or "
    "'RU-PRI' (load_regions() lists them all)."
)


def check_country(country: Any, *, param: str = "country") -> str | None:
    """Return ``"CN"``, ``"RU"`` or None for a country given by code or name in three languages.

    Examples
    --------
    >>> check_country("Россия"), check_country("中国"), check_country(None)
    ('RU', 'CN', None)
    """
    if country is None:
        return None
    check_str(country, param=param)
    key = normalise(country)
    for code, names in COUNTRY_NAMES.items():
        if key in {normalise(n) for n in names}:
            return code
    choices = [n for names in COUNTRY_NAMES.values() for n in names[:3]]
    near = suggest(country, [n for names in COUNTRY_NAMES.values() for n in names])
    hint = f" Did you mean {', '.join(repr(n) for n in near)}?" if near else ""
    msg = (
        f"Unknown country {country!r} for {param}.{hint} This package covers China and Russia: "
        f"give 'CN' or 'RU' (or a name such as {', '.join(repr(c) for c in choices[2::3])}), "
        f"or None for both."
    )
    raise InvalidInputError(msg)


def country_of(code: str) -> str:
    """``"CN"`` for a Chinese region code, else ``"RU"`` (Crimea and Sevastopol included)."""
    return "CN" if code.startswith("CN-") else "RU"


@lru_cache(maxsize=1)
def attributes() -> pd.DataFrame:
    """``regions.csv`` as read (cached; callers copy before changing it)."""
    frame = _data.read_csv("regions.csv", dtype=str, keep_default_na=False)
    for col in ("capital_lat", "capital_lon"):
        frame[col] = frame[col].astype(float)
    return frame


@lru_cache(maxsize=2)
def geometry(detail: str) -> gpd.GeoDataFrame:
    """The region shapes at a detail level (``"web"`` or ``"full"``), cached."""
    return _data.read_geo(GEOMETRY_FILES[detail])


_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}


def translit(text: str) -> list[str]:
    """Latin spellings of a Russian name, e.g. 'Приморский край' -> 'primorskiy kray', 'primorsky krai'."""
    low = text.casefold().replace("ё", "е")
    plain = "".join(_TRANSLIT.get(ch, ch) for ch in low)
    variants = {plain, re.sub(r"iy\b", "y", plain), re.sub(r"yy\b", "y", plain)}
    variants |= {v.replace("kray", "krai") for v in variants}
    return sorted(variants)


def _base_names(index: NameIndex) -> NameIndex:
    """Fill ``index`` with the curated names: official names in three languages, aliases, ISO codes,
    Latin transliterations of the Russian names, and Natural Earth's own (old) names."""
    for row in attributes().itertuples(index=False):
        names = [row.code, row.name_en, row.name_zh, row.name_ru, *row.aliases.split("|")]
        names += translit(row.name_ru) if row.country == "RU" else []
        index.add(row.code, names, label=f"{row.name_en} ({row.code})")
    for row in geometry("web")[["code", "source_name"]].itertuples(index=False):
        if not row.source_name.endswith("(admin-0)"):
            index.add(row.code, [row.source_name])
    return index


@lru_cache(maxsize=1)
def base_name_index() -> NameIndex:
    """The curated names only (``data/geo/build/build_aliases.py`` checks its aliases against them)."""
    return _base_names(NameIndex(what="region", error=UnknownRegionError, fix=REGION_FIX, core=True))


@lru_cache(maxsize=1)
def name_index() -> NameIndex:
    """Every name of every region: the curated names, and the spellings of statistics offices and
    boundary datasets generated from ``name_conventions.csv`` into ``region_aliases.csv`` (matched
    exactly, after folding; spellings two conventions give different units are left out)."""
    index = _base_names(NameIndex(what="region", error=UnknownRegionError, fix=REGION_FIX, core=True))
    aliases = _data.read_csv("region_aliases.csv", dtype=str, keep_default_na=False)
    usable = aliases[aliases["relation"] != "conflict"]
    for code, names in usable.groupby("code")["alias"]:
        index.add(code, names, core=False)
    return index


@lru_cache(maxsize=1)
def capital_index() -> dict[str, str]:
    """Normalised administrative-centre names (English, Chinese, Russian) -> region code."""
    index: dict[str, str] = {}
    for row in attributes().itertuples(index=False):
        for text in (row.capital_en, row.capital_zh, row.capital_ru):
            if text.strip():
                index.setdefault(normalise(text), row.code)
    return index


@lru_cache(maxsize=1)
def centres() -> dict[str, tuple[float, float]]:
    """``{ISO code: (lat, lon)}`` of every region's administrative centre."""
    attrs = attributes()
    return {
        code: (float(lat), float(lon))
        for code, lat, lon in zip(attrs["code"], attrs["capital_lat"], attrs["capital_lon"])
    }


@lru_cache(maxsize=1)
def _english_names() -> dict[str, str]:
    return dict(zip(attributes()["code"], attributes()["name_en"]))


def region_label(code: str) -> str:
    """``"Heilongjiang (CN-HL)"``: the label of a region code in messages."""
    name = _english_names().get(code)
    return f"{name} ({code})" if name else code
