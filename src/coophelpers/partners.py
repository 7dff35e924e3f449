"""Transport between the partners of each cooperation mechanism, and what-if scenarios.

:func:`partner_routes` routes every Chinese member of a mechanism to every Russian member through
the transport network (:func:`coophelpers.route`, with the same default modes) and sets the
geodesic distance beside it; :func:`partner_summary` condenses that to one row per mechanism.
Two scenarios answer the article's remedies:

* :func:`network_change`: the same pairs on two dates, e.g. before and after the 2022 Amur
  bridges, with the pairs whose corridor changed;
* :func:`dwell_scenario`: fastest routes with every border dwell scaled (faster crossings).
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from coophelpers._errors import InvalidInputError, NoRouteError
from coophelpers._validate import check_number
from coophelpers.distances import geodesic_km
from coophelpers.mechanisms import mechanism_pairs, resolve_mechanisms
from coophelpers.network import DEFAULT_MODES, default_border_hours, route
from coophelpers.sea import MAIN_PORT, sea_route

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["dwell_scenario", "network_change", "partner_routes", "partner_summary"]

_ROUTE_COLUMNS = (
    "mechanism", "code_cn", "name_en_cn", "code_ru", "name_en_ru", "geodesic_km", "network_km",
    "detour_index", "time_h", "corridor", "crossings", "estimated_share",
)


def _route_row(pair: Mapping[str, Any], **options: Any) -> dict[str, Any]:
    """One row of :func:`partner_routes`: the pair routed, or "no route" with NaN numbers."""
    row = {k: pair[k] for k in ("mechanism", "code_cn", "name_en_cn", "code_ru", "name_en_ru")}
    geo = geodesic_km(pair["code_cn"], pair["code_ru"])
    try:
        r = route(pair["code_cn"], pair["code_ru"], **options)
    except NoRouteError:
        nan = math.nan
        row.update(geodesic_km=geo, network_km=nan, detour_index=nan, time_h=nan, corridor="no route",
                   crossings=(), estimated_share=nan)
        return row
    row.update(
        geodesic_km=geo, network_km=r.length_km, detour_index=r.length_km / geo, time_h=r.time_h,
        corridor=r.corridor, crossings=r.crossings, estimated_share=r.estimated_share,
        _method=r.method,
    )
    return row


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
        ``estimated_share``; for the maritime pairing also ``sea_suez_km`` and ``sea_nsr_km``
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
    pairs = mechanism_pairs(ids, as_of=as_of)
    options = {"modes": modes, "as_of": as_of, "weight": weight, "border_hours": border_hours}
    rows = [_route_row(pair, **options) for pair in pairs.to_dict("records")]
    methods = [row.pop("_method") for row in rows if "_method" in row]
    frame = pd.DataFrame(rows, columns=list(_ROUTE_COLUMNS))
    has_port = frame["code_cn"].isin(MAIN_PORT) & frame["code_ru"].isin(MAIN_PORT)
    if has_port.any():
        for via in ("suez", "nsr"):
            frame[f"sea_{via}_km"] = [
                sea_route(MAIN_PORT[a], MAIN_PORT[b], via=via).length_km if ok else math.nan
                for a, b, ok in zip(frame["code_cn"], frame["code_ru"], has_port)
            ]
    frame.attrs["method"] = methods[0] if methods else ""
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
        A bad ``before``, ``after`` or ``modes``.

    Examples
    --------
    >>> change = network_change("northeast-fareast", before="2022-01-01", after="2024-01-01",
    ...                         modes=("rail", "road"))
    >>> row = change.set_index(["code_cn", "code_ru"]).loc[("CN-HL", "RU-AMU")]   # the Heihe bridge
    >>> row["corridor_before"], row["corridor_after"], round(float(row["saved_km"]), 1)
    ('dongning-poltavka-road', 'heihe-kanikurgan-road-bridge', 1376.2)
    """
    import pandas as pd

    keys = ["mechanism", "code_cn", "code_ru"]
    pairs = mechanism_pairs(resolve_mechanisms(mechanism), as_of=after)
    frames = {}
    for label, date in (("before", before), ("after", after)):
        rows = [_route_row(pair, modes=modes, as_of=date) for pair in pairs.to_dict("records")]
        frames[label] = pd.DataFrame(rows)[[*keys, "corridor", "network_km"]]
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
        0.5 halves it. Gauge changes are unchanged.
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
    scaled = {crossing: hours * factor for crossing, hours in default_border_hours().items()}
    rows = {}
    for mech in ids:
        default = partner_routes(mech, as_of=as_of, modes=modes, weight="time")["time_h"].median()
        scenario = partner_routes(mech, as_of=as_of, modes=modes, weight="time", border_hours=scaled)["time_h"].median()
        rows[mech] = {"default_h": default, "scenario_h": scenario, "saving_pct": 100 * (1 - scenario / default)}
    return pd.DataFrame.from_dict(rows, orient="index")
