"""One gazetteer of places, and the one rule by which every helper reads a place's name.

The gazetteer (:func:`load_gazetteer`) joins the places of four curated files into one table: the
administrative centres of the regions (``regions.csv``), the places of the transport network
(``network_nodes.csv``: centres, junctions, ports, checkpoints), the sea ports (``ports.csv``) and
both sides of every border crossing (``crossings.csv``), with their names in English, 中文 and
Русский. Every helper that takes a place, :func:`~coophelpers.admin_centre`,
:func:`~coophelpers.geodesic_km`, :func:`~coophelpers.distance_matrix` (every method),
:func:`~coophelpers.nearest_crossings`, :func:`~coophelpers.route`, :func:`~coophelpers.sea_route`,
:func:`~coophelpers.sea_distances` and :func:`resolve_place`, reads names by the same rule.

The rule
--------
1. A name that names a **region** exactly as :func:`~coophelpers.resolve_region` knows it (an ISO
   code, an official name in English, Chinese or Russian, a short name, an alias, a statistics
   office's spelling: ``'Jilin'``, ``'吉林省'``, ``'Heilongjiang'``, ``'Khabarovsk Krai'``,
   ``'Хабаровский край'``, ``'RU-KHA'``) means that region's **administrative centre**.
2. Any other name is looked up among the gazetteer's **places**: first their names as the data
   files write them (``'Harbin'``, ``'哈尔滨'``, ``'Харбин'``, ``'Jilin (city)'``,
   ``'Suifenhe (rail)'``), then the forms made from them: without the bracketed qualifier
   (``'Suifenhe'``, ``'绥芬河'``), with a type word (``'Harbin City'``, ``'哈尔滨市'``,
   ``'г. Хабаровск'``, ``'город Хабаровск'``) and, for places in Russia, Latin transliterations
   of the Russian name (``'Nizhneleninskoe'`` for Нижнеленинское).
3. A name that is neither but that :func:`~coophelpers.resolve_region` still resolves once type
   words are dropped (``'Jilin Province'``, ``'Primorsky'``) means that region's centre.
4. Anything else is unknown: :class:`~coophelpers.UnknownPlaceError` with the nearest names. A name
   that matches several regions, or several places, at the first step where it matches anything is
   ambiguous: the same error, listing the candidates with their kinds and regions.

So a city that shares a region's name is named with its type word or another form: ``'Jilin'``
is Jilin Province (its centre, Changchun); ``'Jilin City'``, ``'吉林市'`` or ``'Jilin (city)'``
is the city of Jilin. Where the city *is* the region's centre the two readings meet:
``'Khabarovsk'`` names Khabarovsk Krai, whose centre is the city of Khabarovsk, the same place
(same point) as ``'Хабаровск'`` and ``'город Хабаровск'``. ``resolve_place(name, country="CN")``
keeps to one country. Ids are matched exactly: the gazetteer's ids (``'tongjiang-rail'``) after
step 1 in every helper, and a helper's own ids before the rule: network node ids in ``route``
(``'suifenhe-road'``), port ids in the sea helpers (``'fuzhou'`` is the port Fuzhou (Jiangyin),
76 km from the city that the name ``'Fuzhou'`` means).

What a helper does with the place: the geodesic helpers use its point; ``route`` its network
node (for a region, the node of its centre; for a place with several nodes, such as Suifenhe's
rail and road checkpoints, the node the name itself names, else the first one whose links the
route's modes use); the sea helpers its port (for a region, its centre's port, else the region's
only port). A place that is not a node (or a port) is refused with the nearest node (or port) and
its distance: a place is never moved silently.

How places are merged
---------------------
The members are taken in this order: administrative centres, network nodes (centres, junctions,
ports, then checkpoints, each in file order), ports, crossing sides. A member joins an earlier
place when they share a name (folded: case, punctuation, diacritics, ``ё``/``е`` and a bracketed
qualifier ignored) and it lies within :data:`MERGE_KM` (25 km) of that place's point; two
administrative centres, or two ports, are never one place. A place keeps the point of its first
member, so a centre's point is the one in ``regions.csv``. Vladivostok is one place: the centre
of Primorsky Krai, network node ``vladivostok`` and port ``vladivostok``. A crossing side whose
position is not recorded joins the one place of its name in its country, or stands alone at the
crossing's point (``position_from="crossing"``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from coophelpers import data as _data
from coophelpers._errors import InvalidInputError, UnknownNameError, UnknownPlaceError
from coophelpers._names import NameIndex, check_str, core_name, normalise
from coophelpers._region_names import (
    attributes,
    centres,
    check_country,
    country_of,
    geometry,
    name_index,
    region_label,
    translit,
)
from coophelpers._validate import check_point, is_numbers
from coophelpers.geodesy import inv_km

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

__all__ = [
    "COLUMNS", "KINDS", "MERGE_KM", "PLACE_FIX", "Place", "describe", "load_gazetteer", "locate", "nearest",
    "point_of", "resolve_place",
]

#: Members of one place lie within this many km of its point (see the module docstring).
MERGE_KM = 25.0
#: What a place can be, in the order tables list them.
KINDS = ("admin_centre", "network_node", "port", "crossing_side")
#: Columns of :func:`load_gazetteer`.
COLUMNS = (
    "id", "name_en", "name_zh", "name_ru", "kinds", "country", "region", "lat", "lon", "admin_centre_of",
    "node", "nodes", "port", "crossings", "names", "position_from", "geometry",
)
PLACE_FIX = (
    "Give a place name in English, Chinese or Russian (a city, network node, port or crossing side; "
    "load_gazetteer() lists them), a region name or ISO code such as 'Heilongjiang' or 'RU-PRI', or a "
    "(lat, lon) pair."
)
_LANGS = ("en", "zh", "ru")
_QUALIFIER = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
_NODE_KIND_ORDER = {"admin_centre": 0, "junction": 1, "port": 2, "crossing": 3}


@dataclass(frozen=True)
class Place:
    """One place of the gazetteer, as :func:`resolve_place` returns it.

    Attributes
    ----------
    id, name, lat, lon, country, region
        The gazetteer id, English name, point (degrees) and the ISO country and region codes.
    kinds
        Any of :data:`KINDS`.
    node, nodes
        The network node the name stands for (None if the place is not in the network), and all
        the place's nodes.
    port
        Its port id, or None.
    crossings
        ``"crossing-id:cn"`` / ``":ru"``: the crossing sides it is.
    named_region
        The region code when the name named a region (the place is then its centre), else None.

    Examples
    --------
    >>> resolve_place("Khabarovsk Krai").named_region, resolve_place("Хабаровск").named_region
    ('RU-KHA', None)
    """

    id: str
    name: str
    lat: float
    lon: float
    country: str
    region: str
    kinds: tuple[str, ...]
    node: str | None = None
    nodes: tuple[str, ...] = field(default=(), repr=False)
    port: str | None = None
    crossings: tuple[str, ...] = field(default=(), repr=False)
    named_region: str | None = None


# --------------------------------------------------------------------------------------------
# building the gazetteer


@dataclass
class _Member:
    kind: str
    ref: str
    names: dict[str, str]
    lat: float
    lon: float
    country: str
    region: str
    detail: str = ""
    #: a crossing side with no position of its own, placed at its crossing's point
    borrowed: bool = False

    def keys(self) -> set[str]:
        texts = [t for t in self.names.values() if t]
        return {normalise(t) for t in texts} | {normalise(_base(t)) for t in texts}


def _base(text: str) -> str:
    """The name without a bracketed qualifier at its end: 'Suifenhe (rail)' -> 'Suifenhe'."""
    return _QUALIFIER.sub("", text).strip() or text


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def _members() -> list[_Member]:
    """Every point of the four files, in merge order (see the module docstring)."""
    out = [
        _Member("admin_centre", row.code, {"en": row.capital_en, "zh": row.capital_zh, "ru": row.capital_ru},
                float(row.capital_lat), float(row.capital_lon), row.country, row.code)
        for row in attributes().itertuples(index=False)
    ]
    nodes = _data.read_csv("network_nodes.csv", dtype=str, keep_default_na=False)
    nodes = nodes.assign(_rank=nodes["kind"].map(_NODE_KIND_ORDER).fillna(9)).sort_values("_rank", kind="stable")
    out += [
        _Member("network_node", row.id, {"en": row.name_en, "zh": row.name_zh, "ru": row.name_ru},
                float(row.lat), float(row.lon), row.country, row.region, row.kind)
        for row in nodes.itertuples(index=False)
    ]
    ports = _data.read_csv("ports.csv", dtype=str, keep_default_na=False)
    out += [
        _Member("port", row.id, {"en": row.name_en, "zh": row.name_zh, "ru": row.name_ru},
                float(row.lat), float(row.lon), row.country, row.region)
        for row in ports.itertuples(index=False)
    ]
    crossings = _data.read_csv("crossings.csv", dtype=str, keep_default_na=False)
    for row in crossings.to_dict("records"):
        for side, country, names in (("cn", "CN", {"en": row["name_cn_en"], "zh": row["name_cn_zh"]}),
                                     ("ru", "RU", {"en": row["name_ru_en"], "ru": row["name_ru_ru"]})):
            lat, lon = row[f"{side}_lat"], row[f"{side}_lon"]
            other = "ru" if side == "cn" else "cn"
            borrowed = not (lat and lon)
            lat, lon = (row[f"{other}_lat"], row[f"{other}_lon"]) if borrowed else (lat, lon)
            out.append(_Member("crossing_side", f"{row['id']}:{side}", names, float(lat), float(lon), country,
                               row[f"{side}_region"], borrowed=borrowed))
    return out


@dataclass
class _Cluster:
    members: list[_Member]

    @property
    def anchor(self) -> _Member:
        return self.members[0]

    def accepts(self, m: _Member) -> bool:
        kinds = {x.kind for x in self.members}
        return m.country == self.anchor.country and not (m.kind in ("admin_centre", "port") and m.kind in kinds)


def _clusters(members: list[_Member]) -> list[_Cluster]:
    """Group the members into places: shared name, within MERGE_KM of the first member."""
    clusters: list[_Cluster] = []
    by_key: dict[str, list[int]] = {}
    for m in members:
        keys = m.keys()
        near = sorted({i for k in keys for i in by_key.get(k, ()) if clusters[i].accepts(m)})
        chosen = None
        if m.borrowed:  # no position of its own: the one place of its name, if any
            chosen = near[0] if len(near) == 1 else None
        elif near:
            a = [clusters[i].anchor for i in near]
            dist = inv_km([m.lat] * len(a), [m.lon] * len(a), [x.lat for x in a], [x.lon for x in a])
            best = min(range(len(near)), key=lambda j: dist[j])
            chosen = near[best] if dist[best] <= MERGE_KM else None
        if chosen is None:
            clusters.append(_Cluster([m]))
            chosen = len(clusters) - 1
        else:
            clusters[chosen].members.append(m)
        for k in keys:
            by_key.setdefault(k, []).append(chosen)
    return clusters


def _display_names(cluster: _Cluster) -> dict[str, str]:
    """One name per language: the first member's, without its qualifier where members differ only by it."""
    out = {}
    for lang in _LANGS:
        texts = [m.names.get(lang, "") for m in cluster.members if m.names.get(lang, "")]
        if not texts:
            out[lang] = ""
            continue
        first = texts[0]
        variants = {t for t in texts if _base(t) == _base(first)}
        out[lang] = _base(first) if len(variants) > 1 else first
    return out


def _city_forms(names: dict[str, str]) -> list[str]:
    """'Harbin City', '哈尔滨市', 'г. Харбин', 'город Харбин' (from the names without qualifier)."""
    en, zh, ru = (_base(names[lang]) if names[lang] else "" for lang in _LANGS)
    out = [f"{en} City"] if en and not en.lower().endswith("city") else []
    out += [f"{zh}市"] if zh and not zh.endswith("市") else []
    out += [f"г. {ru}", f"город {ru}"] if ru else []
    return out


def _region_at(lat: float, lon: float, country: str) -> str:
    """The region whose shape holds the point (else the nearest one of that country)."""
    import shapely

    shapes = geometry("web")
    shapes = shapes[shapes["code"].map(country_of) == country]
    codes, geoms = list(shapes["code"]), list(shapes.geometry)
    point = shapely.Point(lon, lat)
    inside = [c for c, g in zip(codes, geoms) if g.contains(point)]
    if inside:
        return str(inside[0])
    far = shapely.distance(geoms, point)  # degrees: only to pick the nearest shape of a coastal point
    return str(codes[int(far.argmin())])


def _place_row(cluster: _Cluster, taken: set[str]) -> dict[str, Any]:
    """The gazetteer row of one cluster of members."""
    names = _display_names(cluster)
    by_kind = {kind: [m for m in cluster.members if m.kind == kind] for kind in KINDS}
    nodes = sorted(by_kind["network_node"], key=lambda m: m.names["en"] != names["en"])
    ports = by_kind["port"]
    anchor = cluster.anchor
    pid = next((m.ref for m in nodes + ports if m.names["en"] == names["en"] and m.ref not in taken), "")
    if not pid:
        base = _slug(names["en"]) or _slug(translit(names["ru"])[0])
        pid = base if base not in taken else f"{base}-{(anchor.region or anchor.country).lower()}"
    taken.add(pid)
    region = next((m.region for m in cluster.members if m.region), "")
    if not region and anchor.country in ("CN", "RU"):
        region = _region_at(anchor.lat, anchor.lon, anchor.country)
    full = [t for m in cluster.members for t in m.names.values() if t]
    kinds = tuple(k for k in KINDS if by_kind[k])
    derived = [_base(t) for t in full] + (_city_forms(names) if kinds != ("port",) else [])
    if anchor.country == "RU":
        derived += [v for m in cluster.members if m.names.get("ru") for v in translit(_base(m.names["ru"]))]
    return {
        "id": pid, **{f"name_{lang}": names[lang] for lang in _LANGS},
        "kinds": kinds, "country": anchor.country, "region": region,
        "lat": anchor.lat, "lon": anchor.lon,
        "admin_centre_of": by_kind["admin_centre"][0].ref if by_kind["admin_centre"] else "",
        "node": nodes[0].ref if nodes else "", "nodes": tuple(m.ref for m in nodes),
        "port": ports[0].ref if ports else "", "crossings": tuple(m.ref for m in by_kind["crossing_side"]),
        "names": tuple(dict.fromkeys(full)), "derived": tuple(dict.fromkeys(d for d in derived if d not in full)),
        "node_names": {normalise(t): m.ref for m in reversed(nodes) for t in (m.ref, *m.names.values()) if t},
        "position_from": "crossing" if anchor.borrowed else anchor.kind,
    }


@lru_cache(maxsize=1)
def _rows() -> dict[str, dict[str, Any]]:
    """The gazetteer's rows by id, in merge order (cached; never handed out)."""
    taken: set[str] = set()
    rows = [_place_row(c, taken) for c in _clusters(_members())]
    return {row["id"]: row for row in rows}


@dataclass
class _Lookup:
    full: dict[str, set[str]]
    derived: dict[str, set[str]]
    centre_of: dict[str, str]
    suggest: NameIndex


@lru_cache(maxsize=1)
def _lookup() -> _Lookup:
    """The name tables of steps 2 (names as written, then derived forms), and the suggestion index."""
    full: dict[str, set[str]] = {}
    derived: dict[str, set[str]] = {}
    hint = NameIndex(what="place", error=UnknownPlaceError, fix=PLACE_FIX)
    for pid, row in _rows().items():
        for text in row["names"]:
            full.setdefault(normalise(text), set()).add(pid)
        for text in row["derived"]:
            derived.setdefault(normalise(text), set()).add(pid)
        hint.add(pid, (*row["names"], *row["derived"]), label=_label(pid), core=False)
    for row in attributes().itertuples(index=False):
        hint.add(row.code, [row.code, row.name_en, row.name_zh, row.name_ru, *row.aliases.split("|")],
                 label=region_label(row.code), core=False)
    centre_of = {row["admin_centre_of"]: pid for pid, row in _rows().items() if row["admin_centre_of"]}
    return _Lookup(full, derived, centre_of, hint)


# --------------------------------------------------------------------------------------------
# public API


def load_gazetteer() -> gpd.GeoDataFrame:
    """Return every place of the gazetteer: centres, network nodes, ports and crossing sides, merged.

    Returns
    -------
    geopandas.GeoDataFrame
        EPSG:4326, one row per place, sorted by ``id``, columns :data:`COLUMNS`: ``id``, names in
        three languages, ``kinds`` (a tuple of :data:`KINDS`), ``country``, ``region`` (ISO 3166-2;
        empty outside China and Russia), ``lat``, ``lon``, ``admin_centre_of`` (a region code or
        ""), ``node`` (its main network node or ""), ``nodes`` (all of them), ``port`` (port id or
        ""), ``crossings`` (``"crossing-id:cn"``/``":ru"``), ``names`` (every name the files give
        it), ``position_from`` (the kind of member whose point it has, or ``"crossing"`` for a
        side placed at its crossing's point) and ``geometry``. A new table each call. The module
        docstring of :mod:`coophelpers.places` says how places are merged.

    Raises
    ------
    DataIntegrityError
        A curated data file is missing or damaged.

    Examples
    --------
    >>> places = load_gazetteer().set_index("id")
    >>> places.loc["vladivostok", ["kinds", "admin_centre_of", "node", "port"]].tolist()
    [('admin_centre', 'network_node', 'port'), 'RU-PRI', 'vladivostok', 'vladivostok']
    >>> places.loc["suifenhe", ["name_zh", "nodes"]].tolist()
    ['绥芬河', ('suifenhe-rail', 'suifenhe-road')]
    """
    import geopandas as gpd
    import pandas as pd

    frame = pd.DataFrame(list(_rows().values())).sort_values("id").reset_index(drop=True)
    frame = frame.drop(columns=["derived", "node_names"])
    points = gpd.points_from_xy(frame["lon"], frame["lat"])
    return gpd.GeoDataFrame(frame, geometry=points, crs="EPSG:4326")[list(COLUMNS)]


def resolve_place(name: str, *, country: str | None = None) -> Place:
    """Return the place a name stands for, by the rule of :mod:`coophelpers.places`.

    A region's name stands for its administrative centre; any other name is looked up among the
    places (cities, network nodes, ports, crossing sides) in English, Chinese or Russian, then
    among the regions again with type words dropped.

    Parameters
    ----------
    name
        A place or region name in any of the three languages, an ISO 3166-2 code, or a gazetteer id.
    country
        ``"CN"`` or ``"RU"`` (or a country name) to keep to one country; None for any.

    Returns
    -------
    Place
        Its ``id``, ``name``, ``lat``, ``lon``, ``country``, ``region``, ``kinds``, network ``node``
        and ``nodes``, ``port``, ``crossings`` and ``named_region`` (the region the name named).

    Raises
    ------
    UnknownPlaceError
        An unknown name (with the nearest names), or an ambiguous one (listing the candidates with
        their kinds and regions).
    InvalidInputError
        A name that is not text, or an unknown country.

    Examples
    --------
    >>> [resolve_place(n).id for n in ("Harbin", "哈尔滨", "Харбин", "Heilongjiang", "CN-HL")]
    ['harbin', 'harbin', 'harbin', 'harbin', 'harbin']
    >>> resolve_place("绥芬河").nodes, resolve_place("Suifenhe (road)").node
    (('suifenhe-rail', 'suifenhe-road'), 'suifenhe-road')
    >>> resolve_place("Jilin").name, resolve_place("Jilin City").name   # the province, the city
    ('Changchun', 'Jilin (city)')
    """
    return locate(name, param="name", country=country)


def _match(name: str, cc: str | None) -> tuple[str, set[str]]:
    """``(what, keys)`` of the first step of the rule that matches: ``"region"`` codes or ``"place"`` ids."""
    regions = name_index()
    keep_r = (lambda code: True) if cc is None else (lambda code: country_of(code) == cc)
    if name in regions.labels and keep_r(name):
        return "region", {name}
    found = {c for c in regions.exact.get(normalise(name), ()) if keep_r(c)}
    if found:
        return "region", found
    rows = _rows()
    if name in rows and (cc is None or rows[name]["country"] == cc):
        return "place", {name}
    lookup = _lookup()
    for table in (lookup.full, lookup.derived):
        found = {p for p in table.get(normalise(name), ()) if cc is None or rows[p]["country"] == cc}
        if found:
            return "place", found
    assert regions.core is not None
    return "region", {c for c in regions.core.get(core_name(name), ()) if keep_r(c)}


def _label(pid: str, *, long: bool = False) -> str:
    row = _rows()[pid]
    if not long:
        return f"{row['name_en']!r} ({pid})"
    kinds = ", ".join(k.replace("_", " ") for k in row["kinds"])
    return f"{row['name_en']!r} ({pid}: {kinds} in {row['region'] or row['country']})"


def _record(pid: str, named_region: str | None = None, given: str = "") -> Place:
    row = _rows()[pid]
    node = row["node_names"].get(normalise(given)) if given and named_region is None else None
    return Place(
        id=pid, name=row["name_en"], lat=float(row["lat"]), lon=float(row["lon"]), country=row["country"],
        region=row["region"], kinds=row["kinds"], node=node or row["node"] or None, nodes=row["nodes"],
        port=row["port"] or None, crossings=row["crossings"], named_region=named_region,
    )


def _ambiguous(name: str, what: str, keys: set[str], *, param: str, fix: str) -> UnknownPlaceError:
    keys_s = sorted(keys)
    shown = [f"{region_label(k)[:-1]}: region)" if what == "region" else _label(k, long=True) for k in keys_s]
    msg = (
        f"Place name {name!r} for {param} is ambiguous: it matches {len(keys_s)} {what}s: "
        f"{', '.join(shown)}. Name one by a fuller name or its id. {fix}"
    )
    return UnknownPlaceError(msg, keys_s)


def _unknown(name: str, cc: str | None, *, param: str, fix: str) -> UnknownPlaceError:
    """The error for a name no step matches: the other country, a number as text, or the nearest names."""
    where = {"CN": " in China", "RU": " in Russia"}.get(cc or "", "")
    if cc is not None:
        what, keys = _match(name, None)
        if keys:
            shown = ", ".join(region_label(k) if what == "region" else _label(k) for k in sorted(keys))
            other = {"CN": "China", "RU": "Russia"}["RU" if cc == "CN" else "CN"]
            msg = f"Unknown place {name!r}{where} for {param}: it is {shown}, outside it ({other}). Give a place{where}."
            return UnknownPlaceError(msg, sorted(keys))
    try:
        float(name)
    except ValueError:
        pass
    else:
        msg = (
            f"Unknown place {name!r} for {param}: it is a number written as text. Give a place or "
            f"region name, or coordinates as numbers in a (lat, lon) pair such as (45.75, 126.63)."
        )
        return UnknownPlaceError(msg, [])
    rows = _rows()
    keep = None if cc is None else (lambda k: (rows[k]["country"] if k in rows else country_of(k)) == cc)
    hint = _lookup().suggest
    near = hint.suggestions(name, keep)
    shown = f" Did you mean {', '.join(hint.label(k) for k in near)}?" if near else ""
    return UnknownPlaceError(f"Unknown place {name!r}{where} for {param}.{shown} {fix}", near)


def locate(
    name: Any, *, param: str, country: str | None = None, fix: str = PLACE_FIX,
    unknown: Callable[[], UnknownNameError] | None = None,
) -> Place:
    """The place ``name`` stands for (the rule of this module); errors name ``param``.

    ``unknown()`` makes the error for a name nothing matches (a helper's own suggestions, such as
    the ports of :func:`coophelpers.sea_route`); by default the nearest places and regions.
    """
    check_str(name, param=param, fix=fix)
    cc = check_country(country)
    what, keys = _match(name, cc)
    if len(keys) > 1:
        raise _ambiguous(name, what, keys, param=param, fix=fix)
    if not keys:
        if unknown is not None and cc is None:
            raise unknown()
        raise _unknown(name, cc, param=param, fix=fix)
    (key,) = keys
    if what == "place":
        return _record(key, given=name)
    return _record(_lookup().centre_of[key], named_region=key)


def point_of(place: Any, *, param: str) -> tuple[float, float]:
    """``(lat, lon)`` of a place name (by the rule) or of a validated ``(lat, lon)`` pair."""
    if isinstance(place, str):
        if place in centres():  # an ISO code: no look-up needed
            return centres()[place]
        check_str(place, param=param, fix=PLACE_FIX)
        what, keys = _match(place, None)
        if what == "region" and len(keys) == 1:  # a region's centre: the gazetteer need not be built
            return centres()[next(iter(keys))]
        found = locate(place, param=param)
        return found.lat, found.lon
    if isinstance(place, (tuple, list)) or is_numbers(place) or type(place).__name__ == "Point":
        return check_point(place, param=param)
    msg = (
        f"{param} must be a place name or code, or a (lat, lon) pair, got {type(place).__name__} "
        f"{place!r}. Give e.g. 'Harbin', 'Heilongjiang', 'RU-PRI' or (45.75, 126.63)."
    )
    raise InvalidInputError(msg)


def nearest(place: Place, points: dict[str, tuple[float, float]]) -> tuple[str, float]:
    """``(id, km)`` of the point of ``points`` (id -> (lat, lon)) nearest to ``place``."""
    ids = list(points)
    if not ids:
        return "", math.inf
    dist = inv_km([place.lat] * len(ids), [place.lon] * len(ids), [points[i][0] for i in ids],
                  [points[i][1] for i in ids])
    best = min(range(len(ids)), key=lambda i: dist[i])
    return ids[best], float(dist[best])


def describe(place: Place) -> str:
    """``"'Fuyuan' (fuyuan: crossing side in CN-HL)"``, for messages of the helpers."""
    return _label(place.id, long=True)
