"""Text that reaches a map page, escaped for where it lands (private).

* :func:`esc` for HTML text and attribute values. It also turns the backtick, ``$`` and the
  backslash into character references, so the same string is inert inside a JavaScript template
  literal (folium's ``Tooltip`` and ``Popup`` put their HTML inside one).
* :func:`js_json` for data placed inside a ``<script>`` element.
* :func:`tooltip_html` builds the two-column tables of tooltips and popups from escaped cells.
"""

from __future__ import annotations

import html as _html
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from coophelpers._errors import InvalidInputError

__all__ = ["LANGUAGES", "NAME_LABELS", "esc", "js_json", "read_package_text", "tooltip_html", "trilingual_rows"]

#: The three languages of every tooltip: (heading, suffix of the name columns).
LANGUAGES = (("English", "en"), ("中文", "zh"), ("Русский", "ru"))
#: ``tooltip_fields`` for the three name columns of a table (``name_en``, ``name_zh``, ``name_ru``).
NAME_LABELS = {f"name_{lang}": heading for heading, lang in LANGUAGES}

_TEMPLATE_LITERAL = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})


def esc(value: Any) -> str:
    """HTML-escape any value, safe in text, attributes and template literals; None and NaN give ''."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    try:
        import pandas as pd

        if pd.isna(value) is True:
            return ""
    except (TypeError, ValueError):
        pass
    return _html.escape(str(value), quote=True).translate(_TEMPLATE_LITERAL)


def js_json(value: Any) -> str:
    """Compact JSON that is safe inside an HTML ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def read_package_text(name: str) -> str:
    """A text file shipped inside :mod:`coophelpers.maps` (``decoder.js``, ``maps.css``)."""
    from importlib import resources

    return (resources.files("coophelpers.maps") / name).read_text(encoding="utf-8")


def trilingual_rows(text: Any) -> list[tuple[str, str]]:
    """Tooltip rows ``[("English", text("en")), ("中文", text("zh")), ("Русский", text("ru"))]``.

    Examples
    --------
    >>> trilingual_rows(lambda lang: {"en": "Harbin", "zh": "哈尔滨", "ru": "Харбин"}[lang])
    [('English', 'Harbin'), ('中文', '哈尔滨'), ('Русский', 'Харбин')]
    """
    return [(heading, text(lang)) for heading, lang in LANGUAGES]


def tooltip_html(pairs: Iterable[tuple[Any, Any]] | Mapping[Any, Any]) -> str:
    """Return an escaped two-column HTML table for a tooltip or popup.

    Parameters
    ----------
    pairs
        ``[(label, value), ...]`` or a mapping ``{label: value}``. Labels and values are
        converted with ``str`` and escaped; ``None`` and NaN show as empty cells.

    Returns
    -------
    str
        ``<table class="ch-tt"><tr><th>label</th><td>value</td></tr>...</table>``

    Raises
    ------
    InvalidInputError
        ``pairs`` is not a list of (label, value) pairs.

    Examples
    --------
    >>> tooltip_html([("English", "Heilongjiang"), ("中文", "黑龙江省")])
    '<table class="ch-tt"><tr><th>English</th><td>Heilongjiang</td></tr><tr><th>中文</th><td>黑龙江省</td></tr></table>'
    >>> tooltip_html({"Name": "<b>x</b>"})
    '<table class="ch-tt"><tr><th>Name</th><td>&lt;b&gt;x&lt;/b&gt;</td></tr></table>'
    """
    if isinstance(pairs, Mapping):
        pairs = list(pairs.items())
    if isinstance(pairs, (str, bytes)) or not isinstance(pairs, Iterable):
        msg = (
            f"pairs={pairs!r:.80} is not a list of (label, value) pairs. "
            "Fix: pass e.g. [('English', 'Heilongjiang'), ('中文', '黑龙江省')]."
        )
        raise InvalidInputError(msg)
    rows = []
    for item in pairs:
        if isinstance(item, (str, bytes)) or not isinstance(item, Sequence) or len(item) != 2:
            msg = f"pairs contains {item!r:.80}, not a (label, value) pair. Fix: use 2-tuples."
            raise InvalidInputError(msg)
        label, value = item
        rows.append(f"<tr><th>{esc(label)}</th><td>{esc(value)}</td></tr>")
    return '<table class="ch-tt">' + "".join(rows) + "</table>"
