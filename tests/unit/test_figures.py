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
