"""Unit tests of coophelpers.sea: sea routes via Suez and the Northern Sea Route."""

from __future__ import annotations

import numpy as np
import pytest

import coophelpers
from coophelpers import InvalidInputError, UnknownPlaceError
from coophelpers.sea import NM_KM, SeaRoute, load_ports, sea_distances, sea_route


@pytest.mark.parametrize("port", ["st-petersburg", "murmansk"])
def test_northern_sea_route_is_shorter_than_suez(port):
    suez = sea_route("shanghai", port, via="suez")
    nsr = sea_route("shanghai", port, via="nsr")
    assert nsr.length_km < suez.length_km


def test_shanghai_st_petersburg_matches_the_reference_figures():
    # cooperation_facts.md section 3: about 11,800 nm via Suez (searoute 1.6.0), about 9,000 nm via the NSR
    suez = sea_route("shanghai", "st-petersburg")
    nsr = sea_route("shanghai", "st-petersburg", via="nsr")
    assert suez.length_nm == pytest.approx(11_800, rel=0.03)
    assert nsr.length_nm == pytest.approx(9_000, rel=0.05)
    assert suez.length_km == pytest.approx(suez.length_nm * NM_KM)


def test_passages_are_named_in_voyage_order():
    suez = sea_route("shanghai", "st-petersburg")
    assert suez.passages == ("Strait of Malacca", "Bab-el-Mandeb", "Suez Canal", "Strait of Gibraltar")
    nsr = sea_route("shanghai", "st-petersburg", via="nsr")
    assert nsr.passages == ("Bering Strait", "Northern Sea Route")
    back = sea_route("st-petersburg", "shanghai")
    assert back.passages == suez.passages[::-1]


@pytest.mark.parametrize("via", ["suez", "nsr"])
def test_route_lines_never_jump_across_the_map(via):
    r = sea_route("shanghai", "murmansk", via=via)
    lons = np.array([x for x, _ in r.geometry.coords])
    assert np.abs(np.diff(lons)).max() <= 180.0
    if via == "nsr":
        assert lons.max() > 180.0  # the Bering Strait is drawn east of 180°, continuously


def test_route_starts_and_ends_at_the_ports():
    r = sea_route("ningbo", "kaliningrad")
    ports = load_ports()
    (lon0, lat0), (lon1, lat1) = r.geometry.coords[0], r.geometry.coords[-1]
    assert (lat0, lon0) == (ports.loc["ningbo", "lat"], ports.loc["ningbo", "lon"])
    assert (lat1, lon1) == (ports.loc["kaliningrad", "lat"], ports.loc["kaliningrad", "lon"])
    assert isinstance(r, SeaRoute) and "searoute" in r.method


def test_port_names_and_regions_resolve():
    assert sea_route("Shanghai", "Murmansk").origin == "shanghai"
    assert sea_route("上海（洋山）", "RU-MUR").destination == "murmansk"
    assert sea_route("Saint Petersburg", "Xiamen").origin == "st-petersburg"


def test_unknown_port_suggests():
    with pytest.raises(UnknownPlaceError, match="Did you mean 'murmansk'") as err:
        sea_route("shanghai", "murmask")
    assert err.value.suggestions[0] == "murmansk"


def test_region_with_two_ports_asks_for_one():
    with pytest.raises(UnknownPlaceError, match="several ports"):
        sea_route("Guangdong", "murmansk")


def test_bad_via_and_same_port():
    with pytest.raises(InvalidInputError, match="Unknown routing 'arctic'"):
        sea_route("shanghai", "murmansk", via="arctic")
    with pytest.raises(InvalidInputError, match="same port"):
        sea_route("shanghai", "Shanghai")
    with pytest.raises(InvalidInputError, match="port id or name"):
        sea_route(42, "murmansk")


def test_sea_distances_table():
    table = sea_distances(["shanghai", "guangzhou"], ["st-petersburg", "murmansk"])
    assert len(table) == 2 * 2 * 2
    assert set(table.columns) >= {"origin", "destination", "via", "length_km", "length_nm", "passages", "nsr_saving_pct"}
    murmansk = table[(table.origin == "shanghai") & (table.destination == "murmansk")]
    assert (murmansk["nsr_saving_pct"] > 30).all()
    only = sea_distances(["shanghai"], ["murmansk"], via="suez")
    assert list(only["via"]) == ["suez"] and "nsr_saving_pct" not in only
    with pytest.raises(InvalidInputError, match="at least one"):
        sea_distances(via=())


def test_default_ports_are_the_maritime_pairing():
    table = sea_distances(via="suez")
    ports = load_ports()
    assert set(ports.loc[table["origin"], "country"]) == {"CN"}
    assert set(ports.loc[table["destination"], "region"]) <= {"RU-SPE", "RU-LEN", "RU-KGD", "RU-MUR", "RU-ARK"}


def test_top_level_names():
    assert coophelpers.sea_route is sea_route
    assert coophelpers.sea_distances is sea_distances
