"""Site builds that hold (issue 14): one build of a folder at a time, Ctrl-C, links, a full disk, reproducibility.

Most tests replace notebook execution by reading the notebook (no kernel); the ones marked
``notebook`` execute small notebooks with the real ``python3`` kernel, some through the command
line in a subprocess (to send it signals or to hold the lock from another process).
"""

from __future__ import annotations

import asyncio
import errno
import fcntl
import html
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest

from coophelpers import _io, cli, site
from coophelpers._errors import SiteBuildError

code, md = nbformat.v4.new_code_cell, nbformat.v4.new_markdown_cell


def _notebook(folder: Path, name: str, *cells) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook(cells=[md(f"# {name}"), *cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / f"{name}.ipynb")
    return folder


def _previous_site(out: Path) -> Path:
    out.mkdir(parents=True)
    (out / site.SITE_MARKER).write_text("")
    (out / "index.html").write_text("the previous site")
    return out


def _unchanged(out: Path) -> bool:
    return sorted(p.name for p in out.iterdir()) == [site.SITE_MARKER, "index.html"] and (
        (out / "index.html").read_text() == "the previous site"
    )


def _staging(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".building" in p.name)


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _alive(pid: int) -> bool:
    """The process runs (a zombie waiting to be reaped does not count)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _wait_for(path: Path, proc: subprocess.Popen, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if proc.poll() is not None:
            pytest.fail(f"the build ended early ({proc.returncode}): {proc.communicate()[1]}")
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.1)


def _cli_process(out: Path, notebooks: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "coophelpers", "site", "--out", str(out), "--notebooks", str(notebooks)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _waiting_cell(flag_dir: Path, *, release: bool) -> nbformat.NotebookNode:
    """A cell that writes the kernel's pid to ``started`` and waits for ``release`` (or sleeps)."""
    wait = f"(d / 'release').exists()" if release else "False"
    return code(
        "import os, pathlib, time\n"
        f"d = pathlib.Path({str(flag_dir)!r})\n"
        "(d / 'started').write_text(str(os.getpid()))\n"
        "deadline = time.monotonic() + 120\n"
        f"while not {wait} and time.monotonic() < deadline:\n"
        "    time.sleep(0.05)\n"
    )


@pytest.fixture
def no_kernel(monkeypatch):
    """Notebooks are read, not executed: the build runs without a kernel."""
    monkeypatch.setattr(site, "_execute", lambda path, **_: nbformat.read(path, as_version=4))


@pytest.fixture
def notebooks(tmp_path) -> Path:
    return _notebook(tmp_path / "notebooks", "01-new", code("1 + 1"))


@pytest.fixture
def held_lock(tmp_path):
    """The lock of ``tmp_path/site`` held here, as another build would hold it; call it to release."""
    fd = os.open(tmp_path / ".site.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.write(fd, b"4242\n")
    released = []

    def release() -> None:
        if not released:
            released.append(True)
            os.close(fd)

    yield release
    release()


# --- one build of a folder at a time ----------------------------------------------------------


def test_a_second_build_stops_at_once_while_another_holds_the_lock(tmp_path, notebooks, no_kernel, held_lock, capsys):
    out = _previous_site(tmp_path / "site")
    status = cli.main(["site", "--out", str(out), "--notebooks", str(notebooks), "--quiet"])
    err = capsys.readouterr().err
    assert status == 1
    assert f"another build of {out} is in progress (pid 4242)" in err
    assert _unchanged(out) and _staging(tmp_path) == []


def test_wait_builds_after_the_other_build_finishes(tmp_path, notebooks, no_kernel, held_lock):
    out = _previous_site(tmp_path / "site")
    lines: list[str] = []
    outcome: list[object] = []

    def build() -> None:
        try:
            outcome.append(site.build_site(out, notebooks=notebooks, progress=lines.append, wait=True))
        except BaseException as err:  # reported by the assertions below
            outcome.append(err)

    thread = threading.Thread(target=build)
    thread.start()
    time.sleep(1.0)
    assert thread.is_alive() and _unchanged(out)
    assert any(f"Waiting for the build of {out} by pid 4242" in line for line in lines)
    held_lock()
    thread.join(120)
    assert outcome == [out]
    assert (out / "notebooks" / "01-new.html").is_file() and _staging(tmp_path) == []


@pytest.mark.notebook
@pytest.mark.slow
def test_two_real_builds_at_once_do_not_mix(tmp_path, capsys):
    out, flags = tmp_path / "site", tmp_path / "flags"
    flags.mkdir()
    first = _notebook(tmp_path / "first", "01-first", _waiting_cell(flags, release=True))
    second = _notebook(tmp_path / "second", "01-second", code("2 + 2"))
    proc = _cli_process(out, first)
    try:
        _wait_for(flags / "started", proc)
        status = cli.main(["site", "--out", str(out), "--notebooks", str(second), "--quiet"])
        err = capsys.readouterr().err
        assert status == 1, err
        assert f"another build of {out} is in progress (pid {proc.pid})" in err
        (flags / "release").write_text("")
        _, first_err = proc.communicate(timeout=180)
    finally:
        proc.kill()
    assert proc.returncode == 0, first_err
    assert sorted(p.name for p in (out / "notebooks").iterdir()) == ["01-first.html"]
    assert "01-second" not in (out / "index.html").read_text()
    assert _staging(tmp_path) == []


def test_staging_left_by_killed_builds_is_removed_at_the_next_start(tmp_path, notebooks, no_kernel):
    out = _previous_site(tmp_path / "site")
    for name in (".site.building-999999999-abcd_123", ".site.building"):  # a dead pid; the old fixed name
        (tmp_path / name / "notebooks").mkdir(parents=True)
        (tmp_path / name / "notebooks" / "half.html").write_text("half a page")
    (tmp_path / ".other.building-1-abcdefgh").mkdir()  # another folder's build: not ours to remove
    site.build_site(out, notebooks=notebooks, progress=False)
    assert _staging(tmp_path) == [".other.building-1-abcdefgh"]
    assert (out / "notebooks" / "01-new.html").is_file()


def test_staging_names_are_unique_and_removed(tmp_path, notebooks, no_kernel, monkeypatch):
    seen = []
    real = site._build_into

    def spy(staging, *args, **kwargs):
        seen.append(staging)
        return real(staging, *args, **kwargs)

    monkeypatch.setattr(site, "_build_into", spy)
    for _ in range(2):
        site.build_site(tmp_path / "site", notebooks=notebooks, progress=False)
    assert len({p.name for p in seen}) == 2
    assert all(p.name.startswith(f".site.building-{os.getpid()}-") and p.parent == tmp_path for p in seen)
    assert _staging(tmp_path) == []


# --- Ctrl-C and SIGTERM -----------------------------------------------------------------------


@pytest.mark.notebook
@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_an_interrupted_build_exits_130_and_leaves_nothing_behind(tmp_path, signum):
    out, flags = _previous_site(tmp_path / "site"), tmp_path / "flags"
    flags.mkdir()
    notebooks = _notebook(tmp_path / "notebooks", "01-slow", _waiting_cell(flags, release=False))
    proc = _cli_process(out, notebooks)
    try:
        _wait_for(flags / "started", proc)
        kernel = int((flags / "started").read_text())
        assert _alive(kernel)
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    assert "interrupted; the previous site is unchanged" in err
    assert "could not be executed" not in err and "Traceback" not in err
    assert _unchanged(out) and _staging(tmp_path) == []
    deadline = time.monotonic() + 10
    while _alive(kernel) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(kernel), "the kernel outlived the build"


_INTERRUPT_SCRIPT = """
import asyncio, signal, sys
from coophelpers import _io

steps = []

async def work():
    loop = asyncio.get_running_loop()
    try:
        loop.add_signal_handler(signal.SIGINT, steps.append)
    except RuntimeError:
        steps.append("refused")  # nbclient's own handlers are refused
    loop.call_later(0.2, signal.raise_signal, signal.SIGINT)
    try:
        await asyncio.sleep(30)
    finally:
        steps.append("cleaned up")

async def in_a_loop(coro):  # as inside Jupyter, or under Playwright's synchronous API
    return _io.run_interruptible(coro, on_interrupt=lambda: steps.append("told"))

before = signal.getsignal(signal.SIGINT)
try:
    asyncio.run(in_a_loop(work())) if sys.argv[1] == "loop" else _io.run_interruptible(
        work(), on_interrupt=lambda: steps.append("told"))
except KeyboardInterrupt:
    steps.append("KeyboardInterrupt")
print(steps, signal.getsignal(signal.SIGINT) is before)
print(_io.run_interruptible(asyncio.sleep(0, result=7), on_interrupt=lambda: None))
"""


@pytest.mark.parametrize("where", ["main", "loop"])
def test_run_interruptible_cleans_up_then_raises_keyboard_interrupt(where):
    """What a build does on Ctrl-C: the coroutine's clean-up runs (the kernel is shut down) first.

    In a fresh interpreter, so that no other test's signal handlers or event loops are around;
    ``loop``: the calling thread already runs an event loop (Jupyter, Playwright).
    """
    out = subprocess.run([sys.executable, "-c", _INTERRUPT_SCRIPT, where], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["['refused', 'told', 'cleaned up', 'KeyboardInterrupt'] True", "7"]


def test_command_line_has_wait():
    assert cli._parser().parse_args(["site", "--wait"]).wait is True
    assert cli._parser().parse_args(["site"]).wait is False


# --- an output folder that is a symbolic link -------------------------------------------------


def test_a_link_out_stays_a_link_to_the_new_site(tmp_path, notebooks, no_kernel):
    _previous_site(tmp_path / "releases" / "v1")
    link = tmp_path / "site"
    link.symlink_to(Path("releases") / "v1")
    for _ in range(2):  # the second build works too
        assert site.build_site(link, notebooks=notebooks, progress=False) == link
        assert link.is_symlink() and os.readlink(link) == str(Path("releases") / "v1")
        assert (link / "notebooks" / "01-new.html").is_file() and not (link / "old.html").exists()
        assert _staging(tmp_path) == [] and _staging(tmp_path / "releases") == []
    dangling = tmp_path / "next"
    dangling.symlink_to(tmp_path / "releases" / "v2")
    site.build_site(dangling, notebooks=notebooks, progress=False)
    assert dangling.is_symlink() and (tmp_path / "releases" / "v2" / "index.html").is_file()


# --- a full disk ------------------------------------------------------------------------------


@pytest.mark.parametrize("code_", [errno.ENOSPC, errno.EDQUOT], ids=["ENOSPC", "EDQUOT"])
def test_a_full_disk_is_named_not_blamed_on_the_notebook(tmp_path, notebooks, no_kernel, monkeypatch, capsys, code_):
    out = _previous_site(tmp_path / "site")
    write_text = Path.write_text

    def full(self, *args, **kwargs):
        if self.suffix == ".html" and self.parent.name == "notebooks":
            raise OSError(code_, os.strerror(code_), str(self))
        return write_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full)
    with pytest.raises(SiteBuildError, match="no space left on device") as caught:
        site.build_site(out, notebooks=notebooks, progress=False)
    message = str(caught.value)
    assert message.startswith("no space left on device while writing ") and "01-new.html" in message
    assert "; the previous site is unchanged" in message
    assert "Notebook" not in message
    assert _unchanged(out) and _staging(tmp_path) == []
    assert cli.main(["site", "--out", str(out), "--notebooks", str(notebooks), "--quiet"]) == 1
    assert "error: no space left on device while writing" in capsys.readouterr().err


@pytest.mark.notebook
@pytest.mark.slow
def test_a_full_disk_inside_the_kernel_is_named_not_blamed_on_the_notebook(tmp_path):
    out = _previous_site(tmp_path / "site")
    notebooks = _notebook(
        tmp_path / "notebooks", "01-maps",
        code("import errno\nraise OSError(errno.ENOSPC, 'No space left on device', '/data/maps/x.html')"),
    )
    with pytest.raises(SiteBuildError) as caught:
        site.build_site(out, notebooks=notebooks, progress=False, timeout=120)
    message = str(caught.value)
    assert message.startswith("no space left on device while writing '/data/maps/x.html'; the previous site is unchanged")
    assert "failed in cell" not in message
    assert _unchanged(out) and _staging(tmp_path) == []


# --- the same pages whatever the output folder ------------------------------------------------


def test_stable_paths_hides_every_form_of_the_staging_path(tmp_path):
    staging, nb_dir = tmp_path / "out" / ".site.building-12-abcdefgh", tmp_path / "nbs"
    rel = os.path.relpath(staging, nb_dir)
    text = f"PosixPath('{rel}/maps/a.html') {staging}/maps/b.html {staging}/.maps-meta {staging.name}"
    assert site._stable_paths(text, staging, nb_dir) == "PosixPath('maps/a.html') maps/b.html site/.maps-meta site"


@pytest.mark.notebook
@pytest.mark.slow
def test_builds_into_different_folders_give_identical_files(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    notebooks = _notebook(
        tmp_path / "notebooks", "01-map",
        code("import coophelpers as ch\nm = ch.base_map(basemap=False, title='Same map')\nch.save_map(m, ch.map_output('same'))"),
        code("print(ch.map_output('same').resolve())\nch.map_output('same')"),
    )
    first = site.build_site(tmp_path / "a" / "site", notebooks=notebooks, progress=False, timeout=300)
    second = site.build_site(tmp_path / "b" / "deeper" / "other", notebooks=notebooks, progress=False, timeout=300)
    one, two = _files(first), _files(second)
    assert "maps/same.html" in one
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    page = html.unescape((first / "notebooks" / "01-map.html").read_text(encoding="utf-8"))
    assert page.count("PosixPath('maps/same.html')") == 2
    for name, data in one.items():
        assert b".building" not in data and b"/a/site" not in data, name


def test_run_interruptible_works_where_this_thread_already_runs_a_loop():
    """Inside Jupyter or under Playwright's synchronous API the notebook runs on a loop of its own."""
    results: list[object] = []

    async def job():
        await asyncio.sleep(0.01)
        return 42

    async def failing():
        raise ValueError("boom")

    async def caller(coro):  # this thread now runs a loop, as in a notebook or a browser test
        return _io.run_interruptible(coro, on_interrupt=lambda: None)

    def in_a_fresh_thread():  # a thread of its own: the test process may run a loop already
        results.append(asyncio.run(caller(job())))
        try:
            asyncio.run(caller(failing()))
        except ValueError as err:
            results.append(str(err))

    thread = threading.Thread(target=in_a_fresh_thread)
    thread.start()
    thread.join(30)
    assert results == [42, "boom"]
