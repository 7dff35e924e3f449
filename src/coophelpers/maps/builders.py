"""Build maps: an offline base map, layers of shapes with trilingual tooltips, legends.

The builders take data in and return or add to a ``folium.Map`` (as geopandas' ``explore(m=)``
does): :func:`base_map` starts a map with an offline basemap of countries and coastlines,
:func:`add_regions` draws any GeoDataFrame as a switchable layer, :func:`add_legend` adds a
legend and :func:`coophelpers.add_source` records a data source for the provenance box.
Russia crosses 180°: geometry and bounds use longitudes up to ~190° east, so Chukotka is one
shape and the map does not zoom out to the whole world.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import folium
import numpy as np

from coophelpers._errors import InvalidInputError
from coophelpers._names import short_repr, suggest
from coophelpers._validate import check_bool, check_bounds, check_choice, check_colour, check_number
from coophelpers.maps._basemap import add_basemap
from coophelpers.maps._elements import EncodedGeoJson, HtmlControl, check_map
from coophelpers.maps._provenance import add_source, add_sources
from coophelpers.maps._text import esc, tooltip_html
from coophelpers.maps.choropleth import K, colour_rows
from coophelpers.maps.display import OfflineMap

if TYPE_CHECKING:
    import geopandas

__all__ = ["DEFAULT_BOUNDS", "LEGEND_SHAPES", "add_legend", "add_regions", "base_map", "ensure_layer_control"]

#: Default view: China and Russia, ((south, west), (north, east)); east of 180° for Chukotka.
DEFAULT_BOUNDS = ((17.0, 19.0), (78.0, 191.0))
#: Legend symbol shapes accepted by :func:`add_legend`.
LEGEND_SHAPES = ("square", "circle", "line", "dashed")
OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)


def base_map(
    *,
    bounds: Any = None,
    tiles: bool = True,
    basemap: bool = True,
    title: str | None = None,
) -> folium.Map:
    """Return an offline folium map of China, Russia and their neighbours.

    Parameters
    ----------
    bounds
        Area to show: ``[[south, west], [north, east]]`` in degrees (longitudes up to 360 are
        allowed, so ``[[40, 120], [72, 191]]`` shows the Far East with Chukotka), or a
        GeoDataFrame/GeoSeries whose extent is used. Default :data:`DEFAULT_BOUNDS`.
    tiles
        Add OpenStreetMap tiles as an optional layer in the layer control, off by default (it
        needs the network; offline it simply stays blank).
    basemap
        Draw the offline basemap of countries and coastlines (Natural Earth, public domain).
    title
        Title shown in the provenance box and used as the page title by :func:`save_map`.

    Returns
    -------
    folium.Map
        A map that displays offline in notebooks and that :func:`save_map` writes as one
        self-contained HTML file. A layer control is added when the map is saved.

    Raises
    ------
    InvalidInputError
        Bad ``bounds`` (not ``[[south, west], [north, east]]`` in degrees, nor a GeoDataFrame), a flag
        that is not True or False, or a ``title`` that is not text.
    DataIntegrityError
        The curated basemap file is missing or damaged (only with ``basemap=True``).

    Examples
    --------
    >>> import coophelpers as ch
    >>> m = ch.base_map(bounds=[[40, 120], [72, 191]], title="The Russian Far East")
    >>> page = ch.save_map(m, "far-east.html").read_text(encoding="utf-8")
    >>> "<title>The Russian Far East</title>" in page, "Basemap: Natural Earth (public domain)" in page
    (True, True)
    """
    from branca.element import Element

    (south, west), (north, east) = check_bounds(DEFAULT_BOUNDS if bounds is None else bounds)
    check_bool(tiles, param="tiles")
    check_bool(basemap, param="basemap")
    if title is not None and not isinstance(title, str):
        msg = f"title={title!r} is not text. Fix: pass a string or None."
        raise InvalidInputError(msg)
    m = OfflineMap(
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=3,
        tiles=None,
        control_scale=True,
        world_copy_jump=False,
        min_zoom=2,
    )
    m._coophelpers_auto_control = True
    m._coophelpers_title = title
    m.get_root().header.add_child(
        Element(
            "<style>div.folium-map.leaflet-container { background: #dbe7ef; }</style>"
        ),
        name="coophelpers_sea",
    )
    if tiles:
        folium.TileLayer(
            tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            attr=OSM_ATTRIBUTION,
            name="OpenStreetMap tiles (online only)",
            overlay=True,
            show=False,
            control=True,
            max_zoom=19,
        ).add_to(m)
    if basemap:
        add_basemap(m)
    m.fit_bounds([[south, west], [north, east]])
    return m


def _style_column(gdf: Any, value: Any, *, param: str) -> tuple[str | None, list[str] | None]:
    """A colour for every row (column name) or one colour for all."""
    if _column_problem(gdf, value, param=param) is None and not isinstance(value, bool):  # a column, as given
        colours = [check_colour(v, param=f"{param} column {value!r}") for v in gdf[value]]
        return None, colours
    try:
        return check_colour(value, param=param), None
    except InvalidInputError as err:
        if not isinstance(value, str):
            raise
        by_text = {str(c): c for c in gdf.columns if c != gdf.geometry.name}
        near = suggest(value, list(by_text))
        hint = f" Did you mean the column {by_text[near[0]]!r}?" if near else ""
        msg = (
            f"{param}={value!r} is neither a column of gdf nor a colour.{hint} Fix: pass a column "
            f"holding one colour per row, or a colour such as '#1f77b4' or 'steelblue'."
        )
        raise InvalidInputError(msg) from err


def _in_degrees(gdf: Any) -> Any:
    """``gdf`` ready to draw: EPSG:4326, valid shapes, finite coordinates, continuous across 180°.

    A frame in another CRS is converted, and the parts that the conversion put just west of
    -180° (Chukotka, the Bering Strait) are moved back east of 180° when the frame also reaches
    east of 150°. Invalid shapes (self-intersections) are repaired with ``shapely.make_valid``.
    A frame without a CRS must already be in degrees.
    """
    import shapely

    if gdf.crs is None and not gdf.empty:
        west, south, east, north = (float(v) for v in gdf.total_bounds)
        if all(math.isfinite(v) for v in (west, south, east, north)) and not (
            -180 <= west and east <= 360 and -90 <= south and north <= 90
        ):
            msg = (
                f"gdf has no CRS and its coordinates ({west:.0f}, {south:.0f}, {east:.0f}, "
                f"{north:.0f}) are not degrees. Fix: set its CRS, e.g. gdf.set_crs('EPSG:3857'), "
                "and it will be converted."
            )
            raise InvalidInputError(msg)
    geoms = gdf.geometry.values
    coords, row_of = shapely.get_coordinates(geoms, return_index=True)
    finite = np.isfinite(coords).all(axis=1)
    if not finite.all():
        bad = int(np.flatnonzero(~finite)[0])
        rows = sorted({int(r) for r in row_of[~finite]})
        msg = (
            f"gdf has shapes with missing or infinite coordinates (rows {rows[:5]}; coordinate {bad}). "
            "Fix: drop or repair those rows first, e.g. gdf[gdf.geometry.is_valid]."
        )
        raise InvalidInputError(msg)
    converted = gdf.crs is not None and not gdf.crs.equals("EPSG:4326")
    if converted:
        gdf = gdf.to_crs("EPSG:4326")
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    if converted and len(geoms) and float(np.nanmax(shapely.bounds(geoms)[:, 2])) > 150:
        geoms = np.array([_east_of_180(g) for g in geoms], dtype=object)
    invalid = ~shapely.is_valid(geoms) & ~shapely.is_missing(geoms)
    if invalid.any():  # self-intersections in the data, or made by the conversion: repaired
        geoms[invalid] = shapely.make_valid(geoms[invalid])
    if converted or invalid.any():
        gdf = gdf.set_geometry(list(geoms), crs="EPSG:4326")
    return gdf


def _east_of_180(geom: Any) -> Any:
    """Move the vertices of ``geom`` west of -150° by +360°, so the far east stays continuous.

    A conversion back to degrees puts Chukotka's vertices east of 180° at -180..-170, splitting
    its rings across the whole map; drawn east of 180° instead, as the package's own data are.
    """
    import shapely

    if geom is None or geom.is_empty:
        return geom

    def shift(xy: Any) -> Any:
        out = xy.copy()
        out[out[:, 0] < -150.0, 0] += 360.0
        return out

    return shapely.transform(geom, shift)


def _column_problem(gdf: Any, key: Any, *, param: str) -> str | None:
    """Why ``key`` names no column of ``gdf`` (None when it does), with the fix.

    Column names are matched as given, so a frame whose columns are numbers (``0``, ``1``, as
    ``pd.DataFrame(rows)`` makes them) takes ``0``, not ``'0'``.
    """
    try:
        if key in gdf.columns:
            return None
    except TypeError:  # unhashable: a list inside the list
        return f"{param} holds {key!r:.60}, which cannot be a column name. Fix: pass column names, e.g. ['name_en']."
    same_text = [c for c in gdf.columns if str(c) == str(key)]
    if same_text:
        column = same_text[0]
        return (
            f"{param} names the column {key!r} ({type(key).__name__}), but gdf's column is {column!r} "
            f"({type(column).__name__}). Fix: pass {column!r} as it is, or rename the columns to text "
            "with gdf.rename(columns=str)."
        )
    geometry = getattr(gdf.geometry, "name", "geometry")
    near = suggest(str(key), [str(c) for c in gdf.columns if c != geometry])
    by_text = {str(c): c for c in gdf.columns}
    hint = f" Did you mean {by_text[near[0]]!r}?" if near else ""
    return (
        f"{param} names {key!r}, which is not a column of gdf.{hint} "
        f"Fix: choose from {', '.join(repr(c) for c in gdf.columns if c != geometry)}."
    )


def _tooltip_labels(gdf: Any, tooltip_fields: Any) -> dict[Any, str]:
    """``{column: label}`` from ``tooltip_fields`` (None, a column, a list or a mapping), checked.

    Columns are matched as given (an int column name is given as an int).
    """
    if tooltip_fields is not None and not isinstance(tooltip_fields, (str, Mapping, Sequence)):
        msg = (
            f"tooltip_fields={tooltip_fields!r:.80} is not a list of columns. Fix: pass e.g. "
            "['name_en'] or {'name_en': 'English', 'name_zh': '中文'}."
        )
        raise InvalidInputError(msg)
    if tooltip_fields is None:
        columns: list[Any] = []
        labels_given: list[Any] = []
    elif isinstance(tooltip_fields, Mapping):
        columns, labels_given = list(tooltip_fields), list(tooltip_fields.values())
    elif isinstance(tooltip_fields, str):
        columns = labels_given = [tooltip_fields]
    else:
        columns = labels_given = list(tooltip_fields)
    for key in columns:
        problem = _column_problem(gdf, key, param="tooltip_fields")
        if problem:
            raise InvalidInputError(problem)
    return {key: str(label) for key, label in zip(columns, labels_given)}


def _choropleth(m: Any, gdf: Any, column: Any, *, legend: Any, **options: Any) -> list[str]:
    """One fill colour per row from ``column`` (see :mod:`coophelpers.maps.choropleth`), and its legend."""
    problem = _column_problem(gdf, column, param="column")
    if problem:
        raise InvalidInputError(problem)
    check_bool(legend, param="legend")
    classified = colour_rows(gdf[column], column=column, **options)
    if legend and classified.legend:
        add_legend(m, column, classified.legend)
    return classified.colours


def add_regions(
    m: folium.Map,
    gdf: geopandas.GeoDataFrame,
    *,
    name: str,
    fill_color: str = "#4c78a8",
    color: str = "#4d4d4d",
    weight: float = 1.0,
    fill_opacity: float = 0.5,
    dash_array: str | None = None,
    tooltip_fields: Sequence[str] | Mapping[str, str] | None = None,
    show: bool = True,
    column: str | None = None,
    scheme: str | None = None,
    k: int = K,
    cmap: str | None = None,
    legend: bool = True,
    missing_color: str = "#d9d9d9",
) -> folium.FeatureGroup:
    """Draw the shapes of a GeoDataFrame as a switchable layer with escaped tooltips.

    Parameters
    ----------
    m
        The map (e.g. from :func:`base_map`).
    gdf
        Shapes to draw; reprojected to EPSG:4326 if it has another CRS. Longitudes above 180
        (Russia's far east) are kept. If ``gdf.attrs["sources"]`` holds source dicts (see
        :func:`add_source`), they are added to the map's provenance.
    name
        Layer name in the layer control (shown as text).
    fill_color, color
        A CSS colour for all shapes, or the name of a column holding one colour per row.
    weight, fill_opacity, dash_array
        Outline width in pixels, fill opacity 0..1, and an SVG dash pattern such as ``"4 4"``.
    tooltip_fields
        Columns shown in the hover tooltip: a list of column names (labels = names) or a
        mapping ``{column: label}``, e.g. ``{"name_en": "English", "name_zh": "中文",
        "name_ru": "Русский"}``. Values and labels are HTML-escaped. None: no tooltip.
    show
        Whether the layer is on when the map opens.
    column
        Colour the shapes by this column (a choropleth), e.g. a statistic joined to the regions:
        a numeric column on a continuous scale or classified by ``scheme``; a text column with one
        colour per category. ``fill_color`` is then not used. Rows without a value are drawn in
        ``missing_color`` and counted in the legend.
    scheme
        A mapclassify scheme for a numeric ``column``: one of ``"quantiles"``,
        ``"equal_interval"``, ``"natural_breaks"``, ``"fisher_jenks"``, ... (see
        :data:`coophelpers.maps.choropleth.SCHEMES`); None (default): a continuous colour scale.
    k
        Number of classes of ``scheme`` (default 5).
    cmap
        A matplotlib colour map name; default ``"YlOrRd"`` for numbers, ``"tab10"`` for categories.
    legend
        Add a legend of the colours (it works offline). Default True.
    missing_color
        The colour of rows without a value in ``column``.

    Returns
    -------
    folium.FeatureGroup
        The layer, already added to ``m``.

    Raises
    ------
    InvalidInputError
        ``m`` is not a folium map, ``gdf`` is not a GeoDataFrame (or has no CRS and is not in degrees),
        ``name`` is empty, a colour is neither a CSS colour nor a column, a tooltip field is not a
        column, a style value is out of range, or ``gdf.attrs["sources"]`` holds a malformed source.

    Examples
    --------
    >>> import coophelpers as ch
    >>> m = ch.base_map(basemap=False)
    >>> layer = ch.add_regions(m, ch.load_regions("CN"), name="Chinese provinces",
    ...                        tooltip_fields={"name_en": "English", "name_zh": "中文"})
    >>> page = ch.save_map(m, "provinces.html").read_text(encoding="utf-8")
    >>> layer.layer_name, "Chinese provinces" in page, "中文" in page   # layer control and tooltips
    ('Chinese provinces', True, True)
    """
    import geopandas as gpd

    check_map(m, optional=False)
    if not isinstance(gdf, gpd.GeoDataFrame):
        msg = (
            f"gdf must be a GeoDataFrame, got {type(gdf).__name__} {short_repr(gdf, 60)}. "
            "Fix: pass e.g. coophelpers.load_regions('CN')."
        )
        raise InvalidInputError(msg)
    if not isinstance(name, str) or not name.strip():
        msg = f"name={name!r} is not a layer name. Fix: pass a non-empty string."
        raise InvalidInputError(msg)
    check_bool(show, param="show")
    gdf = _in_degrees(gdf)
    labels = _tooltip_labels(gdf, tooltip_fields)
    if column is not None:
        fill, fills = None, _choropleth(m, gdf, column, scheme=scheme, k=k, cmap=cmap, legend=legend,
                                         missing_color=missing_color)
    else:
        fill, fills = _style_column(gdf, fill_color, param="fill_color")
    line, lines = _style_column(gdf, color, param="color")
    weight = check_number(weight, param="weight", low=0, high=50)
    fill_opacity = check_number(fill_opacity, param="fill_opacity", low=0, high=1)
    if dash_array is not None and (
        not isinstance(dash_array, str) or not re.fullmatch(r"[0-9., ]{1,40}", dash_array)
    ):
        msg = f"dash_array={dash_array!r} is not a dash pattern. Fix: pass e.g. '4 4' or None."
        raise InvalidInputError(msg)
    style: dict[str, Any] = {"weight": weight, "fillOpacity": fill_opacity}
    if fill is not None:
        style["fillColor"] = fill
    if line is not None:
        style["color"] = line
    if dash_array:
        style["dashArray"] = dash_array
    props: list[dict[str, Any]] = []
    records = gdf[list(labels)].to_dict("records") if labels else [{}] * len(gdf)
    for i, record in enumerate(records):
        prop: dict[str, Any] = {}
        if labels:
            prop["t"] = tooltip_html([(labels[c], record[c]) for c in labels])
        if fills is not None:
            prop["f"] = fills[i]
        if lines is not None:
            prop["c"] = lines[i]
        props.append(prop)
    group = folium.FeatureGroup(name=esc(name), overlay=True, show=bool(show))
    EncodedGeoJson(
        list(gdf.geometry.values),
        props,
        style=style,
        highlight=(weight + 1.5) if labels else None,
    ).add_to(group)
    group.add_to(m)
    add_sources(m, gdf.attrs.get("sources"), param="gdf.attrs['sources']")
    return group


def _swatch(colour: str, shape: str) -> str:
    c = esc(colour)
    if shape == "square":
        body = f'<rect x="2" y="2" width="14" height="14" fill="{c}" stroke="#555" stroke-width="0.5"/>'
    elif shape == "circle":
        body = f'<circle cx="9" cy="9" r="6" fill="{c}" stroke="#555" stroke-width="0.5"/>'
    elif shape == "line":
        body = f'<line x1="1" y1="9" x2="17" y2="9" stroke="{c}" stroke-width="3"/>'
    else:
        body = (
            f'<line x1="1" y1="9" x2="17" y2="9" stroke="{c}" stroke-width="3" '
            'stroke-dasharray="4 3"/>'
        )
    return f'<svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">{body}</svg>'


def add_legend(
    m: folium.Map,
    title: str,
    items: Sequence[tuple[str, str, str]],
    *,
    position: str = "bottomright",
) -> None:
    """Add a legend box to the map.

    Parameters
    ----------
    m
        The map.
    title
        Legend heading (shown as text).
    items
        ``[(label, colour, shape), ...]`` with ``shape`` one of :data:`LEGEND_SHAPES`
        (``"square"``, ``"circle"``, ``"line"``, ``"dashed"``). Labels are shown as text.
    position
        Map corner: ``"topleft"``, ``"topright"``, ``"bottomleft"`` or ``"bottomright"``.

    Returns
    -------
    None
        The legend is added to ``m``.

    Raises
    ------
    InvalidInputError
        ``m`` is not a folium map, an unknown ``position``, or ``items`` is not a non-empty list of
        ``(label, colour, shape)`` with CSS colours and shapes from :data:`LEGEND_SHAPES`.

    Examples
    --------
    >>> import coophelpers as ch
    >>> m = ch.base_map(basemap=False)
    >>> ch.add_legend(m, "Mechanisms", [("Northeast–Far East", "#d62728", "square"),
    ...                                 ("Border crossing", "green", "circle")])
    >>> "Border crossing" in ch.save_map(m, "legend.html").read_text(encoding="utf-8")
    True
    """
    check_map(m, optional=False)
    position = check_choice(
        position, ("topleft", "topright", "bottomleft", "bottomright"), param="position"
    )
    if isinstance(items, (str, bytes)) or not isinstance(items, Sequence) or not items:
        msg = (
            f"items={items!r:.80} is not a list of (label, colour, shape). Fix: pass e.g. "
            "[('Mechanism members', '#d62728', 'square')]."
        )
        raise InvalidInputError(msg)
    rows = []
    for item in items:
        if isinstance(item, (str, bytes)) or not isinstance(item, Sequence) or len(item) != 3:
            msg = (
                f"items contains {item!r:.80}, not a (label, colour, shape) triple. "
                "Fix: e.g. ('Border crossing', '#2ca02c', 'circle')."
            )
            raise InvalidInputError(msg)
        label, colour, shape = item
        colour = check_colour(colour, param="colour")
        shape = check_choice(shape, LEGEND_SHAPES, param="shape")
        rows.append(f"<div>{_swatch(colour, shape)}{esc(label)}</div>")
    content = f'<div class="ch-title">{esc(title)}</div>' + "".join(rows)
    HtmlControl(
        content, position=position, css_class="ch-box ch-legend"
    ).add_to(m)


def ensure_layer_control(m: folium.Map) -> None:
    """The one layer-control policy of the themed maps.

    A map from :func:`base_map` gets its layer control when it is saved or shown (last, so it
    lists every layer, expanded). On any other ``folium.Map`` an expanded control is added now,
    unless the map has one already.
    """
    if getattr(m, "_coophelpers_auto_control", False):
        return
    if not any(isinstance(child, folium.LayerControl) for child in m._children.values()):
        folium.LayerControl(collapsed=False).add_to(m)
