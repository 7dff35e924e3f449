"""Unit tests of coophelpers.distances: geodesics and distance matrices."""

from __future__ import annotations

import math

import numpy as np
import pytest

import coophelpers
from coophelpers import InvalidInputError, UnknownRegionError
from coophelpers.distances import METHODS, distance_matrix, geodesic_km

# Independent check: the classic test line of Vincenty (1975), "Direct and inverse solutions of
# geodesics on the ellipsoid", Survey Review 23(176), as used by Geoscience Australia: Flinders
# Peak to Buninyong on the GRS80/WGS84 ellipsoid is 54,972.271 m.
FLINDERS_PEAK = (-(37 + 57 / 60 + 3.72030 / 3600), 144 + 25 / 60 + 29.52440 / 3600)
BUNINYONG = (-(37 + 39 / 60 + 10.15610 / 3600), 143 + 55 / 60 + 35.38390 / 3600)
VINCENTY_M = 54_972.271
# One degree of latitude at the equator on WGS84: 110,574.389 m (meridian arc, e.g. NGA TR8350.2).
DEGREE_AT_EQUATOR_M = 110_574.389


def test_matches_vincenty_reference_to_the_millimetre():
    assert geodesic_km(FLINDERS_PEAK, BUNINYONG) * 1000 == pytest.approx(VINCENTY_M, abs=0.001)


def test_meridian_degree_at_equator():
    assert geodesic_km((0.0, 0.0), (1.0, 0.0)) * 1000 == pytest.approx(DEGREE_AT_EQUATOR_M, abs=0.01)


def test_scalar_returns_float_and_is_symmetric():
    d1 = geodesic_km((55.752, 37.6178), (39.9075, 116.3972))
    d2 = geodesic_km((39.9075, 116.3972), (55.752, 37.6178))
    assert isinstance(d1, float)
    assert d1 == pytest.approx(d2)
    assert 5700 < d1 < 5900  # Moscow - Beijing
    assert geodesic_km((10.0, 20.0), (10.0, 20.0)) == 0.0


def test_regions_stand_for_their_administrative_centres():
    from coophelpers.regions import admin_centre

    by_name = geodesic_km("Heilongjiang", "Primorsky Krai")
    by_point = geodesic_km(admin_centre("CN-HL"), admin_centre("RU-PRI"))
    assert by_name == pytest.approx(by_point)
    assert geodesic_km("CN-HL", "RU-PRI") == pytest.approx(by_point)


def test_vectorised_one_to_many_and_elementwise():
    many = geodesic_km("RU-MOW", ["CN-BJ", "CN-SH", (39.9075, 116.3972)])
    assert isinstance(many, np.ndarray) and many.shape == (3,)
    assert many[0] == pytest.approx(many[2])
    pairs = geodesic_km(np.array([[0.0, 0.0], [0.0, 0.0]]), np.array([[1.0, 0.0], [0.0, 1.0]]))
    assert pairs.shape == (2,)
    assert pairs[0] == pytest.approx(DEGREE_AT_EQUATOR_M / 1000, abs=1e-5)
    loop = [geodesic_km(a, b) for a, b in zip(["CN-HL", "CN-JL"], ["RU-PRI", "RU-KHA"])]
    np.testing.assert_allclose(geodesic_km(["CN-HL", "CN-JL"], ["RU-PRI", "RU-KHA"]), loop)


def test_crossing_180_degrees_is_the_short_way():
    # Anadyr (177.5 E) to a point at 170 W: about 1,000 km, not half the globe
    assert geodesic_km((64.73, 177.51), (64.73, -170.0)) < 700
    assert geodesic_km((64.73, 177.51), (64.73, 190.0)) == pytest.approx(
        geodesic_km((64.73, 177.51), (64.73, -170.0))
    )


def test_length_mismatch_is_explained():
    with pytest.raises(InvalidInputError, match="different lengths.*distance_matrix"):
        geodesic_km(["CN-HL", "CN-JL"], ["RU-PRI", "RU-KHA", "RU-AMU"])


def test_swapped_coordinates_are_reported():
    with pytest.raises(InvalidInputError, match=r"looks like \(lon, lat\)"):
        geodesic_km((131.87, 43.1), (45.75, 126.65))


@pytest.mark.parametrize("bad", [None, 3.5, {"a": 1}, b"CN-HL", (1, 2, 3)])
def test_bad_place_types(bad):
    with pytest.raises(InvalidInputError):
        geodesic_km(bad, (0.0, 0.0))


def test_nan_coordinate_is_rejected():
    with pytest.raises(InvalidInputError, match="finite"):
        geodesic_km((math.nan, 10.0), (0.0, 0.0))


def test_unknown_region_suggests():
    with pytest.raises(UnknownRegionError, match="Did you mean") as err:
        geodesic_km("Heilongjang", "RU-PRI")
    assert "CN-HL" in err.value.suggestions


def test_empty_sequence_is_rejected():
    with pytest.raises(InvalidInputError, match="empty"):
        geodesic_km([], "RU-PRI")


def test_top_level_names():
    assert coophelpers.geodesic_km is geodesic_km
    assert coophelpers.distance_matrix is distance_matrix
    assert METHODS == ("geodesic", "network", "sea")


# --- distance_matrix ------------------------------------------------------------------------


def test_matrix_is_labelled_and_matches_pairwise():
    frame = distance_matrix(["CN-HL", "CN-JL", "CN-LN"], ["RU-PRI", "RU-KHA"])
    assert list(frame.index) == ["CN-HL", "CN-JL", "CN-LN"]
    assert list(frame.columns) == ["RU-PRI", "RU-KHA"]
    assert frame.index.name == "origin" and frame.columns.name == "destination"
    assert "geodesic" in frame.attrs["method"] and frame.attrs["unit"] == "km"
    for o in frame.index:
        for d in frame.columns:
            assert frame.loc[o, d] == pytest.approx(geodesic_km(o, d))


def test_matrix_mapping_gives_labels_and_points_get_coordinate_labels():
    frame = distance_matrix({"Harbin": "CN-HL"}, [(43.1056, 131.8735)])
    assert list(frame.index) == ["Harbin"]
    assert list(frame.columns) == ["43.1056, 131.8735"]


def test_matrix_network_method_uses_the_network():
    frame = distance_matrix(["CN-HL"], ["RU-PRI", "RU-KAM"], method="network")
    assert "network" in frame.attrs["method"]
    geo = distance_matrix(["CN-HL"], ["RU-PRI", "RU-KAM"])
    assert (frame.to_numpy() >= geo.to_numpy()).all()
    # Kamchatka has no land link: reachable because "network" uses ferries by default
    assert np.isfinite(frame.loc["CN-HL", "RU-KAM"])
    land = distance_matrix(["CN-HL"], ["RU-KAM"], method="network", modes=("rail", "road"))
    assert np.isnan(land.loc["CN-HL", "RU-KAM"])


def test_matrix_sea_method():
    frame = distance_matrix(["shanghai"], ["murmansk"], method="sea", via="nsr")
    suez = distance_matrix(["shanghai"], ["murmansk"], method="sea")
    assert frame.iloc[0, 0] < suez.iloc[0, 0]
    assert "Northern Sea Route" in frame.attrs["method"]


def test_matrix_rejects_unknown_method_and_misplaced_options():
    with pytest.raises(InvalidInputError, match="Did you mean 'network'"):
        distance_matrix("CN-HL", "RU-PRI", method="netwrk")
    with pytest.raises(InvalidInputError, match="method='network' only"):
        distance_matrix("CN-HL", "RU-PRI", modes=("rail",))
    with pytest.raises(InvalidInputError, match="method='sea' only"):
        distance_matrix("CN-HL", "RU-PRI", via="nsr")
    with pytest.raises(InvalidInputError, match="empty"):
        distance_matrix({}, "RU-PRI")


def test_unwrap_longitudes_runs_on_across_the_antimeridian():
    from coophelpers.geodesy import unwrap_longitudes

    line = unwrap_longitudes([(170.0, 60.0), (-175.0, 65.0), (-170.0, 66.0), (175.0, 64.0)])
    assert line == [(170.0, 60.0), (185.0, 65.0), (190.0, 66.0), (175.0, 64.0)]
    assert unwrap_longitudes([]) == []
