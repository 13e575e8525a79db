# Two commands set everything up on a fresh machine (see README):
#   make run   installs the product, builds the graph on the embedded store and serves it
#   make test  installs the product with its test tools and runs the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run build validate test clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

build: $(STAMP)
	$(BIN)/kg build

validate: build
	$(BIN)/kg validate

run: build
	$(BIN)/kg validate
	$(BIN)/kg stats
	$(BIN)/kg query duties-by-act

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .kg-store .kg-store.building .kg-store.previous
