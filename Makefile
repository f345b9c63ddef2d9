# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint schema docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the packaging changes; the test plugin proves the entry-point path.
$(STAMP): $(BIN)/python pyproject.toml tests/plugin_package/pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test,postgres]" -e tests/plugin_package
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/datacites demo

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

schema: $(STAMP)
	$(BIN)/datacites schema -o datacites_proto/schema/blueprint.schema.json

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build dist
