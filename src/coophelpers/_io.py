"""Writing files and folders so that a failure never leaves half a result (private).

:func:`atomic_write` writes a file through a temporary file in the same folder and
``os.replace``; :func:`check_writable` turns problems with an output path into an
:class:`~coophelpers.InvalidInputError` naming the parameter before anything is written;
:func:`swap_into_place` replaces a whole folder (the built site) in one step.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import sys
import tempfile
from pathlib import Path

from coophelpers._errors import InvalidInputError

__all__ = ["atomic_write", "check_writable", "swap_into_place"]


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


def check_writable(target: Path, *, param: str, example: str = "map_output('name')") -> None:
    """Make sure the file ``target`` can be written: its folder exists or can be made, and is ours.

    Problems with the path itself become an :class:`InvalidInputError` naming ``param``; the file
    is not touched. (Disk-full and similar errors while writing stay ``OSError``.)
    """
    if target.is_dir():
        msg = f"{param}={str(target)!r} is a folder. Fix: give a file name inside it, e.g. {str(target / 'map.html')!r}."
        raise InvalidInputError(msg)
    blocker = next((p for p in [target.parent, *target.parent.parents] if p.exists() and not p.is_dir()), None)
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
