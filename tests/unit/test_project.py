"""Project-level checks: packaging metadata agrees with environment.yml; import stays light."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("geopandas", "pandas", "folium", "networkx", "searoute", "pyproj", "shapely", "jupyter_client", "nbclient", "pyarrow")


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]}
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    deps = text.split("\ndependencies:", 1)[1]
    env_names = set()
    for line in deps.splitlines():
        item = line.split("#", 1)[0].strip()
        if item.startswith("- ") and not item.endswith(":"):
            env_names.add(_name(item[2:]))
    env_names -= {"python", "pip"}
    assert env_names == wanted, (
        f"only in environment.yml: {sorted(env_names - wanted)}; only in pyproject.toml: {sorted(wanted - env_names)}"
    )


def test_import_loads_no_heavy_library():
    code = (
        "import sys, coophelpers; "
        f"heavy = [m for m in {HEAVY!r} if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"import coophelpers loaded {out.stdout.strip()}"


def test_public_names_resolve_and_errors_are_exported():
    import coophelpers

    assert issubclass(coophelpers.UnknownRegionError, KeyError)
    assert issubclass(coophelpers.UnknownRegionError, ValueError)
    assert callable(coophelpers.load_regions)
    assert "load_regions" in dir(coophelpers)
    try:
        coophelpers.no_such_function  # noqa: B018
    except AttributeError as err:
        assert "no_such_function" in str(err)
    else:  # pragma: no cover
        raise AssertionError("unknown attribute did not raise")
