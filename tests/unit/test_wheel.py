"""A wheel built from the repository, installed into a fresh virtual environment, finds its data.

The fresh environment gets the project's already-installed dependencies through a ``.pth`` line
(no network), but not the source tree: the test runs from a temporary folder and checks that
``coophelpers`` and its data are imported from the installed wheel.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_installs_and_loads_regions_outside_the_repository(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("coophelpers-*.whl")
    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    # dependencies from the test environment, appended after the new env's own site-packages
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    code = (
        "import coophelpers, coophelpers.data as d; "
        "g = coophelpers.load_regions(include_sar=True); "
        "print(coophelpers.__file__); print(d.data_dir()); print(len(g)); "
        "print(coophelpers.resolve_region('黑龙江'))"
    )
    out = subprocess.run([str(python), "-c", code], cwd=tmp_path, check=True, capture_output=True, text=True).stdout
    module_file, data_dir, count, code_hl = out.split("\n")[:4]
    assert module_file.startswith(str(env_dir)), module_file
    assert data_dir.startswith(str(env_dir)) and data_dir.endswith("_data/geo"), data_dir
    assert count == "116"
    assert code_hl == "CN-HL"
