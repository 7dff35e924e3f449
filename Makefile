# The two set-up commands of the README:
#   make site   builds the environment and renders every notebook and map into site/
#   make test   builds the environment (with test tools, Chromium and a CJK font) and runs the tests
# For contributors: make check runs the fast tier (unit, data and doctests; about a minute).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
OUT    ?= site

.PHONY: site test check env test-env system-deps bench data clean

$(VENV)/.env-stamp: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

env: $(VENV)/.env-stamp

system-deps:
	bash scripts/install-system-deps.sh

site: env system-deps
	$(VENV)/bin/coophelpers site --out $(OUT)

test: env system-deps
	$(PY) -m pytest

check: env
	$(PY) -m pytest -q -n 2 -m "not browser and not notebook and not slow"

bench: env
	$(PY) benchmarks/run_all.py

data: env
	$(PY) data/geo/build/build_regions.py

clean:
	rm -rf $(VENV) $(OUT) build dist .pytest_cache test-artifacts
