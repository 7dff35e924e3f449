"""Every write of the package is atomic: an interrupted write leaves the previous file or folder.

Covered elsewhere, not repeated here: ``tests/unit/test_maps.py`` (rendering fails before the
write; ``os.replace`` fails inside the shared ``_io.atomic_write``), ``tests/browser/test_maps.py``
(rendering raises), ``tests/browser/test_site.py`` (a failing notebook, Ctrl-C while a notebook
runs). Here the interruption comes *during* the write itself, through the public entry points:
``save_map`` (while the bytes go to disk, and at the final rename), ``build_site`` (after every
notebook is exported, and at the final swap, with and without ``renameat2``) and the data
manifest that ``python -m coophelpers.data refresh`` rewrites.

The package keeps no on-disk cache (its caches are in-memory ``lru_cache``), so these are all
the files it writes.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
import pytest

from coophelpers import InvalidInputError, SiteBuildError, _io, data, maps, site


class Interrupted(BaseException):
    """Stands for Ctrl-C or a killed process: not an Exception, so nothing may swallow it."""


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones included) with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _small_map():
    m = maps.base_map(basemap=False, tiles=False, title="Atomic write test")
    maps.add_source(m, "test", licence="CC0")
    return m


# --- save_map -------------------------------------------------------------------------------


@pytest.fixture
def saved(tmp_path):
    path = maps.save_map(_small_map(), tmp_path / "map.html", provenance={"build_date": "2025-01-31"})
    return path, path.read_bytes()


def test_save_map_interrupted_while_writing_keeps_the_old_file(saved, monkeypatch):
    path, before = saved

    def crash(fd):  # the bytes are in the temporary file, not yet synced or renamed
        raise Interrupted

    monkeypatch.setattr(_io.os, "fsync", crash)
    with pytest.raises(Interrupted):
        maps.save_map(_small_map(), path, provenance={"build_date": "2026-01-31"})
    assert path.read_bytes() == before
    assert sorted(os.listdir(path.parent)) == ["map.html"]


def test_save_map_interrupted_at_the_rename_keeps_the_old_file(saved, monkeypatch):
    path, before = saved

    def crash(src, dst):
        raise Interrupted

    monkeypatch.setattr(_io.os, "replace", crash)
    with pytest.raises(Interrupted):
        maps.save_map(_small_map(), path, provenance={"build_date": "2026-01-31"})
    assert path.read_bytes() == before
    assert sorted(os.listdir(path.parent)) == ["map.html"]


def test_save_map_failing_on_a_new_file_leaves_nothing(tmp_path, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(_io.os, "replace", disk_full)
    with pytest.raises(OSError, match="No space left"):
        maps.save_map(_small_map(), tmp_path / "sub" / "new.html")
    assert not (tmp_path / "sub" / "new.html").exists()
    assert os.listdir(tmp_path / "sub") == []


def test_save_map_refuses_a_bad_path_before_touching_anything(tmp_path):
    (tmp_path / "afile").write_text("keep me")
    with pytest.raises(InvalidInputError, match=r"is a file, not a folder"):
        maps.save_map(_small_map(), tmp_path / "afile" / "map.html")
    assert (tmp_path / "afile").read_text() == "keep me"
    assert os.listdir(tmp_path) == ["afile"]


# --- build_site (no kernel: notebooks are read as if executed) ------------------------------


@pytest.fixture
def notebooks(tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name, title in (("01-first", "First"), ("02-second", "Second")):
        nb = nbformat.v4.new_notebook()
        nb.cells = [
            nbformat.v4.new_markdown_cell(f"# {title}\n\nA notebook for the atomic-write tests."),
            nbformat.v4.new_code_cell("1 + 1", execution_count=1, outputs=[
                nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)
            ]),
        ]
        nbformat.write(nb, folder / f"{name}.ipynb")
    return folder


@pytest.fixture
def fake_kernel(monkeypatch):
    """Return the stored notebook instead of executing it (a kernel is not what is tested here)."""

    def execute(path, *, env, timeout, kernel_name):
        return nbformat.read(path, as_version=4)

    monkeypatch.setattr(site, "_execute", execute)


@pytest.fixture
def built(tmp_path, notebooks, fake_kernel):
    out = tmp_path / "site"
    site.build_site(out, notebooks=notebooks, progress=False)
    return out, _files(out)


def _leftovers(out: Path) -> list[str]:
    """Staging folders and the like next to the site (its lock file ``.site.lock`` stays by design)."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.") and p.name != f".{out.name}.lock")


def test_site_build_failing_after_the_notebooks_keeps_the_old_site(built, notebooks, monkeypatch):
    out, before = built
    assert "index.html" in before and site.SITE_MARKER in before

    def crash(*args, **kwargs):  # every notebook is exported; the index is being written
        raise Interrupted

    monkeypatch.setattr(site, "_index_html", crash)
    with pytest.raises(Interrupted):
        site.build_site(out, notebooks=notebooks, progress=False)
    assert _files(out) == before
    assert _leftovers(out) == []


def test_site_swap_interrupted_keeps_the_old_site(built, notebooks, monkeypatch):
    out, before = built

    def crash(a, b):
        raise Interrupted

    monkeypatch.setattr(_io, "_renameat2_exchange", crash)
    with pytest.raises(Interrupted):
        site.build_site(out, notebooks=notebooks, progress=False)
    assert _files(out) == before
    assert _leftovers(out) == []


def test_site_swap_without_renameat2_failing_keeps_the_old_site(built, notebooks, monkeypatch):
    """Where renameat2 is missing (not Linux, some file systems) the swap takes two renames."""
    out, before = built
    real_replace = os.replace

    def replace(src, dst):
        if Path(src).name.startswith(f".{out.name}.building"):  # the second rename: new site into place
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(_io, "_renameat2_exchange", lambda a, b: False)
    monkeypatch.setattr(_io.os, "replace", replace)
    with pytest.raises(SiteBuildError, match="no space left on device while writing the site; the previous site is unchanged"):
        site.build_site(out, notebooks=notebooks, progress=False)
    assert _files(out) == before
    assert _leftovers(out) == []


def test_site_swap_without_renameat2_replaces_the_site(built, notebooks, monkeypatch):
    out, before = built
    (notebooks / "03-third.ipynb").write_bytes((notebooks / "01-first.ipynb").read_bytes())
    monkeypatch.setattr(_io, "_renameat2_exchange", lambda a, b: False)
    site.build_site(out, notebooks=notebooks, progress=False)
    after = _files(out)
    assert "notebooks/03-third.html" in after and "notebooks/03-third.html" not in before
    assert _leftovers(out) == []


# --- the data manifest (python -m coophelpers.data refresh) -----------------------------------


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    target = tmp_path / "geo"
    shutil.copytree(data.data_dir(), target)
    monkeypatch.setenv("COOPHELPERS_DATA_DIR", str(target))
    data._manifest_cache.clear()
    yield target
    data._manifest_cache.clear()
    data._verified.clear()


@pytest.mark.parametrize("where", ["write", "replace"])
def test_manifest_refresh_interrupted_keeps_the_old_manifest(data_copy, monkeypatch, where):
    manifest = data_copy / data.MANIFEST
    before = manifest.read_bytes()
    listing = sorted(os.listdir(data_copy))

    def crash(*args, **kwargs):
        raise Interrupted

    if where == "replace":
        monkeypatch.setattr(data.os, "replace", crash)
    else:
        real_fdopen = os.fdopen

        class Half:
            """A file that writes half of the text, then the process dies."""

            def __init__(self, fh):
                self.fh = fh

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.fh.close()

            def write(self, text):
                self.fh.write(text[: len(text) // 2])
                self.fh.flush()
                raise Interrupted

        monkeypatch.setattr(data.os, "fdopen", lambda fd, *a, **k: Half(real_fdopen(fd, *a, **k)))
    with pytest.raises(Interrupted):
        data._main(["refresh"])
    assert manifest.read_bytes() == before
    assert sorted(os.listdir(data_copy)) == listing
