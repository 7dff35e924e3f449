"""Fast unit tests of coophelpers.site and the command line (no kernels are started)."""

from __future__ import annotations

import html
import subprocess
import sys

import nbformat
import pytest

from coophelpers import _io, cli, site
from coophelpers._errors import InvalidInputError, SiteBuildError


def test_markdown_text_keeps_code_spans_and_drops_markup():
    text = site._markdown_text("**Q.** Is `<b>x</b>` [shown](http://x) as _text_? <i>no</i>")
    assert text == "Q. Is <b>x</b> shown as text? no"


def test_describe_takes_heading_and_first_paragraph():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("1"),
        nbformat.v4.new_markdown_cell("# 01 · Regions\n\n**Research question.** Which units?\n\nMore."),
    ]
    assert site._describe(nb, "fallback") == ("01 · Regions", "Research question. Which units?")
    assert site._describe(nbformat.v4.new_notebook(), "fallback") == ("fallback", "")


def test_index_escapes_everything():
    page = site.SitePage(
        name="01-x",
        title="<script>alert(1)</script>",
        description="<img src=x onerror=alert(1)>",
        html_path="notebooks/01-x.html",
        maps=[{"file": "a.html", "path": "maps/a.html", "title": "<b>t</b>", "bytes": 10,
               "thumb": None}],
    )
    out = site._index_html([page], build_date="2025-01-31", version="1.0")
    assert "<script>alert" not in out and "<img src=x" not in out and "<b>t</b>" not in out
    assert html.escape("<script>alert(1)</script>") in out


def test_plain_folium_maps_display_offline_once_registered():
    """The site's kernels register the offline display, so a plain folium map needs no web files."""
    import re

    import folium
    from IPython.core.interactiveshell import InteractiveShell

    from coophelpers.maps.display import register_notebook_display

    m = folium.Map(location=[50, 120], zoom_start=3, tiles=None)
    folium.CircleMarker([45, 125], radius=4).add_to(m)
    page = f"<html><body>{m._repr_html_()}</body></html>"
    assert site._remote_refs(page)  # folium's own display links CDNs inside the iframe
    assert not register_notebook_display()  # no IPython running: nothing to register with
    shell = InteractiveShell.instance()
    try:
        assert register_notebook_display()
        shown = shell.display_formatter.format(m)[0]["text/html"]
        again = shell.display_formatter.format(m)[0]["text/html"]
    finally:
        InteractiveShell.clear_instance()
    assert site._remote_refs(shown) == []
    assert not re.search(r"[0-9a-f]{32}", html.unescape(shown))  # deterministic element ids
    assert shown == again


def test_remote_refs_finds_nested_and_single_quoted_srcdoc():
    inner = '<script src="https://cdn.example/x.js"></script>'
    page = f"<iframe srcdoc='{html.escape(inner, quote=False)}'></iframe>"
    assert site._remote_refs(page) == ["https://cdn.example/x.js"]
    assert site._remote_refs('<link rel="stylesheet" href="//cdn.example/a.css">') == [
        "//cdn.example/a.css"
    ]


def test_refuses_to_replace_a_folder_that_is_not_a_site(tmp_path):
    folder = tmp_path / "important"
    folder.mkdir()
    (folder / "thesis.docx").write_text("years of work")
    with pytest.raises(InvalidInputError, match="refusing to replace"):
        site._check_out(folder)
    (tmp_path / "file").write_text("x")
    with pytest.raises(InvalidInputError, match="not a folder"):
        site._check_out(tmp_path / "file")
    (folder / site.SITE_MARKER).write_text("")
    site._check_out(folder)  # a previous site may be replaced


def test_swap_into_place_replaces_the_old_site(tmp_path):
    out, staging = tmp_path / "site", tmp_path / ".site.building"
    out.mkdir()
    (out / "old.html").write_text("old")
    staging.mkdir()
    (staging / "new.html").write_text("new")
    _io.swap_into_place(staging, out)
    assert [p.name for p in out.iterdir()] == ["new.html"]
    assert not staging.exists()
    fresh = tmp_path / "fresh"
    staging.mkdir()
    _io.swap_into_place(staging, fresh)
    assert fresh.is_dir() and not staging.exists()


def test_build_site_bad_inputs(tmp_path):
    with pytest.raises(InvalidInputError, match="notebooks="):
        site.build_site(tmp_path / "out", notebooks=tmp_path / "missing", progress=False)
    (tmp_path / "empty").mkdir()
    with pytest.raises(SiteBuildError, match="No notebooks"):
        site.build_site(tmp_path / "out", notebooks=tmp_path / "empty", progress=False)
    with pytest.raises(InvalidInputError, match="timeout="):
        site.build_site(tmp_path / "out", notebooks=tmp_path / "empty", timeout=0)
    with pytest.raises(InvalidInputError, match="progress="):
        site.build_site(tmp_path / "out", notebooks=tmp_path / "empty", progress="loud")
    assert not (tmp_path / "out").exists()


def test_cli_reports_errors_and_exits_non_zero(tmp_path, capsys):
    assert cli.main(["site", "--out", str(tmp_path / "o"), "--notebooks", str(tmp_path / "x")]) == 1
    assert "coophelpers site: error: notebooks=" in capsys.readouterr().err


def test_python_dash_m_help():
    result = subprocess.run(
        [sys.executable, "-m", "coophelpers", "site", "--help"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0
    assert "--out" in result.stdout and "--notebooks" in result.stdout
