"""Error classes of coophelpers.

Every error the package raises on purpose is a :class:`CoophelpersError`. The subclasses also
derive from the built-in class a user would naturally catch (``ValueError`` for bad values,
``KeyError`` for unknown names, ``RuntimeError`` for broken data files), so ``except ValueError``
keeps working.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "CoophelpersError",
    "DataIntegrityError",
    "InvalidInputError",
    "NoRouteError",
    "SiteBuildError",
    "UnknownCrossingError",
    "UnknownMechanismError",
    "UnknownNameError",
    "UnknownPlaceError",
    "UnknownRegionError",
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


class UnknownPlaceError(UnknownNameError):
    """A place (network node, port, region) is not known."""


class NoRouteError(CoophelpersError, ValueError):
    """The transport network has no path between two places."""


class DataIntegrityError(CoophelpersError, RuntimeError):
    """A curated data file is missing, altered, truncated or not described in the manifest."""


class SiteBuildError(CoophelpersError, RuntimeError):
    """Building the shareable site failed (a notebook failed, a map is over budget, ...)."""
