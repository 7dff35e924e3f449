"""The schema table of the curated data files (private; the checks are in :mod:`coophelpers._schema`).

One :class:`Schema` per file in :data:`SCHEMAS`: its columns (:class:`Column`: type, whether it
may be empty, allowed values, unique ids), columns filled together, values that name rows of
other files, and the least number of data rows. The allowed-value lists the domain modules also
use (:data:`CONFIDENCE`, :data:`SEASONALITY`, ...) are defined here once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: Named value patterns (a regular expression every value must match in full, and how to say it).
PATTERNS: dict[str, tuple[str, str]] = {
    "region": (r"CN-[A-Z]{2}|RU-[A-Z]{2,3}|UA-\d{2}",
               "an ISO 3166-2 region code such as CN-HL, RU-AMU or UA-43"),
    "ru_region": (r"RU-[A-Z]{2,3}|UA-\d{2}", "an ISO 3166-2:RU code such as RU-AMU (UA-43, UA-40 for Crimea)"),
    "cn_region": (r"CN-[A-Z]{2}", "an ISO 3166-2:CN code such as CN-HL"),
    "ru_only": (r"RU-[A-Z]{2,3}", "an ISO 3166-2:RU code such as RU-AMU"),
    "any_region": (r"[A-Z]{2}-[A-Z0-9]{1,3}", "an ISO 3166-2 code such as CN-HL or RU-AMU"),
    "country": (r"[A-Z]{2}", "an ISO 3166-1 alpha-2 country code such as CN, RU, MN or KZ"),
    "slug": (r"[a-z0-9]+(?:-[a-z0-9]+)*", "an id of lower-case letters and digits joined by hyphens, "
             "such as manzhouli-zabaykalsk-rail"),
    "district": (r"[A-Z][A-Za-z]*FD", "a federal-district id such as FEFD or SibFD"),
    "gauges": (r"\d{4}/\d{4}", "two track gauges in mm, such as 1435/1520"),
    "reporter": (r"CN-[A-Z]{2}|RU-[A-Z]{2,3}|UA-\d{2}|(?:customs|fd):[a-z0-9]+(?:-[a-z0-9]+)*|country:(?:CN|RU)",
                 "a region code such as CN-HL, or an aggregate id such as customs:heihe, fd:far-eastern or country:CN"),
    "partner": (r"country:(?:CN|RU)", "country:CN or country:RU"),
    "url": (r"https?://\S+", "a web address starting with http:// or https://"),
}
CONFIDENCE = ("H", "M", "L")
#: How a network link runs through the year (network_edges.csv ``seasonality``).
SEASONALITY = ("year_round", "summer_only", "winter_road", "ferry_and_ice_road", "weather_dependent")
#: Whether a network link is open to all traffic (network_edges.csv ``access``).
ACCESS = ("open", "restricted", "disputed_territory")
#: Kind of publication behind a length (network_edges.csv ``length_source_kind``); the ``estimate_*`` kinds and
#: ``apportioned`` are the estimated ones.
LENGTH_SOURCE_KINDS = (
    "operator", "timetable", "road_authority", "official", "news", "encyclopedia", "encyclopedia_copy", "book",
    "travel_guide", "travel_agency", "dictionary", "secondary", "blog", "curated_crossings", "derived",
    "apportioned", "estimate_circuity", "estimate_searoute", "estimate_stated",
)
# economic ties (coophelpers.ties)
TIE_FLOWS = ("total", "exports", "imports")
TIE_BASES = ("national_customs", "enterprise_location", "customs_district", "regional_government", "customs_directorate",
             "consulate", "unknown")
TIE_CURRENCIES = ("USD", "CNY", "RUB")
TIE_UNITS = {"billion": 1e9, "million": 1e6, "thousand": 1e3}
TIE_RELATIONS = ("sister", "friendly", "cooperation_agreement", "memorandum")
TIE_LEVELS = ("province", "city")
TIE_ZONE_KINDS = ("cn_overseas_zone", "free_port", "asez", "cross_border_zone")
TIE_ZONE_STATUSES = ("operating", "planned", "closed", "merged", "unknown")
TIE_METRICS = ("declared_investment", "actual_investment", "projects", "residents", "share_of_foreign_investment",
               "share_of_investment", "other")
TIE_SOURCE_KINDS = ("official", "agency", "newspaper", "consulate", "mirror", "encyclopedia", "academic")
MACRO_REGIONS = ("North", "Northeast", "East", "Central", "South", "Southwest", "Northwest")
@dataclass(frozen=True)
class Column:
    """One column: its name, type, whether it may be empty and its allowed values."""

    name: str
    kind: str = "str"
    required: bool = True
    choices: tuple[str, ...] = ()
    pattern: str = ""
    low: float | None = None
    high: float | None = None
    unique: bool = False
    what: str = ""  # what the number is, for range messages ("a latitude")


@dataclass(frozen=True)
class Schema:
    """The columns of one file, the columns filled together, and the least number of rows."""

    columns: tuple[Column, ...]
    together: tuple[tuple[str, ...], ...] = ()
    any_of: tuple[tuple[str, ...], ...] = ()
    min_rows: int = 1
    refs: tuple[tuple[str, str, str], ...] = ()  # (column, other file, its column) the values must be in


def _c(name: str, kind: str = "str", *, opt: bool = False, **kw: Any) -> Column:
    return Column(name, kind, not opt, **kw)


def _lat(name: str, *, opt: bool = False) -> Column:
    return Column(name, "float", not opt, low=-90.0, high=90.0, what="a latitude (degrees north)")


def _lon(name: str, *, opt: bool = False) -> Column:
    return Column(name, "float", not opt, low=-180.0, high=180.0, what="a longitude (degrees east)")


def _names(*names: str) -> tuple[Column, ...]:
    return tuple(_c(n) for n in names)


_AS_OF = _c("as_of", "month")
_CONF = _c("confidence", choices=CONFIDENCE)

# --- the schemas: one entry per curated file ----------------------------------------------------
_GEOMETRY = (_c("code", pattern="region", unique=True), _c("source_name"), _c("geometry", "geometry"))
_QUALITY = ("checkpoint", "bridge", "port", "border_point_by_method", "settlement_centre", "approximate", "unknown")
_SOURCE_KINDS = ("official", "agency", "newspaper", "academic", "encyclopedia", "gazetteer", "secondary")
#: How a generated region alias relates to its unit (see data/geo/build/build_aliases.py).
_RELATIONS = ("same", "excludes_okrugs", "includes_okrugs", "conflict")
SCHEMAS: dict[str, Schema] = {
    "regions.csv": Schema((
        _c("code", pattern="region", unique=True), _c("country", choices=("CN", "RU")),
        *_names("name_en", "name_zh", "name_ru"),
        _c("type", choices=("province", "municipality", "autonomous_region", "sar", "republic", "krai",
                            "oblast", "federal_city", "autonomous_oblast", "autonomous_okrug")),
        _c("macro_region", opt=True, choices=MACRO_REGIONS),
        *_names("capital_en", "capital_zh", "capital_ru"), _lat("capital_lat"), _lon("capital_lon"),
        _c("capital_geonameid", "int", low=1, what="a GeoNames id"),
        _c("status", choices=("normal", "sar", "disputed")), _c("established", "date", opt=True),
        _c("aliases", "list", opt=True), _c("source"), _AS_OF,
    ), refs=(("macro_region", "cn_macro_regions.csv", "id"),)),
    "cn_macro_regions.csv": Schema((
        _c("id", choices=MACRO_REGIONS, unique=True), *_names("name_en", "name_zh", "name_ru", "source"), _AS_OF,
    )),
    "federal_districts.csv": Schema((  # one row per district and centre (centre_valid_from/_to)
        _c("id", pattern="district"), *_names("name_en", "name_zh", "name_ru", "centre_en"),
        _c("valid_from", "date"), _c("valid_to", "date", opt=True),
        _c("centre_valid_from", "date"), _c("centre_valid_to", "date", opt=True), _c("source"),
        _c("note", opt=True), _CONF, _AS_OF,
    )),
    "federal_district_membership.csv": Schema((
        _c("code", pattern="ru_region"), _c("district", pattern="district"), _c("valid_from", "date"),
        _c("valid_to", "date", opt=True), _c("source"), _c("note", opt=True), _CONF, _AS_OF,
    ), refs=(("code", "regions.csv", "code"), ("district", "federal_districts.csv", "id"))),
    "mechanisms.csv": Schema((
        _c("id", pattern="slug", unique=True),
        *_names("name_en", "name_zh", "name_ru", "short_name_en", "short_name_zh", "short_name_ru"),
        _c("aliases", "list", opt=True), _c("governing_body"), _c("chairs"), _c("founded", "date"),
        _c("founded_note", opt=True), _c("status", choices=("institutionalised", "agreed_in_principle")),
        _c("russian_district", pattern="district"), _c("description"), _c("sources", "list"), _AS_OF, _CONF,
    ), refs=(("russian_district", "federal_districts.csv", "id"),)),
    "mechanism_membership.csv": Schema((
        _c("mechanism", pattern="slug"), _c("side", choices=("CN", "RU")), _c("code", pattern="region"),
        _c("role", choices=("member", "partial", "assumed", "ambiguous")), _c("variant", opt=True, pattern="slug"),
        _c("basis", choices=("named-list", "federal-district", "baikal-region", "macro-region")),
        _c("valid_from", "date"), _c("valid_to", "date", opt=True), _c("source", "list"), _AS_OF, _CONF,
        _c("note", opt=True),
    ), refs=(("mechanism", "mechanisms.csv", "id"), ("code", "regions.csv", "code"))),
    "crossings.csv": Schema(
        (
            _c("id", pattern="slug", unique=True), *_names("name_cn_en", "name_cn_zh", "name_ru_en", "name_ru_ru"),
            _c("cn_region", pattern="cn_region"), _c("ru_region", pattern="ru_only"),
            _c("kind", choices=("checkpoint", "pipeline")),
            _c("mode", choices=("rail", "road", "road_bridge", "rail_bridge", "river", "pipeline", "none")),
            _c("river_modes", "list", opt=True, choices=("ferry", "pontoon", "ice_road", "hovercraft")),
            _c("product", opt=True, choices=("oil", "gas")), _c("gauge_change", opt=True, pattern="gauges"),
            _c("seasonality", choices=("year_round", "seasonal", "unknown")),
            _c("status", choices=("operating", "closed", "suspended", "planned", "under_construction", "none")),
            *(_c(n, "partial_date", opt=True) for n in ("opened", "closed", "reopened", "planned")),
            *(c for side in ("cn", "ru") for c in (
                _lat(f"{side}_lat", opt=True), _lon(f"{side}_lon", opt=True),
                _c(f"{side}_position_quality", choices=_QUALITY), _c(f"{side}_position_source", opt=True))),
            _c("border_exception", opt=True), _c("sources", "list"), _AS_OF, _CONF, _c("note", opt=True),
        ),
        together=(("cn_lat", "cn_lon"), ("ru_lat", "ru_lon")),
        any_of=(("cn_lat", "ru_lat"),),
        refs=(("cn_region", "regions.csv", "code"), ("ru_region", "regions.csv", "code")),
    ),
    "network_nodes.csv": Schema((
        _c("id", pattern="slug", unique=True), *_names("name_en", "name_zh", "name_ru"),
        _c("country", pattern="country"), _c("kind", choices=("admin_centre", "junction", "crossing", "port")),
        _c("region", opt=True, pattern="any_region"), _c("crossing_id", opt=True, pattern="slug"),
        _lat("lat"), _lon("lon"), _c("source"), _AS_OF, _c("note", opt=True),
    ), refs=(("region", "regions.csv", "code"),)),
    "network_edges.csv": Schema((
        _c("id", pattern="slug", unique=True), _c("from", pattern="slug"), _c("to", pattern="slug"),
        _c("mode", choices=("rail", "road", "ferry")), _c("gauge", opt=True, choices=("1520", "1435", "dual")),
        _c("crossing_id", opt=True, pattern="slug"),
        _c("length_km", "float", low=0.1, high=20000.0, what="a length in km"), _c("estimated", "bool"),
        _c("circuity", "float", opt=True, low=1.0, high=3.0, what="a circuity factor"),
        _c("opened", "partial_date", opt=True), _c("closed", "partial_date", opt=True),
        _c("source"), _AS_OF, _c("note", opt=True),
        _c("seasonality", choices=SEASONALITY), _c("access", choices=ACCESS),
        _c("length_source_kind", choices=LENGTH_SOURCE_KINDS),
        _c("uncertainty_km", "float", low=0.0, high=5000.0, what="an uncertainty in km"),
    ), refs=(("from", "network_nodes.csv", "id"), ("to", "network_nodes.csv", "id"))),
    "network_lengths_published.csv": Schema((
        _c("id", pattern="slug", unique=True), _c("from", pattern="slug"), _c("to", pattern="slug"),
        _c("mode", choices=("rail", "road", "ferry")),
        _c("length_km", "float", low=0.1, high=20000.0, what="a length in km"),
        _c("tolerance_pct", "float", low=0.0, high=50.0, what="a tolerance in percent"),
        _c("scope", choices=("edge", "path")), _c("via", "list", opt=True),
        _c("countries", "list", opt=True), _c("network_as_of", "date"),
        _c("source"), _c("source_kind", choices=LENGTH_SOURCE_KINDS), _AS_OF, _c("note", opt=True),
    ), refs=(("from", "network_nodes.csv", "id"), ("to", "network_nodes.csv", "id"))),
    "sources.csv": Schema((  # the sources cited by crossings, mechanism and federal-district files
        _c("source", unique=True), _c("publisher"), _c("title"), _c("published", "partial_date", opt=True),
        _c("source_kind", choices=_SOURCE_KINDS), _AS_OF, _c("note", opt=True),
    )),
    "ports.csv": Schema((
        _c("id", pattern="slug", unique=True), *_names("name_en", "name_zh", "name_ru"),
        _c("country", pattern="country"), _c("region", pattern="any_region"), _lat("lat"), _lon("lon"),
        _c("source"), _AS_OF, _c("note", opt=True),
    ), refs=(("region", "regions.csv", "code"),)),
    "regions_web.parquet": Schema(_GEOMETRY, refs=(("code", "regions.csv", "code"),)),
    "regions_full.parquet": Schema(_GEOMETRY, refs=(("code", "regions.csv", "code"),)),
    "basemap_countries.parquet": Schema((
        _c("iso_a2", pattern="country", unique=True), *_names("name_en", "name_zh", "name_ru"),
        _c("geometry", "geometry"),
    )),
    "name_conventions.csv": Schema((  # read by data/geo/build/build_aliases.py
        _c("convention", pattern="slug"), *_names("publisher", "scope", "template", "example"),
        _c("language", choices=("en", "ru", "zh")), _c("relation", choices=_RELATIONS[:3]),
        _c("okrugs", "list", opt=True), _c("sources", "list"), _c("note", opt=True), _AS_OF,
    )),
    "trade.csv": Schema(
        (
            _c("id", pattern="slug", unique=True), _c("reporter", pattern="reporter"),
            _c("reporter_kind", choices=("region", "customs_district", "federal_district", "country")),
            _c("partner", pattern="partner"), _c("period_start", "partial_date"), _c("period_end", "partial_date"),
            _c("full_year", "bool"), _c("flow", choices=TIE_FLOWS),
            _c("value", "float", opt=True, low=0.0, high=1e7, what="a trade value in its unit"),
            _c("currency", opt=True, choices=TIE_CURRENCIES), _c("unit", opt=True, choices=tuple(TIE_UNITS)),
            _c("basis", choices=TIE_BASES),
            _c("yoy_pct", "float", opt=True, low=-100.0, high=10000.0, what="a year-on-year change in percent"),
            _c("share_pct", "float", opt=True, low=0.0, high=100.0, what="a share in percent"),
            _c("share_of", opt=True), _c("published", "partial_date", opt=True), _c("source"),
            _c("source_url", pattern="url"), _c("source_kind", choices=TIE_SOURCE_KINDS), _c("original", "bool"),
            _c("quote"), _AS_OF, _CONF, _c("conflict_group", opt=True, pattern="slug"), _c("note", opt=True),
        ),
        together=(("value", "currency", "unit"), ("share_pct", "share_of")),
        any_of=(("value", "yoy_pct", "share_pct"),),
        min_rows=30,
    ),
    "sister_relations.csv": Schema((
        _c("id", pattern="slug", unique=True), _c("cn_code", pattern="cn_region"), *_names("cn_name_en", "cn_name_zh"),
        _c("cn_level", choices=TIE_LEVELS), _c("ru_code", pattern="ru_region"), *_names("ru_name_en", "ru_name_ru"),
        _c("ru_level", choices=TIE_LEVELS), _c("relation_type", choices=TIE_RELATIONS),
        _c("signed", "partial_date", opt=True), _c("approved", "partial_date", opt=True), _c("source"),
        _c("source_url", pattern="url"), _c("source_kind", choices=TIE_SOURCE_KINDS), _c("original", "bool"),
        _c("quote"), _AS_OF, _CONF, _c("note", opt=True),
    ), min_rows=10,
        refs=(("cn_code", "regions.csv", "code"), ("ru_code", "regions.csv", "code"))),
    "zones.csv": Schema((
        _c("id", pattern="slug", unique=True), _c("name_en"), _c("name_zh", opt=True), _c("name_ru", opt=True),
        _c("kind", choices=TIE_ZONE_KINDS), _c("region_code", pattern="region"), _c("municipality", opt=True),
        _lat("lat"), _lon("lon"), _c("position_quality", choices=("site", "settlement_centre", "region_centre")),
        _c("established", "partial_date", opt=True), _c("status", choices=TIE_ZONE_STATUSES),
        _c("status_as_of", "partial_date"), _c("list_complete", "bool"), _c("source"),
        _c("source_url", pattern="url"), _c("source_kind", choices=TIE_SOURCE_KINDS), _c("original", "bool"),
        _c("quote"), _AS_OF, _CONF, _c("note", opt=True),
    ), min_rows=5, refs=(("region_code", "regions.csv", "code"),)),
    "investment_statements.csv": Schema((
        _c("id", pattern="slug", unique=True), _c("date", "partial_date"), _c("speaker"), _c("speaker_org"),
        _c("scope"), _c("metric", choices=TIE_METRICS),
        _c("value", "float", low=0.0, high=1e7, what="the stated value in its unit"),
        _c("currency", opt=True, choices=(*TIE_CURRENCIES, "EUR")), _c("unit", opt=True),
        _c("period_covered", opt=True), _c("source"), _c("source_url", pattern="url"),
        _c("source_kind", choices=TIE_SOURCE_KINDS), _c("original", "bool"), _c("quote"), _AS_OF, _CONF,
        _c("note", opt=True),
    ), min_rows=3),
    "region_aliases.csv": Schema((
        _c("alias"), _c("code", pattern="region"), _c("relation", choices=_RELATIONS),
        _c("okrugs", "list", opt=True), _c("convention", pattern="slug"), _c("source"),
    ), refs=(("code", "regions.csv", "code"), ("convention", "name_conventions.csv", "convention"))),
}
