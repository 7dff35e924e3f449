"""The time model of the transport network: the links open on a date with their times (private).

A link's running time is its length over the mean speed of its mode (``settings.speed_kmh``); a
border crossing adds a dwell (a ``border_hours`` override, else ``settings.eaeu_border_hours``
between two members of the Eurasian customs union, else ``settings.border_hours`` of the mode). A
change of *layer* at a place, where a layer is ``"road"``, ``"ferry"`` or rail on one gauge
(``"rail-1435"``, ``"rail-1520"``), costs the hours of a change of gauge
(``settings.gauge_change_hours``) or of mode (``settings.mode_change_hours``).
:mod:`coophelpers._network_graph` builds the searchable graph from these.
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from coophelpers import settings
from coophelpers._errors import InvalidInputError
from coophelpers._names import short_repr
from coophelpers._network_data import MODES, gauge_of_country, usable_edges

SEASONAL_POLICIES = ("last_resort", "allow", "exclude")


@dataclass(frozen=True)
class TimeModel:
    """The settings of the time model, checked, as one hashable value (part of every cache key)."""

    speed: tuple[tuple[str, float], ...]
    border: tuple[tuple[str, float], ...]
    eaeu: float
    gauge: float
    change: tuple[tuple[str, float], ...]
    seasonal: str

    def transfer_hours(self, a: str, b: str) -> float:
        """Hours to change from layer ``a`` to layer ``b`` at a place."""
        mode_a, mode_b = a.split("-")[0], b.split("-")[0]
        if mode_a == mode_b:
            return self.gauge
        return dict(self.change)["-".join(sorted((mode_a, mode_b)))]


def _hours(value: Any, name: str, *, positive: bool = False) -> float:
    bad = isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value)
    if bad or value < 0 or (positive and value == 0):
        what = "a speed in km/h > 0" if positive else "a number of hours >= 0"
        msg = f"settings.{name}={short_repr(value)} must be {what}. Fix: set it to e.g. {40 if positive else 6}."
        raise InvalidInputError(msg)
    return float(value)


def _per_mode(table: Any, name: str, *, positive: bool = False) -> tuple[tuple[str, float], ...]:
    if not isinstance(table, Mapping) or set(MODES) - set(table):
        msg = (
            f"settings.{name}={short_repr(table)} must be a mapping with a value for each mode "
            f"{list(MODES)}. Fix: set it to e.g. {{'rail': 40, 'road': 60, 'ferry': 25}}."
        )
        raise InvalidInputError(msg)
    return tuple((m, _hours(table[m], f"{name}[{m!r}]", positive=positive)) for m in MODES)


def time_model() -> TimeModel:
    """The current settings of the time model, checked (a bad setting names itself and the fix)."""
    change = settings.mode_change_hours
    if not isinstance(change, Mapping):
        change = {}
    pairs = {}
    for key, value in change.items():
        parts = tuple(sorted(str(key).split("-")))
        if len(parts) != 2 or not set(parts) <= set(MODES) or parts[0] == parts[1]:
            msg = (
                f"settings.mode_change_hours has the key {key!r}; keys are two modes joined by '-'. "
                f"Fix: use 'rail-road', 'rail-ferry' and 'road-ferry'."
            )
            raise InvalidInputError(msg)
        pairs["-".join(parts)] = _hours(value, f"mode_change_hours[{key!r}]")
    missing = sorted({"-".join(sorted((a, b))) for a in MODES for b in MODES if a != b} - set(pairs))
    if missing:
        msg = (
            f"settings.mode_change_hours={short_repr(settings.mode_change_hours)} lacks {missing}. "
            f"Fix: give hours for 'rail-road', 'rail-ferry' and 'road-ferry'."
        )
        raise InvalidInputError(msg)
    policy = settings.seasonal_links
    if policy not in SEASONAL_POLICIES:
        msg = (
            f"settings.seasonal_links={short_repr(policy)} is not one of {list(SEASONAL_POLICIES)}. "
            f"Fix: set it to 'last_resort' (default), 'allow' or 'exclude'."
        )
        raise InvalidInputError(msg)
    return TimeModel(
        speed=_per_mode(settings.speed_kmh, "speed_kmh", positive=True),
        border=_per_mode(settings.border_hours, "border_hours"),
        eaeu=_hours(settings.eaeu_border_hours, "eaeu_border_hours"),
        gauge=_hours(settings.gauge_change_hours, "gauge_change_hours"),
        change=tuple(sorted(pairs.items())),
        seasonal=policy,
    )


@dataclass(frozen=True)
class Link:
    """One link open on the date, with its layers and times."""

    id: str
    a: str
    b: str
    mode: str
    gauge: str
    crossing_id: str
    length_km: float
    estimated: bool
    seasonal: bool
    seasonality: str
    uncertainty_km: float
    source: str
    countries: tuple[str, str]
    layers: tuple[str, ...]
    run_h: float
    border_h: float


def _layers(mode: str, gauge: str, countries: tuple[str, str]) -> tuple[str, ...]:
    if mode != "rail":
        return (mode,)
    if gauge in ("1435", "1520"):
        return (f"rail-{gauge}",)
    if gauge == "dual":
        return ("rail-1435", "rail-1520")
    return tuple(sorted({f"rail-{gauge_of_country(c)}" for c in countries}))


@lru_cache(maxsize=64)
def cached_links(
    date: _dt.date, modes: tuple[str, ...], hours: tuple[tuple[str, float], ...], model: TimeModel,
) -> dict[str, Link]:
    """Every link of these modes open on ``date``, by id, with running time and border dwell."""
    edges = usable_edges(date, modes)
    speed, border, override = dict(model.speed), dict(model.border), dict(hours)
    out = {}
    cols = ("id", "from", "to", "mode", "gauge", "crossing_id", "length_km", "estimated", "seasonal",
            "seasonality", "uncertainty_km", "source", "country_from", "country_to", "eaeu_pair")
    for row in zip(*(edges[c] for c in cols)):
        eid, a, b, mode, gauge, cid, length, estimated, seasonal, seasonality, unc, source, cf, ct, eaeu = row
        if not cid:
            dwell = 0.0
        elif cid in override:
            dwell = override[cid]
        else:
            dwell = model.eaeu if eaeu else border[mode]
        out[eid] = Link(
            id=eid, a=a, b=b, mode=mode, gauge=gauge, crossing_id=cid, length_km=float(length),
            estimated=bool(estimated), seasonal=bool(seasonal), seasonality=seasonality,
            uncertainty_km=float(unc), source=source, countries=(cf, ct), layers=_layers(mode, gauge, (cf, ct)),
            run_h=float(length) / speed[mode], border_h=float(dwell),
        )
    return out
