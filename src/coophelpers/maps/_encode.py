"""Compact geometry for map pages: integer deltas, about 3x smaller than GeoJSON (private).

Coordinates are rounded to :data:`DECIMALS` decimals (1e-4 degree is ~11 m, well below screen
resolution), scaled to integers and stored as differences from the previous vertex; the page
decodes them with ``decoder.js`` (``coophelpersDecode``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coophelpers._errors import InvalidInputError
from coophelpers.maps._text import js_json

__all__ = ["DECIMALS", "encode_features"]

#: Decimals of the coordinates written into saved maps.
DECIMALS = 4


def _encode_positions(coords: Sequence[Sequence[float]], scale: int) -> list[int]:
    out: list[int] = []
    px = py = 0
    for x, y, *_ in coords:
        ix, iy = round(x * scale), round(y * scale)
        out.extend((ix - px, iy - py))
        px, py = ix, iy
    return out


def _encode_geometry(geom: Any, scale: int) -> dict[str, Any] | None:
    """Encode a shapely geometry as ``{"type", "coordinates"}`` with delta-encoded rings."""
    if geom is None or geom.is_empty:
        return None
    kind = geom.geom_type
    if kind == "GeometryCollection":
        polys = [g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
        if not polys:
            return None
        import shapely  # noqa: PLC0415

        return _encode_geometry(shapely.union_all(polys), scale)
    if kind == "Point":
        coords: Any = [round(geom.x * scale), round(geom.y * scale)]
    elif kind == "LineString":
        coords = _encode_positions(geom.coords, scale)
    elif kind == "MultiPoint":
        coords = _encode_positions([(p.x, p.y) for p in geom.geoms], scale)
    elif kind == "Polygon":
        coords = [_encode_positions(r.coords, scale) for r in (geom.exterior, *geom.interiors)]
    elif kind == "MultiLineString":
        coords = [_encode_positions(g.coords, scale) for g in geom.geoms]
    elif kind == "MultiPolygon":
        coords = [
            [_encode_positions(r.coords, scale) for r in (p.exterior, *p.interiors)]
            for p in geom.geoms
        ]
    else:  # pragma: no cover - shapely has no other types
        msg = f"Cannot draw geometry type {kind!r}."
        raise InvalidInputError(msg)
    return {"type": kind, "coordinates": coords}


def encode_features(
    geoms: Sequence[Any], props: Sequence[dict[str, Any]], decimals: int = DECIMALS
) -> str:
    scale = 10**decimals
    features = []
    for geom, prop in zip(geoms, props):
        encoded = _encode_geometry(geom, scale)
        if encoded is not None:
            features.append({"type": "Feature", "properties": prop, "geometry": encoded})
    return js_json({"s": scale, "f": features})
