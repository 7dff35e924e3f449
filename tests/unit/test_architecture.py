"""The layout of the package, checked from its source: data flows one way, each file stays one idea.

Floors, from the ground up (a module may import from its own floor or below, never above):

ground     _errors, _version, settings, _names, _validate, _io, geodesy
data       data (the manifest and readers: the only place that knows sources and licences), _schema,
           _schema_tables
domain     _region_names, places (the gazetteer), regions, _mechanism_data, mechanisms, crossings, border,
           _network_data, _network_time, _network_graph, network, sea
           (no folium)
analysis   distances, partners, citation (sources and citations of tables), exports (files for colleagues),
           joins (your own tables: names resolved in bulk, joins that report what they cannot match)
maps       maps and its modules (folium lives here)
site       site
cli        cli, __main__

``coophelpers/__init__.py`` is the package's face: it re-exports lazily from every floor.
Imports inside ``if TYPE_CHECKING:`` are for type checkers only and are not counted.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "coophelpers"

FLOORS = {
    "ground": ("_errors", "_version", "settings", "_names", "_validate", "_io", "geodesy", "_fx"),
    "data": ("data", "_schema", "_schema_tables"),
    "domain": ("_region_names", "places", "regions", "_mechanism_data", "mechanisms", "crossings", "border", "_network_data", "_network_time",
               "_network_graph", "network", "sea", "ties"),
    "analysis": ("distances", "partners", "citation", "exports", "joins", "ties_analysis"),
    "maps": ("maps",),
    "site": ("site",),
    "cli": ("cli", "__main__"),
}
ORDER = list(FLOORS)
#: Libraries that draw; the floors below maps compute data and never import them.
DRAWING = ("folium", "branca", "matplotlib", "jinja2")
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80
#: A function longer than MAX_FUNCTION_LINES says why in a comment that starts like this.
LONG_MARK = "# long because"


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def _floor(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) == 1:
        return None  # the package face
    for floor, names in FLOORS.items():
        if parts[1] in names:
            return floor
    raise AssertionError(f"{module} is on no floor: add it to FLOORS in {__file__}")


def _runtime_imports(tree: ast.Module) -> list[ast.stmt]:
    """Every import statement that runs, at any depth, outside ``if TYPE_CHECKING:`` blocks."""
    found: list[ast.stmt] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _edges(module: str) -> list[tuple[str, list[str], int]]:
    """(imported coophelpers module, names taken from it, line) for each runtime import."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out = []
    for node in _runtime_imports(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "coophelpers":
                    out.append((alias.name, [], node.lineno))
            continue
        base = node.module or ""
        if node.level:
            base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
        if base.split(".")[0] != "coophelpers":
            continue
        names = [a.name for a in node.names]
        sub = [n for n in names if f"{base}.{n}" in MODULES]
        if sub:
            out += [(f"{base}.{n}", [], node.lineno) for n in sub]
        rest = [n for n in names if n not in sub]
        if rest:
            out.append((base, rest, node.lineno))
    return out


GRAPH = {module: _edges(module) for module in MODULES}


def test_every_module_is_on_a_floor():
    for module in MODULES:
        _floor(module)


@pytest.mark.parametrize("module", [m for m in MODULES if _floor(m) is not None])
def test_no_upward_import(module):
    here = ORDER.index(_floor(module))
    for target, _names, line in GRAPH[module]:
        floor = _floor(target)
        assert floor is not None, f"{module}:{line} imports the package face {target!r}; import the module itself"
        assert ORDER.index(floor) <= here, (
            f"{module} ({ORDER[here]}) imports {target} ({floor}) at line {line}: data flows "
            f"{' → '.join(ORDER)}; move the shared piece down a floor instead"
        )


def test_no_import_circle():
    graph = {m: sorted({t for t, _, _ in GRAPH[m] if t in MODULES and t != m}) for m in MODULES}
    graph["coophelpers"] = []  # the face re-exports lazily; nothing below imports it
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt):] + [nxt]
                raise AssertionError("import circle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for module in graph:
        if module not in state:
            visit(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_private_name_taken_from_another_module(module):
    for target, names, line in GRAPH[module]:
        if target.rpartition(".")[2].startswith("_"):
            continue  # private shared modules exist to be used across the package
        private = [n for n in names if n.startswith("_")]
        assert not private, f"{module}:{line} takes private {private} from {target}"
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    aliases = {
        alias.asname or alias.name: f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("coophelpers")
        for alias in node.names
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and aliases.get(node.value.id, "") in MODULES
            and not aliases[node.value.id].rpartition(".")[2].startswith("_")
            and node.attr.startswith("_")
        ):
            raise AssertionError(f"{module}:{node.lineno} uses {node.value.id}.{node.attr}")


@pytest.mark.parametrize("module", [m for m in MODULES if _floor(m) in ("ground", "data", "domain", "analysis")])
def test_data_floors_do_not_draw(module):
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    for node in _runtime_imports(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
        drawing = [n for n in names if n.split(".")[0] in DRAWING]
        assert not drawing, f"{module}:{node.lineno} imports {drawing}: drawing belongs in coophelpers.maps"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_small(module):
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_MODULE_LINES, f"{module} has {lines} lines; split it along one of its ideas"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_long_functions_say_why(module):
    text = MODULES[module].read_text(encoding="utf-8")
    lines = text.splitlines()
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
            body = body[1:]  # the docstring does not count
        if not body:
            continue
        start, end = body[0].lineno, node.end_lineno
        code = [ln for ln in lines[start - 1:end] if ln.strip() and not ln.strip().startswith("#")]
        if len(code) > MAX_FUNCTION_LINES:
            said = any(LONG_MARK in ln.lower() for ln in lines[node.lineno - 1:end])
            assert said, (
                f"{module}.{node.name} has {len(code)} lines of code (over {MAX_FUNCTION_LINES}) and no "
                f"'{LONG_MARK} ...' comment: split it, or say why it is one piece"
            )


def test_package_face_shows_only_the_public_api():
    import coophelpers

    shown = dir(coophelpers)
    assert shown == sorted(coophelpers.__all__)
    for name in ("Any", "TYPE_CHECKING", "annotations", "importlib", "logging"):
        assert name not in shown
    assert coophelpers.__doc__.lstrip().startswith("coophelpers:")
    assert "Regions" in coophelpers.__doc__.split("\n\n")[2]  # a short map of the API comes first
