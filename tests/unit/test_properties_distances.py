"""Property-based tests (Hypothesis) of distances, routes and ``as_of`` filtering.

* ``geodesic_km`` is a metric on the ellipsoid: symmetric, zero on the diagonal (also for the same
  point written with a longitude 360° apart), and it satisfies the triangle inequality; the
  vectorised and matrix forms agree with the scalar one.
* A route through the network is never shorter than the geodesic between its ends, nor shorter
  than the route without waypoints (with seasonal links a last resort: never better in number of
  seasonal links, then length); a sea route never shorter than the geodesic between ports.
* A fastest route is never slower than the shortest one, and its time is running time, border
  dwell and every change of mode and gauge, each paid; every cell of a network matrix is the
  length of ``route`` for that pair, or NaN with the reason where ``route`` finds none.
* ``as_of`` never returns something that did not exist or was not open on that date: crossings,
  mechanism members, network links and the links a route uses are checked against the curated
  CSV files, read here with a date parser of the test's own.

(Name resolution and ``load_regions(as_of=...)`` are in ``test_properties_regions.py``.)
"""

from __future__ import annotations

import datetime as dt
import warnings
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import coophelpers as ch
from coophelpers import NoRouteError, data


def _route_or_none(a, b, **options):
    """``route(a, b, **options)``; None only where the network on that date truly has no path.

    A property test may not pass by returning early: when route() finds no path, the network it
    routes on (``load_network`` with the same date and modes) must really have none between a
    and b, and a waypoint must really be cut off.
    """
    import networkx as nx

    try:
        return ch.route(a, b, **options)
    except NoRouteError:
        graph = ch.load_network(as_of=options.get("as_of"), modes=options.get("modes", ch.network.DEFAULT_MODES))
        stops = [a, *([options["via"]] if isinstance(options.get("via"), str) else options.get("via") or []), b]
        joined = all(nx.has_path(graph, x, y) for x, y in zip(stops, stops[1:]))
        assert not joined, f"route() found no path, but the network joins {stops} on {options.get('as_of')}"
        return None

#: Geodesics are exact to about 15 nm (Karney); leave room for float rounding only.
TOL_KM = 1e-6
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

LAST_DAY = dt.date(dt.date.today().year, 12, 31)  # the latest as_of the package accepts


def _first_day(text: str) -> dt.date | None:
    """Curated dates are 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; a period counts from its first day."""
    text = (text or "").strip()
    if not text:
        return None
    year, month, day = ([int(p) for p in text.split("-")] + [1, 1])[:3]
    return dt.date(year, month, day)


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(data.data_path(name), dtype=str, keep_default_na=False)


CROSSINGS = _csv("crossings.csv").set_index("id")
MEMBERSHIP = _csv("mechanism_membership.csv")
MECHANISMS = _csv("mechanisms.csv").set_index("id")
EDGES = _csv("network_edges.csv").set_index("id")
NODES = _csv("network_nodes.csv").set_index("id")
REGIONS = _csv("regions.csv").set_index("code")
PORTS = _csv("ports.csv").set_index("id")

lats = st.floats(min_value=-90, max_value=90, allow_nan=False)
lons = st.floats(min_value=-180, max_value=360, allow_nan=False)
points = st.tuples(lats, lons)
region_codes = st.sampled_from(sorted(REGIONS.index))


def dates(earliest: dt.date) -> st.SearchStrategy[dt.date]:
    """Dates the package accepts, with the curated change dates (and the day before) favoured."""
    changes = {
        d
        for frame, cols in ((CROSSINGS, ("opened", "closed", "reopened")), (EDGES, ("opened", "closed")),
                            (MEMBERSHIP, ("valid_from", "valid_to")))
        for col in cols
        for d in map(_first_day, frame[col])
        if d is not None
    }
    edges = sorted(d + dt.timedelta(days=k) for d in changes for k in (-1, 0) if earliest <= d + dt.timedelta(days=k))
    edges = [d for d in edges if d <= LAST_DAY]
    return st.one_of(st.dates(min_value=earliest, max_value=LAST_DAY), st.sampled_from(edges))


# --- geodesic_km is a metric ----------------------------------------------------------------


@SETTINGS
@given(points, points)
def test_geodesic_is_symmetric(a, b):
    assert ch.geodesic_km(a, b) == pytest.approx(ch.geodesic_km(b, a), abs=TOL_KM)


@SETTINGS
@given(points)
def test_geodesic_is_zero_on_the_diagonal(a):
    assert ch.geodesic_km(a, a) == 0.0
    lat, lon = a
    if lon + 360 <= 360:  # the same point written 360° east
        assert ch.geodesic_km(a, (lat, lon + 360)) == pytest.approx(0.0, abs=TOL_KM)


@SETTINGS
@given(points, points, points)
def test_geodesic_satisfies_the_triangle_inequality(a, b, c):
    ab, bc, ac = ch.geodesic_km(a, b), ch.geodesic_km(b, c), ch.geodesic_km(a, c)
    assert ac <= ab + bc + TOL_KM
    assert 0.0 <= ac <= 20_004.0  # never more than half the meridian


@SETTINGS
@given(st.lists(points, min_size=1, max_size=6), st.lists(points, min_size=1, max_size=6))
def test_vectorised_and_matrix_forms_agree_with_scalars(origins, destinations):
    matrix = ch.distance_matrix(origins, destinations)
    assert matrix.shape == (len(origins), len(destinations))
    for i, a in enumerate(origins):
        row = ch.geodesic_km(a, destinations)
        assert np.allclose(np.atleast_1d(row), matrix.to_numpy()[i], rtol=0, atol=TOL_KM)
        for j, b in enumerate(destinations):
            assert matrix.iat[i, j] == pytest.approx(ch.geodesic_km(a, b), abs=TOL_KM)
    pairs = list(zip(origins, destinations))
    if len(pairs) > 1:
        element_wise = ch.geodesic_km([p[0] for p in pairs], [p[1] for p in pairs])
        assert np.allclose(element_wise, [ch.geodesic_km(p, q) for p, q in pairs], rtol=0, atol=TOL_KM)


@SETTINGS
@given(region_codes, region_codes)
def test_a_region_stands_for_its_administrative_centre(a, b):
    assert ch.geodesic_km(a, b) == pytest.approx(ch.geodesic_km(ch.admin_centre(a), ch.admin_centre(b)), abs=TOL_KM)


# --- routes are never shorter than the geodesic ---------------------------------------------

node_ids = st.sampled_from(sorted(NODES.index))
mode_sets = st.sampled_from([("rail",), ("road",), ("rail", "road"), ("rail", "road", "ferry")])


def _node_point(node: str) -> tuple[float, float]:
    return float(NODES.loc[node, "lat"]), float(NODES.loc[node, "lon"])


@SLOW
@given(node_ids, node_ids, mode_sets, st.sampled_from(["length", "time"]), dates(dt.date(1986, 7, 1)))
def test_a_route_is_never_shorter_than_the_geodesic_between_its_ends(a, b, modes, weight, date):
    assume(a != b)
    r = _route_or_none(a, b, modes=modes, weight=weight, as_of=date)
    if r is None:
        return
    straight = ch.geodesic_km(_node_point(a), _node_point(b))
    assert r.length_km >= straight * (1 - 1e-9)
    assert r.nodes[0] == a and r.nodes[-1] == b
    assert r.length_km == pytest.approx(float(r.edges["length_km"].sum()))


@SLOW
@given(node_ids, node_ids, node_ids, dates(dt.date(1986, 7, 1)), st.sampled_from(["allow", "last_resort"]))
def test_a_waypoint_never_makes_a_route_shorter(a, b, via, date, seasonal):
    """With seasonal links allowed, plain shortest paths; by default (seasonal links a last resort)
    a waypoint may force a seasonal link, so it never makes the route better in (number of
    seasonal links, length), compared in that order."""
    assume(len({a, b, via}) == 3)
    modes = ("rail", "road", "ferry")
    with mock.patch.object(ch.settings, "seasonal_links", seasonal):
        direct = _route_or_none(a, b, modes=modes, as_of=date)
        detour = _route_or_none(a, b, modes=modes, as_of=date, via=via)
    if direct is None or detour is None:
        return
    if seasonal == "allow":
        assert detour.length_km >= direct.length_km * (1 - 1e-9)
    else:
        assert len(detour.seasonal) >= len(direct.seasonal)
        if len(detour.seasonal) == len(direct.seasonal):
            assert detour.length_km >= direct.length_km * (1 - 1e-9)
    assert via in detour.nodes
    assert detour.length_km >= ch.geodesic_km(_node_point(a), _node_point(via)) + ch.geodesic_km(
        _node_point(via), _node_point(b)
    ) - 1e-6


@SLOW
@given(node_ids, node_ids, mode_sets, dates(dt.date(1986, 7, 1)))
def test_a_fastest_route_pays_for_every_change_and_is_never_slower(a, b, modes, date):
    assume(a != b)
    fast = _route_or_none(a, b, modes=modes, weight="time", as_of=date)
    if fast is None:
        return
    short = ch.route(a, b, modes=modes, as_of=date)
    assert fast.time_h <= short.time_h + 1e-9 and short.length_km <= fast.length_km + 1e-9
    edges = fast.edges
    running = (edges["length_km"] / edges["mode"].map(ch.settings.speed_kmh)).sum()
    assert fast.time_h == pytest.approx(running + edges["border_h"].sum() + edges["transfer_h"].sum())
    changes = [tuple(t.split(" → ")) for cell in edges["transfer"] if cell for t in cell.split(", ")]
    change = {frozenset(k.split("-")): v for k, v in ch.settings.mode_change_hours.items()}
    hours = sum(
        ch.settings.gauge_change_hours if x.split("-")[0] == y.split("-")[0]
        else change[frozenset((x.split("-")[0], y.split("-")[0]))]
        for x, y in changes
    )
    assert edges["transfer_h"].sum() == pytest.approx(hours)
    switches = int((edges["mode"] != edges["mode"].shift()).iloc[1:].sum())
    assert fast.mode_changes == switches  # every change of mode between two edges is counted and paid


@SLOW
@given(st.lists(node_ids, min_size=1, max_size=4, unique=True), st.lists(node_ids, min_size=1, max_size=4, unique=True),
       dates(dt.date(1986, 7, 1)))
def test_every_network_matrix_cell_is_the_route_length(origins, destinations, date):
    matrix = ch.distance_matrix(origins, destinations, method="network", as_of=date)
    for i, a in enumerate(origins):
        for j, b in enumerate(destinations):
            value = matrix.iat[i, j]
            if a == b:
                assert value == 0.0
            elif np.isnan(value):
                assert _route_or_none(a, b, as_of=date) is None
                assert (a, b) in matrix.attrs["no_link"]
            else:
                assert value == pytest.approx(ch.route(a, b, as_of=date).length_km)


@SLOW
@given(st.lists(node_ids, min_size=1, max_size=3, unique=True), st.lists(node_ids, min_size=1, max_size=3, unique=True))
def test_network_distance_matrix_is_never_shorter_than_the_geodesic(origins, destinations):
    network = ch.distance_matrix(origins, destinations, method="network")
    for i, a in enumerate(origins):
        for j, b in enumerate(destinations):
            value = network.iat[i, j]
            if np.isnan(value):
                continue
            assert value >= ch.geodesic_km(_node_point(a), _node_point(b)) * (1 - 1e-9)


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(sorted(PORTS.index)), st.sampled_from(sorted(PORTS.index)), st.sampled_from(["suez", "nsr"]))
def test_a_sea_route_is_never_shorter_than_the_geodesic_between_the_ports(a, b, via):
    assume(a != b)
    try:
        r = ch.sea_route(a, b, via=via)
    except NoRouteError as err:  # only for the documented reason: the shortest path avoids the passage
        assert "avoids" in str(err), str(err)
        return
    straight = ch.geodesic_km((float(PORTS.loc[a, "lat"]), float(PORTS.loc[a, "lon"])),
                              (float(PORTS.loc[b, "lat"]), float(PORTS.loc[b, "lon"])))
    assert r.length_km >= straight * (1 - 1e-9)


def test_known_connected_pairs_route_on_every_date_and_sea_routes_exist():
    """The early returns above are for disconnected pairs only: these pairs always route."""
    for date in ("1987-01-01", "2000-05-13", "2022-01-01", "2024-01-01"):
        for a, b in (("harbin", "moscow"), ("beijing", "irkutsk"), ("vladivostok", "novosibirsk")):
            assert _route_or_none(a, b, modes=("rail", "road", "ferry"), as_of=date) is not None
    for a, b in (("shanghai", "st-petersburg"), ("shanghai", "murmansk")):
        for via in ("suez", "nsr"):
            assert ch.sea_route(a, b, via=via).length_km > 10_000


# --- as_of never returns what did not exist or was not open ---------------------------------


def _crossing_open(cid: str, date: dt.date) -> bool:
    row = CROSSINGS.loc[cid]
    if row["status"] in ("none", "planned", "under_construction") and not row["opened"]:
        return False
    opened, closed, reopened = (_first_day(row[c]) for c in ("opened", "closed", "reopened"))
    if opened is not None and date < opened:
        return False
    if closed is not None and closed <= date and (reopened is None or date < reopened):
        return False
    if closed is None and row["status"] in ("closed", "suspended"):
        return False
    return True


@SETTINGS
@given(dates(dt.date(1901, 1, 1)))
def test_crossings_operating_on_a_date_were_open_on_it(date):
    frame = ch.load_crossings(as_of=date)
    operating = set(frame.loc[frame["status"] == "operating", "id"])
    expected = {cid for cid in CROSSINGS.index if _crossing_open(cid, date)}
    assert operating == expected
    opened_later = {cid for cid in CROSSINGS.index if (_first_day(CROSSINGS.loc[cid, "opened"]) or date) > date}
    assert not operating & opened_later
    assert set(ch.load_crossings(status="operating", as_of=date)["id"]) == expected


@SLOW
@given(region_codes, dates(dt.date(1901, 1, 1)), st.integers(min_value=1, max_value=6))
def test_nearest_crossings_on_a_date_were_open_on_it(place, date, n):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # no crossing of a mode on early dates
        near = ch.nearest_crossings(place, n=n, as_of=date)
    assert len(near) <= n
    assert all(_crossing_open(cid, date) for cid in near["id"])
    assert list(near["geodesic_km"]) == sorted(near["geodesic_km"])


def _members_on(mech: str, date: dt.date, roles: tuple[str, ...]) -> set[str]:
    rows = MEMBERSHIP[(MEMBERSHIP["mechanism"] == mech) & (MEMBERSHIP["variant"] == "") & MEMBERSHIP["role"].isin(roles)]
    return {
        code
        for code, start, end in zip(rows["code"], rows["valid_from"], rows["valid_to"])
        if _first_day(start) <= date and (not end or date < _first_day(end))
    }


@SLOW
@given(st.sampled_from(sorted(MECHANISMS.index)), dates(dt.date(2000, 5, 13)),
       st.sampled_from([("member",), ("member", "partial", "assumed"), ("member", "partial", "assumed", "ambiguous")]))
def test_mechanism_members_on_a_date_were_members_on_it(mech, date, roles):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "not yet founded" on early dates
        members = ch.mechanism_members(mech, as_of=date, roles=roles)
    assert set(members["code"]) == _members_on(mech, date, roles)
    assert all(start <= date and (end is None or date < end) for start, end in zip(members["valid_from"], members["valid_to"]))
    if date < dt.date.fromisoformat(MECHANISMS.loc[mech, "founded"]):
        assert members.empty
    for code in members["code"]:  # the region itself existed
        assert (_first_day(REGIONS.loc[code, "established"]) or date) <= date


@settings(max_examples=6, deadline=None)
@given(st.sampled_from(["northeast-fareast", "yangtze-volga"]), dates(dt.date(2013, 1, 1)))
def test_mechanism_pairs_on_a_date_pair_members_of_that_date(mech, date):
    pairs = ch.mechanism_pairs(mech, as_of=date)
    members = _members_on(mech, date, ("member", "partial", "assumed"))
    assert set(pairs["code_cn"]) | set(pairs["code_ru"]) <= members


def _edge_open(eid: str, date: dt.date) -> bool:
    opened, closed = _first_day(EDGES.loc[eid, "opened"]), _first_day(EDGES.loc[eid, "closed"])
    return (opened is None or opened <= date) and (closed is None or date < closed)


@SLOW
@given(dates(dt.date(1986, 7, 1)), mode_sets)
def test_the_network_on_a_date_has_only_links_open_on_it(date, modes):
    graph = ch.load_network(as_of=date, modes=modes)
    ids = {key for _, _, key in graph.edges(keys=True)}
    expected = {eid for eid in EDGES.index if EDGES.loc[eid, "mode"] in modes and _edge_open(eid, date)}
    assert ids == expected


@SLOW
@given(node_ids, node_ids, dates(dt.date(1986, 7, 1)))
def test_a_route_on_a_date_uses_only_links_open_on_it(a, b, date):
    assume(a != b)
    r = _route_or_none(a, b, modes=("rail", "road", "ferry"), as_of=date)
    if r is None:
        return
    assert all(_edge_open(eid, date) for eid in r.edges["id"])
    assert r.as_of == date


@SLOW
@given(node_ids, node_ids, dates(dt.date(1986, 7, 1)))
def test_a_route_crosses_the_border_only_where_the_crossings_registry_says_it_was_open(a, b, date):
    assume(a != b)
    r = _route_or_none(a, b, modes=("rail", "road", "ferry"), as_of=date)
    if r is None:
        return
    for cid in r.crossings:
        if cid in CROSSINGS.index:  # China–Russia crossings; those via Mongolia and Kazakhstan are not in it
            assert _crossing_open(cid, date), f"{cid} used on {date}"
