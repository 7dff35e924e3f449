"""Transport between the partners of each cooperation mechanism, what-if scenarios, and gravity tables.

:func:`partner_routes` routes every Chinese member of a mechanism to every Russian member through
the transport network (the same graph, default modes and result as :func:`coophelpers.route`,
one Dijkstra search per Chinese member) and sets the geodesic distance beside it;
:func:`partner_summary` condenses that to one row per mechanism. Two scenarios answer the
article's remedies:

* :func:`network_change`: the same pairs on two dates, e.g. before and after the 2022 Amur
  bridges, with the pairs whose corridor changed;
* :func:`dwell_scenario`: fastest routes with every border dwell scaled (faster crossings).

:func:`gravity_table` gives every Chinese × Russian region pair by every distance method (geodesic,
network length, network time, sea), tidy, with the share of each value that rests on estimated
lengths and its sources: the input of a gravity model.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from coophelpers._errors import InvalidInputError, NoRouteError
from coophelpers._network_data import (
    NoNodeError,
    check_border_hours,
    check_modes,
    check_network_as_of,
    region_label,
    resolve_place,
)
from coophelpers._network_graph import (
    WEIGHTS,
    corridor_of,
    describe_break,
    describe_method,
    place_matrix,
    state_graph,
    summarise,
    tree,
)
from coophelpers._validate import check_choice, check_number, resolve_as_of
from coophelpers.distances import distance_matrix
from coophelpers.geodesy import inv_km
from coophelpers.mechanisms import mechanism_members, resolve_mechanisms
from coophelpers.network import DEFAULT_MODES, default_border_hours
from coophelpers.regions import admin_centre
from coophelpers.sea import DEFAULT_DESTINATIONS, MAIN_PORT, sea_route

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["GRAVITY_METHODS", "dwell_scenario", "gravity_table", "network_change", "partner_routes", "partner_summary"]

_ROUTE_COLUMNS = (
    "mechanism", "code_cn", "name_en_cn", "code_ru", "name_en_ru", "geodesic_km", "network_km",
    "detour_index", "time_h", "corridor", "crossings", "estimated_share", "note",
)


def _seasonal_note(links: Sequence[str]) -> str:
    return f"uses seasonal link(s) {', '.join(links)} (no year-round route)" if links else ""


def _pairs(ids: list[str], as_of: Any) -> list[dict[str, Any]]:
    """Every (Chinese member, Russian member) pair of each mechanism, in the order of
    :func:`coophelpers.mechanism_pairs`, without its boundary measurements (which take most of its time)."""
    members = mechanism_members(ids, as_of=as_of)
    out = []
    for mech in ids:
        rows = members[members["mechanism"] == mech]
        cn = rows.loc[rows["side"] == "CN", ["code", "name_en"]].to_numpy().tolist()
        ru = rows.loc[rows["side"] == "RU", ["code", "name_en"]].to_numpy().tolist()
        out += [{"mechanism": mech, "code_cn": a, "name_en_cn": an, "code_ru": b, "name_en_ru": bn}
                for a, an in cn for b, bn in ru]
    return out


def _network_rows(
    pairs: list[dict[str, Any]], *, modes: Any, as_of: Any, weight: str = "length",
    border_hours: Mapping[str, float] | None = None,
) -> tuple[list[dict[str, Any]], str]:
    """One row per pair routed through the network (one search per Chinese member), and the method."""
    modes_t = check_modes(modes)
    weight = check_choice(weight, WEIGHTS, param="weight", what="weight")
    date = check_network_as_of(as_of)
    hours = check_border_hours(border_hours)
    sg = state_graph(date, modes_t, weight, hours, None)
    a = [admin_centre(pair["code_cn"]) for pair in pairs]
    b = [admin_centre(pair["code_ru"]) for pair in pairs]
    geodesic = inv_km([p[0] for p in a], [p[1] for p in a], [p[0] for p in b], [p[1] for p in b]) if pairs else []
    trees: dict[str, dict[str, Any]] = {}
    rows = []
    for pair, geo in zip(pairs, geodesic):
        row = {k: pair[k] for k in ("mechanism", "code_cn", "name_en_cn", "code_ru", "name_en_ru")}
        row.update(geodesic_km=float(geo), network_km=math.nan, detour_index=math.nan, time_h=math.nan,
                   corridor="no route", crossings=(), estimated_share=math.nan, note="")
        try:
            o = resolve_place(pair["code_cn"], param="code_cn")
            d = resolve_place(pair["code_ru"], param="code_ru")
        except NoNodeError as err:
            row["note"] = f"{region_label(err.region)} has no place in the transport network"
            rows.append(row)
            continue
        if o not in trees:
            trees[o] = tree(sg, o)
        found = trees[o]
        if d not in found:
            row["note"] = f"no route: {describe_break(sg, o, d)}"
            rows.append(row)
            continue
        r = summarise(sg, found[d])
        row.update(
            network_km=r.length_km, detour_index=r.length_km / float(geo), time_h=r.time_h,
            corridor=corridor_of(r.crossings), crossings=r.crossings, estimated_share=r.estimated_share,
            note=_seasonal_note(r.seasonal),
        )
        rows.append(row)
    return rows, describe_method(modes_t, weight, date)


def partner_routes(
    mechanism: str | Iterable[str] | None = None,
    *,
    as_of: _dt.date | str | None = None,
    modes: Sequence[str] | str = DEFAULT_MODES,
    weight: str = "length",
    border_hours: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Route every Chinese member of a mechanism to every Russian member.

    Parameters
    ----------
    mechanism
        Mechanism id or name (see :func:`coophelpers.load_mechanisms`), a list of them, or None
        (default) for all four.
    as_of
        Date for the membership and for the network (default today).
    modes, weight, border_hours
        As for :func:`coophelpers.route`; ``modes`` defaults to
        :data:`coophelpers.network.DEFAULT_MODES` (rail, road and ferry, as everywhere), so that
        members without a land link (Kamchatka, Chukotka, Sakhalin, Yakutia, Kaliningrad,
        Nenets) get a route.

    Returns
    -------
    pandas.DataFrame
        One row per pair: ``mechanism``, ``code_cn``, ``name_en_cn``, ``code_ru``,
        ``name_en_ru``, ``geodesic_km`` (between administrative centres), ``network_km``,
        ``detour_index`` (network / geodesic), ``time_h``, ``corridor`` (the China–Russia
        crossing used, or "via Mongolia" / "via Kazakhstan"; "no route" with NaN numbers where
        the modes allowed do not reach), ``crossings`` (a tuple, in travel order),
        ``estimated_share``, ``note`` (why there is no route, or the seasonal links a route
        needs; else empty); each is what :func:`coophelpers.route` gives for the pair with the
        same options. For the maritime pairing also ``sea_suez_km`` and ``sea_nsr_km``
        between the main ports of the two regions where both have one (port to port, no land
        legs). ``attrs["method"]`` says how the routes were made.

    Raises
    ------
    UnknownMechanismError
        An unknown mechanism.
    InvalidInputError
        A bad ``as_of``, ``modes``, ``weight`` or ``border_hours``.

    Examples
    --------
    >>> routes = partner_routes("northeast-fareast", as_of="2024-01-01")
    >>> len(routes), bool(routes["corridor"].ne("no route").all())
    (44, True)
    """
    import pandas as pd

    ids = resolve_mechanisms(mechanism)
    pairs = _pairs(ids, as_of)
    rows, method = _network_rows(pairs, modes=modes, as_of=as_of, weight=weight, border_hours=border_hours)
    frame = pd.DataFrame(rows, columns=list(_ROUTE_COLUMNS))
    has_port = frame["code_cn"].isin(MAIN_PORT) & frame["code_ru"].isin(MAIN_PORT)
    if has_port.any():
        for via in ("suez", "nsr"):
            frame[f"sea_{via}_km"] = [
                sea_route(MAIN_PORT[a], MAIN_PORT[b], via=via).length_km if ok else math.nan
                for a, b, ok in zip(frame["code_cn"], frame["code_ru"], has_port)
            ]
    frame.attrs["method"] = method
    return frame


def partner_summary(routes: pd.DataFrame) -> pd.DataFrame:
    """One row per mechanism of a :func:`partner_routes` table: medians, main corridor, estimates.

    Parameters
    ----------
    routes
        A table from :func:`partner_routes`.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``mechanism`` (in the order of ``routes``): ``pairs``, median ``geodesic_km``,
        median ``network_km``, median ``detour_index``, ``main_corridor`` (the corridor most
        pairs use) and mean ``estimated_share``.

    Raises
    ------
    InvalidInputError
        ``routes`` is not a table from :func:`partner_routes`.

    Examples
    --------
    >>> summary = partner_summary(partner_routes("yangtze-volga", as_of="2024-01-01"))
    >>> int(summary.loc["yangtze-volga", "pairs"]), summary.loc["yangtze-volga", "main_corridor"]
    (84, 'via Kazakhstan')
    """
    needed = ("mechanism", "code_ru", "geodesic_km", "network_km", "detour_index", "corridor", "estimated_share")
    missing = [c for c in needed if c not in getattr(routes, "columns", ())]
    if missing:
        msg = f"routes lacks the columns {missing}. Give a table from partner_routes()."
        raise InvalidInputError(msg)
    return routes.groupby("mechanism", sort=False).agg(
        pairs=("code_ru", "size"),
        geodesic_km=("geodesic_km", "median"),
        network_km=("network_km", "median"),
        detour_index=("detour_index", "median"),
        main_corridor=("corridor", lambda s: s.value_counts().index[0]),
        estimated_share=("estimated_share", "mean"),
    )


def network_change(
    mechanism: str | Iterable[str] | None = None,
    *,
    before: _dt.date | str,
    after: _dt.date | str,
    modes: Sequence[str] | str = DEFAULT_MODES,
) -> pd.DataFrame:
    """The partner routes of a mechanism on two dates, side by side.

    Parameters
    ----------
    mechanism
        Mechanism id or name, a list of them, or None for all four.
    before, after
        The two dates; the membership of ``after`` is used for both, so the pairs are the same.
    modes
        As for :func:`coophelpers.route`.

    Returns
    -------
    pandas.DataFrame
        One row per pair: ``mechanism``, ``code_cn``, ``code_ru``, ``corridor_before``,
        ``corridor_after``, ``network_km_before``, ``network_km_after``, ``saved_km`` and
        ``changed`` (the corridor differs). A pair with no route on a date has the corridor
        ``"no route"`` and NaN lengths.

    Raises
    ------
    UnknownMechanismError
        An unknown mechanism.
    InvalidInputError
        A bad ``before``, ``after`` (named in the message) or ``modes``.

    Examples
    --------
    >>> change = network_change("northeast-fareast", before="2022-01-01", after="2024-01-01",
    ...                         modes=("rail", "road"))
    >>> row = change.set_index(["code_cn", "code_ru"]).loc[("CN-HL", "RU-AMU")]   # the Heihe bridge
    >>> row["corridor_before"], row["corridor_after"], bool(row["saved_km"] > 1000)
    ('dongning-poltavka-road', 'heihe-kanikurgan-road-bridge', True)
    """
    import pandas as pd

    keys = ["mechanism", "code_cn", "code_ru"]
    dates = {"before": resolve_as_of(before, dataset="network", param="before"),
             "after": resolve_as_of(after, dataset="network", param="after")}
    pairs = _pairs(resolve_mechanisms(mechanism), dates["after"])
    frames = {}
    for label, date in dates.items():
        rows, _ = _network_rows(pairs, modes=modes, as_of=date)
        frames[label] = pd.DataFrame(rows, columns=list(_ROUTE_COLUMNS))[[*keys, "corridor", "network_km"]]
    both = frames["before"].merge(frames["after"], on=keys, suffixes=("_before", "_after"))
    both["saved_km"] = both["network_km_before"] - both["network_km_after"]
    both["changed"] = both["corridor_before"] != both["corridor_after"]
    return both


def dwell_scenario(
    mechanism: str | Iterable[str] | None = None,
    *,
    factor: float = 0.5,
    as_of: _dt.date | str | None = None,
    modes: Sequence[str] | str = DEFAULT_MODES,
) -> pd.DataFrame:
    """Median fastest door-to-door hours per mechanism, with every border dwell scaled by ``factor``.

    Parameters
    ----------
    mechanism
        Mechanism id or name, a list of them, or None for all four.
    factor
        Multiplies every crossing's default dwell (:func:`coophelpers.default_border_hours`);
        0.5 halves it. Changes of gauge and of mode are unchanged.
    as_of, modes
        As for :func:`partner_routes`.

    Returns
    -------
    pandas.DataFrame
        Indexed by mechanism: ``default_h``, ``scenario_h`` (medians over the pairs) and
        ``saving_pct``.

    Raises
    ------
    InvalidInputError
        ``factor`` is not a number from 0 to 10.

    Examples
    --------
    >>> table = dwell_scenario("northeast-fareast", factor=0.5, as_of="2024-01-01")
    >>> bool(table.loc["northeast-fareast", "saving_pct"] > 0)
    True
    """
    import pandas as pd

    factor = check_number(factor, param="factor", low=0, high=10)
    ids = resolve_mechanisms(mechanism)
    pairs = _pairs(ids, as_of)
    scaled = {crossing: hours * factor for crossing, hours in default_border_hours().items()}
    times = {}
    for label, hours in (("default_h", None), ("scenario_h", scaled)):
        rows, _ = _network_rows(pairs, modes=modes, as_of=as_of, weight="time", border_hours=hours)
        frame = pd.DataFrame(rows, columns=list(_ROUTE_COLUMNS))
        times[label] = frame.groupby("mechanism", sort=False)["time_h"].median()
    table = pd.DataFrame(times).reindex(ids)
    table["saving_pct"] = 100 * (1 - table["scenario_h"] / table["default_h"])
    return table


#: The methods of :func:`gravity_table`, in its row order, with their unit.
GRAVITY_METHODS = {
    "geodesic": "km", "network_length": "km", "network_time": "h", "sea_suez": "km", "sea_nsr": "km",
}
_GRAVITY_SOURCES = {
    "geodesic": "regions.csv (administrative centres, GeoNames); geodesic on the WGS84 ellipsoid (pyproj)",
    "network_length": (
        "network_nodes.csv, network_edges.csv (published lengths, else geodesic x circuity: see "
        "estimated_share; uncertainty sums the edges' uncertainty_km)"
    ),
    "network_time": (
        "network_nodes.csv, network_edges.csv; time model of coophelpers.settings (speeds, border dwell, "
        "changes of gauge and mode: planning assumptions)"
    ),
    "sea_suez": "ports.csv (main port of each region); searoute 1.6 (Eurostat MARNET), via Suez",
    "sea_nsr": "ports.csv (main port of each region); searoute 1.6 (Eurostat MARNET), Northern Sea Route",
}
_GRAVITY_COLUMNS = ("origin", "destination", "method", "value", "unit", "estimated_share", "uncertainty",
                    "sources", "note")


def _network_gravity_rows(cn: list[str], ru: list[str], **options: Any) -> list[dict[str, Any]]:
    rows = []
    for method, weight in (("network_length", "length"), ("network_time", "time")):
        m = place_matrix(cn, ru, weight=weight, **options)
        for i, o in enumerate(cn):
            for j, d in enumerate(ru):
                value = float(m.value[i, j])
                rows.append({
                    "origin": o, "destination": d, "method": method, "value": value,
                    "unit": GRAVITY_METHODS[method], "estimated_share": float(m.estimated_share[i, j]),
                    "uncertainty": float(m.uncertainty_km[i, j]) if method == "network_length" else math.nan,
                    "sources": _GRAVITY_SOURCES[method],
                    "note": m.no_link.get((i, j)) or _seasonal_note(m.seasonal[i][j]),
                })
    return rows


def _sea_gravity_rows(cn: list[str], ru: list[str]) -> list[dict[str, Any]]:
    rows = []
    western = [code for code in ru if MAIN_PORT.get(code) in DEFAULT_DESTINATIONS]
    for o in (code for code in cn if code in MAIN_PORT):
        for d in western:
            for via in ("suez", "nsr"):
                method = f"sea_{via}"
                try:
                    value, note = sea_route(MAIN_PORT[o], MAIN_PORT[d], via=via).length_km, ""
                except NoRouteError as err:
                    value, note = math.nan, str(err)
                rows.append({
                    "origin": o, "destination": d, "method": method, "value": value, "unit": "km",
                    "estimated_share": math.nan, "uncertainty": math.nan,
                    "sources": _GRAVITY_SOURCES[method],
                    "note": note or f"port to port, {MAIN_PORT[o]} - {MAIN_PORT[d]}",
                })
    return rows


def gravity_table(
    *,
    as_of: _dt.date | str | None = None,
    modes: Sequence[str] | str = DEFAULT_MODES,
    border_hours: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Distances between every Chinese and every Russian region by every method, as one tidy table.

    The input of a gravity model: for each of the 31 × 83 pairs of administrative centres, the
    geodesic, the network length and the network time (:func:`coophelpers.route`'s shortest and
    fastest routes, with the same defaults), and for the coastal Chinese regions and Russia's Baltic
    and Arctic ports the sea distance via Suez and via the Northern Sea Route.

    Parameters
    ----------
    as_of
        The date of the network (ISO string or ``datetime.date``); default today.
    modes, border_hours
        As for :func:`coophelpers.route` (default :data:`coophelpers.network.DEFAULT_MODES`, the
        default border dwell).

    Returns
    -------
    pandas.DataFrame
        One row per (origin, destination, method): ``origin`` (ISO 3166-2:CN), ``destination``
        (ISO 3166-2:RU), ``method`` (one of :data:`GRAVITY_METHODS`), ``value``, ``unit`` (``km``
        or ``h``), ``estimated_share`` (share of the route length on edges whose length is
        estimated, 0 for geodesics, NaN for sea routes), ``uncertainty`` (network length only:
        the sum of the edges' ``uncertainty_km``, an upper bound), ``sources`` and ``note`` (why a
        value is NaN, the seasonal links a route needs, or the ports of a sea route). Sea rows exist
        only for pairs of regions with a main sea port (:data:`coophelpers.sea.MAIN_PORT`) on
        the Chinese coast and at Russia's Baltic and Arctic ports. ``attrs`` holds ``as_of``,
        ``modes`` and ``method`` (how the network values were made).

    Raises
    ------
    InvalidInputError
        A bad ``as_of`` or ``modes``.
    UnknownCrossingError
        ``border_hours`` names an unknown crossing.

    Examples
    --------
    >>> table = gravity_table(as_of="2024-01-01")
    >>> list(table.columns[:7])
    ['origin', 'destination', 'method', 'value', 'unit', 'estimated_share', 'uncertainty']
    >>> cell = table.set_index(["origin", "destination", "method"]).loc[("CN-HL", "RU-AMU")]
    >>> cell["unit"].to_dict(), bool(cell.at["network_length", "value"] > cell.at["geodesic", "value"])
    ({'geodesic': 'km', 'network_length': 'km', 'network_time': 'h'}, True)
    """
    import pandas as pd

    from coophelpers.regions import load_regions

    date = check_network_as_of(as_of)
    modes_t = check_modes(modes)
    check_border_hours(border_hours)
    regions = load_regions()
    cn = sorted(regions.loc[regions["country"] == "CN", "code"])
    ru = sorted(regions.loc[regions["country"] == "RU", "code"])
    geo = distance_matrix(cn, ru)
    rows = [
        {"origin": o, "destination": d, "method": "geodesic", "value": float(geo.iat[i, j]), "unit": "km",
         "estimated_share": 0.0, "uncertainty": math.nan, "sources": _GRAVITY_SOURCES["geodesic"], "note": ""}
        for i, o in enumerate(cn) for j, d in enumerate(ru)
    ]
    rows += _network_gravity_rows(cn, ru, modes=modes_t, as_of=date, border_hours=border_hours)
    rows += _sea_gravity_rows(cn, ru)
    table = pd.DataFrame(rows, columns=list(_GRAVITY_COLUMNS))
    order = {m: k for k, m in enumerate(GRAVITY_METHODS)}
    table = table.sort_values(
        ["origin", "destination", "method"], key=lambda c: c.map(order) if c.name == "method" else c,
    )
    table = table.reset_index(drop=True)
    table.attrs.update(as_of=date.isoformat(), modes=modes_t,
                       method=f"{describe_method(modes_t, 'length', date)}; fastest by the same network")
    return table
