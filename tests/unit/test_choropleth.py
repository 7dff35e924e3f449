"""Choropleths in one call, and the maps and plots a researcher makes the ordinary geopandas way.

``add_regions(m, gdf, column=...)`` colours a researcher's own indicator: classified by a
mapclassify scheme, on a continuous scale, or one colour per category; rows without a value are
drawn in ``missing_color`` and counted in the legend, never dropped. ``GeoDataFrame.explore`` and
``GeoDataFrame.plot`` work in the project's environment (matplotlib and mapclassify are
dependencies).
"""

from __future__ import annotations

import re

import numpy as np
import pytest

import coophelpers as ch
from coophelpers import InvalidInputError
from coophelpers.maps.choropleth import SCHEMES, colour_rows


@pytest.fixture(scope="module")
def regions():
    frame = ch.load_regions()
    frame["indicator"] = np.where(frame["country"] == "CN", frame["capital_lat"] * 1e6, np.nan)
    return frame


def _legend(m) -> str:
    return m.get_root().render()


def test_classified_choropleth_colours_every_row_and_counts_the_missing(regions):
    result = colour_rows(regions["indicator"], column="indicator", scheme="quantiles", k=4, cmap=None,
                         missing_color="#d9d9d9")
    assert len(result.colours) == len(regions)
    cn = regions["country"].eq("CN").to_numpy()
    assert {result.colours[i] for i in np.flatnonzero(~cn)} == {"#d9d9d9"}
    assert len({result.colours[i] for i in np.flatnonzero(cn)}) == 4
    counts = [int(re.search(r"\((\d+)\)$", label).group(1)) for label, _, _ in result.legend]
    assert counts[:4] == [8, 8, 7, 8] and sum(counts[:4]) == cn.sum()  # quartiles of 31 units
    assert result.legend[-1][0] == f"Missing ({(~cn).sum()})"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_scheme_classifies(regions, scheme):
    result = colour_rows(regions["capital_lat"], column="capital_lat", scheme=scheme, k=5, cmap="Blues",
                         missing_color="#eeeeee")
    assert len(result.colours) == len(regions) and "#eeeeee" not in result.colours
    assert 1 <= len(result.legend) <= 12


def test_continuous_and_categorical(regions):
    scale = colour_rows(regions["capital_lat"], column="capital_lat", scheme=None, k=5, cmap="viridis",
                        missing_color="#eeeeee")
    assert len(set(scale.colours)) > 50 and len(scale.legend) == 5
    cats = colour_rows(regions["macro_region_en"], column="macro_region_en", scheme=None, k=5, cmap=None,
                       missing_color="#eeeeee")
    assert len(set(cats.colours)) == regions["macro_region_en"].nunique() == len(cats.legend)


def test_add_regions_with_a_column_saves_offline_with_its_legend(regions, tmp_path):
    m = ch.base_map(basemap=False)
    ch.add_regions(m, regions, name="Indicator", column="indicator", scheme="natural_breaks", k=3,
                   tooltip_fields=["name_en", "indicator"])
    page = ch.save_map(m, tmp_path / "choropleth.html").read_text(encoding="utf-8")
    assert "Missing (83)" in page and "indicator" in page
    assert "d3.min.js" not in page and "jquery" not in page.lower()


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"column": "indicatr"}, "Did you mean 'indicator'"),
        ({"column": "indicator", "scheme": "quantile"}, "Did you mean 'quantiles'"),
        ({"column": "indicator", "cmap": "Redz"}, "Did you mean 'Reds'"),
        ({"column": "indicator", "k": 0}, "k must be at least 1"),
        ({"column": "indicator", "missing_color": "greyish"}, "missing_color='greyish'"),
        ({"column": "macro_region_en", "scheme": "quantiles"}, "holds text"),
        ({"column": "name_en"}, "categories; a legend shows at most 20"),
        ({"column": "indicator", "legend": "yes"}, "legend must be True or False"),
    ],
)
def test_bad_choropleth_arguments_name_the_fix(regions, kwargs, match):
    with pytest.raises(InvalidInputError, match=match):
        ch.add_regions(ch.base_map(basemap=False), regions, name="x", **kwargs)


def test_explore_and_plot_work_in_the_project_environment(regions):
    import folium
    import matplotlib

    matplotlib.use("Agg")
    assert isinstance(regions.explore(column="capital_lat", legend=True), folium.Map)
    assert isinstance(regions.explore(column="macro_region_en", legend=True), folium.Map)
    assert isinstance(regions.explore(column="capital_lat", scheme="quantiles", k=4, legend=True), folium.Map)
    ax = regions.plot(column="capital_lat", legend=True)
    assert len(ax.collections) >= 1
    matplotlib.pyplot.close("all")
