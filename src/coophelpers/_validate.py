"""Validation of user input shared by every public helper (private).

Each checker either returns the cleaned value or raises :class:`InvalidInputError` with a message
that names the parameter, echoes the value and says how to fix it.

Dates follow one policy (:func:`parse_as_of`, :func:`resolve_as_of`): ``as_of`` is a
:class:`datetime.date`, an ISO string ``'YYYY-MM-DD'`` or a midnight datetime; ``None`` means
:func:`coophelpers.settings.default_as_of` (today, or the day of ``SOURCE_DATE_EPOCH``); the
earliest date allowed is the first date of the dataset asked about (:data:`FIRST_DATES`), the
latest the end of the current year.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import functools
import json
import math
import numbers
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from coophelpers._errors import CoophelpersDeprecationWarning, DataIntegrityError, InvalidInputError, warn
from coophelpers._names import check_str, did_you_mean, normalise, short_repr, suggest

__all__ = [
    "FIRST_DATES",
    "calendar_problem",
    "check_bool",
    "check_bounds",
    "check_choice",
    "check_choices",
    "check_colour",
    "check_latlon",
    "check_number",
    "check_point",
    "check_positive_int",
    "is_numbers",
    "check_str",
    "is_point",
    "latest_as_of",
    "parse_as_of",
    "partial_date",
    "renamed_parameters",
    "resolve_as_of",
    "short_repr",
    "suggest",
]

#: The first date each dataset records, and why; an ``as_of`` before it is refused. A data test
#: checks each against its files (``tests/data``).
FIRST_DATES: dict[str, tuple[_dt.date, str]] = {
    "regions": (_dt.date(2000, 5, 13), "the federal districts were created on 2000-05-13"),
    "mechanisms": (
        _dt.date(2000, 5, 13),
        "mechanism members follow the federal districts, created on 2000-05-13",
    ),
    "crossings": (_dt.date(1901, 1, 1), "the crossings registry's first recorded opening, in 1901"),
    "ties": (_dt.date(1980, 1, 1), "the economic-ties tables record nothing before 1980"),
    "network": (
        _dt.date(1986, 7, 1),
        "the transport network records openings and closures from 1986-07-01; older lines are "
        "drawn as they are today",
    ),
}

_F = TypeVar("_F", bound=Callable[..., Any])


def renamed_parameters(**old_to_new: str) -> Callable[[_F], _F]:
    """Accept the old keyword spellings of renamed parameters for one release, with a warning.

    ``@renamed_parameters(a="origin")`` makes ``f(a=1)`` call ``f(origin=1)`` and warn with
    :class:`~coophelpers.CoophelpersDeprecationWarning`; giving both spellings is an error.
    """

    def wrap(func: _F) -> _F:
        @functools.wraps(func)
        def inner(*args: Any, **kwargs: Any) -> Any:
            for old, new in old_to_new.items():
                if old in kwargs:
                    if new in kwargs:
                        msg = f"{func.__name__}() got both {old}= and {new}=; {old}= is the old name of {new}=. Give only {new}=."
                        raise InvalidInputError(msg)
                    warn(
                        f"{func.__name__}({old}=...) is deprecated; use {new}= (same meaning).",
                        CoophelpersDeprecationWarning,
                    )
                    kwargs[new] = kwargs.pop(old)
            return func(*args, **kwargs)

        return inner  # type: ignore[return-value]

    return wrap


def check_choice(
    value: Any,
    choices: Sequence[str],
    *,
    param: str,
    what: str = "value",
    hints: Mapping[str, str] | None = None,
) -> str:
    """Return the member of ``choices`` that matches ``value`` ignoring case and punctuation.

    ``hints`` maps a common wrong value to the sentence that explains it (``{"ferry": "'ferry' is
    a river mode of river crossings: use 'river'."}``).
    """
    listed = ", ".join(repr(c) for c in choices)
    check_str(value, param=param, fix=f"Choose one of {listed}.")
    by_norm = {normalise(c): c for c in choices}
    found = by_norm.get(normalise(value))
    if found is not None:
        return found
    for wrong, sentence in (hints or {}).items():
        if normalise(wrong) == normalise(value):
            msg = f"Unknown {what} {value!r} for {param}. {sentence} Choose one of {listed}."
            raise InvalidInputError(msg)
    msg = f"Unknown {what} {value!r} for {param}.{did_you_mean(suggest(value, choices))} Choose one of {listed}."
    raise InvalidInputError(msg)


def latest_as_of() -> _dt.date:
    """The latest date any ``as_of`` may take: the last day of the current year.

    The curated data describe the past and the present; a later date would be a forecast and is
    most often a typing slip ('2062' for '2026'). The end of the current year is allowed so that
    annual tables can be asked for "as of 31 December" of this year.
    """
    return _dt.date(_dt.date.today().year, 12, 31)


_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")


_ISO_PARTS = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def calendar_problem(text: str) -> str | None:
    """Why date-shaped text (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) names no calendar day, or None.

    ``'2019-02-30'`` gives ``"February 2019 has 28 days"``, ``'2019-13-01'`` gives ``"there is no
    month 13"``; text of another shape, or a real date, gives None.

    Examples
    --------
    >>> calendar_problem("2019-02-30"), calendar_problem("2020-02-29")
    ('February 2019 has 28 days', None)
    """
    found = _ISO_PARTS.match(text.strip()) if isinstance(text, str) else None
    if found is None:
        return None
    year, month, day = (int(g) if g else None for g in found.groups())
    if month is not None and not 1 <= month <= 12:
        return f"there is no month {month}"
    if year == 0:
        return "there is no year 0"
    if month is not None and day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return f"{calendar.month_name[month]} {year:04d} has {last} days"
    return None


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
    hints: Mapping[str, str] | None = None,
) -> tuple[str, ...]:
    """Return the members of ``choices`` named by ``values``: one name, or a non-empty collection.

    Each name is matched as in :func:`check_choice`; the result keeps the order of ``choices``
    and has no duplicates. ``example`` is shown in the message as a value that would work.
    """
    if isinstance(values, str):
        values = (values,)
    if isinstance(values, (bytes, Mapping)) or not isinstance(values, Iterable):
        msg = (
            f"{param} must be a {what} or a non-empty sequence of {what}s from {list(choices)!r}, "
            f"got {type(values).__name__} {short_repr(values)}. Give e.g. {param}={example!r}."
        )
        raise InvalidInputError(msg)
    items = list(values)
    if not items:
        msg = (
            f"{param} must name at least one {what} (a non-empty sequence from {list(choices)!r}), "
            f"got an empty {type(values).__name__} {short_repr(values)}. Give e.g. {param}={example!r}."
        )
        raise InvalidInputError(msg)
    found = {check_choice(value, choices, param=param, what=what, hints=hints) for value in items}
    return tuple(c for c in choices if c in found)


def parse_as_of(value: Any, *, dataset: str = "regions", param: str = "as_of") -> _dt.date | None:
    """Parse an ``as_of`` argument: ``None``, a :class:`datetime.date` or an ISO date string.

    A date before the first date of ``dataset`` (a key of :data:`FIRST_DATES`) or after the end
    of the current year is refused with a message that says why. A :class:`datetime.datetime`
    (or pandas ``Timestamp``) is accepted when it is a plain calendar day (midnight, no time
    zone); one with a time of day or a time zone is refused rather than silently cut to its
    date. Returns None for None (see :func:`resolve_as_of`).
    """
    earliest, earliest_note = FIRST_DATES[dataset]
    latest = latest_as_of()
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
            problem = calendar_problem(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
            if problem:
                example = f"{text[:8]}01" if problem.endswith("days") else f"{text[:4]}-01-01"
                msg = (
                    f"{param}={value!r} is not an ISO date: it names no calendar day ({problem}). "
                    f"Give a real date as 'YYYY-MM-DD', for example '{example}'."
                )
                raise InvalidInputError(msg) from err
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
    elif isinstance(value, numbers.Real) and not isinstance(value, bool) and value != value:  # noqa: PLR0124
        msg = f"{param}={value!r} is a missing value (NaN), not a date. Give a date as 'YYYY-MM-DD', or None for today."
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
    if date < earliest:
        msg = (
            f"{param}={value!r} is before {earliest.isoformat()}, the earliest date the data "
            f"covers ({earliest_note}). Give a later date."
        )
        raise InvalidInputError(msg)
    if date > latest:
        msg = (
            f"{param}={value!r} is after {latest.isoformat()}, the latest date allowed: the data "
            f"record the past and the present, not forecasts. Give a date up to "
            f"{latest.isoformat()}, or None for today."
        )
        raise InvalidInputError(msg)
    return date


def resolve_as_of(value: Any, *, dataset: str = "regions", param: str = "as_of") -> _dt.date:
    """:func:`parse_as_of`, with None standing for :func:`coophelpers.settings.default_as_of`."""
    from coophelpers import settings

    date = parse_as_of(value, dataset=dataset, param=param)
    return settings.default_as_of() if date is None else date


def partial_date(text: str | None) -> _dt.date | None:
    """First day of a curated ISO date that may be partial (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).

    Curated rows give a date only as precisely as their source; comparisons with ``as_of`` use the
    first day of the period. Empty text gives None.
    """
    text = (text or "").strip()
    if not text:
        return None
    found = _ISO_PARTS.match(text)
    problem = calendar_problem(text) if found else "it is not YYYY, YYYY-MM or YYYY-MM-DD"
    if problem:
        msg = (
            f"The curated date {text!r} is not a calendar date: {problem}. Fix the data file (a real "
            "date as YYYY-MM-DD, or YYYY-MM or YYYY as precisely as the source), or reinstall coophelpers."
        )
        raise DataIntegrityError(msg)
    year, month, day = (int(g) if g else 1 for g in found.groups())
    return _dt.date(year, month, day)


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


_COLOUR_RE = re.compile(
    r"^(#[0-9a-fA-F]{3,4}|#[0-9a-fA-F]{6}|#[0-9a-fA-F]{8}|[a-zA-Z]{3,24}"
    r"|(rgb|rgba|hsl|hsla)\(\s*[0-9.%\s,/+-]{3,60}\))$"
)


@functools.lru_cache(maxsize=1)
def _css_colour_names() -> frozenset[str]:
    """CSS named colours, from the table folium's own dependency branca ships (empty if absent)."""
    from importlib import resources

    try:
        names = json.loads((resources.files("branca") / "_cnames.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, ModuleNotFoundError):  # pragma: no cover - then any word passes
        return frozenset()
    return frozenset(n.lower() for n in names) | {"transparent", "currentcolor"}


def check_colour(value: Any, *, param: str) -> str:
    """Return a CSS colour (``'#1f77b4'``, ``'steelblue'``, ``'rgb(31,119,180)'``), stripped."""
    word = isinstance(value, str) and value.strip().isalpha()
    names = _css_colour_names()
    if word and names and value.strip().lower() not in names:
        msg = (
            f"{param}={value!r} is not a CSS colour name. Fix: pass a colour such as '#1f77b4', "
            "'steelblue' or 'rgb(31,119,180)'."
        )
        raise InvalidInputError(msg)
    if not isinstance(value, str) or not _COLOUR_RE.match(value.strip()):
        msg = (
            f"{param}={value!r} is not a colour. Fix: pass a CSS colour such as '#1f77b4', "
            "'steelblue' or 'rgb(31,119,180)'."
        )
        raise InvalidInputError(msg)
    return value.strip()


def check_number(value: Any, *, param: str, low: float, high: float) -> float:
    """Return ``value`` as a float if it is a number (numpy's included) in ``[low, high]``."""
    value = _plain(value)
    if not _is_number(value) or math.isnan(value):
        msg = f"{param}={value!r} is not a number. Fix: pass a number between {low} and {high}."
        raise InvalidInputError(msg)
    if not low <= value <= high:
        msg = f"{param}={value!r} is out of range. Fix: pass a number between {low} and {high}."
        raise InvalidInputError(msg)
    return float(value)


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


def check_bounds(bounds: Any, *, param: str = "bounds") -> tuple[tuple[float, float], tuple[float, float]]:
    """Return ((south, west), (north, east)) from a pair of (lat, lon) corners or a GeoDataFrame."""
    if hasattr(bounds, "total_bounds"):
        frame = bounds
        if len(frame) == 0:
            msg = (
                f"{param} is an empty {type(frame).__name__}: it has no extent. Fix: pass a frame "
                "with rows, or [[south, west], [north, east]] in degrees."
            )
            raise InvalidInputError(msg)
        if getattr(frame, "crs", None) is not None and not frame.crs.equals("EPSG:4326"):
            frame = frame.to_crs("EPSG:4326")
        west, south, east, north = (float(v) for v in frame.total_bounds)
    else:
        try:
            (south, west), (north, east) = ((float(a), float(b)) for a, b in bounds)
        except (TypeError, ValueError) as err:
            msg = (
                f"{param}={bounds!r:.80} is not [[south, west], [north, east]]. Fix: pass two "
                "(lat, lon) corners, e.g. [[40, 110], [60, 150]], or a GeoDataFrame."
            )
            raise InvalidInputError(msg) from err
        # corners written (lon, lat) are the commonest slip: say so rather than "not a box"
        check_latlon(south, west, param=f"{param}[0]")
        check_latlon(north, east, param=f"{param}[1]")
    values_ok = all(math.isfinite(v) for v in (south, west, north, east))
    if not values_ok or not (-90 <= south < north <= 90) or not (-180 <= west < east <= 360):
        msg = (
            f"{param}=[[{south}, {west}], [{north}, {east}]] is not a valid box. Fix: pass "
            "[[south, west], [north, east]] in degrees with south < north (-90..90) and "
            "west < east (-180..360; longitudes east of 180 are allowed for Chukotka)."
        )
        raise InvalidInputError(msg)
    return (south, west), (north, east)
