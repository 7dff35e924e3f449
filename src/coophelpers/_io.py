"""Writing files and folders so that a failure never leaves half a result (private).

:func:`atomic_write` writes a file through a temporary file in the same folder and
``os.replace``; :func:`check_writable` turns problems with an output path into an
:class:`~coophelpers.InvalidInputError` naming the parameter before anything is written;
:func:`swap_into_place` replaces a whole folder (the built site) in one step;
:func:`folder_transaction` builds a new version of a folder and swaps it in, one build at a
time (an exclusive lock, a staging folder of its own, left-overs of killed builds removed);
:func:`run_interruptible` and :func:`sigterm_as_interrupt` turn Ctrl-C and SIGTERM into a clean
``KeyboardInterrupt``.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import ctypes.util
import os
import re
import shutil
import sys
import signal
import tempfile
import threading
from collections.abc import Callable, Coroutine, Iterator, Sequence
from pathlib import Path
from typing import Any

from coophelpers._errors import InvalidInputError

__all__ = [
    "atomic_write",
    "check_folder",
    "check_writable",
    "folder_transaction",
    "lock_file",
    "lock_holder",
    "make_staging",
    "path_too_long",
    "remove_stale_staging",
    "run_interruptible",
    "sigterm_as_interrupt",
    "swap_into_place",
    "unlock_file",
    "user_path",
]


def atomic_write(path: Path, data: bytes | str, *, fsync: bool = True) -> None:
    """Write ``data`` to ``path`` atomically: the old file or the new one, never a partial one.

    Text is written as UTF-8. The new file gets the usual permissions (0666 less the umask).
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if fsync:
                os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def user_path(value: str | os.PathLike[str]) -> Path:
    """``value`` as a :class:`~pathlib.Path`, a leading ``~`` or ``~user`` expanded as a shell does.

    Python leaves ``~`` alone, so ``'~/maps/m.html'`` would otherwise be a folder named ``~``
    in the working folder.

    Examples
    --------
    >>> user_path("~/maps/m.html") == Path.home() / "maps" / "m.html"
    True
    """
    return Path(os.path.expanduser(os.fspath(value)))


def _limit(path: Path, name: str, default: int) -> int:
    """``os.pathconf`` of the nearest existing folder of ``path`` (``default`` where unknown)."""
    folder = next((p for p in [path, *path.parents] if _exists(p)), None)
    try:
        return int(os.pathconf(folder if folder is not None else ".", name))
    except (OSError, ValueError, AttributeError):  # pragma: no cover - e.g. Windows has no pathconf
        return default


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # ENAMETOOLONG, ELOOP, EACCES on the way: not usable either way
        return False


def path_too_long(path: Path) -> str | None:
    """Why the operating system will refuse ``path`` as too long (ENAMETOOLONG), or None.

    One name (a folder or the file) may have at most ``NAME_MAX`` bytes (255 on most file
    systems), the whole path at most ``PATH_MAX`` (4096 on Linux).
    """
    name_max = _limit(path.absolute(), "PC_NAME_MAX", 255)
    for part in path.parts:
        size = len(os.fsencode(part))
        if size > name_max:
            shown = part if len(part) <= 40 else f"{part[:20]}...{part[-12:]}"
            return f"the name {shown!r} is {size} bytes long, over the {name_max}-byte limit of the file system"
    path_max = _limit(path.absolute(), "PC_PATH_MAX", 4096)
    size = len(os.fsencode(str(path.absolute())))
    if size >= path_max:
        return f"the whole path is {size} bytes long, over the {path_max}-byte limit of the file system"
    return None


def check_folder(folder: Path, *, given: str, fix: str) -> Path:
    """Make sure ``folder`` is a folder that exists (it is made if missing) and can be written.

    Every problem (too long a name, a file in the way, no permission, a read-only file system)
    becomes an :class:`InvalidInputError` that starts with ``given`` (how the user named the
    folder, e.g. ``"COOPHELPERS_MAPS_DIR='/data/maps'"``) and ends with ``fix``.
    """
    problem = path_too_long(folder)
    if problem is None:
        blocker = next((p for p in [folder, *folder.parents] if _exists(p) and not p.is_dir()), None)
        if blocker is not None:
            problem = f"{str(blocker)!r} is a file, not a folder"
    if problem is None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            problem = f"the folder cannot be created ({err.strerror or err})"
    if problem is None and not os.access(folder, os.W_OK | os.X_OK):
        problem = "the folder is not writable"
    if problem is not None:
        msg = f"{given} cannot be used: {problem}. Fix: {fix}"
        raise InvalidInputError(msg)
    return folder


def check_writable(target: Path, *, param: str, example: str = "map_output('name')") -> None:
    """Make sure the file ``target`` can be written: its folder exists or can be made, and is ours.

    Problems with the path itself become an :class:`InvalidInputError` naming ``param``; the file
    is not touched. (Disk-full and similar errors while writing stay ``OSError``.)
    """
    too_long = path_too_long(target)
    if too_long is not None:
        msg = (
            f"{param}={str(target)!r} cannot be written: {too_long}. Fix: choose a shorter file "
            f"name (and folder names), e.g. {example}."
        )
        raise InvalidInputError(msg)
    if target.is_dir():
        msg = f"{param}={str(target)!r} is a folder. Fix: give a file name inside it, e.g. {str(target / 'map.html')!r}."
        raise InvalidInputError(msg)
    blocker = next((p for p in [target.parent, *target.parent.parents] if _exists(p) and not p.is_dir()), None)
    if blocker is not None:
        msg = (
            f"{param}={str(target)!r} cannot be written: {str(blocker)!r} is a file, not a folder. "
            "Fix: choose a path in a folder."
        )
        raise InvalidInputError(msg)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        msg = (
            f"{param}={str(target)!r} cannot be written: its folder cannot be created "
            f"({err.strerror or err}). Fix: choose a folder you can write to."
        )
        raise InvalidInputError(msg) from err
    if not os.access(target.parent, os.W_OK | os.X_OK):
        msg = (
            f"{param}={str(target)!r} cannot be written: the folder {str(target.parent)!r} is not "
            f"writable. Fix: choose a folder you can write to, e.g. {example}."
        )
        raise InvalidInputError(msg)


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


def swap_into_place(staging: Path, out: Path) -> None:
    """Make the folder ``staging`` the folder ``out``; the old ``out`` is removed only after the swap."""
    if not out.exists():
        os.replace(staging, out)
        return
    if _renameat2_exchange(staging, out):
        shutil.rmtree(staging)  # now holds the previous folder
        return
    old = out.with_name(f".{out.name}.previous")
    if old.exists():
        shutil.rmtree(old)
    os.replace(out, old)
    try:
        os.replace(staging, out)
    except BaseException:
        os.replace(old, out)  # put the previous folder back before reporting the failure
        raise
    shutil.rmtree(old)


def lock_file(path: Path, *, wait: bool = False) -> int | None:
    """Take an exclusive ``flock`` on the file ``path`` (created if missing) and record our pid in it.

    Returns the open file descriptor that holds the lock (give it to :func:`unlock_file`), or None
    when another process holds the lock and ``wait`` is False; with ``wait`` it blocks until
    the lock is free. The descriptor is not inherited by child processes (kernels), and the
    lock goes with the process: a killed holder never leaves a stale lock behind.
    """
    import fcntl

    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    except BlockingIOError:
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    return fd


def unlock_file(fd: int) -> None:
    """Release a lock taken with :func:`lock_file` (its pid record is cleared first)."""
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
    os.close(fd)


def lock_holder(path: Path) -> str:
    """The pid recorded in the lock file ``path``, or ``"unknown"``."""
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        text = ""
    return text or "unknown"


def _staging_pattern(target: Path) -> re.Pattern[str]:
    """Names of the staging folders of ``target``: ``.<name>.building-<pid>-<random>`` (and the old ``.<name>.building``)."""
    return re.compile(rf"\.{re.escape(target.name)}\.building(?:-\d+-[a-z0-9_]+)?")


def make_staging(target: Path) -> Path:
    """A new, empty folder next to ``target`` named ``.<name>.building-<pid>-<random>``.

    The name is unique, so two builds never share it; its permissions are those of a folder
    made with ``mkdir`` (0777 less the umask), as the folder becomes ``target``.
    """
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-{os.getpid()}-", dir=target.parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(staging, 0o777 & ~umask)
    return staging


def remove_stale_staging(target: Path) -> list[Path]:
    """Remove the staging folders of ``target`` that builds killed before they finished left behind.

    Call it only while holding the lock of ``target`` (:func:`lock_file`): then no other build
    of ``target`` is running, so every staging folder of it is stale. Returns what was removed.
    """
    pattern = _staging_pattern(target)
    removed = []
    for entry in sorted(target.parent.iterdir()) if target.parent.is_dir() else []:
        if not pattern.fullmatch(entry.name):
            continue
        if entry.is_symlink() or not entry.is_dir():
            entry.unlink()
        else:
            shutil.rmtree(entry)
        removed.append(entry)
    return removed


@contextlib.contextmanager
def folder_transaction(target: Path, *, on_busy: Callable[[str], None], aliases: Sequence[Path] = ()) -> Iterator[Path]:
    """Build a new version of the folder ``target`` in a staging folder, then swap it in; one build at a time.

    A ``target`` that is a symbolic link stays one: the folder it points to is replaced.
    Holds the lock ``.<name>.lock`` next to that folder throughout; when another process holds
    it, ``on_busy(its pid)`` is called first, which raises to give up or returns to wait.
    Then removes the staging folders killed builds left (next to the folder, to ``target``
    and to each of ``aliases``) and yields a new empty one (:func:`make_staging`). If the
    block ends normally, the staging folder replaces the folder (:func:`swap_into_place`);
    whatever happens, it is gone afterwards.
    """
    target, aliases = Path(os.path.realpath(target)), [target, *aliases]
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = target.with_name(f".{target.name}.lock")
    fd = lock_file(lock)
    if fd is None:
        on_busy(lock_holder(lock))
        fd = lock_file(lock, wait=True)
    try:
        for folder in {target, *aliases}:
            remove_stale_staging(folder)
        staging = make_staging(target)
        try:
            yield staging
            swap_into_place(staging, target)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
    finally:
        unlock_file(fd)


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises ``KeyboardInterrupt`` as Ctrl-C does (main thread only)."""
    if not _in_main_thread():
        yield
        return

    def interrupt(_signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


def _refuse_signal_handler(*_args: Any) -> None:
    raise RuntimeError("SIGINT and SIGTERM are handled by coophelpers (run_interruptible)")


def run_interruptible(coro: Coroutine[Any, Any, Any], on_interrupt: Callable[[], None]) -> Any:
    """Run ``coro`` on a new event loop and return its result; Ctrl-C and SIGTERM stop it cleanly.

    On the first SIGINT or SIGTERM, ``on_interrupt()`` is called and the coroutine is cancelled,
    so that its own clean-up (``finally`` blocks: shutting a kernel down) runs; then
    ``KeyboardInterrupt`` is raised. Handlers the coroutine would add to the loop itself are
    refused (nbclient's would shut the kernel down and then fail with an AssertionError).
    Outside the main thread signals are left alone. When this thread already runs an event loop
    (inside Jupyter, or under Playwright's synchronous API), the coroutine runs on a loop of its
    own in a helper thread; Ctrl-C while waiting for it is handled the same way.
    """
    loop = asyncio.new_event_loop()
    loop.add_signal_handler = _refuse_signal_handler  # type: ignore[method-assign]
    task = loop.create_task(coro)
    outcome: dict[str, Any] = {}
    signalled: list[int] = []

    def work() -> None:
        try:
            outcome["result"] = loop.run_until_complete(task)
        except BaseException as err:  # noqa: BLE001 - re-raised by the caller below
            outcome["error"] = err
        finally:
            pending = asyncio.all_tasks(loop)
            for left in pending:
                left.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.close()

    def interrupt(signum: int = signal.SIGINT, _frame: Any = None) -> None:
        if not signalled:
            on_interrupt()
            loop.call_soon_threadsafe(task.cancel)
        signalled.append(signum)

    sigs = (signal.SIGINT, signal.SIGTERM) if _in_main_thread() else ()
    saved = {sig: signal.signal(sig, interrupt) for sig in sigs}
    try:
        if asyncio._get_running_loop() is None:
            work()
        else:  # this thread's loop is busy (Jupyter, Playwright): run the coroutine beside it
            worker = threading.Thread(target=work, name="coophelpers-notebook", daemon=True)
            worker.start()
            while worker.is_alive():
                try:
                    worker.join(0.2)  # short waits, so signals are handled promptly
                except KeyboardInterrupt:  # a handler other than ours raised it
                    interrupt()
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, signal.SIG_DFL if handler is None else handler)
    if signalled:
        raise KeyboardInterrupt from outcome.get("error")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")
