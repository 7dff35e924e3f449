"""A network guard: any socket connection to a host other than loopback raises.

Installed in the test process by the repository's ``conftest.py`` and, through ``sitecustomize.py`` on
``PYTHONPATH``, in every Python process the tests start (Jupyter kernels, the CLI). Unix sockets and
connections to 127.0.0.0/8, ::1 and ``localhost`` pass; everything else raises
:class:`NetworkBlockedError`, which a test sees as a failure.
"""

from __future__ import annotations

import ipaddress
import socket

_ORIGINAL_CONNECT = socket.socket.connect
_ORIGINAL_CONNECT_EX = socket.socket.connect_ex
_ORIGINAL_GETADDRINFO = socket.getaddrinfo
attempts: list[str] = []


class NetworkBlockedError(OSError):
    """Raised when code under test tries to reach a non-loopback address."""


def _is_loopback(host: object) -> bool:
    if not isinstance(host, str):
        return False
    if host in ("localhost", "localhost.localdomain", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _check(sock: socket.socket, address: object) -> None:
    if sock.family == getattr(socket, "AF_UNIX", None):
        return
    host = address[0] if isinstance(address, tuple) and address else address
    if not _is_loopback(host):
        attempts.append(repr(address))
        msg = f"network access blocked by the test guard: connection to {address!r} (only loopback is allowed)"
        raise NetworkBlockedError(msg)


def _connect(self: socket.socket, address: object) -> None:
    _check(self, address)
    return _ORIGINAL_CONNECT(self, address)


def _connect_ex(self: socket.socket, address: object) -> int:
    _check(self, address)
    return _ORIGINAL_CONNECT_EX(self, address)


def _getaddrinfo(host, *args, **kwargs):  # type: ignore[no-untyped-def]
    if host is not None and not _is_loopback(host if isinstance(host, str) else host.decode()):
        attempts.append(f"getaddrinfo({host!r})")
        msg = f"network access blocked by the test guard: name lookup of {host!r} (only loopback is allowed)"
        raise NetworkBlockedError(msg)
    return _ORIGINAL_GETADDRINFO(host, *args, **kwargs)


def install() -> None:
    socket.socket.connect = _connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = _getaddrinfo


def uninstall() -> None:
    socket.socket.connect = _ORIGINAL_CONNECT  # type: ignore[method-assign]
    socket.socket.connect_ex = _ORIGINAL_CONNECT_EX  # type: ignore[method-assign]
    socket.getaddrinfo = _ORIGINAL_GETADDRINFO
