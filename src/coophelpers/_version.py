"""The installed version of coophelpers, looked up once (private)."""

from __future__ import annotations

from functools import lru_cache

__all__ = ["package_version"]


@lru_cache(maxsize=1)
def package_version() -> str:
    """The version of the installed distribution, or ``"0+unknown"`` in a bare source tree."""
    from importlib.metadata import PackageNotFoundError, version  # ~30 ms: only when asked

    try:
        return version("coophelpers")
    except PackageNotFoundError:  # pragma: no cover - running from a bare source tree
        return "0+unknown"
