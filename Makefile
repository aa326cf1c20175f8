# leitfaden: two commands for everything.
#   make guide   set up and build the guide (HTML, PDF, search index) into _build/
#   make test    set up and run all checks and tests
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt

# Debian packages: WeasyPrint needs Pango; the browser tests need Chromium.
GUIDE_DEBS := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-open-sans
TEST_DEBS  := chromium

.PHONY: guide guide-steps test html pdf index vorschau benchmark benchmark-browser lock clean

# The whole output of "make guide" stays in _build/make-guide.log (the build's own log is
# _build/baue.log), so that a failure can still be read when the terminal is gone.
guide:
	@mkdir -p _build
	@{ $(MAKE) --no-print-directory guide-steps 2>&1; echo $$? >_build/.make-guide.status; } \
		| tee _build/make-guide.log
	@status=$$(cat _build/.make-guide.status); rm -f _build/.make-guide.status; \
	if [ "$$status" -ne 0 ]; then \
		echo "make guide ist fehlgeschlagen. Die ganze Ausgabe steht in _build/make-guide.log." >&2; \
		exit "$$status"; \
	fi

guide-steps: $(VENV)/.stamp-guide
	$(BIN)/leitfaden baue alles
	$(BIN)/leitfaden index

test: $(VENV)/.stamp-dev
	@tools/ensure-debian-packages $(TEST_DEBS)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

html: $(VENV)/.stamp-guide
	$(BIN)/leitfaden baue html

pdf: $(VENV)/.stamp-guide
	$(BIN)/leitfaden baue pdf

vorschau: $(VENV)/.stamp-guide
	$(BIN)/leitfaden vorschau

benchmark: $(VENV)/.stamp-dev
	$(BIN)/python benchmarks/run.py

# Search quality of the HTML guide's search page in Chromium, beside Sphinx's default search.
benchmark-browser: $(VENV)/.stamp-dev
	@tools/ensure-debian-packages $(TEST_DEBS)
	$(BIN)/python benchmarks/browser_search.py

$(VENV)/.stamp-venv:
	$(PYTHON) -m venv $(VENV) || { tools/ensure-debian-packages python3-venv && $(PYTHON) -m venv --clear $(VENV); }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@touch $@

$(VENV)/.stamp-guide: $(VENV)/.stamp-venv pyproject.toml requirements/constraints.txt
	@tools/ensure-debian-packages $(GUIDE_DEBS)
	$(PIP) -e ".[guide]"
	@touch $@

$(VENV)/.stamp-dev: $(VENV)/.stamp-guide pyproject.toml requirements/constraints.txt
	$(PIP) -e ".[dev]"
	@touch $@

# Refresh the pinned versions after changing dependencies in pyproject.toml.
lock: $(VENV)/.stamp-venv
	$(BIN)/python -m pip install --quiet --upgrade -e ".[dev]"
	{ echo "# Exact versions of every Python package the project installs (make uses this as pip constraints)."; \
	  echo "# Update: make lock"; $(BIN)/python -m pip freeze --exclude-editable; } > requirements/constraints.txt

clean:
	rm -rf _build
