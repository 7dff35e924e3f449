"""Static figures for papers: (fig, ax) in an equal-area projection, with Chinese labels that render.

Missing glyphs would make matplotlib warn ("Glyph ... missing from font"); the test command turns
every warning into an error, so saving with no warning shows that Chinese labels render. Without a
CJK font the figure says so once and leaves the Chinese out instead of printing boxes.
"""

from __future__ import annotations

import re

import matplotlib
import pytest

import coophelpers as ch
from coophelpers import CoophelpersWarning, InvalidInputError
from coophelpers.maps import figures

matplotlib.use("Agg")
AS_OF = "2024-01-01"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    matplotlib.pyplot.close("all")


def _texts(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


def test_plot_mechanisms_saves_png_and_pdf_with_chinese_labels(tmp_path):
    assert figures.cjk_font() is not None, "the test environment installs fonts-wqy-microhei"
    fig, ax = ch.plot_mechanisms(as_of=AS_OF)
    labels = _texts(ax)
    assert any("东北—远东" in t for t in labels) and len(labels) == 8
    fig.savefig(tmp_path / "mechanisms.png", dpi=80)  # no missing-glyph warning (warnings are errors)
    fig.savefig(tmp_path / "mechanisms.pdf")
    assert (tmp_path / "mechanisms.png").stat().st_size > 20_000 and (tmp_path / "mechanisms.pdf").stat().st_size > 20_000
    assert "Sources:" in " ".join(t.get_text() for t in fig.texts)


def test_every_figure_draws_its_data_in_the_equal_area_projection():
    route = ch.route("Harbin", "Moscow", as_of=AS_OF)
    for fig, ax in (
        ch.plot_regions(),
        ch.plot_regions(ch.load_regions("CN"), "capital_lat", scheme="quantiles", k=4),
        ch.plot_crossings(as_of=AS_OF),
        ch.plot_routes({"Harbin – Moscow": route, "NSR": ch.sea_route("shanghai", "murmansk", via="nsr")}),
    ):
        x0, x1 = ax.get_xlim()
        assert x1 - x0 > 1_000_000  # metres of the Albers projection, not degrees
        assert len(ax.collections) + len(ax.lines) > 2 and ax.get_legend() is not None
        assert ax.get_xlabel() == ""


def test_chukotka_stays_continuous_in_figures():
    fig, ax = ch.plot_regions(ch.load_regions("RU"))
    x0, x1 = ax.get_xlim()
    assert x1 - x0 < 12_000_000  # Russia is not split across the whole figure at 180°


def test_a_given_axes_is_used_and_a_wrong_one_refused():
    fig, ax = matplotlib.pyplot.subplots()
    out_fig, out_ax = ch.plot_crossings(ax=ax, as_of=AS_OF)
    assert out_ax is ax and out_fig is fig
    with pytest.raises(InvalidInputError, match="ax must be a matplotlib Axes"):
        ch.plot_regions(ax="axes")
    with pytest.raises(InvalidInputError, match="column='gdp' is not a column"):
        ch.plot_regions(ch.load_regions("CN"), "gdp")


def test_without_a_cjk_font_one_warning_and_no_boxes(monkeypatch, tmp_path):
    monkeypatch.setattr(figures, "cjk_font", lambda: None)
    with pytest.warns(CoophelpersWarning, match="fonts-wqy-microhei"):
        fig, ax = ch.plot_mechanisms("northeast-fareast", as_of=AS_OF)
    assert not any(CJK.search(t) for t in _texts(ax))
    fig.savefig(tmp_path / "latin-only.png", dpi=60)


def _own_map():
    """A researcher's map: regions coloured by a column, a hidden layer, a circle and a line."""
    import folium

    m = ch.base_map()
    regions = ch.load_regions("CN", as_of=AS_OF)
    ch.add_regions(m, regions, name="China", column="capital_lat", scheme="quantiles", k=4)
    hidden = folium.FeatureGroup(name="Hidden", show=False).add_to(m)
    folium.CircleMarker([0, 0], radius=3).add_to(hidden)  # would widen the frame to the equator
    folium.CircleMarker([45.75, 126.63], radius=4, color="#ff0000").add_to(m)
    folium.PolyLine([[45.75, 126.63], [43.1, 131.9]], color="#00aa00").add_to(m)
    return m, regions


def test_plot_map_draws_what_the_map_shows_in_its_colours():
    m, regions = _own_map()
    fig, ax = ch.plot_map(m, title="Own map")
    faces = {tuple(round(v, 3) for v in c[:3]) for coll in ax.collections for c in coll.get_facecolors()}
    colours = {tuple(round(v, 3) for v in matplotlib.colors.to_rgb(c)) for c in ("#ff0000",)}
    assert colours <= faces  # the circle marker in its colour
    edges = {tuple(round(v, 3) for v in c[:3]) for coll in ax.collections for c in coll.get_edgecolors()}
    assert tuple(round(v, 3) for v in matplotlib.colors.to_rgb("#00aa00")) in edges  # the line
    x0, x1 = ax.get_xlim()
    assert x1 - x0 < 8_000_000  # framed on China, not widened to the hidden point at 0°, 0°
    assert ax.get_title() == "Own map"


def test_the_preview_of_a_saved_map_is_a_small_reproducible_png(tmp_path):
    import base64
    import io

    from PIL import Image

    m, _ = _own_map()
    page = ch.save_map(m, tmp_path / "a.html").read_text("utf-8")
    uri = re.search(r'<img id="coophelpers-preview" src="(data:image/png;base64,[^"]+)"', page).group(1)
    image = Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))
    assert image.width == 320 and 150 <= image.height <= 320
    assert len(uri) < 60_000
    again = ch.save_map(m, tmp_path / "b.html").read_bytes()
    assert again == (tmp_path / "a.html").read_bytes()
