# Two targets are the quick start: `make demo` and `make check`.
# Both create .venv with the Python found on PATH (>= 3.10) and install what they need:
# `demo` only the package (attrs and python-dateutil), `check` the whole toolchain.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
CORE   := $(VENV)/.installed-core
STAMP  := $(VENV)/.installed-dev
# The test suite runs against the built wheel, installed in a venv of its own (as attrs does):
# what users install is what is tested, not the source tree.
WHEEL_VENV := build/venv-wheel

.PHONY: demo check lint types test test-wheel dist docs compat clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(CORE): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(CORE)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(CORE) $(STAMP)

demo: $(CORE)
	$(BIN)/python examples/01_quick_start.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(STAMP)
	$(BIN)/mypy

# For development: the tests against the editable install in .venv.
test: $(STAMP)
	HYPOTHESIS_PROFILE=ci $(BIN)/python -m pytest --cov --cov-report=term

# Build the sdist and the wheel, check their metadata and contents.
dist: $(STAMP)
	rm -rf dist
	$(BIN)/python -m build --no-isolation --outdir dist . >/dev/null
	$(BIN)/twine check --strict dist/*
	$(BIN)/python tools/check_dist.py dist

# The whole suite against the wheel in dist/, installed with its `dev` extra in a fresh venv.
test-wheel: dist
	rm -rf $(WHEEL_VENV)
	$(PYTHON) -m venv $(WHEEL_VENV)
	$(WHEEL_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(WHEEL_VENV)/bin/python -m pip install --quiet "$$(ls dist/*.whl)[dev]"
	DIPLO_EVENTS_EXPECT_INSTALLED=1 HYPOTHESIS_PROFILE=ci \
		$(WHEEL_VENV)/bin/python -m pytest -p no:cacheprovider --cov --cov-report=term

docs: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir build/site

check: lint types test-wheel docs

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
