# peacesim: `make demo` and `make test` do all set-up on a fresh machine.

# The interpreter: the one .python-version names (pyenv), else python3.12, else python3.
PYTHON_BASE ?= $(shell (pyenv which python3 2>/dev/null || command -v python3.12 || command -v python3) | head -1)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export SOLARA_TELEMETRY_MIXPANEL_ENABLE := false
export MPLBACKEND := Agg

.PHONY: venv demo test lint app bench figures browser clean

$(STAMP): pyproject.toml
	@$(PYTHON_BASE) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "peacesim needs Python >= 3.12; found " + sys.version.split()[0] + " at " + sys.executable)'
	@test -x $(PY) || $(PYTHON_BASE) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

venv: $(STAMP)

demo: venv
	$(VENV)/bin/peacesim run classroom --seed 7 --out results/demo

# Debian's chromium drives the browser tests (Playwright cannot download a browser here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: venv browser
	$(PY) -m pytest -q

lint: venv
	$(VENV)/bin/ruff check sim tests benchmarks

# Speed against Mesa's Epstein example and across agent counts -> results/benchmarks.json
bench: venv
	$(PY) -m benchmarks.run

app: venv
	$(VENV)/bin/peacesim app

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
