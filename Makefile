# Two commands set everything up on a fresh machine (see README):
#   make run   installs the product, builds and validates the graph on the embedded store,
#              and serves the web UI and SPARQL endpoint on http://127.0.0.1:8000
#   make test  installs the product, its test tools and the system tools the tests drive
#              (Chromium for browser tests, Graphviz for org charts), then runs every test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install system-deps run serve build validate test clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium and graphviz; installed when missing and we are root (as in CI).
system-deps:
	@if [ -x /usr/bin/chromium ] && command -v dot >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium graphviz >/dev/null; \
	else echo "warning: chromium/graphviz missing and not root: browser and rendering tests will be skipped"; fi

build: $(STAMP)
	$(BIN)/kg build

validate: build
	$(BIN)/kg validate

# Builds and validates the graph, then serves the web UI and /sparql on http://127.0.0.1:8000
run: build
	-$(BIN)/kg validate
	$(BIN)/kg serve

serve: $(STAMP)
	$(BIN)/kg serve

test: $(STAMP) system-deps
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .kg-store .kg-store.building .kg-store.previous
