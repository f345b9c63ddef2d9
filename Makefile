# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo new test lint schema docs governance-docs screenshots bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the packaging changes; the test plugin proves the entry-point path.
$(STAMP): $(BIN)/python pyproject.toml tests/plugin_package/pyproject.toml examples/plugins/datacites-velos/pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test,postgres,browser,docs]" -e tests/plugin_package -e examples/plugins/datacites-velos
	touch $(STAMP)

# Serves the footfall example on http://127.0.0.1:8501 and opens it in the browser (Ctrl-C stops it).
demo: $(STAMP)
	@echo "La commande datacites est dans $(VENV)/bin : tapez « source $(VENV)/bin/activate »"
	@echo "(une fois par terminal), ou « $(BIN)/datacites … », ou « make new NAME=mon-service »."
	$(BIN)/datacites run examples/coeur_de_ville

# A new project from a template: make new NAME=mon-service [TEMPLATE=footfall]
# (the canvas questions are asked; datacites new --list names the templates).
TEMPLATE ?= footfall
new: $(STAMP)
	@test -n "$(NAME)" || { echo "Nommez le dossier : make new NAME=mon-service [TEMPLATE=footfall]"; exit 2; }
	$(BIN)/datacites new "$(NAME)" --template "$(TEMPLATE)"
	@echo "Ensuite : $(BIN)/datacites run $(NAME)"

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n auto --dist loadfile
	$(MAKE) --no-print-directory docs

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

schema: $(STAMP)
	$(BIN)/datacites --lang fr schema --builtin -o datacites_proto/schema/blueprint.schema.json
	$(BIN)/datacites --lang en schema --builtin -o datacites_proto/schema/blueprint.schema.en.json

# The generated reference of every key, then the site (French at /, English at /en/) into
# site/, with --strict: a broken link or anchor fails. Fonts and search work offline.
docs: $(STAMP)
	$(BIN)/datacites --lang fr reference --builtin -o docs/fr/reference.md
	$(BIN)/datacites --lang en reference --builtin -o docs/en/reference.md
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet --site-dir site

# The governance register of each example, as of a fixed date so that the committed pages
# do not change every day (tests/integration/test_governance_report.py reads this date).
GOVERNANCE_AS_OF := 2026-12-01
GOVERNANCE_EXAMPLES := coeur_de_ville passoires_thermiques recharge intercommunalite_py
governance-docs: $(STAMP)
	for example in $(GOVERNANCE_EXAMPLES); do \
	  $(BIN)/datacites --lang fr governance report examples/$$example --as-of $(GOVERNANCE_AS_OF) \
	    -o docs/fr/registre-exemples/$$example.md || exit 1; \
	done

screenshots: $(STAMP)
	DATACITES_SCREENSHOTS=$(CURDIR)/docs/screenshots $(BIN)/python -m pytest -q -m screenshots tests/e2e/test_screenshots.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_engine.py
	$(BIN)/python benchmarks/bench_app.py
	$(BIN)/python benchmarks/bench_load.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis build dist site
