"""Validation of user input shared by every public helper (private).

Each checker either returns the cleaned value or raises :class:`InvalidInputError` with a message
that names the parameter, echoes the value and says how to fix it.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import math
import numbers
import re
from collections.abc import Iterable, Sequence
from typing import Any

from coophelpers._errors import InvalidInputError
from coophelpers._names import normalise

__all__ = [
    "check_bool",
    "check_choice",
    "check_latlon",
    "check_map",
    "check_choices",
    "check_point",
    "check_positive_int",
    "check_str",
    "is_point",
    "latest_as_of",
    "parse_as_of",
    "partial_date",
    "short_repr",
    "suggest",
]

#: The earliest date any ``as_of`` may take: the decree that created the federal districts.
EARLIEST_AS_OF = _dt.date(2000, 5, 13)


def suggest(value: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Return up to ``n`` candidates closest to ``value`` (compared after :func:`normalise`)."""
    cands = list(dict.fromkeys(str(c) for c in candidates))
    by_norm: dict[str, str] = {}
    for cand in cands:
        by_norm.setdefault(normalise(cand), cand)
    target = normalise(str(value))
    if not target:
        return []
    close = difflib.get_close_matches(target, list(by_norm), n=n, cutoff=0.6)
    if len(close) < n:  # prefix / substring matches catch truncated input such as "heilong"
        for key in by_norm:
            if key not in close and (key.startswith(target) or target in key) and len(target) >= 3:
                close.append(key)
            if len(close) >= n:
                break
    return [by_norm[key] for key in close]


def _did_you_mean(suggestions: Sequence[str]) -> str:
    if not suggestions:
        return ""
    quoted = ", ".join(repr(s) for s in suggestions)
    return f" Did you mean {quoted}?"


def check_str(value: Any, *, param: str, fix: str = "") -> str:
    """Return ``value`` if it is a non-empty string, else raise a clear error.

    ``fix`` is the sentence that tells the user what to give (default: "Give {param} as text.").
    """
    fix = fix or f"Give {param} as text."
    if not isinstance(value, str):
        msg = f"{param} must be a string, got {type(value).__name__} {short_repr(value)}. {fix}"
        raise InvalidInputError(msg)
    if not value.strip():
        msg = f"{param} must not be empty, got {value!r}. {fix}"
        raise InvalidInputError(msg)
    return value


def check_choice(
    value: Any,
    choices: Sequence[str],
    *,
    param: str,
    what: str = "value",
) -> str:
    """Return the member of ``choices`` that matches ``value`` ignoring case and punctuation."""
    listed = ", ".join(repr(c) for c in choices)
    check_str(value, param=param, fix=f"Choose one of {listed}.")
    by_norm = {normalise(c): c for c in choices}
    found = by_norm.get(normalise(value))
    if found is not None:
        return found
    msg = (
        f"Unknown {what} {value!r} for {param}.{_did_you_mean(suggest(value, choices))} "
        f"Choose one of {listed}."
    )
    raise InvalidInputError(msg)


def latest_as_of() -> _dt.date:
    """The latest date any ``as_of`` may take: the last day of the current year.

    The curated data describe the past and the present; a later date would be a forecast and is
    most often a typing slip ('2062' for '2026'). The end of the current year is allowed so that
    annual tables can be asked for "as of 31 December" of this year.
    """
    return _dt.date(_dt.date.today().year, 12, 31)


#: ``latest=`` default of :func:`parse_as_of`: :func:`latest_as_of`, evaluated at call time.
END_OF_THIS_YEAR: Any = object()

_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")


def _date_hint(text: str) -> str:
    """A near miss for a date string that is not 'YYYY-MM-DD' ('' when there is none)."""
    if re.fullmatch(r"\d{4}", text):
        return f" Did you mean '{text}-01-01' (a year counts from its first day)?"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return f" Did you mean '{text}-01' (a month counts from its first day)?"
    found = _DMY.match(text)
    if found:
        first, second, year = (int(g) for g in found.groups())
        if first > 12 and second <= 12:  # unambiguous day-month-year
            return f" Did you mean '{year:04d}-{second:02d}-{first:02d}'?"
        if second > 12 and first <= 12:  # unambiguous month-day-year
            return f" Did you mean '{year:04d}-{first:02d}-{second:02d}'?"
    return ""


def check_choices(
    values: Any,
    choices: Sequence[str],
    *,
    param: str,
    what: str,
    example: Any,
) -> tuple[str, ...]:
    """Return the members of ``choices`` named by ``values`` (one name, or a non-empty sequence).

    Each name is matched as in :func:`check_choice`; the result keeps the order of ``choices`` and
    has no duplicates. ``example`` is shown in the message as a value that would work.
    """
    if isinstance(values, str):
        values = (values,)
    if not isinstance(values, (Sequence, set, frozenset)) or not values:
        msg = (
            f"{param} must be a non-empty sequence of {what}s from {list(choices)!r}, got "
            f"{short_repr(values)}. Give e.g. {param}={example!r}."
        )
        raise InvalidInputError(msg)
    found = {check_choice(value, choices, param=param, what=what) for value in values}
    return tuple(c for c in choices if c in found)


def parse_as_of(
    value: Any,
    *,
    param: str = "as_of",
    earliest: _dt.date | None = EARLIEST_AS_OF,
    earliest_note: str = "the federal districts were created on 2000-05-13",
    latest: Any = END_OF_THIS_YEAR,
) -> _dt.date | None:
    """Parse an ``as_of`` argument: ``None``, a :class:`datetime.date` or an ISO date string.

    ``earliest`` defaults to 2000-05-13, the day the federal districts were created, and
    ``earliest_note`` says why a date before it is refused; pass ``earliest=None`` to allow any
    past date. ``latest`` defaults to :func:`latest_as_of` (the end of the current year); pass
    ``latest=None`` for no limit. A :class:`datetime.datetime` (or pandas ``Timestamp``) is
    accepted when it is a plain calendar day (midnight, no time zone); one with a time of day or
    a time zone is refused rather than silently cut to its date.
    """
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        if value != value:  # noqa: PLR0124 - pandas.NaT is a datetime that is not equal to itself
            msg = f"{param}={value!r} is a missing date. Give a date as 'YYYY-MM-DD', or None for today."
            raise InvalidInputError(msg)
        if value.tzinfo is not None or value.time() != _dt.time(0):
            what = "a time zone" if value.tzinfo is not None else "a time of day"
            msg = (
                f"{param}={value!r} has {what}, but {param} is a calendar day. Give "
                f"{param}='{value.date().isoformat()}' (or value.date()) instead."
            )
            raise InvalidInputError(msg)
        date = value.date()
    elif isinstance(value, _dt.date):
        date = value
    elif isinstance(value, str):
        text = value.strip()
        try:
            date = _dt.date.fromisoformat(text)
        except ValueError as err:
            msg = (
                f"{param}={value!r} is not an ISO date.{_date_hint(text)} Give a date as "
                f"'YYYY-MM-DD' (for example '2019-06-30') or a datetime.date."
            )
            raise InvalidInputError(msg) from err
        if len(text) != 10:
            msg = (
                f"{param}={value!r} is not an ISO date. Give a date as 'YYYY-MM-DD', for example "
                f"'{date.isoformat()}'."
            )
            raise InvalidInputError(msg)
    elif isinstance(value, numbers.Number) and not isinstance(value, bool):
        msg = (
            f"{param}={value!r} is a number, not a date. Give a date as 'YYYY-MM-DD' "
            f"(for example '{int(value) if isinstance(value, numbers.Integral) else 2019}-06-30') "
            f"or a datetime.date."
        )
        raise InvalidInputError(msg)
    else:
        msg = (
            f"{param} must be a datetime.date or an ISO date string such as '2019-06-30', "
            f"got {type(value).__name__} {short_repr(value)}. Give the date as 'YYYY-MM-DD'."
        )
        raise InvalidInputError(msg)
    if earliest is not None and date < earliest:
        msg = (
            f"{param}={value!r} is before {earliest.isoformat()}, the earliest date the data "
            f"covers ({earliest_note}). Give a later date."
        )
        raise InvalidInputError(msg)
    if latest is END_OF_THIS_YEAR:
        latest = latest_as_of()
    if latest is not None and date > latest:
        msg = (
            f"{param}={value!r} is after {latest.isoformat()}, the latest date allowed: the data "
            f"record the past and the present, not forecasts. Give a date up to "
            f"{latest.isoformat()}, or None for today."
        )
        raise InvalidInputError(msg)
    return date


def partial_date(text: str | None) -> _dt.date | None:
    """First day of a curated ISO date that may be partial (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).

    Curated rows give a date only as precisely as their source; comparisons with ``as_of`` use the
    first day of the period. Empty text gives None.
    """
    text = (text or "").strip()
    if not text:
        return None
    parts = text.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 1
    day = int(parts[2]) if len(parts) > 2 else 1
    return _dt.date(year, month, day)


def short_repr(value: Any, width: int = 80) -> str:
    """``repr(value)`` on one line, cut to ``width`` characters; tables are summarised."""
    columns = getattr(value, "columns", None)
    shape = getattr(value, "shape", None)
    if columns is not None and shape is not None:
        shown = ", ".join(repr(str(c)) for c in list(columns)[:8])
        more = ", ..." if len(columns) > 8 else ""
        return f"<{type(value).__name__} of {shape[0]} rows with columns [{shown}{more}]>"
    text = " ".join(repr(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def check_bool(value: Any, *, param: str) -> bool:
    """Return ``value`` if it is True or False (a bool, numpy's included), else raise."""
    try:
        import numpy as np

        if isinstance(value, np.bool_):
            return bool(value)
    except ImportError:  # pragma: no cover - numpy is always there with pandas
        pass
    if not isinstance(value, bool):
        msg = (
            f"{param} must be True or False, got {type(value).__name__} {short_repr(value)}. "
            f"Give {param}=True or {param}=False."
        )
        raise InvalidInputError(msg)
    return value


def check_positive_int(value: Any, *, param: str, example: int = 3) -> int:
    """Return ``value`` as an int if it is a whole number >= 1 (numpy integers included)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        msg = (
            f"{param} must be a positive integer, got {type(value).__name__} {short_repr(value)}. "
            f"Give a whole number such as {param}={example}."
        )
        raise InvalidInputError(msg)
    if value < 1:
        msg = f"{param} must be at least 1, got {value!r}. Give a whole number such as {param}={example}."
        raise InvalidInputError(msg)
    return int(value)


def check_map(m: Any, *, param: str = "m") -> Any:
    """Return ``m`` if it is None or a :class:`folium.Map`, else raise a clear error."""
    if m is None:
        return None
    import folium

    if not isinstance(m, folium.Map):
        msg = (
            f"{param} must be a folium.Map or None, got {type(m).__name__} {short_repr(m, 60)}. "
            f"Give a map from coophelpers.base_map(), or leave {param}=None for a new one."
        )
        raise InvalidInputError(msg)
    return m


#: An example point for messages: Harbin, (lat, lon).
_EXAMPLE_POINT = "(45.75, 126.63)"


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, numbers.Real):
        return True
    try:
        import numpy as np

        return isinstance(value, np.generic) and np.issubdtype(type(value), np.number) and not isinstance(value, np.bool_)
    except ImportError:  # pragma: no cover - numpy is always there with pandas
        return False


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python number it holds (for readable messages)."""
    item = getattr(value, "item", None)
    if item is not None and type(value).__module__ == "numpy":
        return item()
    return value


def check_latlon(lat: Any, lon: Any, *, param: str = "point") -> tuple[float, float]:
    """Validate a ``(lat, lon)`` pair in degrees and return it as floats.

    A pair whose first value cannot be a latitude but whose second can is reported as given in
    ``(lon, lat)`` order. Every message starts with ``param=(lat, lon)`` as given.
    """
    lat, lon = _plain(lat), _plain(lon)
    given = f"{param}=({lat!r}, {lon!r})"
    for value, what in ((lat, "latitude"), (lon, "longitude")):
        if not _is_number(value):
            msg = (
                f"{given}: the {what} must be a number, got {type(value).__name__} {short_repr(value)}. "
                f"Give the point as (lat, lon) in degrees, e.g. {_EXAMPLE_POINT}."
            )
            raise InvalidInputError(msg)
        if not math.isfinite(float(value)):
            msg = (
                f"{given}: the {what} is {value!r}, not a finite number. Give finite (lat, lon) "
                f"degrees, e.g. {_EXAMPLE_POINT}; drop rows with missing coordinates first."
            )
            raise InvalidInputError(msg)
    flat, flon = float(lat), float(lon)
    if not -90.0 <= flat <= 90.0:
        if -90.0 <= flon <= 90.0 and -180.0 <= flat <= 360.0:
            msg = (
                f"{given} looks like (lon, lat): latitude {lat!r} is outside -90..90. "
                f"Give the point as (lat, lon), i.e. ({lon!r}, {lat!r})."
            )
        else:
            msg = f"{given}: latitude {lat!r} is outside -90..90. Give the point as (lat, lon) in degrees."
        raise InvalidInputError(msg)
    if not -180.0 <= flon <= 360.0:
        msg = f"{given}: longitude {lon!r} is outside -180..360. Give the point as (lat, lon) in degrees."
        raise InvalidInputError(msg)
    return flat, flon


def is_point(value: Any) -> bool:
    """True for a ``(lat, lon)`` pair of two numbers (tuple, list or 1-d array of length 2)."""
    try:
        import numpy as np

        if isinstance(value, np.ndarray):
            return value.ndim == 1 and value.shape[0] == 2 and np.issubdtype(value.dtype, np.number)
    except ImportError:  # pragma: no cover - numpy is always there with pandas
        pass
    return isinstance(value, (tuple, list)) and len(value) == 2 and all(_is_number(v) for v in value)


def is_numbers(value: Any) -> bool:
    """True for a tuple, list or 1-d array whose items are all numbers (a would-be point)."""
    try:
        import numpy as np

        if isinstance(value, np.ndarray):
            return value.ndim == 1 and np.issubdtype(value.dtype, np.number)
    except ImportError:  # pragma: no cover - numpy is always there with pandas
        pass
    return isinstance(value, (tuple, list)) and len(value) > 0 and all(_is_number(v) for v in value)


def check_point(value: Any, *, param: str) -> tuple[float, float]:
    """Validate one point given as a ``(lat, lon)`` pair and return it as floats.

    Shapely points (``x`` = longitude) and sequences of the wrong length get a message that says
    how to write the point instead.
    """
    if type(value).__name__ == "Point" and hasattr(value, "x") and hasattr(value, "y"):
        msg = (
            f"{param}={short_repr(value)} is a shapely Point, whose x is the longitude. Give the "
            f"point as (lat, lon), i.e. (point.y, point.x)."
        )
        raise InvalidInputError(msg)
    if is_point(value):
        return check_latlon(value[0], value[1], param=param)
    if is_numbers(value) or (isinstance(value, (tuple, list)) and len(value) != 2):
        msg = (
            f"{param}={short_repr(value)} has {len(value)} values; a point is a (lat, lon) pair of "
            f"two numbers. Give e.g. {_EXAMPLE_POINT}."
        )
        raise InvalidInputError(msg)
    if isinstance(value, (tuple, list)):
        return check_latlon(value[0], value[1], param=param)
    msg = (
        f"{param} must be a (lat, lon) pair of numbers, got {type(value).__name__} {short_repr(value)}. "
        f"Give e.g. {_EXAMPLE_POINT}."
    )
    raise InvalidInputError(msg)
