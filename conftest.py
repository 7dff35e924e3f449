"""Shared test set-up for tests/ and the doctests in src/: the network guard.

Every test and every doctest runs under a network guard: a socket connection to anything but
loopback raises, in this process and (through ``tests/netguard/sitecustomize.py`` on
``PYTHONPATH``) in every Python process the tests start, Jupyter kernels included.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

NETGUARD_DIR = Path(__file__).resolve().parent / "tests" / "netguard"
sys.path.insert(0, str(NETGUARD_DIR))

import _coophelpers_netguard  # noqa: E402

os.environ["COOPHELPERS_NETGUARD"] = "1"
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(NETGUARD_DIR), os.environ.get("PYTHONPATH", "")) if p
)
_coophelpers_netguard.install()

#: Not collected for doctests: running it would start the command line.
collect_ignore = ["src/coophelpers/__main__.py"]


@pytest.fixture(autouse=True)
def _no_network_attempts():
    """Fail the test if it tried to reach the network, even where the error was swallowed."""
    before = len(_coophelpers_netguard.attempts)
    yield
    new = _coophelpers_netguard.attempts[before:]
    if new:
        pytest.fail(f"test tried to reach the network: {new}")


@pytest.fixture(autouse=True)
def _doctest_in_a_scratch_folder(request, tmp_path, monkeypatch):
    """Doctests run in an empty folder, so an example that saves a file leaves nothing behind."""
    if type(request.node).__name__ == "DoctestItem":
        monkeypatch.chdir(tmp_path)
