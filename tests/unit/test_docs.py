"""Every public function and class of coophelpers has a complete numpydoc docstring.

The public API is ``coophelpers._LAZY`` (what ``import coophelpers as ch`` offers as ``ch.<name>``).
A function needs the sections Parameters (only when it takes parameters, and then naming each of
them), Returns, Raises and Examples; a class needs Attributes and Examples. Examples hold code that
runs: ``--doctest-modules`` executes them, so they may not be skipped.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

import pytest

import coophelpers

NAMES = sorted(coophelpers._LAZY)
FUNCTION_SECTIONS = ("Returns", "Raises", "Examples")
CLASS_SECTIONS = ("Attributes", "Examples")
#: A numpydoc section header: a title line underlined by as many dashes.
_HEADER = re.compile(r"^(?P<title>[A-Z][A-Za-z ]*[a-z])\n(?P<rule>-+)$", re.MULTILINE)


def _object(name: str) -> Any:
    return getattr(coophelpers, name)


def _sections(doc: str) -> dict[str, str]:
    """``{section title: body}`` of a cleaned numpydoc docstring."""
    headers = [m for m in _HEADER.finditer(doc) if len(m["rule"]) == len(m["title"])]
    ends = [m.start() for m in headers[1:]] + [len(doc)]
    return {m["title"]: doc[m.end():end] for m, end in zip(headers, ends)}


def _doc(name: str) -> str:
    doc = inspect.getdoc(_object(name))
    assert doc, f"coophelpers.{name} has no docstring"
    return doc


def _parameters(name: str) -> list[str]:
    return [
        p.name
        for p in inspect.signature(_object(name)).parameters.values()
        if p.name not in ("self", "cls")
    ]


def test_the_public_api_is_not_empty():
    assert len(NAMES) > 30


@pytest.mark.parametrize("name", NAMES)
def test_required_sections(name):
    obj = _object(name)
    sections = _sections(_doc(name))
    if inspect.isclass(obj):
        required = list(CLASS_SECTIONS)
    else:
        required = list(FUNCTION_SECTIONS) + (["Parameters"] if _parameters(name) else [])
        if not _parameters(name):
            assert "Parameters" not in sections, f"coophelpers.{name} takes no parameters but documents some"
    missing = [s for s in required if s not in sections]
    assert not missing, f"coophelpers.{name} ({obj.__module__}) lacks the numpydoc section(s) {missing}"
    empty = [s for s in required if not sections[s].strip()]
    assert not empty, f"coophelpers.{name}: section(s) {empty} are empty"


@pytest.mark.parametrize("name", [n for n in NAMES if not inspect.isclass(_object(n))])
def test_every_parameter_is_documented(name):
    params = _parameters(name)
    if not params:
        return
    body = _sections(_doc(name)).get("Parameters", "")
    documented = {
        part.split(":")[0].strip().lstrip("*")
        for line in body.splitlines()
        if line.strip() and not line[0].isspace()
        for part in line.split(",")
    }
    missing = [p for p in params if p not in documented]
    assert not missing, f"coophelpers.{name}: parameter(s) {missing} not described under Parameters"


@pytest.mark.parametrize("name", NAMES)
def test_examples_are_runnable_code(name):
    examples = _sections(_doc(name)).get("Examples", "")
    prompts = [line for line in examples.splitlines() if line.lstrip().startswith(">>> ")]
    assert prompts, f"coophelpers.{name}: the Examples section has no '>>>' line"
    assert "+SKIP" not in examples, f"coophelpers.{name}: examples must run (no '# doctest: +SKIP')"
