# Two commands for a fresh machine with Python 3.11:
#   make serve   set everything up, then serve the site at http://127.0.0.1:8000
#   make test    set everything up, then run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: serve test build browser compiler

$(BIN)/.installed: requirements.txt
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and "Python 3.11 is required (found %d.%d); set PYTHON=python3.11" % sys.version_info[:2])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

# The browser tests drive Debian's Chromium (Playwright's own browser download is not used).
browser:
	@command -v chromium >/dev/null || { echo "installing Debian's chromium for the browser tests"; \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -q && \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -q chromium; }

# torch.compile's CPU backend (Inductor, day 86) builds C++ kernels: it needs a C++ compiler.
compiler:
	@command -v g++ >/dev/null || { echo "installing Debian's g++ for torch.compile (day 86)"; \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -q && \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -q g++; }

serve: $(BIN)/.installed
	$(BIN)/mkdocs serve -a 127.0.0.1:8000

build: $(BIN)/.installed
	$(BIN)/python -m verified.site build -d site

test: $(BIN)/.installed browser compiler
	$(BIN)/pytest
