"""Shared test set-up: the network guard, markers, and paths.

Every test runs under a network guard: a socket connection to anything but loopback raises, in this
process and (through ``tests/netguard/sitecustomize.py`` on ``PYTHONPATH``) in every Python process
the tests start, Jupyter kernels included.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NETGUARD_DIR = Path(__file__).resolve().parent / "netguard"
sys.path.insert(0, str(NETGUARD_DIR))

import _coophelpers_netguard  # noqa: E402

os.environ["COOPHELPERS_NETGUARD"] = "1"
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(NETGUARD_DIR), os.environ.get("PYTHONPATH", "")) if p
)
_coophelpers_netguard.install()


@pytest.fixture(autouse=True)
def _no_network_attempts():
    """Fail the test if it tried to reach the network, even where the error was swallowed."""
    before = len(_coophelpers_netguard.attempts)
    yield
    new = _coophelpers_netguard.attempts[before:]
    if new:
        pytest.fail(f"test tried to reach the network: {new}")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT
