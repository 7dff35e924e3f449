"""The network against published lengths (data/geo/network_lengths_published.csv), and its estimated share.

Each row of ``network_lengths_published.csv`` is a published length of one edge or of a path of several
edges (a railway's route-km table, a highway's km posts, a timetable distance), with its source, the kind of
source and a tolerance in percent (3% unless the source's own spread is wider). The test routes the same
pair through the network (:func:`coophelpers.network.route`, the row's mode only, on ``network_as_of``, through
``via`` and within ``countries`` when given) and checks the shortest length against the published one.

Issue 13 also asks that at most 20% of the network's total length be estimated (``estimated=true``: geodesic x
circuity, apportioned, searoute or a stated figure without a publication). ``test_estimated_share_target`` is
that target (reached in issue 13 part 5), and ``test_estimated_share_does_not_grow`` holds the share reached so far
so that it can only go down.
"""

from __future__ import annotations

import pandas as pd
import pytest

from coophelpers import data as cdata
from coophelpers import network

pytestmark = pytest.mark.data

FILE = "network_lengths_published.csv"
#: issue 13: at most this share of the network's total length may be estimated
TARGET_SHARE = 0.20
#: the share reached by the data now (2026-11-29, issue 13 part 5: 18.7%, down from 55.1% in part 4, 57.3% in part 3,
#: 60.3% in part 2 and 67.0% before); lower it whenever estimates are replaced. Four sea links (Vladivostok-Magadan,
#: Petropavlovsk-Anadyr, Ust-Luga-Baltiysk, Arkhangelsk-Naryan-Mar, about 6,800 km) are a third of what is left: no
#: published sailing distance was found for them, so they stay modelled (searoute) or circuity lengths.
CURRENT_CEILING = 0.188


def _published() -> pd.DataFrame:
    return cdata.read_csv(FILE, dtype=str, keep_default_na=False)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _edges() -> pd.DataFrame:
    frame = cdata.read_csv("network_edges.csv", dtype=str, keep_default_na=False)
    frame["length_km"] = frame["length_km"].astype(float)
    frame["uncertainty_km"] = frame["uncertainty_km"].astype(float)
    frame["estimated"] = frame["estimated"].eq("true")
    return frame


def test_the_file_has_enough_sourced_rows():
    table = _published()
    assert len(table) >= 30
    assert table["id"].is_unique
    assert table["source"].str.contains(r"https?://|Handbook|Wikipedia '|\b[\w-]+\.(?:com|org|ru|pl|de)\b").all()
    assert set(table["mode"]) <= set(network.MODES)
    assert (table["tolerance_pct"].astype(float) > 0).all()


@pytest.mark.parametrize("row", _published().to_dict("records"), ids=lambda r: r["id"])
def test_network_length_matches_the_published_length(row):
    via = _split(row["via"]) or None
    countries = _split(row["countries"]) or None
    found = network.route(row["from"], row["to"], modes=(row["mode"],), as_of=row["network_as_of"],
                          via=via, countries=countries)
    published = float(row["length_km"])
    tolerance = float(row["tolerance_pct"]) / 100.0
    assert found.length_km == pytest.approx(published, rel=tolerance), (
        f"{row['id']}: network {found.length_km:.1f} km vs published {published:.1f} km "
        f"({row['source_kind']}: {row['source']})"
    )


def _estimated_share() -> float:
    edges = _edges()
    return float(edges.loc[edges["estimated"], "length_km"].sum() / edges["length_km"].sum())


def test_estimated_share_does_not_grow():
    share = _estimated_share()
    print(f"estimated share of the network's total length: {share:.1%}")
    assert share <= CURRENT_CEILING


def test_estimated_share_target():
    share = _estimated_share()
    print(f"estimated share of the network's total length: {share:.1%} (target {TARGET_SHARE:.0%})")
    assert share <= TARGET_SHARE


def test_every_length_states_its_kind_and_uncertainty():
    edges = _edges()
    estimated_kinds = {"apportioned", "estimate_circuity", "estimate_searoute", "estimate_stated"}
    assert edges.loc[edges["estimated"], "length_source_kind"].isin(estimated_kinds).all()
    assert not edges.loc[~edges["estimated"], "length_source_kind"].isin(estimated_kinds).any()
    assert (edges["uncertainty_km"] >= 0).all()
    # every estimate states a non-zero uncertainty
    assert (edges.loc[edges["estimated"], "uncertainty_km"] > 0).all()
