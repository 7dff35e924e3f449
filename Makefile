# The two set-up commands of the README:
#   make site   builds the environment and renders every notebook and map into site/
#   make test   builds the environment (with test tools, Chromium and a CJK font) and runs the tests
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
OUT    ?= site

.PHONY: site test env test-env system-deps bench data clean

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

bench: env
	$(PY) benchmarks/run_all.py

data: env
	$(PY) data/geo/build/build_regions.py

clean:
	rm -rf $(VENV) $(OUT) build dist .pytest_cache test-artifacts
