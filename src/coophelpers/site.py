"""Render every notebook and map into one self-contained, shareable folder (``site/``).

``coophelpers site --out site/`` (or :func:`build_site`) does, in order:

1. executes every ``notebooks/*.ipynb`` (sorted by name) with a Jupyter kernel, in the
   notebook's own folder, with ``COOPHELPERS_MAPS_DIR`` pointing into the site being built so
   that ``save_map(m, map_output("name"))`` writes the map pages there;
2. exports each executed notebook to ``notebooks/<name>.html`` with nbconvert's ``lab``
   template, minus the parts that load JavaScript from the web (require.js, MathJax, Mermaid,
   widgets); every ``folium.Map`` a notebook shows, plain folium ones included, is displayed
   by the kernel as a sandboxed offline iframe (:func:`coophelpers.maps.display.register_notebook_display`);
3. checks every map page against the 1.5 MB budget and writes its static PNG preview (drawn with matplotlib) to
   ``thumbs/``, both taken from the metadata :func:`coophelpers.save_map` records for the build
   (``COOPHELPERS_MAP_METADATA_DIR``), not from the HTML;
4. writes ``index.html`` (from the template ``templates/site_index.html.j2``) listing the
   notebooks (title and first line of their first Markdown cell) and the maps they made (the
   map's title), each with a small preview;
5. checks that no page refers to a web address for scripts, styles, images or frames.

One build of a folder at a time: a build holds a lock (``.<out>.lock``, with its pid) from start
to end; another build stops at once ("another build of … is in progress (pid N)") or, with
``wait=True`` (``--wait``), waits. The site is built in a folder of its own next to ``out``
(``.<out>.building-<pid>-<random>``; those of killed builds are removed at the next start)
and swapped into place at the end (atomic ``renameat2(RENAME_EXCHANGE)`` on Linux), so a
failed or interrupted build (Ctrl-C, SIGTERM: the kernel is stopped, ``KeyboardInterrupt``)
leaves the previous site untouched. A symbolic link ``out`` stays; the folder it points to is
replaced. Errors name the notebook, cell and error, or the full disk.

Builds are reproducible: ``SOURCE_DATE_EPOCH`` (default: today at 00:00 UTC) fixes the build
date, execution timing is not recorded, map element ids are deterministic, and pages show the
maps folder as ``maps/``, never the staging path: builds into any folder give identical files.
"""

from __future__ import annotations

import base64
import datetime as _dt
import errno
import html as _html
import json
import logging
import numbers
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from coophelpers import _io, settings
from coophelpers._errors import CoophelpersError, InvalidInputError, SiteBuildError
from coophelpers._validate import check_bool
from coophelpers._version import package_version
from coophelpers.maps.output import external_refs, map_metadata

__all__ = ["SITE_MARKER", "SitePage", "build_site", "default_notebooks_dir"]

log = logging.getLogger(__name__)

#: File written into every built site; only folders holding it are ever replaced.
SITE_MARKER = ".coophelpers-site"
#: Default per-cell timeout of notebook execution, in seconds.
CELL_TIMEOUT_S = 900

_TEMPLATE_NAME = "offline_notebook.html.j2"
#: Run in every kernel the build starts: show every folium.Map through the offline display.
_KERNEL_SETUP = "import coophelpers.maps.display as _chd; _chd.register_notebook_display(); del _chd"
_META_DIR = ".maps-meta"


def _template(name: str) -> str:
    return (resources.files("coophelpers") / "templates" / name).read_text(encoding="utf-8")


@dataclass
class SitePage:
    """One notebook of the site and the maps it wrote."""

    name: str
    title: str
    description: str
    html_path: str
    maps: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0


# --------------------------------------------------------------------------------------------
# helpers


def default_notebooks_dir() -> Path:
    """``./notebooks`` if it exists, else the ``notebooks/`` folder of the source checkout."""
    here = Path.cwd() / "notebooks"
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[2] / "notebooks"


def _stderr_progress(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def _size(n: int) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 100_000 else f"{n / 1e3:.1f} kB"


def _source_date_epoch() -> str:
    """``SOURCE_DATE_EPOCH`` for the kernels: as set (checked by settings), else today at 00:00 UTC."""
    day = settings.build_date()  # raises a clear error for a value that is not a time stamp
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value:
        return value.strip()
    return str(int(_dt.datetime(day.year, day.month, day.day, tzinfo=_dt.timezone.utc).timestamp()))


def _markdown_text(md: str) -> str:
    """Markdown to one line of plain text (enough for titles and descriptions).

    Code spans are kept verbatim (``<b>`` inside backticks is text); elsewhere links keep
    their text, emphasis marks and inline HTML tags are dropped. The result is plain text
    that the caller escapes.
    """
    out = []
    for i, part in enumerate(re.split(r"`([^`]*)`", md)):
        if i % 2:  # inside a code span
            out.append(part)
            continue
        part = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", part)
        part = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", part)
        part = re.sub(r"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1", r"\2", part)
        part = re.sub(r"<[^>]+>", "", part)
        out.append(part)
    return " ".join("".join(out).split())


def _describe(nb: Any, fallback: str) -> tuple[str, str]:
    """Title (first heading) and one-line description (first paragraph) of a notebook."""
    title, description = fallback, ""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", cell.source) if p.strip()]
        for para in paragraphs:
            heading = re.match(r"^#{1,6}\s+(.*)", para)
            if heading and title == fallback:
                title = _markdown_text(heading.group(1).splitlines()[0])
                rest = "\n".join(para.splitlines()[1:]).strip()
                if rest and not description:
                    description = _markdown_text(rest)
            elif not description and not heading:
                description = _markdown_text(para)
        break
    if len(description) > 240:
        description = description[:237].rsplit(" ", 1)[0] + "…"
    return title, description


def _failed_cell(nb: Any) -> tuple[int, str] | None:
    """Index (0-based, all cells) and first source line of the first cell with an error."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                first = next((line for line in cell.source.splitlines() if line.strip()), "")
                return index, first.strip()
    return None


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        msg = f"out={str(out)!r} exists and is not a folder. Fix: choose a folder, e.g. 'site'."
        raise InvalidInputError(msg)
    if out.is_dir() and any(out.iterdir()) and not (out / SITE_MARKER).exists():
        msg = (
            f"out={str(out)!r} is a folder that was not built by coophelpers (no {SITE_MARKER} "
            "file); refusing to replace it. Fix: choose a new or empty folder, e.g. 'site'."
        )
        raise InvalidInputError(msg)


# --------------------------------------------------------------------------------------------
# notebooks


def _exporter() -> Any:
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({_TEMPLATE_NAME: _template(_TEMPLATE_NAME)})],
        embed_images=True,
    )
    exporter.template_file = _TEMPLATE_NAME
    return exporter


_SRCDOC = re.compile(r"""(<iframe\b[^>]*?\bsrcdoc=)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def _remote_refs(page: str) -> list[str]:
    """Web addresses a page (and the pages in its iframe srcdoc attributes) would load."""
    found = []
    docs = []

    def _strip(match: re.Match[str]) -> str:
        raw = match.group(2) if match.group(2) is not None else match.group(3)
        docs.append(_html.unescape(raw))
        return match.group(1) + '""'

    found.extend(external_refs(_SRCDOC.sub(_strip, page)))
    for doc in docs:
        found.extend(_remote_refs(doc))
    return found


_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


def _disk_full(code: int, filename: Any) -> SiteBuildError:
    quota = " (disk quota exceeded)" if code == errno.EDQUOT else ""
    msg = f"no space left on device while writing {filename or 'the site'}{quota}; the previous site is unchanged."
    return SiteBuildError(msg + " Fix: free disk space and build again.")


def _execute(path: Path, *, env: dict[str, str], timeout: int, kernel_name: str) -> Any:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as err:  # nbformat raises several unrelated types for bad files
        msg = f"Notebook {path.name!r} cannot be read: {err}. Fix: repair the .ipynb file."
        raise SiteBuildError(msg) from err
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=kernel_name,
        record_timing=False,
        allow_errors=False,
        resources={"metadata": {"path": str(path.parent)}},
        extra_arguments=[f"--IPKernelApp.exec_lines={_KERNEL_SETUP}"],
    )
    # the kernel's own stderr (start-up chatter such as ipykernel's TCP warning) goes to a
    # temporary file; cell errors arrive as messages and are reported from those
    log_file = tempfile.TemporaryFile(mode="w+b")
    try:
        _io.run_interruptible(  # Ctrl-C, SIGTERM: the kernel is killed at once, then KeyboardInterrupt
            client.async_execute(env=env, cwd=str(path.parent), stderr=log_file),
            on_interrupt=lambda: setattr(client, "shutdown_kernel", "immediate"),
        )
    except CellExecutionError as err:
        ename = getattr(err, "ename", "") or "Error"
        evalue = getattr(err, "evalue", "") or str(err).strip().splitlines()[-1]
        full = re.match(r"\[Errno (\d+)\][^:]*(?:: (.*))?", evalue)
        if full and int(full.group(1)) in _DISK_FULL:  # the disk, not the notebook
            raise _disk_full(int(full.group(1)), full.group(2)) from err
        where = _failed_cell(nb)
        cell = f"cell {where[0]} ({where[1]!r})" if where else "a cell"
        msg = (
            f"Notebook {path.name!r} failed in {cell}: {ename}: {evalue}. Fix the notebook "
            "(run it in JupyterLab to see the full traceback) and build again."
        )
        raise SiteBuildError(msg) from err
    except CellTimeoutError as err:
        msg = (
            f"Notebook {path.name!r} timed out: a cell ran longer than {timeout} s. "
            "Fix: make the cell faster or pass a larger timeout."
        )
        raise SiteBuildError(msg) from err
    except DeadKernelError as err:
        log_file.seek(0)
        tail = log_file.read().decode("utf-8", "replace").strip().splitlines()[-5:]
        msg = (
            f"Notebook {path.name!r}: the Jupyter kernel died ({err}). Kernel output: "
            f"{' | '.join(tail) or 'none'}. Fix: check memory use and the notebook's imports."
        )
        raise SiteBuildError(msg) from err
    except CoophelpersError:
        raise
    except Exception as err:  # kernel start-up problems (no kernel spec, no loopback, ...)
        if isinstance(err, OSError) and err.errno in _DISK_FULL:
            raise _disk_full(err.errno, err.filename) from err
        msg = (
            f"Notebook {path.name!r} could not be executed: {type(err).__name__}: {err}. "
            f"Fix: check that the Jupyter kernel {kernel_name!r} is installed "
            "(python -m ipykernel install --sys-prefix) and that loopback networking works."
        )
        raise SiteBuildError(msg) from err
    finally:
        log_file.close()
    return nb


def _stable_paths(text: str, staging: Path, nb_dir: Path) -> str:
    """``text`` with the staging path (where ``$COOPHELPERS_MAPS_DIR`` points) as ``maps/…`` (as in JupyterLab) or ``site``."""
    forms = {str(staging), os.path.realpath(staging), os.path.relpath(staging, nb_dir)}
    forms.add(os.path.relpath(os.path.realpath(staging), os.path.realpath(nb_dir)))
    for form in sorted(forms, key=len, reverse=True):
        text = text.replace(form + os.sep + "maps", "maps").replace(form, "site")
    return text.replace(staging.name, "site")


# --------------------------------------------------------------------------------------------
# index


def _index_html(pages: Sequence[SitePage], *, build_date: str, version: str) -> str:
    """The site's index page, from ``templates/site_index.html.j2`` (every value escaped)."""
    from jinja2 import Environment

    env = Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string(_template("site_index.html.j2"))
    shown = [
        {
            "name": p.name, "title": p.title, "description": p.description, "html_path": p.html_path,
            "maps": [{**m, "size": _size(m["bytes"])} for m in p.maps],
        }
        for p in pages
    ]
    return template.render(pages=shown, build_date=build_date, version=version)


# --------------------------------------------------------------------------------------------
# the build


def _progress(progress: Any) -> Callable[[str], None]:
    if progress is True:
        return _stderr_progress
    if progress is False or progress is None:
        return log.info
    if callable(progress):
        return progress
    msg = f"progress={progress!r} is not True, False or a function. Fix: pass True."
    raise InvalidInputError(msg)


def _check_options(timeout: Any, kernel_name: Any, max_map_bytes: Any, wait: Any) -> int:
    """Check the build options; return the map size budget in bytes."""
    check_bool(wait, param="wait")
    if isinstance(timeout, bool) or not isinstance(timeout, numbers.Integral) or timeout <= 0:
        msg = f"timeout={timeout!r} is not a positive number of seconds. Fix: pass e.g. 600."
        raise InvalidInputError(msg)
    if not isinstance(kernel_name, str) or not kernel_name.strip():
        msg = f"kernel_name={kernel_name!r} is not a kernel name. Fix: pass e.g. 'python3'."
        raise InvalidInputError(msg)
    if max_map_bytes is not None and (
        isinstance(max_map_bytes, bool) or not isinstance(max_map_bytes, numbers.Integral) or max_map_bytes <= 0
    ):
        msg = (
            f"max_map_bytes={max_map_bytes!r} is not a positive number of bytes. Fix: pass e.g. "
            "1_500_000, or None for the default budget."
        )
        raise InvalidInputError(msg)
    return settings.max_map_bytes if max_map_bytes is None else int(max_map_bytes)


def _folders(out: Any, notebooks: Any) -> tuple[Path, Path, Path, list[Path]]:
    """(site folder as given, the folder it is or links to, notebooks folder, notebooks in name order)."""
    for name, value in (("out", out), ("notebooks", notebooks)):
        if not isinstance(value, (str, os.PathLike)) and not (name == "notebooks" and value is None):
            msg = f"{name}={value!r} is not a folder path. Fix: pass e.g. {name}='{name if name == 'notebooks' else 'site'}'."
            raise InvalidInputError(msg)
    out_path = Path(out).expanduser().absolute()
    nb_dir = Path(notebooks).expanduser().absolute() if notebooks else default_notebooks_dir()
    if not nb_dir.is_dir():
        msg = (
            f"notebooks={str(nb_dir)!r} is not a folder. Fix: run from the repository root or "
            "pass --notebooks DIR."
        )
        raise InvalidInputError(msg)
    sources = sorted(p for p in nb_dir.glob("*.ipynb") if not p.name.startswith("."))
    if not sources:
        msg = f"No notebooks (*.ipynb) in {str(nb_dir)!r}. Fix: pass --notebooks DIR."
        raise SiteBuildError(msg)
    target = Path(os.path.realpath(out_path))  # a symbolic link: build where it points, keep the link
    _check_out(target)
    blocker = next((p for p in target.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        msg = (
            f"out={str(out_path)!r} cannot be written: {str(blocker)!r} is a file, not a folder. "
            "Fix: choose a folder, e.g. 'site'."
        )
        raise InvalidInputError(msg)
    return out_path, target, nb_dir, sources


def _kernel_env(staging: Path, nb_dir: Path) -> tuple[dict[str, str], str]:
    """The environment the notebooks run in (reproducible, maps saved into the site) and the build date."""
    epoch = _source_date_epoch()
    build_date = settings.build_date().isoformat()
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = epoch
    env["PYTHONHASHSEED"] = "0"
    env[settings.MAPS_DIR_ENV] = os.path.relpath(staging / "maps", nb_dir)
    env[settings.MAP_METADATA_DIR_ENV] = str(staging / _META_DIR)
    env.setdefault("MPLBACKEND", "Agg")
    return env, build_date


def _build_page(source: Path, staging: Path, exporter: Any, *, env: dict[str, str], timeout: int, kernel_name: str) -> SitePage:
    """Execute one notebook, write its HTML page, and collect the maps it saved (from their metadata)."""
    t0 = time.perf_counter()
    meta_dir = staging / _META_DIR
    before = set(map_metadata(meta_dir))
    nb = _execute(source, env=env, timeout=timeout, kernel_name=kernel_name)
    seconds = time.perf_counter() - t0
    title, description = _describe(nb, source.stem)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title, "path": str(source.parent)}})
    html_rel = f"notebooks/{source.stem}.html"
    (staging / html_rel).write_text(_stable_paths(body, staging, source.parent), encoding="utf-8")
    page = SitePage(source.stem, title, description, html_rel, seconds=seconds)
    written = map_metadata(meta_dir)
    maps_dir = (staging / "maps").resolve()
    for key in sorted(set(written) - before, key=lambda k: written[k]["file"]):
        meta, map_path = written[key], Path(key)
        if map_path.parent != maps_dir:
            continue  # a map the notebook saved elsewhere is not part of the site
        thumb = None
        if str(meta.get("preview_png") or "").startswith("data:image/png;base64,"):
            thumb = f"thumbs/{map_path.stem}.png"
            (staging / thumb).write_bytes(base64.b64decode(meta["preview_png"].split(",", 1)[1]))
        title_ = (meta.get("provenance") or {}).get("title") or map_path.stem
        page.maps.append(
            {"file": map_path.name, "path": f"maps/{map_path.name}", "title": title_,
             "bytes": map_path.stat().st_size, "thumb": thumb}
        )
    return page


def _write_index(staging: Path, pages: Sequence[SitePage], build_date: str) -> None:
    """``index.html`` and ``site.json`` (the same listing as data)."""
    index = _index_html(pages, build_date=build_date, version=package_version())
    (staging / "index.html").write_text(index, encoding="utf-8")
    listing = {
        "build_date": build_date,
        "notebooks": [
            {
                "name": p.name, "title": p.title, "description": p.description, "html": p.html_path,
                "maps": [{k: v for k, v in m.items() if k != "bytes"} for m in p.maps],
            }
            for p in pages
        ],
    }
    (staging / "site.json").write_text(json.dumps(listing, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _check_files(staging: Path, budget: int, say: Callable[[str], None]) -> None:
    """List every file; refuse maps over the budget and pages that refer to the web."""
    say("Files:")
    problems = []
    for path in sorted(p for p in staging.rglob("*") if p.is_file()):
        rel = path.relative_to(staging).as_posix()
        size = path.stat().st_size
        over = rel.startswith("maps/") and rel.endswith(".html") and size > budget
        say(f"  {rel:<50} {_size(size):>10}{'  OVER THE BUDGET' if over else ''}")
        if over:
            problems.append(f"map {rel!r} is {_size(size)}, over the {budget / 1e6:.1f} MB budget")
        data = path.read_bytes()
        if staging.name.encode() in data:
            problems.append(f"{rel!r} shows the path of the folder being built")
        remote = _remote_refs(data.decode("utf-8", "replace")) if path.suffix == ".html" else []
        if remote:
            problems.append(f"{rel!r} refers to the web: {remote[:3]!r}")
    if problems:
        msg = (
            "The site build failed its checks: "
            + "; ".join(problems)
            + ". Fix: use load_regions(detail='web') and fewer layers for big maps; "
            "display maps with coophelpers.base_map()/show_map(). The previous site is "
            "unchanged."
        )
        raise SiteBuildError(msg)


def build_site(
    out: str | os.PathLike[str] = "site",
    *,
    notebooks: str | os.PathLike[str] | None = None,
    timeout: int = CELL_TIMEOUT_S,
    kernel_name: str = "python3",
    max_map_bytes: int | None = None,
    progress: bool | Callable[[str], None] = True,
    wait: bool = False,
) -> Path:
    """Execute every notebook and write notebooks, maps and an index into ``out``.

    Parameters
    ----------
    out
        Site folder. It is replaced as a whole at the end of a successful build; an existing
        folder is only replaced if it is empty or was built by coophelpers. A symbolic link
        is kept: the folder it points to is replaced.
    notebooks
        Folder with the ``*.ipynb`` files, executed in name order. Default: ``./notebooks``,
        else the ``notebooks/`` folder of the source checkout.
    timeout
        Per-cell timeout in seconds.
    kernel_name
        Jupyter kernel to execute with (default ``python3``, the environment's own Python).
    max_map_bytes
        Size budget of each map page (default :data:`coophelpers.settings.max_map_bytes`, 1.5 MB).
    progress
        True: progress lines and file sizes on stderr; False: silent; or a callable taking
        each line.
    wait
        If another build of ``out`` is running: False (default) stops at once with a
        :class:`~coophelpers.SiteBuildError`; True waits for it to finish, then builds.

    Returns
    -------
    pathlib.Path
        The site folder.

    Raises
    ------
    SiteBuildError
        A notebook failed (the message names it, the cell and the error), a map is over the
        budget, a page refers to the web, the disk is full, or another build of ``out`` is in
        progress. The previous site is left in place.
    KeyboardInterrupt
        Ctrl-C or SIGTERM: the kernel is stopped and the previous site left in place.
    InvalidInputError
        A bad option, a ``notebooks`` path that is not a folder, or an ``out`` that cannot be written
        or is a folder not built by coophelpers.

    Examples
    --------
    >>> import nbformat
    >>> from pathlib import Path
    >>> Path("notebooks").mkdir()
    >>> cells = [nbformat.v4.new_markdown_cell("# Trade routes"), nbformat.v4.new_code_cell("1 + 1")]
    >>> nbformat.write(nbformat.v4.new_notebook(cells=cells), "notebooks/01-routes.ipynb")
    >>> site = build_site("site", notebooks="notebooks", progress=False)
    >>> sorted(page.relative_to(site).as_posix() for page in site.rglob("*.html"))
    ['index.html', 'notebooks/01-routes.html']
    >>> "Trade routes" in (site / "index.html").read_text(encoding="utf-8")
    True
    """
    say = _progress(progress)
    budget = _check_options(timeout, kernel_name, max_map_bytes, wait)
    out_path, target, nb_dir, sources = _folders(out, notebooks)

    def busy(pid: str) -> None:
        if not wait:
            msg = (
                f"another build of {out_path} is in progress (pid {pid}). Fix: wait for it to "
                "finish, or pass --wait (wait=True) to build after it."
            )
            raise SiteBuildError(msg)
        say(f"Waiting for the build of {out_path} by pid {pid} to finish ...")

    started = False
    try:
        with _io.sigterm_as_interrupt(), _io.folder_transaction(out_path, on_busy=busy) as staging:
            started, start = True, time.perf_counter()
            say(f"Building the site from {len(sources)} notebook(s) in {nb_dir} -> {out_path}")
            _build_into(staging, nb_dir, sources, say, timeout=timeout, kernel_name=kernel_name, budget=budget)
    except OSError as err:
        if err.errno in _DISK_FULL:
            raise _disk_full(err.errno, err.filename) from err
        if started:
            raise
        msg = f"out={str(out_path)!r} cannot be written: {err.strerror or err} ({err.filename or target.parent})."
        raise InvalidInputError(msg + " Fix: choose a folder you can write to, e.g. 'site'.") from err
    say(f"Site written to {out_path} in {time.perf_counter() - start:.1f} s; open {out_path / 'index.html'}")
    return out_path


def _build_into(
    staging: Path, nb_dir: Path, sources: list[Path], say: Callable[[str], None], *, timeout: int, kernel_name: str, budget: int
) -> None:
    """Build the whole site into the (empty) folder ``staging``."""
    for sub in ("notebooks", "maps", "thumbs", _META_DIR):
        (staging / sub).mkdir()
    (staging / SITE_MARKER).write_text("Built by `coophelpers site`; this folder is replaced on every build.\n", encoding="utf-8")
    env, build_date = _kernel_env(staging, nb_dir)
    exporter = _exporter()
    pages: list[SitePage] = []
    for number, source in enumerate(sources, 1):
        say(f"[{number}/{len(sources)}] executing {source.name} ...")
        page = _build_page(source, staging, exporter, env=env, timeout=timeout, kernel_name=kernel_name)
        pages.append(page)
        say(f"    done in {page.seconds:.1f} s: {page.html_path}")
        for item in page.maps:
            say(f"    map {item['path']} ({_size(item['bytes'])})")
    shutil.rmtree(staging / _META_DIR)
    _write_index(staging, pages, build_date)
    _check_files(staging, budget, say)
