"""Error classes of coophelpers.

Every error the package raises on purpose is a :class:`CoophelpersError`. The subclasses also
derive from the built-in class a user would naturally catch (``ValueError`` for bad values,
``KeyError`` for unknown names, ``RuntimeError`` for broken data files), so ``except ValueError``
keeps working.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

__all__ = [
    "CoophelpersDeprecationWarning",
    "CoophelpersError",
    "CoophelpersWarning",
    "DataIntegrityError",
    "DataWarning",
    "InvalidInputError",
    "MapBudgetError",
    "MapSizeWarning",
    "MissingDependencyError",
    "NoRouteError",
    "SiteBuildError",
    "UnknownCrossingError",
    "UnknownMechanismError",
    "UnknownNameError",
    "UnknownPlaceError",
    "UnknownRegionError",
    "warn",
]


class CoophelpersError(Exception):
    """Base class of every error raised by coophelpers."""

    def __str__(self) -> str:  # KeyError would otherwise wrap the message in quotes
        return str(self.args[0]) if self.args else ""


class InvalidInputError(CoophelpersError, ValueError):
    """A parameter has a wrong value, type or combination with other parameters."""


class UnknownNameError(InvalidInputError, KeyError):
    """A name or id is not known; ``suggestions`` holds the nearest known ones."""

    def __init__(self, msg: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(msg)
        self.suggestions = list(suggestions)


class UnknownRegionError(UnknownNameError):
    """A region name or code matches no Chinese provincial unit or Russian federal subject."""


class UnknownMechanismError(UnknownNameError):
    """A cooperation mechanism id or name is not known."""


class UnknownCrossingError(UnknownNameError):
    """A border-crossing id, mode or status is not known."""


class UnknownPlaceError(UnknownRegionError):
    """A place (city, network node, port, crossing side or region) is not known, or its name is ambiguous.

    It is also an :class:`UnknownRegionError`: the helpers that now take any place took only regions
    before, so ``except UnknownRegionError`` keeps catching their unknown names.
    """


class NoRouteError(CoophelpersError, ValueError):
    """The transport network has no path between two places."""


class DataIntegrityError(CoophelpersError, RuntimeError):
    """A curated data file is missing, altered, truncated or not described in the manifest."""


class SiteBuildError(CoophelpersError, RuntimeError):
    """Building the shareable site failed (a notebook failed, a map is over budget, ...)."""


class MapBudgetError(CoophelpersError, ValueError):
    """A saved map file is larger than the size budget (``settings.max_map_bytes``)."""


class MissingDependencyError(CoophelpersError, ImportError):
    """An optional package that this feature needs is not installed; the message names it."""


class CoophelpersWarning(UserWarning):
    """Base class of every warning coophelpers gives; filter it to silence them all."""


class DataWarning(CoophelpersWarning):
    """The result is valid but may surprise: an empty table, a date before a mechanism existed."""


class MapSizeWarning(CoophelpersWarning):
    """A saved map is over the size budget; ``coophelpers site`` will refuse it."""


class CoophelpersDeprecationWarning(CoophelpersWarning, DeprecationWarning):
    """An old spelling of a parameter or name still works for one release; use the new one."""


def warn(msg: str, category: type[Warning] = CoophelpersWarning, *, stacklevel: int = 2) -> None:
    """``warnings.warn`` with the caller's frame (``stacklevel`` counts from the caller of ``warn``)."""
    warnings.warn(msg, category, stacklevel=stacklevel + 1)
