# Two targets are the quick start: `make demo` and `make check`.
# Both create .venv with the Python found on PATH (>= 3.10) and install what they need.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-dev

.PHONY: demo check lint types test docs compat clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/01_quick_start.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(STAMP)
	$(BIN)/mypy

test: $(STAMP)
	HYPOTHESIS_PROFILE=ci $(BIN)/python -m pytest --cov --cov-report=term

docs: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir build/site

check: lint types test docs

# Not part of `check`: the suite on the oldest supported stack (needs a python3.10 on PATH).
COMPAT_VENV := build/venv-compat
COMPAT_PYTHON ?= python3.10
compat:
	$(COMPAT_PYTHON) -m venv $(COMPAT_VENV)
	$(COMPAT_VENV)/bin/python -m pip install --quiet 'attrs==21.3.0' 'python-dateutil==2.8.2' \
		hypothesis pytest jsonschema orjson pyarrow pandas duckdb
	$(COMPAT_VENV)/bin/python -m pip install --quiet --no-deps -e .
	HYPOTHESIS_PROFILE=dev $(COMPAT_VENV)/bin/python -m pytest -q -p no:cacheprovider tests

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache .coverage
