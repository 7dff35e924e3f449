"""Static figures for papers: regions, mechanisms, crossings and routes with matplotlib.

In the manner of osmnx's ``plot_*`` functions: data in, ``(fig, ax)`` out, an existing ``ax=`` may
be given, and saving is left to ``fig.savefig`` (SVG, PDF, PNG). Every figure is drawn in one
equal-area projection fit for China and Russia together (:data:`FIGURE_CRS`, Albers conic; Chukotka
stays continuous east of 180°), over the offline basemap, with a legend, a scale bar and a line
naming the data sources. Chinese and Russian labels render: a CJK font is found through
matplotlib's font manager (WenQuanYi Micro Hei, Noto Sans CJK, Source Han Sans, ...) and used for
the figure; if none is installed, one :class:`~coophelpers.CoophelpersWarning` says which package
to install, and Chinese labels are left out rather than printed as boxes.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from coophelpers import data as _data
from coophelpers._errors import CoophelpersWarning, InvalidInputError, warn
from coophelpers._names import short_repr
from coophelpers.maps._basemap import BASEMAP_FILE
from coophelpers.maps._drawing import FIGURE_CRS, SEA, draw_basemap, draw_items, frame_view, map_items
from coophelpers.maps.choropleth import K, colour_rows

if TYPE_CHECKING:
    import folium
    import geopandas as gpd
    import matplotlib.axes
    import matplotlib.figure

__all__ = ["FIGURE_CRS", "cjk_font", "plot_crossings", "plot_map", "plot_mechanisms", "plot_regions", "plot_routes"]

#: Fonts with Chinese glyphs, in order of preference.
CJK_FONTS = (
    "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Noto Sans CJK JP",
    "Source Han Sans CN", "Microsoft YaHei", "SimHei", "PingFang SC", "Heiti SC", "Arial Unicode MS",
)
_FIGSIZE = (10.0, 6.5)


@functools.lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The name of an installed font with Chinese glyphs (see :data:`CJK_FONTS`), or None.

    Examples
    --------
    >>> cjk_font() is None or isinstance(cjk_font(), str)
    True
    """
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def _fonts() -> dict[str, Any]:
    """rcParams for the figure: the CJK font first, DejaVu Sans (Latin, Cyrillic) after it."""
    font = cjk_font()
    if font is None:
        warn(
            "No font with Chinese glyphs is installed, so Chinese labels are left out of the figure. "
            "Fix: install one (Debian/Ubuntu: apt-get install fonts-wqy-microhei; or Noto Sans CJK).",
            CoophelpersWarning,
            stacklevel=3,
        )
        return {"font.family": ["DejaVu Sans"]}
    return {"font.family": [font, "DejaVu Sans"]}


def _zh(text: str) -> str:
    """Chinese text, or nothing when no CJK font is installed (never boxes for missing glyphs)."""
    return text if cjk_font() is not None else ""


def _axes(ax: Any) -> tuple[Any, Any]:
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots(figsize=_FIGSIZE)
        return fig, ax
    if not hasattr(ax, "get_figure") or not hasattr(ax, "add_patch"):
        msg = f"ax must be a matplotlib Axes or None, got {type(ax).__name__} {short_repr(ax, 60)}. Fix: pass ax=None for a new figure."
        raise InvalidInputError(msg)
    return ax.get_figure(), ax


def _projected(frame: Any) -> Any:
    return frame.to_crs(FIGURE_CRS)


def _scale_bar(ax: Any) -> None:
    """A bar of a round number of km at the lower right (true on the standard parallels)."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    span_km = (x1 - x0) / 1000
    length = next(v for v in (5000, 2000, 1000, 500, 200, 100, 50, 20, 10) if v <= span_km / 4)
    x, y = x1 - (x1 - x0) * 0.03 - length * 1000, y0 + (y1 - y0) * 0.05
    ax.plot([x, x + length * 1000], [y, y], color="#333333", linewidth=3, solid_capstyle="butt", zorder=5)
    ax.text(x, y + (y1 - y0) * 0.015, f"{length:,} km", fontsize=8, color="#333333", zorder=5)


def _source_line(fig: Any, names: Iterable[str], *, extra: Sequence[str] = ()) -> None:
    records = _data.source_records(*names)
    titles = [r["name"].split(":")[0].split("(")[0].strip() for r in records]
    text = "Sources: " + "; ".join(dict.fromkeys([*titles, *extra])) + ". Albers equal-area projection."
    fig.text(0.01, 0.005, text, fontsize=6.5, color="#555555", ha="left", va="bottom", wrap=True)


def _legend(ax: Any, items: Sequence[tuple[str, str, str]], title: str) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = []
    for label, colour, shape in items:
        if shape == "line":
            handles.append(Line2D([], [], color=colour, linewidth=2, label=label))
        elif shape == "circle":
            handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor=colour, markeredgecolor="#333333", label=label))
        else:
            handles.append(Patch(facecolor=colour, edgecolor="#555555", linewidth=0.5, label=label))
    # lower left: South Asia in this projection, where no China–Russia data lie
    ax.legend(handles=handles, title=title, loc="lower left", fontsize=7.5, title_fontsize=8.5, framealpha=0.9)


def _finish(fig: Any, ax: Any, title: str | None, sources: Iterable[str], extra: Sequence[str] = ()) -> None:
    _scale_bar(ax)
    _source_line(fig, sources, extra=extra)
    if title:
        ax.set_title(title, fontsize=11)


def plot_regions(
    data: gpd.GeoDataFrame | None = None,
    column: str | None = None,
    *,
    ax: matplotlib.axes.Axes | None = None,
    as_of: _dt.date | str | None = None,
    scheme: str | None = None,
    k: int = K,
    cmap: str | None = None,
    missing_color: str = "#d9d9d9",
    title: str | None = None,
) -> tuple[matplotlib.figure.Figure, matplotlib.axes.Axes]:
    """A static map of regions, optionally coloured by one of their columns.

    Parameters
    ----------
    data
        Regions to draw (a frame with the contract of :func:`coophelpers.load_regions`, perhaps
        with your own columns joined); default both countries on ``as_of``.
    column
        Colour the regions by this column, as :func:`coophelpers.add_regions` does (numeric:
        classified by ``scheme`` or a continuous scale; text: categories; missing values counted).
        Default: Chinese units red, Russian subjects blue.
    ax
        Axes to draw on; default a new figure.
    as_of
        Date of the regions when ``data`` is None.
    scheme, k, cmap, missing_color
        As for :func:`coophelpers.add_regions`.
    title
        The figure's title.

    Returns
    -------
    tuple
        ``(fig, ax)``; save with ``fig.savefig("regions.pdf")``.

    Raises
    ------
    InvalidInputError
        ``data`` is not a GeoDataFrame, an unknown column or scheme, or ``ax`` is not an Axes.

    Examples
    --------
    >>> import coophelpers as ch
    >>> fig, ax = ch.plot_regions(ch.load_regions("CN"), "capital_lat", scheme="quantiles", k=4)
    >>> fig.savefig("regions.png", dpi=72)
    """
    import geopandas as gpd
    import matplotlib.pyplot as plt

    from coophelpers.regions import load_regions

    regions = load_regions(as_of=as_of) if data is None else data
    if not isinstance(regions, gpd.GeoDataFrame) or regions.empty:
        msg = f"data must be a non-empty GeoDataFrame of regions, got {short_repr(regions, 60)}. Fix: pass e.g. load_regions('CN')."
        raise InvalidInputError(msg)
    if column is None:
        colours = ["#c0392b" if c == "CN" else "#2c6fbb" for c in regions.get("country", ["RU"] * len(regions))]
        items = [("China: provincial-level units " + _zh("省级行政区"), "#c0392b", "square"),
                 ("Russia: federal subjects · субъекты РФ", "#2c6fbb", "square")]
    else:
        if column not in regions.columns:
            msg = f"column={column!r} is not a column of data. Fix: give one of {list(map(str, regions.columns))[:8]}."
            raise InvalidInputError(msg)
        result = colour_rows(regions[column], column=column, scheme=scheme, k=k, cmap=cmap, missing_color=missing_color)
        colours, items = result.colours, result.legend
    with plt.rc_context(_fonts()):
        fig, ax = _axes(ax)  # after every check: a refused call leaves no open figure
        shapes = _projected(regions)
        bounds = shapes.total_bounds
        draw_basemap(ax, bounds)
        shapes.plot(ax=ax, color=colours, edgecolor="white", linewidth=0.3, zorder=2)
        frame_view(ax, bounds)
        _legend(ax, items, column or "Regions")
        _finish(fig, ax, title, ("regions_web.parquet", "regions.csv", BASEMAP_FILE))
    return fig, ax


def plot_mechanisms(
    mechanism: str | Iterable[str] | None = None,
    *,
    as_of: _dt.date | str | None = None,
    roles: Iterable[str] | str | None = None,
    ax: matplotlib.axes.Axes | None = None,
    title: str | None = None,
) -> tuple[matplotlib.figure.Figure, matplotlib.axes.Axes]:
    """A static map of the cooperation mechanisms' member regions, one colour pair per mechanism.

    Parameters
    ----------
    mechanism
        A mechanism id or name, a list of them, or None for all four.
    as_of
        Date of the membership (default today).
    roles
        Member roles to draw (default :data:`coophelpers.mechanisms.DEFAULT_ROLES`).
    ax
        Axes to draw on; default a new figure.
    title
        The figure's title; default names the date.

    Returns
    -------
    tuple
        ``(fig, ax)``; the legend names each mechanism in English and Chinese.

    Raises
    ------
    UnknownMechanismError
        An unknown mechanism.
    InvalidInputError
        A bad ``as_of``, ``roles`` or ``ax``.

    Examples
    --------
    >>> import coophelpers as ch
    >>> fig, ax = ch.plot_mechanisms(as_of="2024-01-01")
    >>> fig.savefig("mechanisms.pdf")
    """
    import matplotlib.pyplot as plt

    from coophelpers._validate import resolve_as_of
    from coophelpers.maps.themes.mechanisms import COLOURS
    from coophelpers.mechanisms import DEFAULT_ROLES, load_mechanisms, mechanism_members, resolve_mechanisms

    ids = resolve_mechanisms(mechanism)
    date = resolve_as_of(as_of, dataset="mechanisms")
    members = mechanism_members(ids, as_of=date, roles=DEFAULT_ROLES if roles is None else roles)
    names = load_mechanisms().set_index("id")
    with plt.rc_context(_fonts()):
        fig, ax = _axes(ax)
        shapes = _projected(members) if not members.empty else None
        bounds = shapes.total_bounds if shapes is not None else _projected(mechanism_members(as_of=date)).total_bounds
        draw_basemap(ax, bounds)
        items = []
        for mech in ids:
            cn_colour, ru_colour = COLOURS.get(mech, ("#7f7f7f", "#404040"))
            label = f"{names.loc[mech, 'short_name_en']} {_zh(names.loc[mech, 'short_name_zh'])}".strip()
            items += [(f"{label}: China", cn_colour, "square"), (f"{label}: Russia", ru_colour, "square")]
            if shapes is None:
                continue
            part = shapes[shapes["mechanism"] == mech]
            for side, colour in (("CN", cn_colour), ("RU", ru_colour)):
                side_part = part[part["side"] == side]
                if not side_part.empty:
                    side_part.plot(ax=ax, color=colour, alpha=0.75, edgecolor="white", linewidth=0.3, zorder=2)
        frame_view(ax, bounds)
        _legend(ax, items, "Cooperation mechanisms · 合作机制" if cjk_font() else "Cooperation mechanisms")
        _finish(fig, ax, title or f"China–Russia regional cooperation mechanisms, {date.isoformat()}",
                ("mechanisms.csv", "mechanism_membership.csv", "regions_web.parquet", BASEMAP_FILE))
    return fig, ax


def plot_crossings(
    *,
    status: str | Iterable[str] | None = "operating",
    modes: str | Iterable[str] | None = None,
    as_of: _dt.date | str | None = None,
    ax: matplotlib.axes.Axes | None = None,
    title: str | None = None,
) -> tuple[matplotlib.figure.Figure, matplotlib.axes.Axes]:
    """A static map of the China–Russia border crossings by mode, with the border line.

    Parameters
    ----------
    status, modes, as_of
        As for :func:`coophelpers.load_crossings`; default the crossings operating today.
    ax
        Axes to draw on; default a new figure.
    title
        The figure's title.

    Returns
    -------
    tuple
        ``(fig, ax)``.

    Raises
    ------
    InvalidInputError
        A bad ``status``, ``modes``, ``as_of`` or ``ax``.

    Examples
    --------
    >>> import coophelpers as ch
    >>> fig, ax = ch.plot_crossings(as_of="2024-01-01")
    >>> fig.savefig("crossings.svg")
    """
    import matplotlib.pyplot as plt

    from coophelpers.border import border_line
    from coophelpers.crossings import CROSSING_MODES, load_crossings
    from coophelpers.maps.themes.crossings import BORDER_COLOUR, MODE_COLOURS, MODE_LABELS

    crossings = _projected(load_crossings(status=status, modes=modes, as_of=as_of))
    border = _projected(border_line())
    with plt.rc_context(_fonts()):
        fig, ax = _axes(ax)
        bounds = border.total_bounds
        draw_basemap(ax, bounds)
        border.plot(ax=ax, color=BORDER_COLOUR, linewidth=1.2, zorder=2)
        present = [m for m in CROSSING_MODES if m in set(crossings["mode"])]
        for mode in present:
            part = crossings[crossings["mode"] == mode]
            part.plot(ax=ax, color=MODE_COLOURS[mode], markersize=28, edgecolor="#222222", linewidth=0.5, zorder=3)
        frame_view(ax, bounds, margin=0.08)
        items = [(MODE_LABELS[m], MODE_COLOURS[m], "circle") for m in present]
        items.append(("Border line (derived) · 边界 · граница" if cjk_font() else "Border line (derived) · граница",
                      BORDER_COLOUR, "line"))
        _legend(ax, items, "Border crossings")
        _finish(fig, ax, title, ("crossings.csv", "regions_full.parquet", BASEMAP_FILE))
    return fig, ax


def plot_routes(
    routes: Any,
    *,
    ax: matplotlib.axes.Axes | None = None,
    title: str | None = None,
) -> tuple[matplotlib.figure.Figure, matplotlib.axes.Axes]:
    """A static map of land and sea routes, one colour per route.

    Parameters
    ----------
    routes
        A :class:`coophelpers.Route` or sea route, a sequence of them, or a mapping
        ``{label: route}``, as for :func:`coophelpers.route_map`.
    ax
        Axes to draw on; default a new figure.
    title
        The figure's title.

    Returns
    -------
    tuple
        ``(fig, ax)``; the legend gives each route's length.

    Raises
    ------
    InvalidInputError
        ``routes`` holds something that is not a route, or ``ax`` is not an Axes.

    Examples
    --------
    >>> import coophelpers as ch
    >>> fig, ax = ch.plot_routes({"Harbin – Moscow": ch.route("Harbin", "Moscow", as_of="2024-01-01")})
    """
    import geopandas as gpd
    import matplotlib.pyplot as plt

    from coophelpers.maps.themes.routes import ROUTE_COLOURS, route_items
    from coophelpers.network import Route

    items = route_items(routes)
    lines = gpd.GeoSeries([r.geometry for _, r in items], crs="EPSG:4326").to_crs(FIGURE_CRS)
    with plt.rc_context(_fonts()):
        fig, ax = _axes(ax)
        bounds = lines.total_bounds
        draw_basemap(ax, bounds)
        legend = []
        for k, ((label, rt), line) in enumerate(zip(items, lines)):
            colour = ROUTE_COLOURS[k % len(ROUTE_COLOURS)]
            gpd.GeoSeries([line], crs=FIGURE_CRS).plot(ax=ax, color=colour, linewidth=2, zorder=3)
            legend.append((f"{label}: {rt.length_km:,.0f} km", colour, "line"))
        frame_view(ax, bounds, margin=0.1)
        _legend(ax, legend, "Routes")
        sources = ["network_edges.csv", "network_nodes.csv"] if any(isinstance(r, Route) for _, r in items) else []
        sources += ["ports.csv", "searoute"] if any(not isinstance(r, Route) for _, r in items) else []
        _finish(fig, ax, title, (*sources, BASEMAP_FILE))
    return fig, ax


def plot_map(
    m: folium.Map, *, ax: matplotlib.axes.Axes | None = None, title: str | None = None
) -> tuple[matplotlib.figure.Figure, matplotlib.axes.Axes]:
    """A static figure of a folium map's shapes: what it shows when it opens, on the offline basemap.

    Draws the regions, lines and points of a map made with :func:`coophelpers.base_map` and
    :func:`coophelpers.add_regions` (or any folium ``CircleMarker``/``PolyLine``), in their
    colours, framed like the interactive map, in the equal-area :data:`FIGURE_CRS`. Layers
    that start hidden are left out. Legends and tooltips are not drawn.

    Parameters
    ----------
    m
        The map.
    ax
        Axes to draw on; default a new figure.
    title
        The figure's title.

    Returns
    -------
    tuple
        ``(fig, ax)``.

    Raises
    ------
    InvalidInputError
        ``m`` is not a folium map, it has no shapes to draw, or ``ax`` is not an Axes.

    Examples
    --------
    >>> import coophelpers as ch
    >>> m = ch.base_map(basemap=False)
    >>> _ = ch.add_regions(m, ch.load_regions("CN"), name="China")
    >>> fig, ax = ch.plot_map(m, title="China")
    """
    import matplotlib.pyplot as plt

    items, bounds = map_items(m)
    if bounds is None:
        msg = "m has no shapes to draw (no regions, lines or points shown when it opens). Fix: add some, e.g. add_regions(m, gdf, name=...)."
        raise InvalidInputError(msg)
    with plt.rc_context(_fonts()):
        fig, ax = _axes(ax)
        draw_basemap(ax, bounds)
        draw_items(ax, items)
        frame_view(ax, bounds, margin=0.03)
        if title:
            ax.set_title(title, fontsize=11)
    return fig, ax
