"""Colours for a choropleth: one colour per row from a column, classified, with its legend.

:func:`coophelpers.add_regions` calls :func:`colour_rows` when given ``column=``. A numeric column
is classified with mapclassify (``scheme=``, ``k`` classes) or, with ``scheme=None``, coloured on a
continuous scale; a text column gets one colour per category. Missing values get
``missing_color`` and are counted in the legend, so a row that did not join shows as missing
rather than vanishing. The legend is a coophelpers legend box (no d3, no jQuery): it works in a
map saved offline.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any

from coophelpers._errors import InvalidInputError, MissingDependencyError
from coophelpers._names import suggest
from coophelpers._validate import check_choice, check_colour, check_positive_int

__all__ = ["CMAP", "K", "SCHEMES", "Classified", "colour_rows"]

#: Default number of classes.
K = 5
#: Default colour map for numbers (categories use ``tab10`` unless ``cmap`` says otherwise).
CMAP = "YlOrRd"
#: Classification schemes (mapclassify's, in its snake_case spelling); None is a continuous scale.
SCHEMES = (
    "quantiles", "equal_interval", "natural_breaks", "fisher_jenks", "jenks_caspall",
    "maximum_breaks", "box_plot", "head_tail_breaks", "percentiles", "std_mean",
)
_MAX_CATEGORIES = 20


@dataclass
class Classified:
    """A colour per row, and the legend rows ``(label, colour, "square")`` that explain them."""

    colours: list[str]
    legend: list[tuple[str, str, str]]


def _cmap(name: Any, *, param: str = "cmap") -> Any:
    try:
        import matplotlib
    except ImportError as err:  # pragma: no cover - a declared dependency
        msg = "Choropleths need matplotlib for their colour maps. Fix: pip install matplotlib."
        raise MissingDependencyError(msg) from err
    names = sorted(matplotlib.colormaps)
    if not isinstance(name, str) or name not in matplotlib.colormaps:
        near = suggest(str(name), names) if isinstance(name, str) else []
        hint = f" Did you mean {', '.join(repr(n) for n in near)}?" if near else ""
        msg = (
            f"{param}={name!r} is not a matplotlib colour map.{hint} Fix: give a name such as "
            f"'YlOrRd', 'viridis', 'Blues' or 'tab10' (matplotlib.colormaps lists them)."
        )
        raise InvalidInputError(msg)
    return matplotlib.colormaps[name]


def _hex(rgba: Any) -> str:
    r, g, b = (round(255 * float(v)) for v in rgba[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def _fmt(value: float) -> str:
    """A legend number: three significant figures, thousands separated (29,100,000; 3.75; 0.0012)."""
    if value == 0:
        return "0"
    rounded = float(f"{value:.3g}")
    if abs(rounded) >= 1000:
        return f"{rounded:,.0f}"
    return f"{rounded:g}"


def _classes(values: Any, scheme: str, k: int, cmap: Any) -> tuple[list[int], list[str], list[str]]:
    """(class index per value, colour per class, label per class) by a mapclassify scheme."""
    try:
        import mapclassify
    except ImportError as err:  # pragma: no cover - a declared dependency
        msg = "Classified choropleths need mapclassify. Fix: pip install mapclassify."
        raise MissingDependencyError(msg) from err
    with warnings.catch_warnings():  # its pure-Python fallback without numba is exact, only slower
        warnings.filterwarnings("ignore", message="Numba not installed", category=UserWarning)
        result = mapclassify.classify(values, scheme=scheme, k=k)
    bins = [float(b) for b in result.bins]
    n = len(bins)
    colours = [_hex(cmap(i / max(n - 1, 1))) for i in range(n)]
    lows = [float(min(values)), *bins[:-1]]
    labels = [f"{_fmt(lo)} – {_fmt(hi)} ({int(c)})" for lo, hi, c in zip(lows, bins, result.counts)]
    return [int(y) for y in result.yb], colours, labels


def colour_rows(
    values: Any, *, column: str, scheme: str | None, k: int, cmap: str | None, missing_color: str
) -> Classified:
    """A colour for each value of ``column`` (the column's values, in row order) and the legend.

    Raises
    ------
    InvalidInputError
        An unknown scheme or colour map, a bad ``k`` or ``missing_color``, a scheme for a text
        column, or a text column with more than 20 categories.
    """
    import pandas as pd

    missing_color = check_colour(missing_color, param="missing_color")
    k = check_positive_int(k, param="k", example=K)
    series = pd.Series(values).reset_index(drop=True)
    missing = series.isna().to_numpy()
    numeric = pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
    if numeric:
        finite = series[~missing].astype(float)
        bad = [v for v in finite if not math.isfinite(v)]
        if bad:
            msg = f"column={column!r} holds {bad[0]!r}, not a finite number. Fix: replace infinite values with NaN."
            raise InvalidInputError(msg)
    if not numeric and scheme is not None:
        msg = (
            f"scheme={scheme!r} classifies numbers, but column={column!r} holds text (categories). "
            f"Fix: leave scheme=None for one colour per category, or map a numeric column."
        )
        raise InvalidInputError(msg)
    colours = [missing_color] * len(series)
    legend: list[tuple[str, str, str]] = []
    if numeric and len(finite):
        if scheme is None:
            scale = _cmap(cmap or CMAP)
            lo, hi = float(finite.min()), float(finite.max())
            span = hi - lo or 1.0
            for i, v in zip(finite.index, finite):
                colours[i] = _hex(scale((float(v) - lo) / span))
            steps = [lo + span * j / 4 for j in range(5)]
            legend = [(_fmt(v), _hex(scale((v - lo) / span)), "square") for v in steps]
        else:
            scheme = check_choice(scheme, SCHEMES, param="scheme", what="classification scheme")
            ids, class_colours, labels = _classes(finite.to_numpy(), scheme, k, _cmap(cmap or CMAP))
            for i, c in zip(finite.index, ids):
                colours[i] = class_colours[c]
            legend = [(label, colour, "square") for label, colour in zip(labels, class_colours)]
    elif not numeric:
        categories = list(dict.fromkeys(str(v) for v in series[~missing]))
        if len(categories) > _MAX_CATEGORIES:
            msg = (
                f"column={column!r} has {len(categories)} categories; a legend shows at most "
                f"{_MAX_CATEGORIES}. Fix: group them first, or map a numeric column with a scheme."
            )
            raise InvalidInputError(msg)
        palette = _cmap(cmap or ("tab10" if len(categories) <= 10 else "tab20"))
        listed = getattr(palette, "N", 256) >= len(categories) and getattr(palette, "N", 256) <= 20
        colour_of = {  # a qualitative palette by index, a continuous one spread over its range
            cat: _hex(palette(j if listed else j / max(len(categories) - 1, 1))) for j, cat in enumerate(categories)
        }
        for i, v in zip(series.index[~missing], series[~missing]):
            colours[i] = colour_of[str(v)]
        counts = series[~missing].astype(str).value_counts()
        legend = [(f"{cat} ({counts[cat]})", colour_of[cat], "square") for cat in categories]
    if missing.any():
        legend.append((f"Missing ({int(missing.sum())})", missing_color, "square"))
    return Classified(colours=colours, legend=legend)
