"""Copy the exact released files of npm packages into the package's vendor folder.

Some map assets ship in no PyPI wheel (Leaflet.awesome-markers; Bootstrap 3's glyphicons font).
This build step takes them, unmodified, from the npm registry's tarball of a released version
and records each file's sha256, the tarball's integrity string and the licence in
``src/coophelpers/maps/vendor/MANIFEST.json``; ``tests/unit/test_vendor.py`` checks the files
against it. Run it again only to change a version:

    python scripts/vendor_npm.py

It needs ``npm`` and the registry; nothing at run time or in the tests does.
"""

from __future__ import annotations

import hashlib
import json
import pathlib
import shutil
import subprocess
import sys
import tarfile
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
VENDOR = ROOT / "src" / "coophelpers" / "maps" / "vendor"

#: package, version, licence (SPDX), files taken from the tarball's ``package/`` folder
PACKAGES = [
    (
        "leaflet.awesome-markers",
        "2.0.5",
        "MIT",
        [
            "LICENSE",
            "dist/leaflet.awesome-markers.js",
            "dist/leaflet.awesome-markers.css",
            "dist/images/markers-soft.png",
            "dist/images/markers-soft@2x.png",
            "dist/images/markers-shadow.png",
            "dist/images/markers-shadow@2x.png",
        ],
    ),
    (
        "bootstrap",
        "3.4.1",
        "MIT",
        ["LICENSE", "dist/css/bootstrap.css", "dist/fonts/glyphicons-halflings-regular.woff2"],
    ),
]


def sha256(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(name: str, version: str, licence: str, files: list[str], work: pathlib.Path) -> dict:
    out = subprocess.run(
        ["npm", "pack", f"{name}@{version}", "--json", "--pack-destination", str(work)],
        check=True, capture_output=True, text=True,
    )
    info = json.loads(out.stdout)[0]
    with tarfile.open(work / info["filename"]) as tar:
        tar.extractall(work / name, filter="data")
    target = VENDOR / f"{name}-{version}"
    if target.exists():
        shutil.rmtree(target)
    record = {}
    for rel in files:
        src = work / name / "package" / rel
        dst = target / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        record[rel] = sha256(dst)
    return {
        "name": name,
        "version": version,
        "licence": licence,
        "licence_file": "LICENSE",
        "registry": "npm",
        "integrity": info["integrity"],
        "shasum": info["shasum"],
        "folder": target.name,
        "files": record,
    }


def main() -> int:
    VENDOR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        packages = [fetch(*spec, pathlib.Path(tmp)) for spec in PACKAGES]
    manifest = {
        "about": "Exact released files of npm packages, unmodified; written by scripts/vendor_npm.py.",
        "packages": packages,
    }
    (VENDOR / "MANIFEST.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    print(f"vendored {len(packages)} packages into {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
