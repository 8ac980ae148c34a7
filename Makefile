# Two commands a newcomer needs: `make serve` and `make test`.
# Each target sets up (or updates) the local virtual environment in .venv itself.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SITE   ?= site
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamps: reinstall only when a requirements file changes.
$(VENV)/.site-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@ $(VENV)/.site-deps

serve: $(VENV)/.site-deps
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.site-deps
	$(BIN)/mkdocs build --strict --site-dir $(SITE)

# npm tools for the checks (HTML validator, axe-core, linters), exactly as package-lock.json says.
node_modules/.installed: package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts
	touch $@

test: lint $(VENV)/.dev-deps node_modules/.installed
	$(BIN)/python -m pytest

# Every linter runs, even after one fails; each prints one line per finding (path:line...). README "Linting".
.PHONY: lint
lint: $(VENV)/.dev-deps node_modules/.installed
	@status=0; \
	$(BIN)/ruff check --quiet --output-format concise . || status=1; \
	$(BIN)/ruff format --check --quiet . || status=1; \
	node_modules/.bin/markdownlint-cli2 || status=1; \
	node tools/lint/textlint.js "docs/ja/**/*.md" "data/**/*.yml" || status=1; \
	node tools/lint/autocorrect.js docs/zh $$(find data -name '*.yml' | sort) || status=1; \
	if [ $$status -ne 0 ]; then echo "make lint: fix the lines above (README.md, Linting)" >&2; fi; \
	exit $$status

clean:
	rm -rf $(SITE) $(VENV) .pytest_cache node_modules

.PHONY: bench
bench: $(VENV)/.site-deps
	$(BIN)/python bench/build_bench.py

.PHONY: csp
csp: build
	$(BIN)/python deploy/csp.py $(SITE)

# Translations: list outdated/missing ones; STAMP=docs/zh/x.md (or STAMP_ALL=1) marks them up to date after review.
.PHONY: translations
translations: $(VENV)/.site-deps
	$(BIN)/python scripts/translations.py $(if $(STAMP),--stamp $(STAMP)) $(if $(STAMP_ALL),--stamp-all)

# Published URLs: after adding pages or headings, record them so they can never vanish unnoticed.
.PHONY: urls
urls: build
	$(BIN)/python scripts/published_urls.py $(SITE)

# Search quality: every query of tests/search/queries.yml typed into the real search box in Chromium,
# stock and CJK-tuned Material search against ours, in one run; `--readme` updates README "Search quality".
.PHONY: bench-search
bench-search: $(VENV)/.dev-deps
	$(BIN)/python bench/search_bench.py --readme
