"""Every number the notebooks state in prose is the number the package computes.

The Markdown cells of ``notebooks/*.ipynb`` state counts, distances, areas, medians and
percentages ("about 1,600 km", "16 of the 44 pairs", "falls by about 12 %"). This module
guarantees that

* each such number has one case below: the exact prose snippet (whitespace-normalised, so the
  Markdown may be re-wrapped), a function that computes the value with ``coophelpers`` exactly as
  the notebook's code does, on the notebook's own ``AS_OF`` (parsed from its first code cell, not
  hard-coded here) or on a date the same sentence states, and the range the prose's rounding
  allows ("about 1,600 km" is 1,550–1,650 km; "16 of the 44" is exact);
* a few quantitative claims without a digit ("are suspended", "run through Kazakhstan") are
  checked the same way;
* every other digit in the Markdown is listed in :data:`QUOTED` as a quoted fact (a published
  length, a date of a decree or an opening, a heading number) with the reason, so a new number
  added to the prose fails :func:`test_every_digit_in_the_prose_is_checked_or_quoted` until it
  gets a case. Numbers spelt as words ("Seven", "three") are covered by cases but not by that
  guard.

The computations are shared through ``functools.lru_cache`` (partner routes, the dwell scenario
and the sea distances take some seconds each).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import pytest

import coophelpers as ch

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = ROOT / "notebooks"

NB01 = "01-regions"
NB02 = "02-mechanism-pairings"
NB03 = "03-border-crossings"
NB04 = "04-transport-distances"
NB05 = "05-economic-ties"
NOTEBOOKS = (NB01, NB02, NB03, NB04, NB05)

_AS_OF_LINE = re.compile(r"""^AS_OF\s*=\s*["'](\d{4}-\d{2}-\d{2})["']\s*(?:#.*)?$""", re.MULTILINE)


# --------------------------------------------------------------------------- the notebooks


def normalise(text: str) -> str:
    """Collapse every run of whitespace (line breaks of wrapped Markdown included) to one space."""
    return " ".join(text.split())


@functools.lru_cache(maxsize=None)
def _notebook(name: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK_DIR / f"{name}.ipynb", as_version=4)


@functools.lru_cache(maxsize=None)
def notebook_as_of(name: str) -> str:
    """The ``AS_OF = "YYYY-MM-DD"`` pinned in the notebook's first code cell."""
    first_code = next(c for c in _notebook(name).cells if c.cell_type == "code")
    match = _AS_OF_LINE.search(first_code.source)
    assert match, f"{name}: the first code cell pins no AS_OF = \"YYYY-MM-DD\""
    return match.group(1)


@functools.lru_cache(maxsize=None)
def prose(name: str) -> str:
    """The notebook's Markdown cells, each whitespace-normalised, separated by a pilcrow."""
    return " ¶ ".join(normalise(c.source) for c in _notebook(name).cells if c.cell_type == "markdown")


# --------------------------------------------------------------------------- shared computations
# Each mirrors a notebook code cell (same function, same options); ``as_of`` is the notebook's.

#: The two dates notebook 04 compares, stated in its prose ("on 2022-01-01 and on 2024-01-01").
BRIDGES_BEFORE, BRIDGES_AFTER = "2022-01-01", "2024-01-01"
LAND = ("rail", "road")


@functools.lru_cache(maxsize=None)
def n_subjects(as_of: str) -> Any:
    return ch.load_federal_districts(as_of=as_of).set_index("id")["n_subjects"]


@functools.lru_cache(maxsize=None)
def mechanism_summary(as_of: str) -> Any:
    return ch.mechanism_summary(as_of=as_of).set_index("mechanism")


@functools.lru_cache(maxsize=None)
def mechanism_pairs(mechanism: str, as_of: str, variant: str | None = None) -> Any:
    return ch.mechanism_pairs(mechanism, variant=variant, as_of=as_of)


@functools.lru_cache(maxsize=None)
def border() -> Any:
    return ch.border_line()


@functools.lru_cache(maxsize=None)
def crossings(as_of: str) -> Any:
    return ch.load_crossings(as_of=as_of)


@functools.lru_cache(maxsize=None)
def gaps(as_of: str) -> Any:
    return ch.crossing_gaps(as_of=as_of)


@functools.lru_cache(maxsize=None)
def partner_routes(as_of: str) -> Any:
    return ch.partner_routes(as_of=as_of)


@functools.lru_cache(maxsize=None)
def partner_summary(as_of: str) -> Any:
    return ch.partner_summary(partner_routes(as_of))


@functools.lru_cache(maxsize=None)
def bridges_change() -> Any:
    return ch.network_change("northeast-fareast", before=BRIDGES_BEFORE, after=BRIDGES_AFTER, modes=LAND)


@functools.lru_cache(maxsize=None)
def dwell(as_of: str) -> Any:
    return ch.dwell_scenario(factor=0.5, as_of=as_of)


@functools.lru_cache(maxsize=None)
def sea() -> Any:
    return ch.sea_distances()


# --------------------------------------------------------------------------- derived values


def _fefd_when_commission_set_up(as_of: str) -> int:
    founded = ch.load_mechanisms().set_index("id").loc["northeast-fareast", "founded"]
    return int(n_subjects(str(founded))["FEFD"])


def _mechanisms_with_official_list(as_of: str) -> int:
    """How many mechanisms have no `assumed` member, provided they are the first ones listed."""
    members = ch.mechanism_members(as_of=as_of, roles=ch.mechanisms.ROLES)
    official = [m for m, roles in members.groupby("mechanism", sort=False)["role"] if "assumed" not in set(roles)]
    order = list(ch.load_mechanisms()["id"])
    return len(official) if order[: len(official)] == sorted(official, key=order.index) else -1


def _border_total_km(as_of: str) -> float:
    return float(border()["length_km"].sum())


def _ne_touching_pairs(as_of: str) -> int:
    return int((mechanism_pairs("northeast-fareast", as_of)["edge_dist_km"] == 0).sum())


def _two_closest_ne_centres(as_of: str) -> list[float]:
    """Centre distances of the two closest pairs, if they are Harbin–Blagoveshchensk and Harbin–Vladivostok."""
    closest = mechanism_pairs("northeast-fareast", as_of).nsmallest(2, "centre_dist_km")
    named = {("CN-HL", "RU-AMU"), ("CN-HL", "RU-PRI")}  # Harbin–Blagoveshchensk, Harbin–Vladivostok
    if set(zip(closest["code_cn"], closest["code_ru"])) != named:
        return [math.nan]
    return closest["centre_dist_km"].tolist()


def _summary(mechanism: str, column: str, scale: float = 1.0) -> Callable[[str], float]:
    return lambda as_of: float(mechanism_summary(as_of).loc[mechanism, column]) / scale


def _yangtze_median_over_closest_ne(as_of: str) -> float:
    s = mechanism_summary(as_of)
    return float(s.loc["yangtze-volga", "centre_dist_median_km"] / s.loc["northeast-fareast", "centre_dist_min_km"])


def _variant_medians(as_of: str) -> dict[str, list[float]]:
    out = {}
    for mid in ("north-central", "southeast-northwest"):
        out[mid] = [
            float(mechanism_pairs(mid, as_of, variant)["centre_dist_km"].median())
            for variant in [None, *ch.mechanism_variants(mid)["variant"]]
        ]
    return out


def _largest_variant_shift_pct(as_of: str) -> float:
    return max(100 * max(abs(m / meds[0] - 1) for m in meds) for meds in _variant_medians(as_of).values())


def _2019_margin_over_yangtze_km(as_of: str) -> float:
    """How much farther the closest variant of a 2019 mechanism is than Yangtze–Volga (median centres)."""
    yangtze = float(mechanism_summary(as_of).loc["yangtze-volga", "centre_dist_median_km"])
    return min(min(meds) for meds in _variant_medians(as_of).values()) - yangtze


def _mode_count(*modes: str) -> Callable[[str], int]:
    return lambda as_of: int(crossings(as_of)["mode"].isin(modes).sum())


def _bridges_opened_2022(as_of: str) -> int:
    c = crossings(as_of)
    bridges = c[c["mode"].isin(["road_bridge", "rail_bridge"]) & (c["status"] == "operating")]
    return int(bridges["opened"].astype(str).str.startswith("2022").sum())


def _railways_at_manzhouli_and_suifenhe(as_of: str) -> int:
    c = crossings(as_of)
    rail = c[c["mode"].isin(["rail", "rail_bridge"])]
    return int(rail["name_cn_en"].str.match(r"(?:Manzhouli|Suifenhe)\b").sum())


def _river_lead_over_next_mode(as_of: str) -> int:
    counts = crossings(as_of)["mode"].value_counts()
    return int(counts["river"] - counts.drop("river").max())


def _border_units(section: str, column: str) -> Callable[[str], int]:
    return lambda as_of: len(border().set_index("section").loc[section, column])


def _operating(as_of: str) -> Any:
    c = crossings(as_of)
    return c[c["status"] == "operating"]


FIXED = ("road", "road_bridge", "rail", "rail_bridge")


def _operating_count(*modes: str) -> Callable[[str], int]:
    return lambda as_of: int(_operating(as_of)["mode"].isin(modes).sum()) if modes else len(_operating(as_of))


def _river_is_largest_operating_group_not_majority(as_of: str) -> bool:
    counts = _operating(as_of)["mode"].value_counts()
    return bool(counts.idxmax() == "river" and counts["river"] <= counts.sum() / 2)


def _shiwei_heihe_gap_km(as_of: str) -> float:
    g = gaps(as_of)
    row = g[g["from_ids"].map(lambda ids: "shiwei-olochi-road-bridge" in ids)
            & g["to_ids"].map(lambda ids: "heihe-blagoveshchensk-river" in ids)]
    return float(row["gap_km"].iloc[0]) if len(row) == 1 else math.nan


def _suspended_upper_amur(as_of: str) -> int:
    ids = ["mohe-dzhalinda-river", "huma-ushakovo-river", "sunwu-konstantinovka-river"]
    return int((crossings(as_of).set_index("id").loc[ids, "status"] == "suspended").sum())


def _markovo_closed_since(as_of: str) -> float:
    row = crossings(as_of).set_index("id").loc["hulin-markovo-road"]
    if row["status"] not in ("suspended", "closed"):
        return math.nan
    return float(str(row["closed"])[:4])


def _western_section_crossings(as_of: str) -> int:
    west = border().set_index("section").loc["west", "codes_cn"]
    c = crossings(as_of)
    return int((c["code_cn"].isin(west) & (c["mode"] != "none")).sum())


def _jilin(as_of: str) -> Any:
    c = crossings(as_of)
    return c[c["code_cn"] == ch.resolve_region("Jilin")]


def _jilin_points(as_of: str) -> int:
    return _jilin(as_of)["name_cn_en"].str.split(" (", regex=False).str[0].nunique()


def _jilin_modes(as_of: str) -> int:
    return int(_jilin(as_of)["mode"].nunique())


def _setting(name: str, key: str) -> Callable[[str], float]:
    return lambda as_of: float(getattr(ch.settings, name)[key]) if key else float(getattr(ch.settings, name))


def _members_without_fixed_land_link(as_of: str) -> frozenset[str]:
    """Russian members with no rail or road route that the prose does not name, or named ones that have one.

    Empty when the list in the prose is exactly the set of members without a fixed land link.
    """
    members = ch.mechanism_members(as_of=as_of)
    missing = set()
    for code in sorted(set(members.loc[members["side"] == "RU", "code"])):
        try:
            ch.route("CN-BJ", code, modes=LAND, as_of=as_of)
        except ch.NoRouteError:
            missing.add(code)
    named = {ch.resolve_region(name) for name in NO_FIXED_LINK_NAMED}
    differences = missing ^ named
    # "... are reachable": with the default modes (ferries included) every pair has a route
    if partner_routes(as_of)["network_km"].isna().any():
        differences.add("(a pair unreachable even with ferries)")
    return frozenset(differences)


NO_FIXED_LINK_NAMED = ("Kamchatka", "Chukotka", "Sakhalin", "Yakutia", "Nenets")


def _partner(mechanism: str, column: str) -> Callable[[str], float]:
    return lambda as_of: float(partner_summary(as_of).loc[mechanism, column])


HINTERLAND = ("yangtze-volga", "north-central", "southeast-northwest")


def _hinterland(column: str) -> Callable[[str], list[float]]:
    return lambda as_of: [float(partner_summary(as_of).loc[m, column]) for m in HINTERLAND]


def _hinterland_extreme(column: str, pick: Callable[[Iterable[float]], float]) -> Callable[[str], float]:
    return lambda as_of: pick(_hinterland(column)(as_of))


def _times_farther(pick: Callable[[Iterable[float]], float]) -> Callable[[str], float]:
    """Hinterland medians over the adjacent pairing's, straight line and network alike."""

    def compute(as_of: str) -> float:
        s = partner_summary(as_of)
        ratios = [s.loc[m, col] / s.loc["northeast-fareast", col] for m in HINTERLAND for col in ("geodesic_km", "network_km")]
        return float(pick(ratios))

    return compute


def _hinterland_corridors(as_of: str) -> dict[str, frozenset[str]]:
    r = partner_routes(as_of)
    return {m: frozenset(r.loc[r["mechanism"] == m, "corridor"]) for m in HINTERLAND}


def _bridge_change(column: str, code_ru: str) -> Callable[[str], float]:
    def compute(as_of: str) -> float:
        c = bridges_change()
        row = c[(c["code_cn"] == "CN-HL") & (c["code_ru"] == code_ru)]
        return float(row[column].iloc[0])

    return compute


def _hl_amu_route_before_through_primorye(as_of: str) -> str:
    c = bridges_change()
    corridor = c.loc[(c["code_cn"] == "CN-HL") & (c["code_ru"] == "RU-AMU"), "corridor_before"].iloc[0]
    return str(ch.get_crossing(corridor)["code_ru"])


def _tongjiang_bridge_destinations_from_heilongjiang(as_of: str) -> frozenset[str]:
    c = bridges_change()
    rows = c[(c["code_cn"] == "CN-HL") & c["changed"] & (c["corridor_after"] == "tongjiang-nizhneleninskoye-rail-bridge")]
    return frozenset(rows.loc[rows["saved_km"] > 0, "code_ru"])


def _median_land_fall_pct(as_of: str) -> float:
    c = bridges_change()
    return float(100 * (1 - c["network_km_after"].median() / c["network_km_before"].median()))


def _dwell_saving(*mechanisms: str) -> Callable[[str], list[float]]:
    return lambda as_of: [float(dwell(as_of).loc[m, "saving_pct"]) for m in mechanisms]


def _dwell_extreme(pick: Callable[[Iterable[float]], float]) -> Callable[[str], float]:
    return lambda as_of: pick(_dwell_saving(*HINTERLAND)(as_of))


def _suez_over_land(as_of: str) -> float:
    r = partner_routes(as_of)
    se = r[r["mechanism"] == "southeast-northwest"].dropna(subset=["sea_suez_km"])
    return float(se["sea_suez_km"].median() / se["network_km"].median())


def _nsr_saving(destinations: tuple[str, ...], pick: Callable[[Iterable[float]], float]) -> Callable[[str], float]:
    def compute(as_of: str) -> float:
        s = sea()
        return float(pick(s.loc[(s["via"] == "nsr") & s["destination"].isin(destinations), "nsr_saving_pct"]))

    return compute


def _nsr_saving_rises_northward(as_of: str) -> float:
    """Rank correlation of the origin port's latitude with the saving to St Petersburg."""
    s = sea()
    spb = s[(s["via"] == "nsr") & (s["destination"] == "st-petersburg")].set_index("origin")["nsr_saving_pct"]
    lat = ch.load_ports().set_index("id").loc[spb.index, "lat"]
    return float(spb.rank().corr(lat.rank()))


def _estimated_share_extreme(pick: Callable[[Iterable[float]], float]) -> Callable[[str], float]:
    def compute(as_of: str) -> float:
        return float(100 * pick(partner_summary(as_of)["estimated_share"]))

    return compute


def network_estimated_share() -> float:
    """The estimated share of the whole network's length (as tests/data/test_published_lengths.py prints it)."""
    from coophelpers import data as cdata

    edges = cdata.read_csv("network_edges.csv", dtype={"estimated": str, "length_km": float}, keep_default_na=False)
    estimated = edges["estimated"].eq("true")
    return float(edges.loc[estimated, "length_km"].sum() / edges["length_km"].sum())


def _kaliningrad_land_corridor(as_of: str) -> bool:
    """Kaliningrad has a land route from China, and it runs through Lithuania and Belarus."""
    rt = ch.route("CN-BJ", "RU-KGD", modes=LAND, as_of=as_of)
    return "via Lithuania" in rt.corridor and "via Belarus" in rt.corridor


# ---- 05-economic-ties: computed with coophelpers.ties and coophelpers.ties_analysis as the notebook does


@functools.lru_cache(maxsize=None)
def _share_table(region: str) -> Any:
    from coophelpers.ties_analysis import trade_share

    return trade_share(region).set_index("year")


def _share(region: str, column: str, year: int) -> Callable[[str], float]:
    return lambda as_of: float(_share_table(region).loc[year, column])


def _full_year_value(region: str, year: int, column: str = "value") -> Callable[[str], float]:
    def compute(as_of: str) -> float:
        rows = ch.load_trade(region, full_year_only=True, flow="total", as_of=as_of)
        rows = rows[(rows["year"] == year) & rows[column].notna() & rows["conflict_group"].eq("")]
        return [float(v) for v in rows[column]]

    return compute


def _ties(column: str, mechanism: str) -> Callable[[str], Any]:
    from coophelpers.ties_analysis import ties_by_mechanism

    return lambda as_of: int(ties_by_mechanism(as_of).loc[mechanism, column])


def _hunan_2017_part_year(as_of: str) -> list[float]:
    rows = ch.load_trade("Hunan", as_of=as_of)
    rows = rows[(rows["period_start"] == "2017-01-01") & (rows["period_end"] == "2017-09-30")]
    return [float(v) for v in rows["value"]] or [math.nan]


def _investment(metric: str, pick: Callable[[Iterable[float]], float], year: str | None = None) -> Callable[[str], float]:
    def compute(as_of: str) -> float:
        st = ch.load_investment_statements(metric)
        if year is not None:
            st = st[st["date"].str.startswith(year)]
        return float(pick(st["value"]))

    return compute


def _cn_zones_by_district(as_of: str) -> dict[str, int]:
    zones = ch.load_zones("cn_overseas_zone")
    districts = [ch.federal_district_of(code, as_of=as_of) for code in zones["region_code"]]
    return {d: districts.count(d) for d in sorted(set(districts))}


def _hl_full_years_after_2014(as_of: str) -> list[int]:
    years = _share_table("Heilongjiang").index
    return [int(y) for y in years if y > 2014]


def _no_russian_customs_series_since_2022(as_of: str) -> bool:
    trade = ch.load_trade(as_of=as_of)
    ru = trade[trade["reporter"].str.startswith("RU-") & (trade["year"] >= 2022)]
    return bool(len(ru)) and not ru["basis"].isin(["customs_directorate", "customs_district"]).any()


def _copies_share(as_of: str) -> float:
    trade = ch.load_trade(as_of=as_of)
    return float(1 - trade["original"].mean())


def _ecb_rouble_last_year(as_of: str) -> int:
    from coophelpers._fx import mean_rate

    import datetime as dt

    return 2022 if "2022-03-01" in mean_rate("RUB", "USD", dt.date(2023, 1, 1), dt.date(2023, 12, 31))[2] else 0


# --------------------------------------------------------------------------- the cases


@dataclass(frozen=True)
class Case:
    notebook: str
    snippet: str  # as it appears in the Markdown (whitespace-normalised)
    stated: str  # the number as stated, for the message
    compute: Callable[[str], Any]  # the value(s), from the notebook's AS_OF
    lo: Any = None  # inclusive range the rounding allows ...
    hi: Any = None
    equals: Any = None  # ... or the exact value
    claim: bool = False  # a quantitative claim without a number of its own


def about(value: float, within: float) -> dict[str, float]:
    return {"lo": value - within, "hi": value + within}


def exactly(value: Any) -> dict[str, Any]:
    return {"equals": value}


CASES: list[Case] = [
    # ---- 01-regions
    Case(NB01, "the Far Eastern district had 9 subjects when the Northeast–Far East commission was set up",
         "9", _fefd_when_commission_set_up, **exactly(9)),
    Case(NB01, "commission was set up and 11 after", "11", lambda a: int(n_subjects(a)["FEFD"]), **exactly(11)),
    # ---- 02-mechanism-pairings
    Case(NB02, "Only the first two mechanisms have an official member list", "two",
         _mechanisms_with_official_list, **exactly(2)),
    Case(NB02, "six Chinese provinces", "six", lambda a: int(mechanism_summary(a).loc["yangtze-volga", "n_regions_cn"]),
         **exactly(6)),
    Case(NB02, "the 14 subjects of the Volga district", "14",
         lambda a: int(mechanism_summary(a).loc["yangtze-volga", "n_regions_ru"]), **exactly(14)),
    Case(NB02, "which give about 3,540 km for the 4,209 km China–Russia border", "about 3,540 km",
         _border_total_km, **about(3540, 5)),
    Case(NB02, "about 3,500 km of the ~3,540 km that Natural Earth draws", "about 3,500 km",
         _summary("northeast-fareast", "shared_border_km"), **about(3500, 50)),
    Case(NB02, "of the ~3,540 km that Natural Earth draws", "~3,540 km", _border_total_km, **about(3540, 5)),
    Case(NB02, "Seven of the 44 pairs touch", "Seven", _ne_touching_pairs, **exactly(7)),
    Case(NB02, "Seven of the 44 pairs touch", "44", lambda a: len(mechanism_pairs("northeast-fareast", a)), **exactly(44)),
    Case(NB02, "(Harbin–Blagoveshchensk, Harbin–Vladivostok) are about 510 km apart", "about 510 km",
         _two_closest_ne_centres, **about(510, 5)),
    Case(NB02, "(6.9 million km² against 1.9 million on the Chinese side)", "6.9 million km²",
         _summary("northeast-fareast", "area_km2_ru", 1e6), **about(6.9, 0.05)),
    Case(NB02, "(6.9 million km² against 1.9 million on the Chinese side)", "1.9 million km²",
         _summary("northeast-fareast", "area_km2_cn", 1e6), **about(1.9, 0.05)),
    Case(NB02, "the median centre distance is still about 1,600 km", "about 1,600 km",
         _summary("northeast-fareast", "centre_dist_median_km"), **about(1600, 50)),
    Case(NB02, "edges never come closer than about 3,460 km", "about 3,460 km",
         _summary("yangtze-volga", "edge_dist_min_km"), **about(3460, 5)),
    Case(NB02, "the centres are 4,600–6,300 km apart", "4,600 km",
         _summary("yangtze-volga", "centre_dist_min_km"), **about(4600, 50)),
    Case(NB02, "the centres are 4,600–6,300 km apart", "6,300 km",
         _summary("yangtze-volga", "centre_dist_max_km"), **about(6300, 50)),
    Case(NB02, "(median about 5,600 km)", "about 5,600 km",
         _summary("yangtze-volga", "centre_dist_median_km"), **about(5600, 50)),
    Case(NB02, "some eleven times the closest Northeast–Far East pair", "eleven times",
         _yangtze_median_over_closest_ne, **about(11, 0.5)),
    Case(NB02, "medians about 5,800 km for North China–Central", "about 5,800 km",
         _summary("north-central", "centre_dist_median_km"), **about(5800, 50)),
    Case(NB02, "and 6,900 km for the south-east coast–Northwest", "6,900 km",
         _summary("southeast-northwest", "centre_dist_median_km"), **about(6900, 50)),
    Case(NB02, "the median distance moves by a few per cent at most", "a few per cent at most",
         _largest_variant_shift_pct, lo=0.0, hi=5.0),
    Case(NB02, "The 2019 mechanisms are further still", "further still, whichever variant",
         _2019_margin_over_yangtze_km, lo=0.0, hi=math.inf, claim=True),
    # ---- 03-border-crossings
    Case(NB03, "a hand-curated registry of 28 rows", "28", lambda a: len(crossings(a)), **exactly(28)),
    Case(NB03, "the two bridges opened in 2022", "two", _bridges_opened_2022, **exactly(2)),
    Case(NB03, "three pipeline crossings", "three", _mode_count("pipeline"), **exactly(3)),
    Case(NB03, "one documented absence (the Altai section has no crossing)", "one", _mode_count("none"), **exactly(1)),
    Case(NB03, "River crossings are the most numerous", "most numerous", _river_lead_over_next_mode,
         lo=1, hi=math.inf, claim=True),
    Case(NB03, "only four crossings are railways", "four", _mode_count("rail", "rail_bridge"), **exactly(4)),
    Case(NB03, "(two of them at Manzhouli and Suifenhe", "two", _railways_at_manzhouli_and_suifenhe, **exactly(2)),
    Case(NB03, "It touches three Chinese provinces and five Russian subjects in the east", "three",
         _border_units("east", "codes_cn"), **exactly(3)),
    Case(NB03, "It touches three Chinese provinces and five Russian subjects in the east", "five",
         _border_units("east", "codes_ru"), **exactly(5)),
    Case(NB03, "Of the 20 crossings operating", "20", _operating_count(), **exactly(20)),
    Case(NB03, "6 are river crossings", "6", _operating_count("river"), **exactly(6)),
    Case(NB03, "the largest group, but not a majority", "largest group, not a majority",
         _river_is_largest_operating_group_not_majority, **exactly(True), claim=True),
    Case(NB03, "Two are pipelines", "Two", _operating_count("pipeline"), **exactly(2)),
    Case(NB03, "the other 12 are year-round fixed links", "12", _operating_count(*FIXED), **exactly(12)),
    Case(NB03, "since 2022 the two Amur bridges", "two", _bridges_opened_2022, **exactly(2)),
    Case(NB03, "no operating crossing for more than a thousand kilometres of (generalised) border between Shiwei and Heihe",
         "more than a thousand kilometres", _shiwei_heihe_gap_km, lo=1000, hi=math.inf),
    Case(NB03, "Mohe–Dzhalinda and the Huma and Sunwu crossings are suspended", "all three suspended",
         _suspended_upper_amur, **exactly(3), claim=True),
    Case(NB03, "Markovo has been closed for reconstruction since 2020", "since 2020", _markovo_closed_since,
         **exactly(2020.0)),
    Case(NB03, "The western section has no crossing", "no", _western_section_crossings, **exactly(0)),
    Case(NB03, "Jilin has a single crossing point with two modes", "single", _jilin_points, **exactly(1)),
    Case(NB03, "Jilin has a single crossing point with two modes", "two", _jilin_modes, **exactly(2)),
    # ---- 04-transport-distances
    Case(NB04, "a day at a rail border", "a day", _setting("border_hours", "rail"), **exactly(24.0)),
    Case(NB04, "8 h at a road border", "8 h", _setting("border_hours", "road"), **exactly(8.0)),
    Case(NB04, "12 h per break of gauge", "12 h", _setting("gauge_change_hours", ""), **exactly(12.0)),
    Case(NB04, "(Kamchatka, Chukotka, Sakhalin, Yakutia, Nenets) are reachable", "these five",
         _members_without_fixed_land_link, **exactly(frozenset()), claim=True),
    Case(NB04, "Kaliningrad is reached by land only through Lithuania and Belarus", "through Lithuania and Belarus",
         _kaliningrad_land_corridor, **exactly(True), claim=True),
    Case(NB04, "a median of about 1,600 km apart in a straight line", "about 1,600 km",
         _partner("northeast-fareast", "geodesic_km"), **about(1600, 50)),
    Case(NB04, "about 2,500 km by the network", "about 2,500 km", _partner("northeast-fareast", "network_km"),
         **about(2500, 50)),
    Case(NB04, "the hinterland pairings are 5,600–6,900 km apart in a straight line", "5,600 km",
         _hinterland_extreme("geodesic_km", min), **about(5600, 50)),
    Case(NB04, "the hinterland pairings are 5,600–6,900 km apart in a straight line", "6,900 km",
         _hinterland_extreme("geodesic_km", max), **about(6900, 50)),
    Case(NB04, "7,800–10,000 km by land", "7,800 km", _hinterland_extreme("network_km", min), **about(7800, 50)),
    Case(NB04, "7,800–10,000 km by land", "10,000 km", _hinterland_extreme("network_km", max), **about(10000, 50)),
    Case(NB04, "The detour index is almost the same everywhere (about 1.4)", "about 1.4",
         lambda a: partner_summary(a)["detour_index"].tolist(), **about(1.4, 0.05)),
    Case(NB04, "they are three to four times farther apart", "three", _times_farther(min), **about(3, 0.5)),
    Case(NB04, "they are three to four times farther apart", "four", _times_farther(max), **about(4, 0.5)),
    Case(NB04, "The shortest land routes of the Yangtze–Volga and south-east–Northwestern pairs run through "
         "Kazakhstan (the China–Europe corridors via Alashankou or Khorgos; to Kaliningrad further through "
         "Belarus and Lithuania), and North China–Central Russia through Mongolia (for Lipetsk, Tambov and Voronezh "
         "also briefly through Kazakhstan", "every pair", _hinterland_corridors,
         **exactly({"yangtze-volga": frozenset({"via Kazakhstan"}),
                    "north-central": frozenset({"via Mongolia", "via Mongolia + via Kazakhstan"}),
                    "southeast-northwest": frozenset({"via Kazakhstan", "via Kazakhstan + via Belarus + via Lithuania"})}),
         claim=True),
    Case(NB04, "cuts Heilongjiang–Amur from about 2,000 km (round through Primorye)", "about 2,000 km",
         _bridge_change("network_km_before", "RU-AMU"), **about(2000, 50)),
    Case(NB04, "(round through Primorye)", "through Primorye", _hl_amu_route_before_through_primorye,
         **exactly("RU-PRI"), claim=True),
    Case(NB04, "to about 660 km", "about 660 km", _bridge_change("network_km_after", "RU-AMU"), **about(660, 5)),
    Case(NB04, "the Tongjiang rail bridge shortens the routes to the Jewish Autonomous Oblast and Khabarovsk",
         "JAO and Khabarovsk", _tongjiang_bridge_destinations_from_heilongjiang,
         **exactly(frozenset({"RU-YEV", "RU-KHA"})), claim=True),
    Case(NB04, "16 of the 44 pairs change their crossing", "16", lambda a: int(bridges_change()["changed"].sum()),
         **exactly(16)),
    Case(NB04, "16 of the 44 pairs change their crossing", "44", lambda a: len(bridges_change()), **exactly(44)),
    Case(NB04, "the pairing's median land distance falls by about 10 %", "about 10 %", _median_land_fall_pct,
         **about(10, 0.5)),
    Case(NB04, "saves about 6 % of the time in the adjacent pairing", "about 6 %",
         _dwell_saving("northeast-fareast"), **about(6, 0.5)),
    Case(NB04, "and 1.5–4 % in the others", "1.5 %", _dwell_extreme(min), **about(1.5, 0.05)),
    Case(NB04, "and 1.5–4 % in the others", "4 %", _dwell_extreme(max), **about(4, 0.5)),
    Case(NB04, "Suez routes are about twice the land distance", "about twice", _suez_over_land, **about(2, 0.25)),
    Case(NB04, "the Northern Sea Route is 12–25 % shorter than Suez for St Petersburg", "12 %",
         _nsr_saving(("st-petersburg",), min), **about(12, 0.5)),
    Case(NB04, "the Northern Sea Route is 12–25 % shorter than Suez for St Petersburg", "25 %",
         _nsr_saving(("st-petersburg",), max), **about(25, 0.5)),
    Case(NB04, "(the more so the farther north the Chinese port)", "rises northward", _nsr_saving_rises_northward,
         lo=0.9, hi=1.0, claim=True),
    Case(NB04, "32–44 % shorter for Murmansk and Arkhangelsk", "32 %",
         _nsr_saving(("murmansk", "arkhangelsk"), min), **about(32, 0.5)),
    Case(NB04, "32–44 % shorter for Murmansk and Arkhangelsk", "44 %",
         _nsr_saving(("murmansk", "arkhangelsk"), max), **about(44, 0.5)),
    Case(NB04, "4–17 % of the route length in the four pairings rests on estimated edges", "4 %",
         _estimated_share_extreme(min), **about(4, 0.5)),
    Case(NB04, "4–17 % of the route length in the four pairings rests on estimated edges", "17 %",
         _estimated_share_extreme(max), **about(17, 0.5)),
    Case(NB04, "4–17 % of the route length in the four pairings rests on estimated edges", "four",
         lambda a: len(partner_summary(a)), **exactly(4)),
    Case(NB04, "19 % of the whole network's length", "19 %", lambda a: 100 * network_estimated_share(), **about(19, 0.5)),
]

CASES += [
    # ---- 05-economic-ties
    Case(NB05, "traded $5.7 bn with Russia in 2005 and $23.2 bn in 2014", "$5.7 bn", _share("Heilongjiang",
         "region_usd_bn", 2005), **about(5.7, 0.05)),
    Case(NB05, "traded $5.7 bn with Russia in 2005 and $23.2 bn in 2014", "$23.2 bn", _share("Heilongjiang",
         "region_usd_bn", 2014), **about(23.2, 0.05)),
    Case(NB05, "It was 25 % of China's trade with Russia in 2013 but 14 % in 2021", "25 %",
         _share("Heilongjiang", "share_pct", 2013), **about(25, 0.5)),
    Case(NB05, "It was 25 % of China's trade with Russia in 2013 but 14 % in 2021", "14 %",
         _share("Heilongjiang", "share_pct", 2021), **about(14, 0.5)),
    Case(NB05, "when Russia made up 65.8 % of the province's own foreign trade", "65.8 %",
         _full_year_value("Heilongjiang", 2021, "share_pct"), **about(65.8, 0.05)),
    Case(NB05, "Primorsky's trade with China rose from $3.2 bn in 2017 to $8.6 bn in 2023", "$3.2 bn",
         _full_year_value("Primorsky", 2017), **about(3.2, 0.05)),
    Case(NB05, "Primorsky's trade with China rose from $3.2 bn in 2017 to $8.6 bn in 2023", "$8.6 bn",
         _full_year_value("Primorsky", 2023), **about(8.6, 0.05)),
    Case(NB05, "$8.6 bn in 2023, 68 % of its foreign trade", "68 %", _full_year_value("Primorsky", 2023, "share_pct"),
         **about(68, 0.5)),
    Case(NB05, "its relations date from 1990", "1990", _ties("first_year", "northeast-fareast"), **exactly(1990)),
    Case(NB05, "Tatarstan traded $335 million with China in 2011 and $3.0 bn in 2023", "$335 million",
         _full_year_value("Tatarstan", 2011), **about(335, 0.5)),
    Case(NB05, "Tatarstan traded $335 million with China in 2011 and $3.0 bn in 2023", "$3.0 bn",
         _full_year_value("Tatarstan", 2023), **about(3.0, 0.05)),
    Case(NB05, "about 1.2 % of China–Russia trade", "about 1.2 %", _share("Tatarstan", "share_pct", 2023),
         **about(1.2, 0.05)),
    Case(NB05, "Hunan reported CNY 3.13 bn with Russia in January–September 2017", "CNY 3.13 bn",
         _hunan_2017_part_year, **about(3.13, 0.005)),
    Case(NB05, "The paired regions have 35 relations", "35", _ties("relations", "yangtze-volga"), **exactly(35)),
    Case(NB05, "most of them cooperation agreements between governments", "most",
         lambda a: _ties("cooperation_agreement", "yangtze-volga")(a) > _ties("relations", "yangtze-volga")(a) / 2,
         **exactly(True), claim=True),
    Case(NB05, "the dated ones start in 2011", "2011", _ties("first_year", "yangtze-volga"), **exactly(2011)),
    Case(NB05, "and 6 of them are from 2019 or later", "6", _ties("since_2019", "yangtze-volga"), **exactly(6)),
    Case(NB05, "Chinese investment as 7–15 % of the investment", "7 %", _investment("share_of_investment", min),
         **about(7, 0.5)),
    Case(NB05, "Chinese investment as 7–15 % of the investment", "15 %", _investment("share_of_investment", max),
         **about(15, 0.5)),
    Case(NB05, "in 2019 RUB 1.4 bn actually invested against RUB 33.6 bn declared", "RUB 1.4 bn",
         _investment("actual_investment", min, "2019"), **about(1.4, 0.05)),
    Case(NB05, "in 2019 RUB 1.4 bn actually invested against RUB 33.6 bn declared", "RUB 33.6 bn",
         _investment("declared_investment", max, "2019"), **about(33.6, 0.05)),
    Case(NB05, "All four Chinese zones found in Russia lie outside the Volga district: three in the Far East and one in "
         "Tomsk", "four, three, one", _cn_zones_by_district, **exactly({"FEFD": 3, "SibFD": 1}), claim=True),
    Case(NB05, "Full-year values exist for 2018 and 2021 only", "2018 and 2021", _hl_full_years_after_2014,
         **exactly([2018, 2021])),
    Case(NB05, "**Heilongjiang after 2014.**", "2014", _hl_full_years_after_2014, **exactly([2018, 2021])),
    Case(NB05, "no customs series by region was found for the years since 2022", "since 2022",
         _no_russian_customs_series_since_2022, **exactly(True), claim=True),
    Case(NB05, "(its statements differ for 2024, and both are kept)", "2024",
         lambda a: sorted(ch.load_trade("Primorsky", full_year_only=True, as_of=a).query("year == 2024")["value"]
                          .drop_duplicates().tolist()), **exactly([6.0, 7.5])),
    Case(NB05, "Caveats: half of the trade figures come from syndicated copies", "half", _copies_share,
         **about(0.5, 0.05)),
    Case(NB05, "at ECB rates that stop for the rouble in 2022", "2022", _ecb_rouble_last_year, **exactly(2022)),
]

#: Digits in the prose that are not computed: quoted facts, dates stated as inputs, headings.
QUOTED: list[tuple[str, str, str]] = [
    (NB01, "# 01 ·", "notebook number"),
    (NB01, "Natural Earth 10m admin-1", "name of the source data set"),
    (NB01, "ISO 3166-2", "name of a standard"),
    (NB01, "CC BY 4.0", "licence"),
    (NB01, "(presidential decrees 2000–2018)", "dates of the decrees"),
    (NB01, "district on 2018-11-03", "date of the decree (the counts it implies are cases)"),
    (NB01, "(Russian-administered since 2014,", "historical date"),
    (NB02, "# 02 ·", "notebook number"),
    (NB02, "A 2019 analysis (Cui Zheng, CGTN, 17 June 2019)", "citation"),
    (NB02, "Natural Earth 10m admin-1", "name of the source data set"),
    (NB02, "CC BY 4.0", "licence"),
    (NB02, "WGS84", "name of the ellipsoid"),
    (NB02, 'named in the 2016 protocol', "date of the protocol"),
    (NB02, "district on 2018-11-03", "date of the decree"),
    (NB02, "an intergovernmental commission since 2016", "founding date (mechanisms.csv)"),
    (NB02, "launched in 2013, a council since 2016", "founding dates (mechanisms.csv)"),
    (NB02, "(agreed 2019)", "date of the agreement"),
    (NB02, "Agreed in principle in June 2019", "date of the agreement"),
    (NB02, "the 4,209 km China–Russia border", "published border length"),
    (NB02, "The 2019 mechanisms", "date of the agreement"),
    (NB02, "Mechanisms 3 and 4 exist only as a 2019 agreement", "ordinals and the date of the agreement"),
    (NB03, "# 03 ·", "notebook number"),
    (NB03, "the two bridges opened in 2022", "opening year (the count is a case)"),
    (NB03, "Natural Earth 10m admin-1", "name of the source data set"),
    (NB03, "WGS84", "name of the ellipsoid"),
    (NB03, "from 1901–1903", "historical dates"),
    (NB03, "Every dated event in the registry since 1990", "the cut-off the code uses"),
    (NB03, "June 2022 brought the first road bridge", "opening date"),
    (NB03, "November 2022 the first rail bridge", "opening date"),
    (NB03, "the published 4,209.3 km (eastern section 4,195 km by the 1999 joint estimate; western section 54.57 km)",
     "published lengths"),
    (NB03, "1435/1520 mm gauge", "track gauges"),
    (NB03, "since 2022 the two Amur bridges", "opening year (the count is a case)"),
    (NB03, "temporary scheme from 2022 until its permanent complex opened in December 2025", "dates from the sources"),
    (NB03, "planned for 2028", "planned date from the sources"),
    (NB04, "# 04 ·", "notebook number"),
    (NB04, "(a rail transit restricted since 2022)", "date of the restriction (network_edges.csv)"),
    (NB04, "The 2019 CGTN analysis", "citation"),
    (NB04, "the two bridges of 2022", "opening year"),
    (NB04, "(notebook 02)", "cross-reference"),
    (NB04, "## Scenario 1: before and after the 2022 bridges", "heading"),
    (NB04, "opened to freight on 2022-06-10", "opening date"),
    (NB04, "rail bridge on 2022-11-16", "opening date"),
    (NB04, "on 2022-01-01 and on 2024-01-01", "the two dates compared (inputs of the scenario)"),
    (NB04, "## Scenario 2:", "heading"),
    (NB04, "**The 2022 bridges matter locally.**", "opening year"),
    (NB05, "# 05 ·", "notebook number"),
    (NB05, "(Cui Zheng, CGTN, 17 June 2019)", "citation"),
    (NB05, "The 2019 analysis", "citation"),
    (NB05, "## Trade per region in 2023", "heading: the year chosen for the map"),
    (NB05, "converted to US dollars at 2023's mean ECB rate", "the year chosen for the map"),
]


def _case_id(case: Case) -> str:
    return f"{case.notebook[:2]}-{case.stated}-{normalise(case.snippet)[:40]}"


def _values(value: Any) -> list[Any]:
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


# --------------------------------------------------------------------------- the tests


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_notebook_pins_as_of(name):
    as_of = notebook_as_of(name)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", as_of)


@pytest.mark.parametrize("case", [pytest.param(c, id=_case_id(c)) for c in CASES])
def test_stated_number(case: Case):
    text = prose(case.notebook)
    snippet = normalise(case.snippet)
    assert snippet in text, f"{case.notebook}: the prose no longer says {snippet!r}; update the case"
    as_of = notebook_as_of(case.notebook)
    computed = case.compute(as_of)
    where = f"{case.notebook} (AS_OF {as_of}) says {case.stated!r} in {snippet!r}"
    if case.equals is not None:
        assert computed == case.equals, f"{where}, but the package gives {computed!r}"
        return
    for value in _values(computed):
        assert isinstance(value, (int, float)) and not math.isnan(value), f"{where}, but the package gives {value!r}"
        assert case.lo <= value <= case.hi, (
            f"{where} (allowed {case.lo:g}–{case.hi:g}), but the package gives {value:.4g}"
        )


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_digit_in_the_prose_is_checked_or_quoted(name):
    """A digit outside every case snippet and every quoted fact is a number nobody checks."""
    text = prose(name)
    covered = [False] * len(text)
    snippets = [c.snippet for c in CASES if c.notebook == name] + [s for nb, s, _ in QUOTED if nb == name]
    for snippet in snippets:
        snippet = normalise(snippet)
        assert snippet in text, f"{name}: {snippet!r} is not in the prose"
        for match in re.finditer(re.escape(snippet), text):
            covered[match.start():match.end()] = [True] * (match.end() - match.start())
    unchecked = [
        text[max(0, m.start() - 40):m.end() + 20]
        for m in re.finditer(r"\S*\d\S*", text)
        if not all(covered[i] for i in range(m.start(), m.end()) if text[i].isdigit())
    ]
    assert not unchecked, f"{name}: numbers in the prose with no case in this file: {unchecked}"
