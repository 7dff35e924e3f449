"""Maps in notebooks: an offline, sandboxed iframe over a static preview.

A map returned by :func:`coophelpers.base_map` (or wrapped with :func:`show_map`) displays as a
sandboxed ``<iframe srcdoc>`` holding the same offline page :func:`coophelpers.save_map` writes,
above a static picture of the map (a PNG drawn with matplotlib from the shapes). JupyterLab's sanitizer removes iframes from
untrusted outputs (a notebook opened with saved outputs it did not produce) but keeps
``<img src="data:...">``, so the preview shows there without a "Trust this notebook" step, and
the interactive map shows as soon as the cell runs.

:func:`register_notebook_display` makes IPython show *every* ``folium.Map`` this way (the site
build turns it on in its kernels, so plain folium maps in a notebook work offline too).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import folium

from coophelpers._validate import check_number
from coophelpers.maps.output import render_map

__all__ = ["MapDisplay", "OfflineMap", "register_notebook_display", "show_map"]


class MapDisplay:
    """Notebook display of a map: sandboxed iframe over a static PNG preview.

    Untrusted notebooks (JupyterLab's sanitizer drops iframes) still show the preview image;
    trusted or freshly run outputs show the interactive offline map on top of it.
    """

    def __init__(self, page: str, preview: str | None, *, height: int) -> None:
        self.page = page
        self.preview = preview
        self.height = height

    def _repr_html_(self) -> str:
        parts = [
            f'<div class="coophelpers-map" style="position:relative;width:100%;'
            f'height:{self.height}px;background:#dbe7ef">'
        ]
        if self.preview:  # a data: URI of a PNG (see coophelpers.maps._drawing.preview_png)
            parts.append(
                f'<img src="{html.escape(self.preview, quote=True)}" alt="Static preview of the map. Run the cell for the '
                'interactive map." style="width:100%;height:100%;object-fit:contain">'
            )
            parts.append(
                '<div style="position:absolute;left:6px;bottom:6px;padding:2px 6px;'
                'background:rgba(255,255,255,.85);border-radius:3px;font-size:12px;color:#333">'
                "Static preview (the interactive map shows when the cell is run or the "
                "notebook is trusted)</div>"
            )
        parts.append(
            f'<iframe srcdoc="{html.escape(self.page, quote=True)}" sandbox="allow-scripts" '
            'title="interactive map" style="position:absolute;left:0;top:0;width:100%;'
            'height:100%;border:none"></iframe>'
        )
        parts.append("</div>")
        return "".join(parts)


def show_map(
    m: folium.Map, *, height: int = 520, provenance: Mapping[str, Any] | None = None
) -> MapDisplay:
    """Return a notebook display object for a map that works offline and without trust.

    Parameters
    ----------
    m
        The map.
    height
        Height of the output in pixels.
    provenance
        As for :func:`coophelpers.save_map`.

    Returns
    -------
    MapDisplay
        An object that Jupyter shows as the interactive map over a static preview.

    Raises
    ------
    InvalidInputError
        ``m`` is not a folium map or ``height`` is out of range.

    Examples
    --------
    >>> import coophelpers as ch
    >>> shown = show_map(ch.base_map(basemap=False), height=300)
    >>> "<iframe" in shown._repr_html_()
    True
    """
    height = int(check_number(height, param="height", low=100, high=4000))
    page, _record, preview = render_map(m, offline=True, provenance=provenance, in_frame=True)
    return MapDisplay(page, preview, height=height)


class OfflineMap(folium.Map):
    """A folium.Map that displays offline (iframe + static preview) in notebooks."""

    def _repr_html_(self, **kwargs: Any) -> str:
        return show_map(self)._repr_html_()


def register_notebook_display() -> bool:
    """Make the running IPython show every ``folium.Map`` with :func:`show_map`; False outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return False
    shell = get_ipython()
    if shell is None:
        return False
    formatter = shell.display_formatter.formatters["text/html"]
    formatter.for_type(folium.Map, lambda m: show_map(m)._repr_html_())
    return True
