# peacesim: `make demo` and `make test` do all set-up on a fresh machine.

# The interpreter: the one .python-version names (pyenv), else python3.12, else python3.
PYTHON_BASE ?= $(shell (pyenv which python3 2>/dev/null || command -v python3.12 || command -v python3) | head -1)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export SOLARA_TELEMETRY_MIXPANEL_ENABLE := false
export MPLBACKEND := Agg

.PHONY: venv demo test lint app bench bench-class figures lab browser clean

$(STAMP): pyproject.toml
	@$(PYTHON_BASE) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "peacesim needs Python >= 3.12; found " + sys.version.split()[0] + " at " + sys.executable)'
	@test -x $(PY) || $(PYTHON_BASE) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

venv: $(STAMP)

# The headline comparison: Karabakh 2020 as it was, against a neutral contingent both
# sides consented to, and against a contingent that stays its full term.
# One classroom run (summary, timeseries.csv, summary.json, manifest.json, overview.png),
# then the headline comparison: Karabakh as it happened against two what-ifs.
demo: venv
	$(VENV)/bin/peacesim run classroom --seed 7 --out results/demo/run
	$(VENV)/bin/peacesim compare karabakh_2020 --reps 30 --workers 2 --out results/demo/compare \
		--variant neutral_consented:contingents.russia.bias=0,contingents.russia.consent.azerbaijan=1,contingents.russia.overreach=0 \
		--variant no_early_withdrawal:events.withdrawal_2024.day=1826

# Debian's chromium drives the browser tests (Playwright cannot download a browser here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: venv browser
	$(PY) -m pytest -q

lint: venv
	$(VENV)/bin/ruff check sim tests benchmarks notebooks

# Speed against Mesa's Epstein example, across agent counts, sweeps on 2 workers
# -> results/benchmarks.json; then the page's time per step including drawing.
bench: venv
	$(PY) -m benchmarks.run
	$(PY) benchmarks/app_step.py

# A class on one server: 1, 10 and 30 sessions of the page (most of them protocol-level
# websocket clients, two real Chromium browsers) -> results/bench_class/, then the table.
bench-class: venv browser
	@mkdir -p results/bench_class
	for n in 1 10 30; do $(PY) benchmarks/classroom_load.py --sessions $$n \
		--json results/bench_class/class_$$n.json > /dev/null || exit 1; done
	$(PY) benchmarks/classroom_load.py --table results/bench_class/class_1.json \
		results/bench_class/class_10.json results/bench_class/class_30.json

# The committed classroom figures in results/figures/ (only this target writes there):
# every exercise notebook run top to bottom with FIGURE_REPS replications per variant
# (the notebooks on disk stay output-free).
FIGURE_REPS ?= 40
figures: venv
	$(PY) notebooks/run_exercises.py --reps $(FIGURE_REPS) --figures results/figures

# JupyterLab on the exercise notebooks (installs the optional 'notebook' extra first,
# with jupytext: a notebook's NN_name.py source opens as a notebook and saves as text).
# As root, add LAB_ARGS=--allow-root.
lab: venv
	$(PY) -m pip install --quiet -e ".[notebook]"
	$(VENV)/bin/jupyter lab notebooks/ $(LAB_ARGS)

app: venv
	$(VENV)/bin/peacesim app

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
