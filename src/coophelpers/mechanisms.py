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
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from coophelpers import data as _data
from coophelpers._errors import DataWarning, InvalidInputError, warn
from coophelpers._mechanism_data import (
    BASES,
    DEFAULT_ROLES,
    LIST_COLUMNS,
    ROLES,
    SIDES,
    STATUSES,
    check_roles,
    check_variant,
    founding_date,
    mechanisms_table,
    member_frame,
    membership_table,
    name_index,
)
from coophelpers._names import short_repr
from coophelpers._validate import check_choice, resolve_as_of
from coophelpers.geodesy import ELLIPSOID, area_km2, inv_km, length_km, nearest_boundary_km
from coophelpers.regions import DETAILS

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

__all__ = [
    "BASES",
    "DEFAULT_ROLES",
    "ELLIPSOID",
    "ROLES",
    "SIDES",
    "STATUSES",
    "ROLE_LABELS",
    "load_mechanisms",
    "mechanism_members",
    "mechanism_pairs",
    "mechanism_summary",
    "mechanism_variants",
    "resolve_mechanism",
    "resolve_mechanisms",
]

#: Geometry detail used for measurements (maps use the lighter ``"web"`` detail).
MEASURE_DETAIL = "full"
#: Role names in the three languages, for tooltips and legends.
ROLE_LABELS = {
    "member": ("member", "成员", "участник"),
    "partial": ("partial", "部分参与", "частично"),
    "assumed": ("assumed (no official list)", "推定（无官方名单）", "предположительно (нет официального списка)"),
    "ambiguous": ("ambiguous", "存疑", "под вопросом"),
}


# --- data --------------------------------------------------------------------------------------


def load_mechanisms() -> pd.DataFrame:
    """Return the table of the four cooperation mechanisms.

    Returns
    -------
    pandas.DataFrame
        One row per mechanism with ``id``; ``name_en``, ``name_zh``, ``name_ru`` and short names
        in the three languages; ``aliases`` (`` | ``-separated); ``governing_body``; ``chairs``;
        ``founded`` (ISO date) and ``founded_note``; ``status`` (``institutionalised`` or
        ``agreed_in_principle``); ``russian_district`` (federal-district id); ``description``;
        ``sources`` (a tuple of URLs); ``as_of``; ``confidence`` (H/M/L). Dates are ISO strings,
        as in the file; ``aliases`` and ``sources`` hold several values as tuples.

    Raises
    ------
    DataIntegrityError
        The curated file ``mechanisms.csv`` is missing or damaged.

    Examples
    --------
    >>> load_mechanisms()[["id", "status"]]
                        id               status
    0    northeast-fareast    institutionalised
    1        yangtze-volga    institutionalised
    2        north-central  agreed_in_principle
    3  southeast-northwest  agreed_in_principle
    """
    frame = mechanisms_table().copy()
    for col in LIST_COLUMNS["mechanisms"]:
        frame[col] = frame[col].map(_data.split_list)
    return frame


def resolve_mechanism(name: str, *, param: str = "mechanism") -> str:
    """Return the id of a mechanism given by id or by a name in English, Chinese or Russian.

    Parameters
    ----------
    name
        An id (``"yangtze-volga"``) or a name or short name (``"Volga–Yangtze"``, ``"东北—远东"``).
    param
        The parameter name that error messages mention.

    Returns
    -------
    str
        The mechanism id.

    Raises
    ------
    UnknownMechanismError
        No mechanism has that name (the message lists the nearest ids).

    Examples
    --------
    >>> resolve_mechanism("Волга – Янцзы"), resolve_mechanism("东北—远东")
    ('yangtze-volga', 'northeast-fareast')
    """
    return name_index().resolve(name, param=param)


def resolve_mechanisms(mechanism: str | Iterable[str] | None = None, *, param: str = "mechanism") -> list[str]:
    """Ids of one mechanism, several, or (None) all four, in the order given, without repeats.

    Parameters
    ----------
    mechanism
        An id or name, a list of them, or None for all four.
    param
        The parameter name that error messages mention.

    Returns
    -------
    list of str
        Mechanism ids.

    Raises
    ------
    UnknownMechanismError
        An unknown name.
    InvalidInputError
        An empty list or something that is not a name.

    Examples
    --------
    >>> resolve_mechanisms(None)
    ['northeast-fareast', 'yangtze-volga', 'north-central', 'southeast-northwest']
    >>> resolve_mechanisms(["Yangtze–Volga", "yangtze-volga"])
    ['yangtze-volga']
    """
    if mechanism is None:
        return list(mechanisms_table()["id"])
    if isinstance(mechanism, str):
        return [resolve_mechanism(mechanism, param=param)]
    if not isinstance(mechanism, Iterable):
        msg = (
            f"{param} must be a mechanism id or name, a list of them, or None for all four; "
            f"got {type(mechanism).__name__} {short_repr(mechanism)}. Give e.g. {param}='yangtze-volga'."
        )
        raise InvalidInputError(msg)
    items = list(mechanism)
    if not items:
        msg = f"{param}={mechanism!r} is empty. Give at least one mechanism id, or None for all four."
        raise InvalidInputError(msg)
    ids = [resolve_mechanism(v, param=f"{param}[{i}]" if len(items) > 1 else param) for i, v in enumerate(items)]
    return list(dict.fromkeys(ids))


def mechanism_variants(mechanism: str | None = None) -> pd.DataFrame:
    """List the documented alternative member lists (``variant=``) of the mechanisms.

    Parameters
    ----------
    mechanism
        A mechanism id or name (see :func:`resolve_mechanism`), or None (default) for all four.

    Returns
    -------
    pandas.DataFrame
        Columns ``mechanism``, ``variant``, ``side``, ``codes`` (the alternative list, a tuple
        in file order) and ``note`` (why the alternative exists). Only mechanisms without an
        official member list have variants.

    Raises
    ------
    UnknownMechanismError
        An unknown mechanism (the message lists the nearest ids).

    Examples
    --------
    >>> variants = mechanism_variants("north-central")
    >>> variants["side"].tolist(), dict(zip(variants["variant"], variants["codes"]))
    (['CN', 'CN'], {'north-without-inner-mongolia': ('CN-BJ', 'CN-TJ', 'CN-HE', 'CN-SX'),
                    'with-shandong': ('CN-BJ', 'CN-TJ', 'CN-HE', 'CN-SX', 'CN-NM', 'CN-SD')})
    """
    import pandas as pd

    table = membership_table()
    if mechanism is not None:
        table = table[table["mechanism"] == resolve_mechanism(mechanism)]
    table = table[table["variant"] != ""]
    rows = []
    for (mech, variant, side), grp in table.groupby(["mechanism", "variant", "side"], sort=False):
        rows.append(
            {"mechanism": mech, "variant": variant, "side": side, "codes": tuple(grp["code"]), "note": grp["note"].iloc[0]}
        )
    return pd.DataFrame(rows, columns=["mechanism", "variant", "side", "codes", "note"])


def _variants(ids: list[str], variant: Any) -> dict[str, str]:
    """The member-list variant of each mechanism ("" for the standard list); one variant needs one mechanism."""
    if variant is not None and len(ids) != 1:
        msg = f"variant={variant!r} needs a single mechanism: give mechanism='north-central' or 'southeast-northwest'."
        raise InvalidInputError(msg)
    return {m: (check_variant(m, variant) if variant is not None else "") for m in ids}


def mechanism_members(
    mechanism: str | Iterable[str] | None = None,
    *,
    as_of: _dt.date | str | None = None,
    roles: Iterable[str] | str = DEFAULT_ROLES,
    variant: str | None = None,
    detail: str = "web",
) -> gpd.GeoDataFrame:
    """Return the member regions of one or more mechanisms on a date.

    Parameters
    ----------
    mechanism
        Mechanism id (``"northeast-fareast"``, ``"yangtze-volga"``, ``"north-central"``,
        ``"southeast-northwest"``) or a name or short name in English, Chinese or Russian
        (``"Volga–Yangtze"``, ``"东北—远东"``, ``"Волга – Янцзы"``); a list of them; or None
        (default) for all four.
    as_of
        The date (``datetime.date`` or ``"YYYY-MM-DD"``); default today. Before a mechanism was
        founded it has no members: asked for alone, an empty frame is returned with a warning.
    roles
        Roles to return, from :data:`ROLES`. Default :data:`DEFAULT_ROLES`, which leaves out
        ``ambiguous`` members (Irkutsk Oblast); pass ``roles=ROLES`` for every row.
    variant
        An alternative member list of one side (see :func:`mechanism_variants`), e.g.
        ``"with-shandong"``; default None, the standard list. Only the assumed mechanisms
        (``north-central``, ``southeast-northwest``) have variants; needs a single mechanism.
    detail
        Geometry detail, ``"web"`` (default) or ``"full"``, as in :func:`coophelpers.load_regions`.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per mechanism and member region, sorted by mechanism (in the order asked),
        ``side`` then ``code``, with ``mechanism``, ``side`` (``CN``/``RU``), ``code``,
        ``role``, the region columns of :func:`coophelpers.load_regions` (names in three
        languages, ``macro_region`` on ``as_of``, administrative centre), and the membership's
        ``variant``, ``basis``, ``valid_from``, ``valid_to``, ``source`` (a tuple),
        ``source_as_of``, ``confidence``, ``note``.

    Raises
    ------
    UnknownMechanismError
        ``mechanism`` matches no mechanism; the message lists the nearest ids.
    InvalidInputError
        A bad ``as_of``, ``roles``, ``variant`` or ``detail``.

    Warns
    -----
    DataWarning
        A single mechanism asked for on a date before it was founded.

    Examples
    --------
    >>> fe = mechanism_members("northeast-fareast", as_of="2018-01-01")
    >>> fe.loc[fe.code == "RU-BU", ["role", "basis", "macro_region"]].to_numpy().tolist()
    [['member', 'baikal-region', 'SibFD']]
    >>> mechanism_members(as_of="2020-01-01").groupby("mechanism", sort=False).size().to_dict()
    {'northeast-fareast': 15, 'yangtze-volga': 20, 'north-central': 23, 'southeast-northwest': 16}
    """
    import geopandas as gpd
    import pandas as pd

    ids = resolve_mechanisms(mechanism)
    date = resolve_as_of(as_of, dataset="mechanisms")
    role_set = check_roles(roles)
    var = _variants(ids, variant)[ids[0]]
    detail = check_choice(detail, DETAILS, param="detail", what="detail level")
    frames = [member_frame(mech, date, role_set, var, detail) for mech in ids]
    if len(ids) == 1:
        founded = founding_date(ids[0])
        if date < founded:
            msg = (
                f"{ids[0]!r} was founded on {founded.isoformat()}; on as_of={date.isoformat()} it had "
                f"no members, so the table is empty. Give a later as_of."
            )
            warn(msg, DataWarning)
        return frames[0]
    out = pd.concat(frames, ignore_index=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs="EPSG:4326")


# --- measurements ------------------------------------------------------------------------------


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


_PAIR_COLUMNS = (
    "mechanism", "code_cn", "name_en_cn", "name_zh_cn", "name_ru_cn", "role_cn",
    "code_ru", "name_en_ru", "name_zh_ru", "name_ru_ru", "role_ru",
    "centre_dist_km", "edge_dist_km", "border_km",
)


def _pairs_one(mech: str, date: _dt.date, roles: tuple[str, ...], variant: str) -> pd.DataFrame:
    import numpy as np
    import pandas as pd
    import shapely

    members = member_frame(mech, date, roles, variant, MEASURE_DETAIL)
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
    frame["centre_dist_km"] = inv_km(a["capital_lat"], a["capital_lon"], b["capital_lat"], b["capital_lon"])
    ga, gb = a.geometry.values, b.geometry.values
    frame["edge_dist_km"] = nearest_boundary_km(np.asarray(ga), np.asarray(gb))
    border = np.zeros(len(frame))
    touching = np.flatnonzero(frame["edge_dist_km"].to_numpy() == 0.0)
    for k in touching:
        shared = shapely.intersection(ga[k].boundary, gb[k].boundary)
        border[k] = length_km(shared)
    frame["border_km"] = border
    return frame


def mechanism_pairs(
    mechanism: str | Iterable[str] | None = None,
    *,
    as_of: _dt.date | str | None = None,
    roles: Iterable[str] | str = DEFAULT_ROLES,
    variant: str | None = None,
) -> pd.DataFrame:
    """Every Chinese × Russian member pair of a mechanism, with the distances between them.

    Parameters
    ----------
    mechanism
        Mechanism id or name (see :func:`mechanism_members`), a list of them, or None for all four.
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

    Raises
    ------
    UnknownMechanismError
        An unknown mechanism.
    InvalidInputError
        A bad ``as_of``, ``roles`` or ``variant`` (or a variant with several mechanisms).

    Examples
    --------
    >>> pairs = mechanism_pairs("northeast-fareast", as_of="2020-01-01")
    >>> closest = pairs.loc[pairs["centre_dist_km"].idxmin()]   # Harbin - Blagoveshchensk
    >>> len(pairs), closest["code_cn"], closest["code_ru"], round(closest["centre_dist_km"])
    (44, 'CN-HL', 'RU-AMU', 507)
    """
    import pandas as pd

    mechs = resolve_mechanisms(mechanism)
    date = resolve_as_of(as_of, dataset="mechanisms")
    role_set = check_roles(roles)
    variants = _variants(mechs, variant)
    frames = [_pairs_one(m, date, role_set, variants[m]) for m in mechs]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=list(_PAIR_COLUMNS))
    return pd.concat(frames, ignore_index=True)[list(_PAIR_COLUMNS)]


_SUMMARY_COLUMNS = (
    "mechanism", "name_en", "status", "n_regions_cn", "n_regions_ru", "area_km2_cn", "area_km2_ru",
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
        ``n_regions_cn``, ``n_regions_ru``  number of member regions on each side
        ``area_km2_cn``, ``area_km2_ru``  area of each side on the WGS84 ellipsoid
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

    Raises
    ------
    InvalidInputError
        A bad ``as_of`` or ``roles``.

    Examples
    --------
    >>> summary = mechanism_summary(as_of="2020-01-01").set_index("mechanism")
    >>> summary.loc["northeast-fareast", ["n_regions_cn", "n_regions_ru", "pairs"]].tolist()
    [4, 11, 44]
    """
    import numpy as np
    import pandas as pd

    date = resolve_as_of(as_of, dataset="mechanisms")
    role_set = check_roles(roles)
    table = mechanisms_table()
    rows = []
    for mech in table["id"]:
        members = member_frame(mech, date, role_set, "", MEASURE_DETAIL)
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
                "n_regions_cn": len(cn),
                "n_regions_ru": len(ru),
                "area_km2_cn": sum(area_km2(g) for g in cn.geometry),
                "area_km2_ru": sum(area_km2(g) for g in ru.geometry),
                "shared_border_km": length_km(_shared_border(cn.geometry, ru.geometry)),
                "centre_dist_min_km": float(dist.min()) if dist.size else np.nan,
                "centre_dist_median_km": float(np.median(dist)) if dist.size else np.nan,
                "centre_dist_max_km": float(dist.max()) if dist.size else np.nan,
                "edge_dist_min_km": float(pairs["edge_dist_km"].min()) if dist.size else np.nan,
                "pairs": len(pairs),
            }
        )
    return pd.DataFrame(rows, columns=list(_SUMMARY_COLUMNS))
