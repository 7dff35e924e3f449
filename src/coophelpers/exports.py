"""Exports for colleagues: a table with its sources and licences, in the format its file name says.

:func:`export` writes CSV (UTF-8 with a byte-order mark), Excel, GeoPackage, GeoJSON (RFC 7946) or
GeoParquet, always with the sources of the data (:func:`coophelpers.citation.sources_of`). Nothing
is cut without a word (no shapefiles; text over Excel's cell limit refused), and every file is
written atomically: the old file or the new one, never half of one.

(The module is ``exports``, not ``export``: importing a submodule binds its name on the package,
which would hide the function ``coophelpers.export``.)
"""

from __future__ import annotations

import io
import json
import math
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coophelpers._errors import CoophelpersWarning, DataWarning, InvalidInputError, warn
from coophelpers._io import atomic_write, check_writable, user_path
from coophelpers._names import did_you_mean, short_repr, suggest
from coophelpers._validate import check_choice
from coophelpers.citation import SOURCE_KEYS, is_frame, sources_of
from coophelpers.data import LIST_SEPARATOR
from coophelpers.geodesy import unwrap_longitudes

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "EXCEL_CELL_LIMIT", "EXCEL_MAX_COLUMNS", "EXCEL_MAX_ROWS", "FORMATS", "GEOMETRY_CHOICES", "REFUSED",
    "SOURCES_LAYER", "WKT_COLUMN", "WKT_DECIMALS", "export", "split_antimeridian",
]

#: The formats :func:`export` writes, by file-name suffix.
FORMATS = {
    ".csv": "CSV, UTF-8 with a byte-order mark (sources in NAME.sources.csv next to it)",
    ".xlsx": "Excel workbook (sheets 'data' and 'sources')",
    ".gpkg": "GeoPackage (the layer and a table 'sources')",
    ".geojson": "GeoJSON, RFC 7946 (sources in the top-level member 'sources')",
    ".parquet": "GeoParquet (sources in the file metadata, key 'sources')",
}
#: Suffixes refused, with the reason and the format to use instead.
REFUSED = {
    ".shp": "a shapefile cuts column names to 10 characters and text to 254 bytes, and its encoding "
            "of Chinese and Russian depends on a side file. Fix: use '.gpkg' (QGIS and ArcGIS open it)",
    ".dbf": "a dBASE table cuts column names to 10 characters. Fix: use '.csv' or '.xlsx'",
    ".xls": "the old Excel format holds 65,536 rows and 256 columns. Fix: use '.xlsx'",
    ".json": "Fix: use '.geojson' for a GeoJSON file",
    ".tsv": "Fix: use '.csv' (Excel opens it with Chinese and Russian intact)",
    ".txt": "Fix: use '.csv' (Excel opens it with Chinese and Russian intact)",
}
#: What ``geometry=`` may be besides None (the format's own choice).
GEOMETRY_CHOICES = ("drop", "wkt")
#: The most characters Excel keeps in one cell; longer text is cut when a file is opened.
EXCEL_CELL_LIMIT = 32_767
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384
#: The column that holds the geometry as WKT (``geometry="wkt"``).
WKT_COLUMN = "geometry_wkt"
#: Decimals of the WKT coordinates (degrees: 1e-6° is about 0.1 m).
WKT_DECIMALS = 6
#: The GeoPackage table that holds the sources.
SOURCES_LAYER = "sources"


# --- checking the arguments --------------------------------------------------------------------


def _check_path(path: Any) -> tuple[Path, str]:
    if not isinstance(path, (str, os.PathLike)):
        msg = f"path={short_repr(path)} is not a file path. Fix: pass e.g. 'exports/regions.gpkg'."
        raise InvalidInputError(msg)
    target = user_path(path)
    suffix = target.suffix.lower()
    listed = ", ".join(repr(s) for s in FORMATS)
    if suffix in FORMATS:
        return target, suffix
    if suffix in REFUSED:
        msg = f"path={str(path)!r}: {suffix!r} is not offered: {REFUSED[suffix]}. Formats: {listed}."
        raise InvalidInputError(msg)
    if not suffix:
        msg = f"path={str(path)!r} has no suffix, which chooses the format. Fix: end the name with one of {listed}."
        raise InvalidInputError(msg)
    near = did_you_mean(suggest(suffix, list(FORMATS)))
    msg = f"path={str(path)!r} ends in {suffix!r}, which is not a format export writes.{near} Fix: use one of {listed}."
    raise InvalidInputError(msg)


def _check_data(data: Any) -> pd.DataFrame:
    if is_frame(data):
        return data
    if type(data).__name__ in ("Series", "GeoSeries"):
        msg = f"data={short_repr(data)} is a Series, not a table. Fix: pass data.to_frame() or the whole table."
        raise InvalidInputError(msg)
    msg = (
        f"data={short_repr(data)} is not a table. Fix: pass a DataFrame or GeoDataFrame, e.g. "
        "ch.export(ch.load_regions(), 'regions.gpkg')."
    )
    raise InvalidInputError(msg)


def _check_geometry(geometry: Any, suffix: str, has_geometry: bool) -> str:
    """``"keep"``, ``"drop"`` or ``"wkt"``: what to do with the geometry of this export."""
    if geometry is None:
        return "keep" if has_geometry and suffix not in (".csv", ".xlsx") else "drop"
    choice = check_choice(geometry, GEOMETRY_CHOICES, param="geometry")
    if choice == "wkt" and suffix not in (".csv", ".xlsx"):
        msg = (
            f"geometry='wkt' is for '.csv' and '.xlsx'; a {suffix!r} file keeps the geometry itself. "
            "Fix: leave geometry=None to keep it, or pass geometry='drop'."
        )
        raise InvalidInputError(msg)
    if choice == "wkt" and not has_geometry:
        msg = (
            "geometry='wkt' asks for the geometry as WKT, but data has no geometry (it is not a "
            "GeoDataFrame with a geometry column). Fix: leave geometry out, or pass a GeoDataFrame."
        )
        raise InvalidInputError(msg)
    return choice


def _check_layer(layer: Any, suffix: str, target: Path) -> str:
    if layer is None:
        return target.stem if target.stem != SOURCES_LAYER else "data"
    if suffix != ".gpkg":
        msg = f"layer={short_repr(layer)} is for '.gpkg' files only. Fix: leave layer out for a {suffix!r} file."
        raise InvalidInputError(msg)
    if not isinstance(layer, str) or not layer.strip():
        msg = f"layer={short_repr(layer)} is not a layer name. Fix: give a name such as 'regions', or leave it out."
        raise InvalidInputError(msg)
    if layer.strip().lower() == SOURCES_LAYER:
        msg = f"layer={layer!r} is the name of the table of sources. Fix: choose another name, e.g. 'data'."
        raise InvalidInputError(msg)
    return layer.strip()


# --- the table: attributes and geometry --------------------------------------------------------


def _has_geometry(frame: Any) -> bool:
    if type(frame).__name__ != "GeoDataFrame":
        return False
    try:
        return frame.geometry is not None
    except AttributeError:  # a GeoDataFrame without an active geometry column
        return False


def _cell(value: Any) -> Any:
    """A cell of an object column as a value every format holds: several values joined, dates as ISO text."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (tuple, list, set, frozenset)) or type(value).__name__ == "ndarray":
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        return value.item()
    if hasattr(value, "isoformat") and not _missing(value):
        return value.isoformat()
    return None if _missing(value) else str(value)


def _missing(value: Any) -> bool:
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _flat_column(series: pd.Series) -> pd.Series:
    import pandas as pd

    if isinstance(series.dtype, pd.CategoricalDtype):
        series = series.astype(object)
    if series.dtype != object:
        return series
    values = [_cell(v) for v in series]
    kinds = {type(v) for v in values if v is not None and not _missing(v)}
    if len(kinds) > 1:  # mixed numbers and text: text throughout, as a spreadsheet would show them
        values = [v if v is None or _missing(v) else str(v) for v in values]
    return pd.Series(values, index=series.index, dtype=object, name=series.name)


def _attributes(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns of ``frame`` but the geometry, each cell one value, with text column names."""
    import pandas as pd

    table = pd.DataFrame(frame.drop(columns=frame.geometry.name) if _has_geometry(frame) else frame)
    spatial = [str(c) for c in table.columns if str(table[c].dtype) == "geometry"]
    if spatial:
        msg = (
            f"data has more than one geometry column ({', '.join(repr(c) for c in spatial)} besides the "
            "active one); a file holds one. Fix: drop them, or convert them to text with .to_wkt()."
        )
        raise InvalidInputError(msg)
    if isinstance(table.columns, pd.MultiIndex):
        msg = "data has columns of several levels (a MultiIndex). Fix: flatten them, e.g. data.columns = ['_'.join(c) for c in data.columns]."
        raise InvalidInputError(msg)
    index = table.index
    if any(n is not None for n in index.names) or not pd.api.types.is_integer_dtype(index.dtype):
        table = table.reset_index()  # labelled rows (a distance matrix): the labels are data; row numbers are not
    table.columns = [str(c) for c in table.columns]
    twice = sorted({c for c in table.columns if list(table.columns).count(c) > 1})
    if twice:
        msg = f"data has several columns named {twice!r} (as text). Fix: rename them so that each name is used once."
        raise InvalidInputError(msg)
    return pd.DataFrame({c: _flat_column(table[c]) for c in table.columns}, index=pd.RangeIndex(len(table)))


def _geometry(frame: pd.DataFrame, mode: str, *, wgs84: bool) -> Any:
    """The GeoSeries to write (in EPSG:4326 if ``wgs84``), or None."""
    if mode == "drop":
        return None
    geoms = frame.geometry.reset_index(drop=True)
    if geoms.crs is None:
        msg = (
            "data has no CRS (data.crs is None), so its coordinates cannot be labelled. Fix: set it, "
            "e.g. data = data.set_crs('EPSG:4326') for longitude/latitude, or pass geometry='drop'."
        )
        raise InvalidInputError(msg)
    if wgs84 and not geoms.crs.equals("EPSG:4326"):
        geoms = geoms.to_crs("EPSG:4326")
    return geoms


def _label(table: pd.DataFrame, row: int) -> str:
    for column in ("code", "id", "name_en", "name"):
        if column in table.columns and isinstance(table[column].iloc[row], str):
            return f"{table[column].iloc[row]} (row {row})"
    return f"row {row}"


def _excel_length(text: str) -> int:
    """Length of ``text`` as Excel counts it (UTF-16 code units: a rare CJK character counts twice)."""
    if len(text) * 2 <= EXCEL_CELL_LIMIT:
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def _check_excel(table: pd.DataFrame, path: Path, *, wkt: bool) -> None:
    """Refuse a table Excel would cut: a cell over the limit, too many rows or columns."""
    suffix = path.suffix.lower()
    for column in table.columns:
        if table[column].dtype == object or str(table[column].dtype) in ("str", "string"):
            long = [(i, _excel_length(v)) for i, v in enumerate(table[column]) if isinstance(v, str)
                    and len(v) > EXCEL_CELL_LIMIT // 2 and _excel_length(v) > EXCEL_CELL_LIMIT]
            if long:
                shown = ", ".join(f"{_label(table, i)}: {n:,}" for i, n in long[:5])
                if wkt and column == WKT_COLUMN:
                    msg = (
                        f"geometry='wkt' cannot be written to {path.name!r}: the WKT of {len(long)} shape(s) is "
                        f"over Excel's {EXCEL_CELL_LIMIT:,}-character cell limit ({shown} characters), and Excel "
                        "would cut it. Fix: simplify the shapes first, e.g. "
                        "data.set_geometry(data.simplify(0.05)) (tolerance in degrees), use "
                        "'.gpkg', '.geojson' or '.parquet', which keep the whole geometry, or pass geometry='drop'."
                    )
                else:
                    msg = (
                        f"data column {column!r} has text over Excel's {EXCEL_CELL_LIMIT:,}-character cell limit "
                        f"({shown} characters), which Excel would cut in {path.name!r}. Fix: shorten or split "
                        "the text, or use '.gpkg', '.geojson' or '.parquet'."
                    )
                raise InvalidInputError(msg)
    if len(table.columns) > EXCEL_MAX_COLUMNS and suffix == ".xlsx":
        msg = f"data has {len(table.columns):,} columns; an Excel sheet holds {EXCEL_MAX_COLUMNS:,}. Fix: select fewer, or use '.parquet'."
        raise InvalidInputError(msg)
    if len(table) + 1 > EXCEL_MAX_ROWS:
        msg = (f"data has {len(table):,} rows; an Excel sheet holds {EXCEL_MAX_ROWS - 1:,} under its header. "
               "Fix: split the table, or use '.parquet' or '.gpkg'.")
        if suffix == ".xlsx":
            raise InvalidInputError(msg)
        warn(msg.replace("Fix:", f"Excel will show only the first rows of {path.name!r}; fix:"), CoophelpersWarning,
             stacklevel=4)


def _with_wkt(table: pd.DataFrame, geoms: Any) -> pd.DataFrame:
    import shapely

    if WKT_COLUMN in table.columns:
        msg = f"data already has a column {WKT_COLUMN!r}, where geometry='wkt' puts the geometry. Fix: rename or drop it."
        raise InvalidInputError(msg)
    out = table.copy()
    out[WKT_COLUMN] = shapely.to_wkt(geoms.to_numpy(), rounding_precision=WKT_DECIMALS, trim=True)
    return out


def _sources_table(records: Sequence[dict[str, str]]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame([[r.get(k) for k in SOURCE_KEYS] for r in records], columns=list(SOURCE_KEYS), dtype=object)


# --- the writers -------------------------------------------------------------------------------


def _csv_bytes(table: pd.DataFrame) -> bytes:
    return ("\ufeff" + table.to_csv(index=False, lineterminator="\r\n")).encode("utf-8")


def _write_csv(target: Path, table: pd.DataFrame, geoms: Any, records: list[dict[str, str]], layer: str) -> None:
    if geoms is not None:
        table = _with_wkt(table, geoms)
    _check_excel(table, target, wkt=geoms is not None)
    sidecar = target.with_name(f"{target.stem}.sources.csv")
    atomic_write(sidecar, _csv_bytes(_sources_table(records)))  # first: the data never go out without it
    atomic_write(target, _csv_bytes(table))


def _excel_value(value: Any) -> Any:
    if value is None or _missing(value):
        return None
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # Excel has no infinity
    if getattr(value, "tzinfo", None) is not None:
        return value.isoformat()  # Excel has no time zones: the ISO text keeps the offset
    if type(value).__name__ == "Timestamp":
        return value.to_pydatetime()
    return value


def _sheet(book: Any, title: str, table: pd.DataFrame) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils.exceptions import IllegalCharacterError

    sheet = book.create_sheet(title)
    sheet.append([WriteOnlyCell(sheet, value=str(c)) for c in table.columns])
    for i, row in enumerate(table.itertuples(index=False, name=None)):
        cells = []
        for column, value in zip(table.columns, row):
            try:
                cell = WriteOnlyCell(sheet, value=_excel_value(value))
            except IllegalCharacterError as err:
                msg = (
                    f"data column {column!r} holds a control character Excel cannot store at {_label(table, i)}: "
                    f"{short_repr(value, 60)}. Fix: remove it, e.g. data[{column!r}].str.replace(r'[\\x00-\\x1f]', ' ', regex=True)."
                )
                raise InvalidInputError(msg) from err
            if isinstance(cell.value, str) and cell.data_type == "f":
                cell.data_type = "s"  # text starting with '=' stays text, never a formula
            cells.append(cell)
        sheet.append(cells)


def _write_xlsx(target: Path, table: pd.DataFrame, geoms: Any, records: list[dict[str, str]], layer: str) -> None:
    import openpyxl  # a declared dependency
    if geoms is not None:
        table = _with_wkt(table, geoms)
    _check_excel(table, target, wkt=geoms is not None)
    book = openpyxl.Workbook(write_only=True)
    _sheet(book, "data", table)
    _sheet(book, "sources", _sources_table(records))
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write(target, buffer.getvalue())


def _write_gpkg(target: Path, table: pd.DataFrame, geoms: Any, records: list[dict[str, str]], layer: str) -> None:
    import pyogrio  # geopandas >= 1.0 depends on it
    frame: Any = table
    if geoms is not None:
        import geopandas as gpd

        frame = gpd.GeoDataFrame(table, geometry=geoms.rename("geometry").to_numpy(), crs=geoms.crs)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        staged = staging / target.name
        pyogrio.write_dataframe(frame, staged, layer=layer, driver="GPKG")
        pyogrio.write_dataframe(_sources_table(records), staged, layer=SOURCES_LAYER, driver="GPKG")
        os.replace(staged, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _wrap_points(xy: Any) -> Any:
    import numpy as np

    x = np.where(np.abs(xy[:, 0]) > 180, (xy[:, 0] + 180) % 360 - 180, xy[:, 0])
    return np.column_stack([x, xy[:, 1:]])


def _unwrapped_lines(geom: Any) -> Any:
    """A line whose longitude jumps across 180° (179 → -179) made continuous (179 → 181), for splitting."""
    from shapely.geometry import LineString, MultiLineString

    if geom.has_z:
        return geom
    if geom.geom_type == "LineString":
        return LineString(unwrap_longitudes(geom.coords))
    return MultiLineString([LineString(unwrap_longitudes(part.coords)) for part in geom.geoms])


def split_antimeridian(geom: Any) -> Any:
    """``geom`` with every coordinate in [-180, 180], split at the antimeridian as RFC 7946 §3.1.9 asks.

    A shape that runs on past 180° (Chukotka reaches 191° E in this package's data) is cut along
    the meridian and its eastern part moved by -360°, so that a polygon becomes a MultiPolygon
    and a line a MultiLineString. A line whose longitude jumps across 180° between two vertices
    (179 → -179) is taken to cross it. Points are wrapped; other shapes are returned unchanged.

    Examples
    --------
    >>> from shapely.geometry import box
    >>> split_antimeridian(box(170, 60, 190, 70)).bounds
    (-180.0, 60.0, 180.0, 70.0)
    >>> len(split_antimeridian(box(170, 60, 190, 70)).geoms)
    2
    """
    import numpy as np
    import shapely
    from shapely.geometry import GeometryCollection, MultiLineString, MultiPolygon, box

    if geom is None or geom.is_empty:
        return geom
    kind = geom.geom_type
    if kind in ("Point", "MultiPoint"):
        return shapely.transform(geom, _wrap_points, include_z=geom.has_z)
    if kind == "GeometryCollection":
        return GeometryCollection([split_antimeridian(g) for g in geom.geoms])
    if kind in ("LineString", "MultiLineString"):
        geom = _unwrapped_lines(geom)
    minx, miny, maxx, maxy = geom.bounds
    low, high = math.floor((minx + 180) / 360), math.ceil((maxx - 180) / 360)
    if low >= 0 and high <= 0:
        return geom
    polygonal = kind in ("Polygon", "MultiPolygon")
    wanted = ("Polygon",) if polygonal else ("LineString",)
    parts = []
    for k in range(low, max(high, low) + 1):
        piece = geom.intersection(box(-180 + 360 * k, miny - 1, 180 + 360 * k, maxy + 1))
        shift = 360.0 * k

        def move(xy: Any, shift: float = shift) -> Any:
            return np.column_stack([np.clip(xy[:, 0] - shift, -180.0, 180.0), xy[:, 1:]])

        piece = shapely.transform(piece, move, include_z=geom.has_z)
        parts += [p for p in getattr(piece, "geoms", [piece]) if p.geom_type in wanted and not p.is_empty]
    return MultiPolygon(parts) if polygonal else MultiLineString(parts)


def _json_value(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool)):
        return value
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        value = value.item()
    if isinstance(value, float):
        return value if math.isfinite(value) else None  # JSON has no NaN or infinity
    if isinstance(value, int):
        return value
    if _missing(value):
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _write_geojson(target: Path, table: pd.DataFrame, geoms: Any, records: list[dict[str, str]], layer: str) -> None:
    import shapely
    from shapely.geometry import mapping

    shapes: list[Any] = [None] * len(table)
    if geoms is not None:
        split = [split_antimeridian(g) if g is not None else None for g in geoms]
        shapes = [None if g is None or g.is_empty else mapping(shapely.orient_polygons(g)) for g in split]
    columns = list(table.columns)
    features = [
        {"type": "Feature", "properties": {c: _json_value(v) for c, v in zip(columns, row)}, "geometry": shape}
        for row, shape in zip(table.itertuples(index=False, name=None), shapes)
    ]
    collection = {"type": "FeatureCollection", "sources": records, "features": features}
    atomic_write(target, json.dumps(collection, ensure_ascii=False, allow_nan=False))


def _write_parquet(target: Path, table: pd.DataFrame, geoms: Any, records: list[dict[str, str]], layer: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    if geoms is not None:
        import geopandas as gpd

        frame = gpd.GeoDataFrame(table, geometry=geoms.to_numpy(), crs=geoms.crs)
        frame.to_parquet(buffer, index=False)
        arrow = pq.read_table(io.BytesIO(buffer.getvalue()))
    else:
        arrow = pa.Table.from_pandas(table, preserve_index=False)
    metadata = dict(arrow.schema.metadata or {})
    metadata[b"sources"] = json.dumps(records, ensure_ascii=False).encode("utf-8")
    out = io.BytesIO()
    pq.write_table(arrow.replace_schema_metadata(metadata), out)
    atomic_write(target, out.getvalue())


_WRITERS: dict[str, Callable[[Path, Any, Any, list[dict[str, str]], str], None]] = {
    ".csv": _write_csv, ".xlsx": _write_xlsx, ".gpkg": _write_gpkg, ".geojson": _write_geojson, ".parquet": _write_parquet,
}


def export(data: pd.DataFrame, path: str | os.PathLike[str], *, geometry: str | None = None, sources: Any = None,
           layer: str | None = None) -> Path:
    """Write a table for colleagues, with the sources and licences of its data; the suffix picks the format.

    ===============  ==========================================================================
    ``.csv``         UTF-8 with a byte-order mark, so Excel shows Chinese and Russian; the sources
                     go to ``NAME.sources.csv`` next to it. Geometry is left out.
    ``.xlsx``        Excel workbook: sheet ``data`` and sheet ``sources``. Geometry is left out.
    ``.gpkg``        GeoPackage: the layer (with its geometry and CRS) and a table ``sources``.
    ``.geojson``     RFC 7946: WGS84 longitude/latitude, polygons counter-clockwise, shapes that
                     cross 180° (Chukotka) split at the antimeridian (:func:`split_antimeridian`);
                     the sources in the top-level member ``"sources"``.
    ``.parquet``     GeoParquet (plain Parquet for a table without geometry); the sources as JSON
                     under the key ``sources`` of the file metadata.
    ===============  ==========================================================================

    Cells that hold several values (tuples, such as ``sources``) are written as text joined by
    ``" | "`` in every format (:func:`coophelpers.data.split_list` splits them again); labelled
    rows (a distance matrix) keep their labels as a first column. Shapefiles are not offered: they
    cut column names to 10 characters and text to 254 bytes. An existing file is replaced.

    Parameters
    ----------
    data
        A DataFrame or GeoDataFrame, e.g. ``ch.load_regions()``; one without geometry exports too
        (a GeoPackage table without geometry, GeoJSON features with ``null`` geometry).
    path
        The file to write; its suffix picks the format (see above). ``~`` is the home folder and
        missing folders are made.
    geometry
        None (default): kept in ``.gpkg``, ``.geojson`` and ``.parquet``, left out of ``.csv`` and
        ``.xlsx``. ``"drop"``: left out everywhere. ``"wkt"`` (``.csv`` and ``.xlsx`` only): a
        column ``geometry_wkt`` of WKT in EPSG:4326 with 6 decimals, refused when the text of a
        shape is over Excel's 32,767-character cell limit (nothing is cut or simplified without
        asking: simplify first, e.g. ``data.set_geometry(data.simplify(0.05))``, or use a spatial
        format).
    sources
        Sources of data you added (your own indicators): a string, a dict with the keys ``name``,
        ``url``, ``licence``, ``as_of``, ``attribution``, ``note``, or a list of them. They are
        written after the sources of ``data`` itself: those in ``data.attrs["sources"]`` if set,
        else those of the curated files the table comes from (found from its columns, see
        :func:`coophelpers.cite`).
    layer
        ``.gpkg`` only: the name of the layer (default: the file name without suffix).

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    InvalidInputError
        ``data`` is not a table; the suffix is not one of the five (a shapefile is refused with
        advice); ``geometry`` is not None, ``"drop"`` or ``"wkt"``, or ``"wkt"`` is too long for
        Excel or asked for a spatial format; a text cell is over Excel's limit (``.csv``,
        ``.xlsx``); the table has no CRS but geometry is written; a source is malformed; the
        path cannot be written (a folder, not writable, too long a name).

    Warns
    -----
    DataWarning
        No sources are known for ``data`` (a table of your own): pass ``sources=``.

    Examples
    --------
    >>> import coophelpers as ch
    >>> regions = ch.load_regions("CN")
    >>> ch.export(regions, "exports/regions_cn.gpkg")
    PosixPath('exports/regions_cn.gpkg')
    >>> ch.export(regions, "exports/regions_cn.csv").read_bytes()[:3] == b"\\xef\\xbb\\xbf"
    True
    >>> import pandas as pd
    >>> pd.read_csv("exports/regions_cn.sources.csv", encoding="utf-8-sig")["licence"].iloc[0]
    'CC BY 4.0 (GeoNames coordinates); names and classification curated by coophelpers'
    """
    frame = _check_data(data)
    target, suffix = _check_path(path)
    mode = _check_geometry(geometry, suffix, _has_geometry(frame))
    layer_name = _check_layer(layer, suffix, target)
    records = sources_of(frame, sources, param="data")
    table = _attributes(frame)
    geoms = _geometry(frame, mode, wgs84=suffix in (".csv", ".xlsx", ".geojson"))
    check_writable(target, param="path", example="'exports/regions.gpkg'")
    if not records:
        warn("export: no sources are known for data (it has no attrs['sources'] and is not a table of coophelpers), so "
             "the file lists none. Fix: pass sources=[{'name': ..., 'licence': ..., 'url': ..., 'as_of': ...}].", DataWarning)
    _WRITERS[suffix](target, table, geoms, records, layer_name)
    return target
