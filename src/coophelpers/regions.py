"""Chinese provincial-level units and Russian federal subjects.

Every loader here returns a GeoDataFrame that keeps one contract: EPSG:4326, one row per unit,
with the columns

``code``            ISO 3166-2 code (``CN-HL``, ``RU-PRI``; Crimea ``UA-43``, Sevastopol ``UA-40``)
``country``         ``"CN"`` or ``"RU"`` (Crimea and Sevastopol: ``"RU"`` with ``status="disputed"``)
``name_en``, ``name_zh``, ``name_ru``   names in English, Chinese (simplified) and Russian
``type``            province, autonomous_region, municipality, sar; republic, krai, oblast,
                    federal_city, autonomous_oblast, autonomous_okrug
``macro_region``    China: the traditional region (North, Northeast, East, Central, South,
                    Southwest, Northwest); Russia: the federal district on ``as_of`` (CFD, NWFD,
                    SFD, NCFD, VFD, UFD, SibFD, FEFD, KFD)
``macro_region_en``, ``macro_region_zh``, ``macro_region_ru``   its names
``capital_en``, ``capital_zh``, ``capital_ru``, ``capital_lat``, ``capital_lon``   administrative centre
``status``          ``normal``, ``sar`` (Hong Kong, Macao) or ``disputed`` (Crimea, Sevastopol)
``geometry``        (Multi)Polygon; Russia is continuous across 180° (Chukotka reaches ~191° E)

Political choices are parameters: Crimea and Sevastopol, annexed by Russia in 2014 and
internationally recognised as part of Ukraine, are left out unless ``include_disputed=True``;
Hong Kong and Macao are left out unless ``include_sar=True``; Taiwan is not in the data.

Geometry: Natural Earth 10m admin-1 (public domain); names, types, capitals and districts are
curated in ``data/geo/regions.csv`` and ``data/geo/federal_district_membership.csv`` with sources.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from coophelpers import data as _data
from coophelpers import places as _places
from coophelpers._errors import DataWarning, InvalidInputError, UnknownRegionError, warn
from coophelpers._names import check_str, normalise

# The shared region tables and name index live in _region_names (places reads them too); the old
# private names stay importable from here.
from coophelpers._region_names import COUNTRY_NAMES, check_country  # noqa: F401 - re-exported
from coophelpers._region_names import REGION_FIX as _REGION_FIX
from coophelpers._region_names import attributes as _attributes
from coophelpers._region_names import base_name_index as _base_name_index  # noqa: F401
from coophelpers._region_names import capital_index as _capital_index
from coophelpers._region_names import centres as _centres
from coophelpers._region_names import country_of as _country_of
from coophelpers._region_names import geometry as _geometry
from coophelpers._region_names import name_index as _name_index
from coophelpers._region_names import translit as _translit  # noqa: F401
from coophelpers._validate import (
    check_bool,
    check_choice,
    is_numbers,
    partial_date,
    resolve_as_of,
)

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

__all__ = [
    "COLUMNS",
    "DETAILS",
    "admin_centre",
    "check_country",
    "federal_district_of",
    "load_federal_districts",
    "load_regions",
    "region_matches",
    "resolve_region",
]

#: Detail levels of the geometry: source vertices, or coverage-simplified for the web.
DETAILS = ("web", "full")
#: Columns every region GeoDataFrame has, in this order.
COLUMNS = (
    "code", "country", "name_en", "name_zh", "name_ru", "type", "macro_region",
    "macro_region_en", "macro_region_zh", "macro_region_ru", "capital_en", "capital_zh",
    "capital_ru", "capital_lat", "capital_lon", "status", "geometry",
)
# --- cached tables ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _cn_macro() -> pd.DataFrame:
    return _data.read_csv("cn_macro_regions.csv", dtype=str, keep_default_na=False).set_index("id")


@lru_cache(maxsize=1)
def _districts_table() -> pd.DataFrame:
    return _data.read_csv("federal_districts.csv", dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def _membership() -> list[tuple[str, str, _dt.date, _dt.date | None]]:
    frame = _data.read_csv("federal_district_membership.csv", dtype=str, keep_default_na=False)
    return [
        (row.code, row.district, _dt.date.fromisoformat(row.valid_from), partial_date(row.valid_to))
        for row in frame.itertuples(index=False)
    ]


def _district_on(date: _dt.date) -> dict[str, str]:
    return {
        code: district
        for code, district, start, end in _membership()
        if start <= date and (end is None or date < end)
    }


# --- public API ---------------------------------------------------------------------------


def load_regions(
    country: str | None = None,
    *,
    detail: str = "web",
    include_disputed: bool = False,
    include_sar: bool = False,
    as_of: _dt.date | str | None = None,
) -> gpd.GeoDataFrame:
    """Load Chinese provincial-level units and Russian federal subjects.

    Parameters
    ----------
    country
        ``"CN"``, ``"RU"``, a country name in English, Chinese or Russian, or None for both.
    detail
        ``"web"`` (default; coverage-simplified, neighbours still share borders exactly) or
        ``"full"`` (Natural Earth 10m source vertices).
    include_disputed
        Also return Crimea (UA-43) and Sevastopol (UA-40), administered by Russia since March 2014
        and recognised by most states as part of Ukraine, with ``status="disputed"``. Default False.
    include_sar
        Also return Hong Kong (CN-HK) and Macao (CN-MO) with ``status="sar"``. Default False.
    as_of
        The date whose federal-district composition fills ``macro_region`` for Russia, as a
        :class:`datetime.date` or an ISO string such as ``"2019-06-30"``. Default: today, i.e. the
        current composition. Dates before 2000-05-13, when the districts were created, are refused.
        Subjects formed by mergers after 2000 (Perm Krai 2005, Krasnoyarsk and Kamchatka Krai 2007,
        Irkutsk Oblast 2008, Zabaykalsky Krai 2008) keep today's borders for earlier dates;
        Crimea and Sevastopol are not returned for dates before 2014-03-18.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per unit, columns :data:`COLUMNS`, CRS EPSG:4326, sorted by ``code``.

    Raises
    ------
    InvalidInputError
        An unknown country or detail level, a flag that is not True or False, or a bad ``as_of``
        (not a date, before 2000-05-13 or after the current year).
    DataIntegrityError
        A curated data file is missing or damaged.

    Warns
    -----
    DataWarning
        A Russian subject has no federal district on ``as_of`` (its ``macro_region`` is empty).

    Examples
    --------
    >>> len(load_regions("CN")), len(load_regions("Россия")), len(load_regions(include_disputed=True))
    (31, 83, 116)
    >>> ru = load_regions("RU", as_of="2018-01-01")
    >>> ru.loc[ru.code == "RU-BU", "macro_region"].item()   # Buryatia was Siberian until 2018-11-03
    'SibFD'
    """
    import geopandas as gpd

    country_code = check_country(country)
    detail = check_choice(detail, DETAILS, param="detail", what="detail level")
    check_bool(include_disputed, param="include_disputed")
    check_bool(include_sar, param="include_sar")
    date = resolve_as_of(as_of, dataset="regions")

    attrs = _attributes()
    keep = attrs["status"].eq("normal")
    if include_sar:
        keep |= attrs["status"].eq("sar")
    if include_disputed:
        established = attrs["established"].map(lambda s: partial_date(s) or _dt.date.min)
        keep |= attrs["status"].eq("disputed") & (established <= date)
    if country_code is not None:
        keep &= attrs["country"].eq(country_code)
    table = attrs.loc[keep].copy()

    districts = _district_on(date)
    fd = _districts_table().set_index("id")
    macro = _cn_macro()
    is_ru = table["country"].eq("RU")
    table.loc[is_ru, "macro_region"] = table.loc[is_ru, "code"].map(districts).fillna("")
    for lang in ("en", "zh", "ru"):
        names = {**macro[f"name_{lang}"].to_dict(), **fd[f"name_{lang}"].to_dict()}
        table[f"macro_region_{lang}"] = table["macro_region"].map(names).fillna("")
    # Crimea and Sevastopol had no district between annexation (2014-03-18) and 2014-03-21
    missing = table.loc[is_ru & table["macro_region"].eq("") & table["status"].eq("normal"), "code"].tolist()
    if missing:
        msg = f"No federal district is recorded for {missing} on {date.isoformat()}; their macro_region is empty."
        warn(msg, DataWarning)

    geoms = _geometry(detail).set_index("code")["geometry"]
    table["geometry"] = table["code"].map(geoms)
    out = gpd.GeoDataFrame(table[list(COLUMNS)], geometry="geometry", crs="EPSG:4326")
    return out.sort_values("code").reset_index(drop=True)


def load_federal_districts(
    *,
    as_of: _dt.date | str | None = None,
    detail: str = "web",
    include_disputed: bool = False,
) -> gpd.GeoDataFrame:
    """Load Russia's federal districts as dissolved shapes.

    Parameters
    ----------
    as_of
        Date of the composition and of the centres (default today). The Crimean district (KFD)
        exists from 2014-03-21 to 2016-07-28, the North Caucasian district from 2010-01-19;
        Buryatia and Zabaykalsky Krai belong to the Far Eastern district from 2018-11-03 (before:
        Siberian). The Far Eastern district's centre is Khabarovsk until 2018-12-13 and Vladivostok
        from that day (``data/geo/federal_districts.csv`` has one row per district and centre, with
        ``centre_valid_from`` and ``centre_valid_to``).
    detail
        ``"web"`` or ``"full"``.
    include_disputed
        Include Crimea and Sevastopol in the Southern (or, 2014–2016, Crimean) district.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``id``, ``name_en``, ``name_zh``, ``name_ru``, ``centre_en`` (the centre on
        ``as_of``), ``n_subjects``, ``geometry``; one row per district that exists on ``as_of`` and
        has members.

    Raises
    ------
    InvalidInputError
        A bad ``as_of`` or ``detail``, or ``include_disputed`` not True or False.
    DataIntegrityError
        A curated data file is missing or damaged.

    Examples
    --------
    >>> before = load_federal_districts(as_of="2018-01-01").set_index("id")["n_subjects"]
    >>> after = load_federal_districts(as_of="2019-01-01").set_index("id")["n_subjects"]
    >>> [before["FEFD"].item(), after["FEFD"].item()]   # Buryatia and Zabaykalsky Krai moved
    [9, 11]
    >>> load_federal_districts(as_of="2015-06-01", include_disputed=True)["id"].tolist()
    ['CFD', 'NWFD', 'SFD', 'NCFD', 'VFD', 'UFD', 'SibFD', 'FEFD', 'KFD']
    >>> [load_federal_districts(as_of=d).set_index("id").loc["FEFD", "centre_en"] for d in ("2017-01-01", "2019-01-01")]
    ['Khabarovsk', 'Vladivostok']
    """
    import geopandas as gpd
    import shapely

    regions = load_regions("RU", detail=detail, include_disputed=include_disputed, as_of=as_of)
    date = resolve_as_of(as_of, dataset="regions")
    table = _districts_table()
    rows = []
    for row in table.itertuples(index=False):
        # one row per district and centre: keep the row of the centre in force on the date
        start, end = partial_date(row.centre_valid_from), partial_date(row.centre_valid_to)
        if (start is not None and date < start) or (end is not None and date >= end):
            continue
        members = regions[regions["macro_region"] == row.id]
        if members.empty:
            continue
        shape = shapely.coverage_union_all(members.geometry.values)
        rows.append(
            {
                "id": row.id,
                "name_en": row.name_en,
                "name_zh": row.name_zh,
                "name_ru": row.name_ru,
                "centre_en": row.centre_en,
                "n_subjects": len(members),
                "geometry": shape,
            }
        )
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def federal_district_of(region: str, *, as_of: _dt.date | str | None = None) -> str:
    """Return the id of the federal district a Russian region belonged to on a date.

    Parameters
    ----------
    region
        A Russian region's name in any language or its ISO 3166-2 code (see
        :func:`resolve_region`).
    as_of
        The date (``datetime.date`` or ``"YYYY-MM-DD"``); default today.

    Returns
    -------
    str
        The district id, e.g. ``"FEFD"`` (see :func:`load_federal_districts`).

    Raises
    ------
    UnknownRegionError
        No Russian region has that name (a Chinese region is refused with a message saying so).
    InvalidInputError
        A bad ``as_of``, or a date on which the region belonged to no district (Crimea and
        Sevastopol before 2014-03-21).

    Examples
    --------
    >>> federal_district_of("Бурятия", as_of="2018-11-02"), federal_district_of("RU-BU", as_of="2018-11-03")
    ('SibFD', 'FEFD')
    """
    code = _resolve_region(region, "RU", param="region")
    date = resolve_as_of(as_of, dataset="regions")
    district = _district_on(date).get(code)
    if district is None:
        msg = (
            f"{region!r} ({code}) belonged to no federal district on {date.isoformat()} "
            f"(Crimea and Sevastopol are recorded from 2014-03-21). Give a later as_of."
        )
        raise InvalidInputError(msg)
    return district


# --- name resolution ----------------------------------------------------------------------

def resolve_region(name: str, country: str | None = None, *, param: str = "name") -> str:
    """Return the ISO 3166-2 code of a region given by any of its names.

    English, pinyin, Chinese and Russian names are accepted, short or with their type word
    ("Heilongjiang", "黑龙江省", "Хэйлунцзян", "Primorye", "Приморский край", "Primorsky Krai",
    "Primorskiy kray"), as are ISO codes ("RU-PRI") and Natural Earth's old names ("Primor'ye",
    "Chita", "Yevrey"). Case, diacritics, punctuation, ``ё``/``е`` and type words are ignored.
    Statistics offices' and boundary datasets' spellings resolve too ("г. Москва", "Altai Territory",
    "Тюменская область (без автономных округов)", GADM's "Maga Buryatdan"): see
    ``data/geo/name_conventions.csv``, and :func:`~coophelpers.resolve_regions` for many names at once.

    Parameters
    ----------
    name
        The name or code.
    country
        Restrict the search to ``"CN"`` or ``"RU"`` (or a country name); None searches both.
    param
        The parameter name that error messages mention (for functions that pass a name on).

    Returns
    -------
    str
        The ISO 3166-2 code.

    Raises
    ------
    UnknownRegionError
        No region has that name (the message lists the nearest names), the name is ambiguous,
        belongs to the other country, or is an administrative centre rather than a region.

    Examples
    --------
    >>> resolve_region("Приморский край"), resolve_region("黑龙江"), resolve_region("Chita")
    ('RU-PRI', 'CN-HL', 'RU-ZAB')
    >>> resolve_region("г. Москва"), resolve_region("Altai Territory")
    ('RU-MOW', 'RU-ALT')
    """
    return _resolve_region(name, check_country(country), param=param)


def region_matches(name: str, country: str | None = None) -> tuple[str, ...]:
    """Return the sorted codes of every region ``name`` matches (none, one, or several if ambiguous).

    The quiet counterpart of :func:`resolve_region` for many names at once: the same matching, no
    error and no suggestions. Raises :class:`InvalidInputError` for a ``name`` that is not text or
    an unknown ``country``.

    >>> region_matches("Altai"), region_matches("г. Москва"), region_matches("Atlantis")
    (('RU-AL', 'RU-ALT'), ('RU-MOW',), ())
    """
    code = check_country(country)
    check_str(name, param="name", fix=_REGION_FIX)
    keep = None if code is None else (lambda c: _country_of(c) == code)
    index = _name_index()
    if name in index and (keep is None or keep(name)):
        return (name,)
    return tuple(sorted(index.candidates(name, keep)))


def _is_number_text(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _resolve_region(name: Any, country_code: str | None, *, param: str) -> str:
    keep = None if country_code is None else (lambda code: _country_of(code) == country_code)
    where = {"CN": " in China", "RU": " in Russia"}.get(country_code or "", "")

    def explain(text: str, found: set[str]) -> None:
        """Before 'unknown': a region of the other country, an administrative centre, a number as text."""
        if found:
            return None
        index = _name_index()
        elsewhere = sorted(index.candidates(text))
        if country_code is not None and elsewhere:
            other = {"CN": "China", "RU": "Russia"}[_country_of(elsewhere[0])]
            found_text = ", ".join(index.label(c) for c in elsewhere)
            msg = f"Unknown region {text!r}{where} for {param}: it is {found_text} in {other}. Give a region{where}."
            raise UnknownRegionError(msg, elsewhere)
        capital = _capital_index().get(normalise(text))
        if capital is not None and (country_code is None or _country_of(capital) == country_code):
            region = _attributes().set_index("code").loc[capital, "name_en"]
            msg = (
                f"Unknown region {text!r}{where} for {param}: {text!r} is the administrative centre "
                f"of {index.label(capital)}, not a region. Did you mean {region!r} ({capital})? (As a "
                f"place, {text!r} works in admin_centre, geodesic_km, route and the other helpers that "
                f"take places; resolve_place gives its record.)"
            )
            raise UnknownRegionError(msg, [capital])
        if _is_number_text(text):
            msg = (
                f"Unknown region {text!r} for {param}: it is a number written as text. Give a "
                f"region name or ISO code, or coordinates as numbers in a (lat, lon) pair such as "
                f"(45.75, 126.63)."
            )
            raise UnknownRegionError(msg, [])
        return None

    return _name_index().resolve(name, param=param, keep=keep, fallback=explain, where=where)


def admin_centre(place: Any, *, param: str = "place") -> tuple[float, float]:
    """Return ``(lat, lon)`` of a place: a region's administrative centre, a city, or a ``(lat, lon)`` pair.

    Names follow the one rule of :mod:`coophelpers.places`: a region's name stands for its
    administrative centre; any other name is a place of the gazetteer (a city, network node, port
    or crossing side) in English, Chinese or Russian.

    Parameters
    ----------
    place
        A region name or ISO code (``"Heilongjiang"``, ``"CN-HL"``), a place name (``"Harbin"``,
        ``"哈尔滨"``, ``"Суйфэньхэ"``, ``"Jilin City"``) or a ``(lat, lon)`` pair.
    param
        The parameter name that error messages mention.

    Returns
    -------
    tuple of float
        ``(lat, lon)`` in degrees (for a region, the GeoNames position of its administrative centre).

    Raises
    ------
    UnknownPlaceError
        An unknown or ambiguous name (also an ``UnknownRegionError``, as before places were taken).
    InvalidInputError
        A point out of range or in (lon, lat) order, or something that is neither.

    Examples
    --------
    >>> admin_centre("Heilongjiang"), admin_centre("Harbin"), admin_centre("哈尔滨")
    ((45.75, 126.65), (45.75, 126.65), (45.75, 126.65))
    >>> admin_centre("Khabarovsk") == admin_centre("город Хабаровск") == admin_centre("Khabarovsk Krai")
    True
    """
    if isinstance(place, (str, tuple, list)) or is_numbers(place) or type(place).__name__ == "Point":
        return _places.point_of(place, param=param)
    msg = (
        f"{param} must be a place or region name or code, or a (lat, lon) pair, got "
        f"{type(place).__name__} {place!r}. Give e.g. 'Harbin', 'Heilongjiang', 'RU-PRI' or (45.75, 126.63)."
    )
    raise InvalidInputError(msg)
