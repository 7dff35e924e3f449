"""Render every notebook and map into one self-contained, shareable folder (``site/``).

``coophelpers site --out site/`` (or :func:`build_site`) does, in order:

1. executes every ``notebooks/*.ipynb`` (sorted by name) with a Jupyter kernel, in the
   notebook's own folder, with ``COOPHELPERS_MAPS_DIR`` pointing into the site being built so
   that ``save_map(m, map_output("name"))`` writes the map pages there;
2. exports each executed notebook to ``notebooks/<name>.html`` with nbconvert's ``lab``
   template, minus the parts that load JavaScript from the web (require.js, MathJax, Mermaid,
   widgets); maps shown in the notebook are sandboxed offline iframes;
3. checks every map page against the 1.5 MB budget and writes a static SVG preview of it to
   ``thumbs/``;
4. writes ``index.html`` listing the notebooks (title and first line of their first Markdown
   cell) and the maps they made (the map's title), each with a small preview;
5. checks that no page refers to a web address for scripts, styles, images or frames.

The site is built in a folder next to the target (``.<out>.building``) and swapped into place
at the end (an atomic ``renameat2(RENAME_EXCHANGE)`` on Linux), so an interrupted or failed
build leaves the previous site untouched. A failing notebook raises
:class:`~coophelpers.SiteBuildError` naming the notebook, the cell and the error.

Builds are reproducible: ``SOURCE_DATE_EPOCH`` (default: today at 00:00 UTC) fixes the build
date, execution timing is not recorded, and map element ids are deterministic, so two builds
of the same inputs give identical files.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime as _dt
import html as _html
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coophelpers._errors import CoophelpersError, InvalidInputError, SiteBuildError

__all__ = ["SITE_MARKER", "SitePage", "build_site", "default_notebooks_dir"]

log = logging.getLogger(__name__)

#: File written into every built site; only folders holding it are ever replaced.
SITE_MARKER = ".coophelpers-site"
#: Default per-cell timeout of notebook execution, in seconds.
CELL_TIMEOUT_S = 900

_TEMPLATE_NAME = "coophelpers_offline.html.j2"
_TEMPLATE = """\
{%- extends 'lab/index.html.j2' -%}
{#- coophelpers: nothing may load from the web; these blocks would pull require.js, widget
    managers, MathJax and Mermaid from CDNs. -#}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""
_INDEX_CSS = """\
body { font-family: "Helvetica Neue", Arial, "Noto Sans CJK SC", sans-serif; margin: 0;
  color: #222; background: #fafafa; }
header, main, footer { max-width: 980px; margin: 0 auto; padding: 16px 20px; }
header h1 { margin: 8px 0 4px; font-size: 26px; }
header p, footer { color: #555; font-size: 14px; }
section.nb { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 14px 16px;
  margin: 14px 0; display: flex; gap: 16px; }
section.nb .thumb { flex: 0 0 240px; }
section.nb .thumb img { width: 240px; border: 1px solid #ccc; border-radius: 4px; }
section.nb .thumb .none { width: 240px; height: 120px; border: 1px dashed #ccc;
  border-radius: 4px; display: flex; align-items: center; justify-content: center;
  color: #999; font-size: 13px; }
section.nb h2 { margin: 0 0 6px; font-size: 19px; }
section.nb p { margin: 4px 0 8px; font-size: 14px; line-height: 1.4; }
ul.maps { list-style: none; padding: 0; margin: 6px 0 0; display: flex; flex-wrap: wrap;
  gap: 10px; }
ul.maps li { width: 170px; font-size: 13px; }
ul.maps img { width: 170px; border: 1px solid #ccc; border-radius: 4px; display: block; }
.size { color: #777; font-size: 12px; }
"""


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
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value:
        return value
    today = _dt.datetime.now(tz=_dt.timezone.utc).date()
    midnight = _dt.datetime(today.year, today.month, today.day, tzinfo=_dt.timezone.utc)
    return str(int(midnight.timestamp()))


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


def _renameat2_exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        func = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = func(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def _swap_into_place(staging: Path, out: Path) -> None:
    """Make ``staging`` the site at ``out``; the old site is removed only after the swap."""
    if not out.exists():
        os.replace(staging, out)
        return
    if _renameat2_exchange(staging, out):
        shutil.rmtree(staging)  # now holds the previous site
        return
    old = out.with_name(f".{out.name}.previous")
    if old.exists():
        shutil.rmtree(old)
    os.replace(out, old)
    try:
        os.replace(staging, out)
    except BaseException:
        os.replace(old, out)  # put the previous site back before reporting the failure
        raise
    shutil.rmtree(old)


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
    from jinja2 import DictLoader  # noqa: PLC0415
    from nbconvert import HTMLExporter  # noqa: PLC0415

    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({_TEMPLATE_NAME: _TEMPLATE})],
        embed_images=True,
    )
    exporter.template_file = _TEMPLATE_NAME
    return exporter


_SRCDOC = re.compile(r"""(<iframe\b[^>]*?\bsrcdoc=)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_UUID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")


def _offline_iframes(page: str, notebook: str) -> str:
    """Make maps shown in notebook outputs offline and deterministic.

    Maps displayed with coophelpers (base_map, show_map) already are. A plain folium map
    displayed in a notebook is an iframe whose srcdoc links Leaflet, jQuery and Bootstrap
    from CDNs and carries random ids: inline/drop those and number the ids.
    """
    from coophelpers._offline import external_refs, inline_assets  # noqa: PLC0415

    def _fix(match: re.Match[str]) -> str:
        raw = match.group(2) if match.group(2) is not None else match.group(3)
        inner = _html.unescape(raw)
        if not external_refs(inner) and not _UUID.search(inner):
            return match.group(0)
        try:
            inner = inline_assets(inner)
        except InvalidInputError as err:
            msg = f"Notebook {notebook!r} shows a map that cannot work offline: {err}"
            raise SiteBuildError(msg) from err
        mapping: dict[str, str] = {}

        def _number(m: re.Match[str]) -> str:
            return mapping.setdefault(m.group(0), f"x{len(mapping) + 1}")

        inner = _UUID.sub(_number, inner)
        return match.group(1) + '"' + _html.escape(inner, quote=True) + '"'

    return _SRCDOC.sub(_fix, page)


def _remote_refs(page: str) -> list[str]:
    """Web addresses a page (and the pages in its iframe srcdoc attributes) would load."""
    from coophelpers._offline import external_refs  # noqa: PLC0415

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


def _execute(path: Path, *, env: dict[str, str], timeout: int, kernel_name: str) -> Any:
    import nbformat  # noqa: PLC0415
    from nbclient import NotebookClient  # noqa: PLC0415
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError  # noqa: PLC0415

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
    )
    # the kernel's own stderr (start-up chatter such as ipykernel's TCP warning) goes to a
    # temporary file; cell errors arrive as messages and are reported from those
    log_file = tempfile.TemporaryFile(mode="w+b")
    try:
        client.execute(env=env, cwd=str(path.parent), stderr=log_file)
    except CellExecutionError as err:
        where = _failed_cell(nb)
        cell = f"cell {where[0]} ({where[1]!r})" if where else "a cell"
        ename = getattr(err, "ename", "") or "Error"
        evalue = getattr(err, "evalue", "") or str(err).strip().splitlines()[-1]
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
        msg = (
            f"Notebook {path.name!r} could not be executed: {type(err).__name__}: {err}. "
            f"Fix: check that the Jupyter kernel {kernel_name!r} is installed "
            "(python -m ipykernel install --sys-prefix) and that loopback networking works."
        )
        raise SiteBuildError(msg) from err
    finally:
        log_file.close()
    return nb


# --------------------------------------------------------------------------------------------
# index


def _index_html(pages: Sequence[SitePage], *, build_date: str, version: str) -> str:
    esc = _html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>coophelpers: China–Russia sub-national cooperation — notebooks and maps</title>",
        f"<style>{_INDEX_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>China–Russia sub-national cooperation: notebooks and maps</h1>",
        "<p>Every page here works offline: open it from a disk or attach it to an e-mail. Each "
        "map page names its data sources, licences and as-of dates in its provenance box.</p>",
        "</header>",
        "<main>",
    ]
    for page in pages:
        thumb = next((m["thumb"] for m in page.maps if m.get("thumb")), None)
        out.append(f'<section class="nb" id="{esc(page.name)}">')
        if thumb:
            out.append(
                f'<div class="thumb"><a href="{esc(page.html_path)}"><img src="{esc(thumb)}" '
                f'alt="preview of {esc(page.title)}"></a></div>'
            )
        else:
            out.append('<div class="thumb"><div class="none">no map</div></div>')
        out.append("<div>")
        out.append(f'<h2><a href="{esc(page.html_path)}">{esc(page.title)}</a></h2>')
        if page.description:
            out.append(f"<p>{esc(page.description)}</p>")
        out.append(
            f'<div class="size">Notebook {esc(page.name)}.ipynb · '
            f'<a href="{esc(page.html_path)}">rendered notebook</a></div>'
        )
        if page.maps:
            out.append('<ul class="maps">')
            for item in page.maps:
                img = (
                    f'<img src="{esc(item["thumb"])}" alt="preview of {esc(item["title"])}">'
                    if item.get("thumb")
                    else ""
                )
                out.append(
                    f'<li><a href="{esc(item["path"])}">{img}{esc(item["title"])}</a>'
                    f'<div class="size">{esc(item["file"])} · {esc(_size(item["bytes"]))}'
                    "</div></li>"
                )
            out.append("</ul>")
        out.append("</div></section>")
    out += [
        "</main>",
        f"<footer>Built {esc(build_date)} with coophelpers {esc(version)}.</footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# the build


def build_site(
    out: str | os.PathLike[str] = "site",
    *,
    notebooks: str | os.PathLike[str] | None = None,
    timeout: int = CELL_TIMEOUT_S,
    kernel_name: str = "python3",
    max_map_bytes: int | None = None,
    progress: bool | Callable[[str], None] = True,
) -> Path:
    """Execute every notebook and write notebooks, maps and an index into ``out``.

    Parameters
    ----------
    out
        Site folder. It is replaced as a whole at the end of a successful build; an existing
        folder is only replaced if it is empty or was built by coophelpers.
    notebooks
        Folder with the ``*.ipynb`` files, executed in name order. Default: ``./notebooks``,
        else the ``notebooks/`` folder of the source checkout.
    timeout
        Per-cell timeout in seconds.
    kernel_name
        Jupyter kernel to execute with (default ``python3``, the environment's own Python).
    max_map_bytes
        Size budget of each map page (default :data:`coophelpers.maps.MAX_MAP_BYTES`, 1.5 MB).
    progress
        True: progress lines and file sizes on stderr; False: silent; or a callable taking
        each line.

    Returns
    -------
    pathlib.Path
        The site folder.

    Raises
    ------
    SiteBuildError
        A notebook failed (the message names it, the cell and the error), a map is over the
        budget, or a page refers to the web. The previous site is left in place.
    """
    from coophelpers import maps  # noqa: PLC0415

    say: Callable[[str], None]
    if progress is True:
        say = _stderr_progress
    elif progress is False or progress is None:
        say = log.info
    elif callable(progress):
        say = progress
    else:
        msg = f"progress={progress!r} is not True, False or a function. Fix: pass True."
        raise InvalidInputError(msg)
    if isinstance(timeout, bool) or not isinstance(timeout, int) or timeout <= 0:
        msg = f"timeout={timeout!r} is not a positive number of seconds. Fix: pass e.g. 600."
        raise InvalidInputError(msg)
    if not isinstance(kernel_name, str) or not kernel_name.strip():
        msg = f"kernel_name={kernel_name!r} is not a kernel name. Fix: pass e.g. 'python3'."
        raise InvalidInputError(msg)
    if max_map_bytes is not None and (
        isinstance(max_map_bytes, bool) or not isinstance(max_map_bytes, int) or max_map_bytes <= 0
    ):
        msg = (
            f"max_map_bytes={max_map_bytes!r} is not a positive number of bytes. Fix: pass e.g. "
            "1_500_000, or None for the default budget."
        )
        raise InvalidInputError(msg)
    budget = maps.MAX_MAP_BYTES if max_map_bytes is None else max_map_bytes
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
    _check_out(out_path)
    blocker = next((p for p in out_path.parents if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        msg = (
            f"out={str(out_path)!r} cannot be written: {str(blocker)!r} is a file, not a folder. "
            "Fix: choose a folder, e.g. 'site'."
        )
        raise InvalidInputError(msg)
    staging = out_path.with_name(f".{out_path.name}.building")
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        if staging.exists():  # left over from an interrupted build
            shutil.rmtree(staging)
        staging.mkdir()
    except OSError as err:
        msg = (
            f"out={str(out_path)!r} cannot be written: {err.strerror or err} "
            f"({err.filename or out_path.parent}). Fix: choose a folder you can write to, e.g. 'site'."
        )
        raise InvalidInputError(msg) from err
    start = time.perf_counter()
    try:
        (staging / SITE_MARKER).write_text(
            "Built by `coophelpers site`; this folder is replaced on every build.\n",
            encoding="utf-8",
        )
        for sub in ("notebooks", "maps", "thumbs"):
            (staging / sub).mkdir()
        epoch = _source_date_epoch()
        build_date = _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc).date().isoformat()
        env = dict(os.environ)
        env["SOURCE_DATE_EPOCH"] = epoch
        env["PYTHONHASHSEED"] = "0"
        env["COOPHELPERS_MAPS_DIR"] = os.path.relpath(staging / "maps", nb_dir)
        env.setdefault("MPLBACKEND", "Agg")
        exporter = _exporter()
        pages: list[SitePage] = []
        say(f"Building the site from {len(sources)} notebook(s) in {nb_dir} -> {out_path}")
        for number, source in enumerate(sources, 1):
            name = source.stem
            say(f"[{number}/{len(sources)}] executing {source.name} ...")
            t0 = time.perf_counter()
            before = set((staging / "maps").iterdir())
            nb = _execute(source, env=env, timeout=timeout, kernel_name=kernel_name)
            seconds = time.perf_counter() - t0
            title, description = _describe(nb, name)
            resources = {"metadata": {"name": title, "path": str(nb_dir)}}
            body, _ = exporter.from_notebook_node(nb, resources=resources)
            body = _offline_iframes(body, source.name)
            html_rel = f"notebooks/{name}.html"
            (staging / html_rel).write_text(body, encoding="utf-8")
            page = SitePage(name, title, description, html_rel, seconds=seconds)
            new_maps = sorted(set((staging / "maps").iterdir()) - before)
            for map_path in new_maps:
                if map_path.suffix.lower() != ".html":
                    continue
                text = map_path.read_text(encoding="utf-8")
                record = maps._provenance_from_html(text) or {}
                preview = maps._preview_from_html(text)
                thumb = None
                if preview:
                    thumb = f"thumbs/{map_path.stem}.svg"
                    (staging / thumb).write_text(preview + "\n", encoding="utf-8")
                page.maps.append(
                    {
                        "file": map_path.name,
                        "path": f"maps/{map_path.name}",
                        "title": record.get("title") or map_path.stem,
                        "bytes": map_path.stat().st_size,
                        "thumb": thumb,
                    }
                )
            pages.append(page)
            say(f"    done in {seconds:.1f} s: {html_rel} ({_size(len(body.encode()))})")
            for item in page.maps:
                say(f"    map {item['path']} ({_size(item['bytes'])})")

        from coophelpers.maps import _package_version  # noqa: PLC0415

        index = _index_html(pages, build_date=build_date, version=_package_version())
        (staging / "index.html").write_text(index, encoding="utf-8")
        (staging / "site.json").write_text(
            json.dumps(
                {
                    "build_date": build_date,
                    "notebooks": [
                        {
                            "name": p.name,
                            "title": p.title,
                            "description": p.description,
                            "html": p.html_path,
                            "maps": [
                                {k: v for k, v in m.items() if k != "bytes"} for m in p.maps
                            ],
                        }
                        for p in pages
                    ],
                },
                ensure_ascii=False,
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )

        # final checks: budget, and nothing refers to the web
        say("Files:")
        problems = []
        for path in sorted(p for p in staging.rglob("*") if p.is_file()):
            rel = path.relative_to(staging).as_posix()
            size = path.stat().st_size
            over = rel.startswith("maps/") and rel.endswith(".html") and size > budget
            say(f"  {rel:<50} {_size(size):>10}{'  OVER THE BUDGET' if over else ''}")
            if over:
                problems.append(
                    f"map {rel!r} is {_size(size)}, over the {budget / 1e6:.1f} MB budget"
                )
            if path.suffix == ".html":
                remote = _remote_refs(path.read_text(encoding="utf-8"))
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
        _swap_into_place(staging, out_path)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    total = time.perf_counter() - start
    say(f"Site written to {out_path} in {total:.1f} s; open {out_path / 'index.html'}")
    return out_path
