"""The four China–Russia regional cooperation mechanisms and their member regions.

Two mechanisms are institutionalised and two were only agreed in principle (June 2019):

``northeast-fareast``     Northeast China ↔ Far East and Baikal region (intergovernmental commission, 2016)
``yangtze-volga``         upper/middle Yangtze ↔ Volga federal district (council; launched 2013)
``north-central``         North China ↔ Central federal district (agreed 2019; no member list)
``southeast-northwest``   south-east maritime provinces ↔ Northwestern federal district (agreed 2019)

The curated tables are ``data/geo/mechanisms.csv`` and ``data/geo/mechanism_membership.csv``. Each
membership row has a ``role``:

``member``      named in an official source, or a subject of the Russian federal district the
                mechanism covers on the date
``partial``     named, but only part of it is usually meant (Inner Mongolia: its five eastern leagues)
``ambiguous``   may or may not belong (Irkutsk Oblast in the "Baikal region"); left out by default
``assumed``     no official list exists; taken from a standard regional definition (mechanisms 3–4)

and a half-open validity ``[valid_from, valid_to)``: Russian members of a district-based mechanism
follow the federal district on each date, so Buryatia and Zabaykalsky Krai are "Baikal region"
members until 2018-11-02 and Far Eastern district members from 2018-11-03. A ``basis`` column says
why a region is listed (``named-list``, ``federal-district``, ``baikal-region``, ``macro-region``).

Where no official list exists the choice of provinces is a parameter, not an accident of the data:
``variant`` picks a documented alternative list for one side (``with-shandong``,
``north-without-inner-mongolia``, ``with-hainan-guangxi``, ``southeast-coast-core``);
:func:`mechanism_variants` lists them.

Measurements are geodesic on the WGS84 ellipsoid (:class:`pyproj.Geod`): distances between
administrative centres, nearest-edge distances, areas (``Geod.geometry_area_perimeter``) and
shared-border lengths (``Geod.geometry_length``), computed on the ``"full"`` Natural Earth
geometry. See :func:`mechanism_summary` for what each number means.
"""

from __future__ import annotations

import datetime as _dt
import warnings
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from coophelpers import data as _data
from coophelpers._errors import DataIntegrityError, InvalidInputError, UnknownMechanismError
from coophelpers._names import normalise
from coophelpers._validate import check_choice, check_map, check_str, parse_as_of, short_repr, suggest

if TYPE_CHECKING:
    import folium
    import geopandas as gpd
    import numpy as np
    import pandas as pd

__all__ = [
    "DEFAULT_ROLES",
    "ROLES",
    "load_mechanisms",
    "mechanism_map",
    "mechanism_members",
    "mechanism_pairs",
    "mechanism_summary",
    "mechanism_variants",
]

MECHANISMS_FILE = "mechanisms.csv"
MEMBERSHIP_FILE = "mechanism_membership.csv"
#: Every membership role, from most to least certain.
ROLES = ("member", "partial", "assumed", "ambiguous")
#: Roles returned unless ``roles=`` says otherwise: ``ambiguous`` members are left out.
DEFAULT_ROLES = ("member", "partial", "assumed")
#: The two sides of every mechanism.
SIDES = ("CN", "RU")
#: Mechanism statuses: with regular meetings of a standing body, or agreed but not set up.
STATUSES = ("institutionalised", "agreed_in_principle")
#: Why a region is listed as a member.
BASES = ("named-list", "federal-district", "baikal-region", "macro-region")
#: The ellipsoid of every distance, area and length.
ELLIPSOID = "WGS84"
#: Geometry detail used for measurements (maps use the lighter ``"web"`` detail).
MEASURE_DETAIL = "full"
#: Equidistant conic projection over northern Asia, used only to *find* the nearest pair of
#: boundary points of two regions; the distance between them is then measured on the ellipsoid.
_NEAREST_CRS = "+proj=eqdc +lat_0=45 +lat_1=25 +lat_2=60 +lon_0=105 +datum=WGS84 +units=m +no_defs"
#: Number of points per partner line drawn on maps (lines follow the geodesic).
_LINE_POINTS = 24

#: Colour pair per mechanism on maps: (Chinese side, Russian side).
COLOURS = {
    "northeast-fareast": ("#b03a2e", "#1f618d"),
    "yangtze-volga": ("#d68910", "#117a65"),
    "north-central": ("#7d3c98", "#1e8449"),
    "southeast-northwest": ("#c2185b", "#283593"),
}
#: How each role is drawn: outline dash pattern, outline weight, fill opacity.
ROLE_STYLES = {
    "member": {"dash_array": None, "weight": 1.2, "fill_opacity": 0.55},
    "partial": {"dash_array": "10 6", "weight": 2.4, "fill_opacity": 0.3},
    "assumed": {"dash_array": "2 5", "weight": 2.0, "fill_opacity": 0.22},
    "ambiguous": {"dash_array": "12 5 2 5", "weight": 2.0, "fill_opacity": 0.06},
}
#: Role names in the three languages, for tooltips and legends.
ROLE_LABELS = {
    "member": ("member", "成员", "участник"),
    "partial": ("partial", "部分参与", "частично"),
    "assumed": ("assumed (no official list)", "推定（无官方名单）", "предположительно (нет официального списка)"),
    "ambiguous": ("ambiguous", "存疑", "под вопросом"),
}


# --- data --------------------------------------------------------------------------------------


def _today() -> _dt.date:
    return _dt.date.today()


def _parse_iso(text: str, *, where: str) -> _dt.date | None:
    if not text:
        return None
    try:
        return _dt.date.fromisoformat(text)
    except ValueError as err:
        msg = f"{where}: {text!r} is not an ISO date (YYYY-MM-DD). Fix the data file and run `python -m coophelpers.data refresh`."
        raise DataIntegrityError(msg) from err


@lru_cache(maxsize=1)
def _mechanisms_table() -> pd.DataFrame:
    return _data.read_csv(MECHANISMS_FILE, dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def _membership_table() -> pd.DataFrame:
    frame = _data.read_csv(MEMBERSHIP_FILE, dtype=str, keep_default_na=False)
    frame["valid_from"] = [
        _parse_iso(v, where=f"{MEMBERSHIP_FILE} row {i + 2} valid_from") for i, v in enumerate(frame["valid_from"])
    ]
    frame["valid_to"] = [
        _parse_iso(v, where=f"{MEMBERSHIP_FILE} row {i + 2} valid_to") for i, v in enumerate(frame["valid_to"])
    ]
    return frame


def load_mechanisms() -> pd.DataFrame:
    """Return the table of the four cooperation mechanisms.

    Returns
    -------
    pandas.DataFrame
        One row per mechanism with ``id``; ``name_en``, ``name_zh``, ``name_ru`` and short names
        in the three languages; ``aliases`` (`` | ``-separated); ``governing_body``; ``chairs``;
        ``founded`` (ISO date) and ``founded_note``; ``status`` (``institutionalised`` or
        ``agreed_in_principle``); ``russian_district`` (federal-district id); ``description``;
        ``sources`` (`` | ``-separated URLs); ``as_of``; ``confidence`` (H/M/L). Dates are ISO
        strings, as in the file.

    Examples
    --------
    >>> load_mechanisms()[["id", "status"]]  # doctest: +SKIP
    """
    return _mechanisms_table().copy()


@lru_cache(maxsize=1)
def _name_index() -> dict[str, str]:
    index: dict[str, str] = {}
    cols = ("id", "name_en", "name_zh", "name_ru", "short_name_en", "short_name_zh", "short_name_ru")
    for row in _mechanisms_table().itertuples(index=False):
        names = [getattr(row, c) for c in cols] + [a for a in row.aliases.split("|")]
        for name in names:
            key = normalise(name.strip())
            if key:
                index.setdefault(key, row.id)
    return index


def _resolve_mechanism(value: Any, *, param: str = "mechanism") -> str:
    """Return the id of mechanism ``value`` given by id or by a name in English, Chinese or Russian."""
    check_str(
        value,
        param=param,
        fix="Give a mechanism id such as 'yangtze-volga' or a mechanism name (load_mechanisms() lists them).",
    )
    index = _name_index()
    found = index.get(normalise(value))
    if found is not None:
        return found
    table = _mechanisms_table()
    labels = dict(zip(table["id"], table["short_name_en"]))
    near = list(dict.fromkeys(index[normalise(k)] for k in suggest(value, index, n=6)))[:3]
    hint = ""
    if near:
        hint = " Did you mean " + ", ".join(f"{i!r} ({labels[i]})" for i in near) + "?"
    known = ", ".join(repr(i) for i in table["id"])
    msg = (
        f"Unknown mechanism {value!r} for {param}.{hint} Give one of the ids {known}, "
        f"or a mechanism name in English, Chinese or Russian (load_mechanisms() lists them)."
    )
    raise UnknownMechanismError(msg, near)


def _resolve_mechanisms(value: Any, *, param: str = "mechanisms") -> list[str]:
    if value is None:
        return list(_mechanisms_table()["id"])
    if isinstance(value, str):
        return [_resolve_mechanism(value, param=param)]
    if not isinstance(value, Iterable):
        msg = (
            f"{param} must be a mechanism id or name, a list of them, or None for all four; "
            f"got {type(value).__name__} {short_repr(value)}. Give e.g. {param}='yangtze-volga'."
        )
        raise InvalidInputError(msg)
    items = list(value)
    ids = [_resolve_mechanism(v, param=f"{param}[{i}]" if len(items) > 1 else param) for i, v in enumerate(items)]
    if not ids:
        msg = f"{param}={value!r} is empty. Give at least one mechanism id, or None for all four."
        raise InvalidInputError(msg)
    return list(dict.fromkeys(ids))


def _check_roles(roles: Any, *, param: str = "roles") -> tuple[str, ...]:
    if isinstance(roles, str):
        roles = (roles,)
    if not isinstance(roles, Iterable):
        msg = (
            f"{param} must be a role or a tuple of roles from {ROLES}, got {type(roles).__name__} "
            f"{short_repr(roles)}. Give e.g. {param}={DEFAULT_ROLES}."
        )
        raise InvalidInputError(msg)
    out = tuple(dict.fromkeys(check_choice(r, ROLES, param=param, what="role") for r in roles))
    if not out:
        msg = f"{param}={roles!r} is empty. Give at least one of {ROLES}, e.g. roles={DEFAULT_ROLES}."
        raise InvalidInputError(msg)
    return out


def _resolve_date(as_of: Any) -> _dt.date:
    date = parse_as_of(as_of)
    return _today() if date is None else date


def mechanism_variants(mechanism: str | None = None) -> pd.DataFrame:
    """List the documented alternative member lists (``variant=``) of the mechanisms.

    Returns
    -------
    pandas.DataFrame
        Columns ``mechanism``, ``variant``, ``side``, ``codes`` (the alternative list, in file
        order) and ``note`` (why the alternative exists). Only mechanisms without an official
        member list have variants.
    """
    import pandas as pd

    table = _membership_table()
    if mechanism is not None:
        table = table[table["mechanism"] == _resolve_mechanism(mechanism)]
    table = table[table["variant"] != ""]
    rows = []
    for (mech, variant, side), grp in table.groupby(["mechanism", "variant", "side"], sort=False):
        rows.append(
            {"mechanism": mech, "variant": variant, "side": side, "codes": list(grp["code"]), "note": grp["note"].iloc[0]}
        )
    return pd.DataFrame(rows, columns=["mechanism", "variant", "side", "codes", "note"])


def _check_variant(mech: str, variant: Any) -> str:
    if variant is None:
        return ""
    table = _membership_table()
    choices = sorted(set(table.loc[(table["mechanism"] == mech) & (table["variant"] != ""), "variant"]))
    if not choices:
        msg = (
            f"variant={variant!r}, but mechanism {mech!r} has an official member list and no "
            f"variants. Leave variant=None (variants exist for 'north-central' and 'southeast-northwest')."
        )
        raise InvalidInputError(msg)
    return check_choice(variant, choices, param="variant", what=f"{mech} variant")


def _member_rows(mech: str, date: _dt.date, roles: tuple[str, ...], variant: str) -> pd.DataFrame:
    """Membership rows of one mechanism valid on ``date``; a variant replaces one side's default list."""
    table = _membership_table()
    table = table[table["mechanism"] == mech]
    parts = []
    for side in SIDES:
        rows = table[table["side"] == side]
        chosen = rows[rows["variant"] == variant] if variant else rows.iloc[0:0]
        if chosen.empty:
            chosen = rows[rows["variant"] == ""]
        parts.append(chosen)
    import pandas as pd

    rows = pd.concat(parts)
    valid = [(start <= date) and (end is None or date < end) for start, end in zip(rows["valid_from"], rows["valid_to"])]
    rows = rows[valid]
    return rows[rows["role"].isin(roles)]


_MEMBER_COLUMNS = ("mechanism", "side", "code", "role", "variant", "basis", "valid_from", "valid_to",
                   "source", "confidence", "note")


def _members(mech: str, date: _dt.date, roles: tuple[str, ...], variant: str, detail: str) -> gpd.GeoDataFrame:
    import geopandas as gpd

    from coophelpers.regions import COLUMNS, load_regions

    rows = _member_rows(mech, date, roles, variant)
    regions = load_regions(detail=detail, as_of=date)
    merged = rows.merge(regions, on="code", how="left", validate="one_to_one")
    missing = merged.loc[merged["geometry"].isna(), "code"].tolist()
    if missing:
        msg = (
            f"{MEMBERSHIP_FILE} lists {missing} for {mech!r}, which load_regions() does not know. "
            f"Fix the codes in the data file and run `python -m coophelpers.data refresh`."
        )
        raise DataIntegrityError(msg)
    merged = merged.rename(columns={"as_of": "source_as_of"})
    order = ["mechanism", "side", "code", "role"]
    order += [c for c in COLUMNS if c not in ("code", "geometry")]
    order += ["variant", "basis", "valid_from", "valid_to", "source", "source_as_of", "confidence", "note", "geometry"]
    merged = merged[order].sort_values(["side", "code"]).reset_index(drop=True)
    return gpd.GeoDataFrame(merged, geometry="geometry", crs="EPSG:4326")


def _founded(mech: str) -> _dt.date:
    row = _mechanisms_table().set_index("id").loc[mech]
    founded = _parse_iso(row["founded"], where=f"{MECHANISMS_FILE} {mech} founded")
    if founded is None:
        msg = f"{MECHANISMS_FILE} gives no founding date for {mech!r}. Add it and run `python -m coophelpers.data refresh`."
        raise DataIntegrityError(msg)
    return founded


def mechanism_members(
    mechanism: str,
    *,
    as_of: _dt.date | str | None = None,
    roles: Iterable[str] | str = DEFAULT_ROLES,
    variant: str | None = None,
    detail: str = "web",
) -> gpd.GeoDataFrame:
    """Return the member regions of one mechanism on a date.

    Parameters
    ----------
    mechanism
        Mechanism id (``"northeast-fareast"``, ``"yangtze-volga"``, ``"north-central"``,
        ``"southeast-northwest"``) or a name or short name in English, Chinese or Russian
        (``"Volga–Yangtze"``, ``"东北—远东"``, ``"Волга – Янцзы"``).
    as_of
        The date (``datetime.date`` or ``"YYYY-MM-DD"``); default today. Before a mechanism was
        founded it has no members: an empty frame is returned with a warning.
    roles
        Roles to return, from :data:`ROLES`. Default :data:`DEFAULT_ROLES`, which leaves out
        ``ambiguous`` members (Irkutsk Oblast); pass ``roles=ROLES`` for every row.
    variant
        An alternative member list of one side (see :func:`mechanism_variants`), e.g.
        ``"with-shandong"``; default None, the standard list. Only the assumed mechanisms
        (``north-central``, ``southeast-northwest``) have variants.
    detail
        Geometry detail, ``"web"`` (default) or ``"full"``, as in :func:`coophelpers.load_regions`.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per member region, sorted by ``side`` then ``code``, with ``mechanism``,
        ``side`` (``CN``/``RU``), ``code``, ``role``, the region columns of
        :func:`coophelpers.load_regions` (names in three languages, ``macro_region`` on
        ``as_of``, administrative centre), and the membership's ``variant``, ``basis``,
        ``valid_from``, ``valid_to``, ``source``, ``source_as_of``, ``confidence``, ``note``.

    Raises
    ------
    UnknownMechanismError
        ``mechanism`` matches no mechanism; the message lists the nearest ids.
    InvalidInputError
        A bad ``as_of``, ``roles``, ``variant`` or ``detail``.

    Examples
    --------
    >>> fe = mechanism_members("northeast-fareast", as_of="2018-01-01")  # doctest: +SKIP
    >>> fe.loc[fe.code == "RU-BU", ["role", "basis", "macro_region"]]  # doctest: +SKIP
    """
    from coophelpers.regions import DETAILS

    mech = _resolve_mechanism(mechanism)
    date = _resolve_date(as_of)
    role_set = _check_roles(roles)
    var = _check_variant(mech, variant)
    detail = check_choice(detail, DETAILS, param="detail", what="detail level")
    out = _members(mech, date, role_set, var, detail)
    founded = _founded(mech)
    if date < founded:
        msg = (
            f"{mech!r} was founded on {founded.isoformat()}; on as_of={date.isoformat()} it had no "
            f"members, so the table is empty. Give a later as_of."
        )
        warnings.warn(msg, UserWarning, stacklevel=2)
    return out


# --- measurements ------------------------------------------------------------------------------


def _geod() -> Any:
    from pyproj import Geod

    return Geod(ellps=ELLIPSOID)


def _centre_distances_km(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Geodesic distances (km) between point arrays, vectorised with ``Geod.inv``."""
    import numpy as np

    if len(lat1) == 0:
        return np.zeros(0)
    _, _, dist_m = _geod().inv(np.asarray(lon1, float), np.asarray(lat1, float), np.asarray(lon2, float), np.asarray(lat2, float))
    return np.asarray(dist_m) / 1000.0


def _edge_distances_km(geoms_a: np.ndarray, geoms_b: np.ndarray) -> np.ndarray:
    """Geodesic distance (km) between the nearest boundary points of paired geometries.

    The nearest pair is found on an equidistant conic projection of northern Asia (shapely's
    ``shortest_line``, vectorised); the distance between the two points is then measured on the
    WGS84 ellipsoid. Touching or overlapping regions get 0.
    """
    import numpy as np
    import shapely
    from pyproj import Transformer

    if len(geoms_a) == 0:
        return np.zeros(0)
    fwd = Transformer.from_crs("EPSG:4326", _NEAREST_CRS, always_xy=True)
    inv = Transformer.from_crs(_NEAREST_CRS, "EPSG:4326", always_xy=True)
    pa = shapely.transform(np.asarray(geoms_a), lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1])))
    pb = shapely.transform(np.asarray(geoms_b), lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1])))
    lines = shapely.shortest_line(pa, pb)
    coords = shapely.get_coordinates(lines).reshape(-1, 2, 2)
    lon1, lat1 = inv.transform(coords[:, 0, 0], coords[:, 0, 1])
    lon2, lat2 = inv.transform(coords[:, 1, 0], coords[:, 1, 1])
    dist = _centre_distances_km(lat1, lon1, lat2, lon2)
    touching = shapely.intersects(np.asarray(geoms_a), np.asarray(geoms_b))
    dist[touching] = 0.0
    return dist


def _area_km2(geom: Any) -> float:
    """Area (km²) of a (multi)polygon on the WGS84 ellipsoid."""
    import shapely

    if geom is None or geom.is_empty:
        return 0.0
    area_m2, _ = _geod().geometry_area_perimeter(shapely.orient_polygons(geom))
    return abs(area_m2) / 1e6


def _shared_border(geoms_cn: Iterable[Any], geoms_ru: Iterable[Any]) -> Any:
    """The line(s) where the union of the Chinese regions meets the union of the Russian ones."""
    import shapely

    cn = shapely.union_all(list(geoms_cn))
    ru = shapely.union_all(list(geoms_ru))
    if cn.is_empty or ru.is_empty:
        return shapely.LineString()
    shared = shapely.intersection(cn.boundary, ru.boundary)
    # keep only the linear part: single touching points have no length anyway
    parts = [g for g in shapely.get_parts(shared) if g.geom_type in ("LineString", "LinearRing") and not g.is_empty]
    return shapely.line_merge(shapely.MultiLineString(parts)) if parts else shapely.LineString()


def _length_km(line: Any) -> float:
    if line is None or line.is_empty:
        return 0.0
    return float(_geod().geometry_length(line)) / 1000.0


_PAIR_COLUMNS = (
    "mechanism", "code_cn", "name_en_cn", "name_zh_cn", "name_ru_cn", "role_cn",
    "code_ru", "name_en_ru", "name_zh_ru", "name_ru_ru", "role_ru",
    "centre_dist_km", "edge_dist_km", "border_km",
)


def _pairs_one(mech: str, date: _dt.date, roles: tuple[str, ...], variant: str) -> pd.DataFrame:
    import numpy as np
    import pandas as pd
    import shapely

    members = _members(mech, date, roles, variant, MEASURE_DETAIL)
    cn = members[members["side"] == "CN"].reset_index(drop=True)
    ru = members[members["side"] == "RU"].reset_index(drop=True)
    if cn.empty or ru.empty:
        return pd.DataFrame(columns=list(_PAIR_COLUMNS))
    i, j = np.meshgrid(np.arange(len(cn)), np.arange(len(ru)), indexing="ij")
    i, j = i.ravel(), j.ravel()
    a, b = cn.iloc[i].reset_index(drop=True), ru.iloc[j].reset_index(drop=True)
    frame = pd.DataFrame(
        {
            "mechanism": mech,
            "code_cn": a["code"],
            "name_en_cn": a["name_en"],
            "name_zh_cn": a["name_zh"],
            "name_ru_cn": a["name_ru"],
            "role_cn": a["role"],
            "code_ru": b["code"],
            "name_en_ru": b["name_en"],
            "name_zh_ru": b["name_zh"],
            "name_ru_ru": b["name_ru"],
            "role_ru": b["role"],
        }
    )
    frame["centre_dist_km"] = _centre_distances_km(a["capital_lat"], a["capital_lon"], b["capital_lat"], b["capital_lon"])
    ga, gb = a.geometry.values, b.geometry.values
    frame["edge_dist_km"] = _edge_distances_km(np.asarray(ga), np.asarray(gb))
    border = np.zeros(len(frame))
    touching = np.flatnonzero(frame["edge_dist_km"].to_numpy() == 0.0)
    for k in touching:
        shared = shapely.intersection(ga[k].boundary, gb[k].boundary)
        border[k] = _length_km(shared)
    frame["border_km"] = border
    return frame


def mechanism_pairs(
    mechanism: str | None = None,
    *,
    as_of: _dt.date | str | None = None,
    roles: Iterable[str] | str = DEFAULT_ROLES,
    variant: str | None = None,
) -> pd.DataFrame:
    """Every Chinese × Russian member pair of a mechanism, with the distances between them.

    Parameters
    ----------
    mechanism
        Mechanism id or name (see :func:`mechanism_members`); None for all four.
    as_of
        Date of the membership (default today).
    roles
        Member roles to pair (default :data:`DEFAULT_ROLES`).
    variant
        Alternative member list (see :func:`mechanism_variants`); needs a single ``mechanism``.

    Returns
    -------
    pandas.DataFrame
        One row per pair with ``mechanism``; ``code_cn``, ``name_en_cn``, ``name_zh_cn``,
        ``name_ru_cn``, ``role_cn`` and the same for ``_ru``;

        ``centre_dist_km``  geodesic distance (WGS84, :class:`pyproj.Geod`) between the two
                            administrative centres
        ``edge_dist_km``    geodesic distance between the nearest points of the two regions'
                            boundaries (0 when they touch); the point pair is found on an
                            equidistant conic projection, then measured on the ellipsoid
        ``border_km``       geodesic length of the boundary the two regions share (0 if none)

        Measurements use the ``"full"`` Natural Earth geometry.
    """
    import pandas as pd

    date = _resolve_date(as_of)
    role_set = _check_roles(roles)
    if mechanism is None:
        if variant is not None:
            msg = f"variant={variant!r} needs a single mechanism: give mechanism='north-central' or 'southeast-northwest'."
            raise InvalidInputError(msg)
        mechs = list(_mechanisms_table()["id"])
        variants = {m: "" for m in mechs}
    else:
        mech = _resolve_mechanism(mechanism)
        mechs, variants = [mech], {mech: _check_variant(mech, variant)}
    frames = [_pairs_one(m, date, role_set, variants[m]) for m in mechs]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=list(_PAIR_COLUMNS))
    return pd.concat(frames, ignore_index=True)[list(_PAIR_COLUMNS)]


_SUMMARY_COLUMNS = (
    "mechanism", "name_en", "status", "cn_regions", "ru_regions", "cn_area_km2", "ru_area_km2",
    "shared_border_km", "centre_dist_min_km", "centre_dist_median_km", "centre_dist_max_km",
    "edge_dist_min_km", "pairs",
)


def mechanism_summary(
    *,
    as_of: _dt.date | str | None = None,
    roles: Iterable[str] | str = DEFAULT_ROLES,
) -> pd.DataFrame:
    """One row per mechanism: how many regions, how large, how far apart, how much shared border.

    Parameters
    ----------
    as_of
        Date of the membership (default today).
    roles
        Member roles counted (default :data:`DEFAULT_ROLES`: member, partial, assumed).

    Returns
    -------
    pandas.DataFrame
        Columns:

        ``mechanism``, ``name_en`` (short name), ``status``
        ``cn_regions``, ``ru_regions``  number of member regions on each side
        ``cn_area_km2``, ``ru_area_km2``  area of each side on the WGS84 ellipsoid
                            (``Geod.geometry_area_perimeter``); Inner Mongolia counts whole
        ``shared_border_km``  geodesic length (``Geod.geometry_length``) of the line where the
                            union of the Chinese members meets the union of the Russian members:
                            the state border between member regions, river sections (Amur,
                            Ussuri, Argun) included, sea coasts and third-country borders not.
                            Natural Earth's generalised lines give about 3,540 km for the whole
                            China–Russia border against 4,209 km demarcated, so read it as a
                            lower bound.
        ``centre_dist_min_km``, ``centre_dist_median_km``, ``centre_dist_max_km``
                            over all Chinese × Russian pairs, geodesic between administrative
                            centres (see :func:`mechanism_pairs`)
        ``edge_dist_min_km``  the closest approach of the two sides (0 if they touch)
        ``pairs``           number of pairs

        A mechanism not yet founded on ``as_of`` has 0 regions and missing distances.
    """
    import numpy as np
    import pandas as pd

    date = _resolve_date(as_of)
    role_set = _check_roles(roles)
    table = _mechanisms_table()
    rows = []
    for mech in table["id"]:
        members = _members(mech, date, role_set, "", MEASURE_DETAIL)
        cn = members[members["side"] == "CN"]
        ru = members[members["side"] == "RU"]
        pairs = _pairs_one(mech, date, role_set, "")
        dist = pairs["centre_dist_km"].to_numpy(dtype=float)
        info = table.set_index("id").loc[mech]
        rows.append(
            {
                "mechanism": mech,
                "name_en": info["short_name_en"],
                "status": info["status"],
                "cn_regions": len(cn),
                "ru_regions": len(ru),
                "cn_area_km2": sum(_area_km2(g) for g in cn.geometry),
                "ru_area_km2": sum(_area_km2(g) for g in ru.geometry),
                "shared_border_km": _length_km(_shared_border(cn.geometry, ru.geometry)),
                "centre_dist_min_km": float(dist.min()) if dist.size else np.nan,
                "centre_dist_median_km": float(np.median(dist)) if dist.size else np.nan,
                "centre_dist_max_km": float(dist.max()) if dist.size else np.nan,
                "edge_dist_min_km": float(pairs["edge_dist_km"].min()) if dist.size else np.nan,
                "pairs": len(pairs),
            }
        )
    return pd.DataFrame(rows, columns=list(_SUMMARY_COLUMNS))


# --- maps --------------------------------------------------------------------------------------


def _trilingual(parts: tuple[str, str, str]) -> str:
    return " · ".join(parts)


def _short_sources(text: str) -> str:
    """Source cell for a tooltip: the web site of each URL, other citations as they are."""
    from urllib.parse import urlsplit

    out = []
    for part in (p.strip() for p in text.split("|")):
        if part.startswith(("http://", "https://")):
            host = urlsplit(part).netloc
            out.append(host[4:] if host.startswith("www.") else host)
        elif part:
            out.append(part)
    return "; ".join(dict.fromkeys(out))


_REGION_TOOLTIP = {
    "name_en": "English",
    "name_zh": "中文",
    "name_ru": "Русский",
    "code": "ISO 3166-2",
    "_mechanism": "Mechanism · 机制 · Механизм",
    "_role": "Role · 角色 · Роль",
    "_since": "Since · 自 · С",
    "confidence": "Confidence (H/M/L)",
    "_source": "Source · 来源 · Источник",
    "note": "Note",
}
_ROLE_LEGEND = {
    "member": ("member: solid outline", "line"),
    "partial": ("partial: dashed outline", "dashed"),
    "assumed": ("assumed: dotted outline, pale", "dashed"),
    "ambiguous": ("ambiguous: dash-dot, no link", "dashed"),
}
_LINK_TOOLTIP = {
    "_en": "English",
    "_zh": "中文",
    "_ru": "Русский",
    "_dist": "Distance · 距离 · Расстояние",
}


def _geodesic_line(lat1: float, lon1: float, lat2: float, lon2: float) -> Any:
    """A LineString along the geodesic between two points (longitudes kept continuous)."""
    import numpy as np
    import shapely

    inner = _geod().npts(lon1, lat1, lon2, lat2, _LINE_POINTS)
    lons = np.array([lon1, *(p[0] for p in inner), lon2], dtype=float)
    lats = np.array([lat1, *(p[1] for p in inner), lat2], dtype=float)
    lons = np.degrees(np.unwrap(np.radians(lons)))
    shift = 360.0 * round((lon1 - lons[0]) / 360.0)
    return shapely.LineString(np.column_stack([lons + shift, lats]))


def _links_frame(members: gpd.GeoDataFrame, mech_label: str) -> gpd.GeoDataFrame:
    import geopandas as gpd

    linkable = members[members["role"] != "ambiguous"]
    cn = linkable[linkable["side"] == "CN"]
    ru = linkable[linkable["side"] == "RU"]
    rows = []
    for a in cn.itertuples(index=False):
        for b in ru.itertuples(index=False):
            dist = float(_centre_distances_km([a.capital_lat], [a.capital_lon], [b.capital_lat], [b.capital_lon])[0])
            rows.append(
                {
                    "_en": f"{a.name_en} ↔ {b.name_en}",
                    "_zh": f"{a.name_zh} ↔ {b.name_zh}",
                    "_ru": f"{a.name_ru} ↔ {b.name_ru}",
                    "_dist": f"{dist:,.0f} km (geodesic, {a.capital_en} – {b.capital_en})",
                    "_mechanism": mech_label,
                    "geometry": _geodesic_line(a.capital_lat, a.capital_lon, b.capital_lat, b.capital_lon),
                }
            )
    columns = ["_en", "_zh", "_ru", "_dist", "_mechanism", "geometry"]
    return gpd.GeoDataFrame(rows, columns=columns, geometry="geometry", crs="EPSG:4326")


def mechanism_map(
    mechanisms: str | Iterable[str] | None = None,
    *,
    as_of: _dt.date | str | None = None,
    m: folium.Map | None = None,
    roles: Iterable[str] | str = ROLES,
    show_links: bool | None = None,
) -> folium.Map:
    """Map the member regions of one or more mechanisms, with partner links between them.

    Each mechanism has its own colour pair (Chinese side, Russian side, see :data:`COLOURS`).
    Roles are drawn so a reader can tell them apart (:data:`ROLE_STYLES`): ``member`` solid
    outline and strong fill; ``partial`` dashed outline and lighter fill; ``assumed`` dotted
    outline and pale fill; ``ambiguous`` dash-dot outline and almost no fill. Thin lines follow
    the geodesic between the administrative centres of every Chinese × Russian pair (ambiguous
    members are not linked). Tooltips give the names in English, Chinese and Russian, the
    role, the date since which the region is a member, the confidence and the source.

    Parameters
    ----------
    mechanisms
        A mechanism id or name, a list of them, or None for all four.
    as_of
        Date of the membership (default today).
    m
        A map to draw on; default a new :func:`coophelpers.maps.base_map` fitted to the members.
    roles
        Roles to draw; default every role (:data:`ROLES`), ambiguous ones included.
    show_links
        Whether the partner-link layers are on when the map opens. Default None: on for a
        single mechanism, off (but listed in the layer control) for several, where hundreds of
        lines would hide the regions.

    Returns
    -------
    folium.Map
        The map; layers are named after the mechanism so the layer control switches them.
        Save it with :func:`coophelpers.save_map`.
    """
    import folium
    import pandas as pd

    from coophelpers import maps

    ids = _resolve_mechanisms(mechanisms)
    date = _resolve_date(as_of)
    role_set = _check_roles(roles)
    if show_links is not None and not isinstance(show_links, bool):
        msg = (
            f"show_links must be True, False or None, got {type(show_links).__name__} {show_links!r}. "
            f"Give show_links=True or False, or leave it None (on for a single mechanism)."
        )
        raise InvalidInputError(msg)
    links_on = len(ids) == 1 if show_links is None else show_links
    check_map(m)
    table = _mechanisms_table().set_index("id")
    frames = {mech: _members(mech, date, role_set, "", "web") for mech in ids}
    drawn = [f for f in frames.values() if not f.empty]
    if m is None:
        title = "Cooperation mechanisms" if len(ids) > 1 else f"{table.loc[ids[0], 'short_name_en']} cooperation mechanism"
        if drawn:
            west, south, east, north = pd.concat(drawn).total_bounds
            bounds = [[max(south - 2, -89), max(west - 3, -180)], [min(north + 2, 89), min(east + 3, 360)]]
        else:
            bounds = None
        m = maps.base_map(bounds=bounds, title=f"{title}, as of {date.isoformat()}")
    legend: list[tuple[str, str, str]] = []
    for mech in ids:
        members = frames[mech].copy()
        info = table.loc[mech]
        short = info["short_name_en"]
        mech_label = _trilingual((info["short_name_en"], info["short_name_zh"], info["short_name_ru"]))
        cn_colour, ru_colour = COLOURS.get(mech, ("#7f7f7f", "#404040"))
        legend += [(f"{short}: China", cn_colour, "square"), (f"{short}: Russia", ru_colour, "square")]
        if members.empty:
            continue
        members["_fill"] = members["side"].map({"CN": cn_colour, "RU": ru_colour})
        members["_mechanism"] = mech_label
        members["_role"] = members["role"].map(lambda r: _trilingual(ROLE_LABELS[r]))
        members["_since"] = [v.isoformat() for v in members["valid_from"]]
        members["_source"] = members["source"].map(_short_sources)
        for role in ROLES:
            part = members[members["role"] == role]
            if part.empty:
                continue
            style = ROLE_STYLES[role]
            names = ", ".join(part["name_en"]) if len(part) <= 3 else f"{len(part)} regions"
            maps.add_regions(
                m,
                part,
                name=f"{short}: {ROLE_LABELS[role][0]} ({names})",
                fill_color="_fill",
                color="_fill",
                weight=style["weight"],
                fill_opacity=style["fill_opacity"],
                dash_array=style["dash_array"],
                tooltip_fields=_REGION_TOOLTIP,
            )
        links = _links_frame(members, mech_label)
        if not links.empty:
            maps.add_regions(
                m,
                links,
                name=f"{short}: partner links ({len(links)} pairs)",
                fill_color=cn_colour,
                color=cn_colour,
                weight=0.6,
                fill_opacity=0.0,
                tooltip_fields=_LINK_TOOLTIP,
                show=links_on,
            )
    present = {r for f in frames.values() for r in f["role"]}
    legend += [(_ROLE_LEGEND[r][0], "#555555", _ROLE_LEGEND[r][1]) for r in ROLES if r in present]
    legend.append(("partner link: geodesic between centres", "#555555", "line"))
    maps.add_legend(m, f"Cooperation mechanisms, {date.isoformat()}", legend)
    maps.add_source(
        m,
        "coophelpers: mechanisms.csv and mechanism_membership.csv (hand-curated, per-row sources)",
        licence="CC0",
        as_of=date,
        note="Mechanisms 3–4 (agreed 2019) have no official member list: their regions are assumed.",
    )
    regions_source = "Natural Earth admin-1 regions (10m, coverage-simplified)"
    maps.add_source(m, regions_source, url="https://www.naturalearthdata.com/", licence="public domain")
    if not getattr(m, "_coophelpers_auto_control", False) and not any(
        isinstance(child, folium.LayerControl) for child in m._children.values()
    ):
        folium.LayerControl(collapsed=False).add_to(m)
    return m
