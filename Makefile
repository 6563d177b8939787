# Two commands for a newcomer: `make serve` (set up, then preview the book) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build dist test check benchmark clean

$(BIN)/mkdocs: requirements.txt requirements-test.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

serve: $(BIN)/mkdocs  ## set up, build and serve the book at http://127.0.0.1:8000
	$(BIN)/mkdocs serve

build: $(BIN)/mkdocs  ## build the book into site/ (diagrams drawn if chromium is installed)
	$(BIN)/mkdocs build --strict

# A published edition always has its diagrams drawn at build time: no chromium is an error.
dist: $(BIN)/mkdocs  ## the offline zip in dist/ and the online site (with the zip) in site/
	BOOK_DIAGRAMS=build $(BIN)/python scripts/build_dist.py

check: $(BIN)/mkdocs  ## validate data/ without building
	$(BIN)/python -m macros.check

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --silent --no-audit --no-fund

test: $(BIN)/mkdocs node_modules/.package-lock.json  ## set up (incl. Debian's chromium), run every test
	scripts/install-system-deps
	BOOK_DIAGRAMS=build $(BIN)/python -m pytest

benchmark: $(BIN)/mkdocs node_modules/.package-lock.json  ## print build time, size and page speed numbers
	$(BIN)/python benchmarks/build_speed.py
	$(BIN)/python benchmarks/page_speed.py

clean:
	rm -rf site dist .cache $(VENV)
