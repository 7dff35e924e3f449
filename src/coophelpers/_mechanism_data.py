"""The curated mechanism tables, their name index and membership rows (private).

:mod:`coophelpers.mechanisms` builds its public functions on these: the two tables read once from
``mechanisms.csv`` and ``mechanism_membership.csv``, the forgiving name index of the mechanisms,
the checks of roles and variants, and the membership rows valid on a date joined to the regions.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from coophelpers import data as _data
from coophelpers._errors import DataIntegrityError, InvalidInputError, UnknownMechanismError
from coophelpers._names import NameIndex, short_repr
from coophelpers._validate import check_choice, check_choices
from coophelpers.regions import COLUMNS, load_regions

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

MECHANISMS_FILE = "mechanisms.csv"
MEMBERSHIP_FILE = "mechanism_membership.csv"
#: Every membership role, from most to least certain.
ROLES = ("member", "partial", "assumed", "ambiguous")
#: Roles returned unless ``roles=`` says otherwise: ``ambiguous`` members are left out.
DEFAULT_ROLES = ("member", "partial", "assumed")
#: The two sides of every mechanism.
SIDES = ("CN", "RU")
#: Mechanism statuses: with regular meetings of a standing body, or agreed but not set up.
STATUSES = ("institutionalised", "agreed_in_principle")
#: Why a region is listed as a member.
BASES = ("named-list", "federal-district", "baikal-region", "macro-region")
#: Columns of the curated tables that hold several values (" | " in the file, a tuple here).
LIST_COLUMNS = {"mechanisms": ("aliases", "sources"), "membership": ("source",)}


def parse_iso(text: str, *, where: str) -> _dt.date | None:
    if not text:
        return None
    try:
        return _dt.date.fromisoformat(text)
    except ValueError as err:
        msg = f"{where}: {text!r} is not an ISO date (YYYY-MM-DD). Fix the data file and run `python -m coophelpers.data refresh`."
        raise DataIntegrityError(msg) from err


@lru_cache(maxsize=1)
def mechanisms_table() -> pd.DataFrame:
    return _data.read_csv(MECHANISMS_FILE, dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def membership_table() -> pd.DataFrame:
    frame = _data.read_csv(MEMBERSHIP_FILE, dtype=str, keep_default_na=False)
    frame["valid_from"] = [
        parse_iso(v, where=f"{MEMBERSHIP_FILE} row {i + 2} valid_from") for i, v in enumerate(frame["valid_from"])
    ]
    frame["valid_to"] = [
        parse_iso(v, where=f"{MEMBERSHIP_FILE} row {i + 2} valid_to") for i, v in enumerate(frame["valid_to"])
    ]
    return frame


@lru_cache(maxsize=1)
def name_index() -> NameIndex:
    index = NameIndex(
        what="mechanism",
        error=UnknownMechanismError,
        fix=(
            f"Give one of the ids {', '.join(repr(i) for i in mechanisms_table()['id'])}, or a "
            "mechanism name in English, Chinese or Russian (load_mechanisms() lists them)."
        ),
    )
    cols = ("id", "name_en", "name_zh", "name_ru", "short_name_en", "short_name_zh", "short_name_ru")
    for row in mechanisms_table().itertuples(index=False):
        names = [getattr(row, c) for c in cols] + row.aliases.split("|")
        index.add(row.id, names, label=f"{row.id!r} ({row.short_name_en})")
    return index


def check_roles(roles: Any, *, param: str = "roles") -> tuple[str, ...]:
    if not isinstance(roles, (str, Iterable)):
        msg = (
            f"{param} must be a role or a tuple of roles from {ROLES}, got {type(roles).__name__} "
            f"{short_repr(roles)}. Give e.g. {param}={DEFAULT_ROLES}."
        )
        raise InvalidInputError(msg)
    given = roles
    if not isinstance(roles, str):
        roles = list(roles)
    if not roles:
        msg = f"{param}={given!r} is empty. Give at least one of {ROLES}, e.g. roles={DEFAULT_ROLES}."
        raise InvalidInputError(msg)
    return check_choices(roles, ROLES, param=param, what="role", example=DEFAULT_ROLES)


def check_variant(mech: str, variant: Any) -> str:
    if variant is None:
        return ""
    table = membership_table()
    choices = sorted(set(table.loc[(table["mechanism"] == mech) & (table["variant"] != ""), "variant"]))
    if not choices:
        msg = (
            f"variant={variant!r}, but mechanism {mech!r} has an official member list and no "
            f"variants. Leave variant=None (variants exist for 'north-central' and 'southeast-northwest')."
        )
        raise InvalidInputError(msg)
    return check_choice(variant, choices, param="variant", what=f"{mech} variant")


def member_rows(mech: str, date: _dt.date, roles: tuple[str, ...], variant: str) -> pd.DataFrame:
    """Membership rows of one mechanism valid on ``date``; a variant replaces one side's default list."""
    table = membership_table()
    table = table[table["mechanism"] == mech]
    parts = []
    for side in SIDES:
        rows = table[table["side"] == side]
        chosen = rows[rows["variant"] == variant] if variant else rows.iloc[0:0]
        if chosen.empty:
            chosen = rows[rows["variant"] == ""]
        parts.append(chosen)
    import pandas as pd

    rows = pd.concat(parts)
    valid = [(start <= date) and (end is None or date < end) for start, end in zip(rows["valid_from"], rows["valid_to"])]
    rows = rows[valid]
    return rows[rows["role"].isin(roles)]


def member_frame(mech: str, date: _dt.date, roles: tuple[str, ...], variant: str, detail: str) -> gpd.GeoDataFrame:
    import geopandas as gpd

    rows = member_rows(mech, date, roles, variant)
    regions = load_regions(detail=detail, as_of=date)
    merged = rows.merge(regions, on="code", how="left", validate="one_to_one")
    missing = merged.loc[merged["geometry"].isna(), "code"].tolist()
    if missing:
        msg = (
            f"{MEMBERSHIP_FILE} lists {missing} for {mech!r}, which load_regions() does not know. "
            f"Fix the codes in the data file and run `python -m coophelpers.data refresh`."
        )
        raise DataIntegrityError(msg)
    merged = merged.rename(columns={"as_of": "source_as_of"})
    merged["source"] = merged["source"].map(_data.split_list)
    order = ["mechanism", "side", "code", "role"]
    order += [c for c in COLUMNS if c not in ("code", "geometry")]
    order += ["variant", "basis", "valid_from", "valid_to", "source", "source_as_of", "confidence", "note", "geometry"]
    merged = merged[order].sort_values(["side", "code"]).reset_index(drop=True)
    return gpd.GeoDataFrame(merged, geometry="geometry", crs="EPSG:4326")


def founding_date(mech: str) -> _dt.date:
    row = mechanisms_table().set_index("id").loc[mech]
    founded = parse_iso(row["founded"], where=f"{MECHANISMS_FILE} {mech} founded")
    if founded is None:
        msg = f"{MECHANISMS_FILE} gives no founding date for {mech!r}. Add it and run `python -m coophelpers.data refresh`."
        raise DataIntegrityError(msg)
    return founded
