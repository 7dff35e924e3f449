"""Shared test set-up for tests/: paths. (The network guard is in the repository's conftest.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NETGUARD_DIR = Path(__file__).resolve().parent / "netguard"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT
