# netpath-mock: every target is a one-liner over the tools in .venv (created on first use).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# make run takes HOST=, PORT=, SEED= (or MOCK_HOST, MOCK_PORT, MOCK_SEED from the environment;
# defaults 127.0.0.1, 8000, 1234) and serves the project's own fixtures/ (or MOCK_FIXTURES_DIR).
HOST ?=
PORT ?=
SEED ?=
FIXTURES_DIR ?= $(or $(MOCK_FIXTURES_DIR),fixtures)
SOAK_SECONDS ?= 60
# make bench BASELINE=<git ref> [BENCH_SECONDS=<per round>] [ROUNDS=<n>] [BENCH_ARGS=...]
BASELINE ?=
BENCH_SECONDS ?=
ROUNDS ?=
BENCH_ARGS ?=

.PHONY: install install-dev run test lint fmt typecheck check bench bench-prism bench-workers bench-shared soak docker-build docker-up clean

$(VENV)/.runtime: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.dev: pyproject.toml $(VENV)/.runtime
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.runtime

install-dev: $(VENV)/.dev

run: install
	$(VENV)/bin/netpath-mock serve --fixtures-dir $(FIXTURES_DIR) $(if $(HOST),--host $(HOST)) $(if $(PORT),--port $(PORT)) $(if $(SEED),--seed $(SEED))

test: install-dev
	$(PY) -m pytest

lint: install-dev
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

fmt: install-dev
	$(PY) -m ruff format . && $(PY) -m ruff check --fix .

typecheck: install-dev
	$(PY) -m mypy

check: lint typecheck test

bench: install-dev
	$(PY) -m bench.run $(if $(BASELINE),--baseline $(BASELINE)) \
		$(if $(BENCH_SECONDS),--round-seconds $(BENCH_SECONDS)) $(if $(ROUNDS),--rounds $(ROUNDS)) \
		$(BENCH_ARGS)

bench-prism: install-dev
	$(PY) -m bench.prism

bench-workers: install-dev
	$(PY) -m bench.workers

# --workers 2 sharing a redis-server (apt-get install redis-server) vs one in-process worker
bench-shared: install-dev
	$(PY) -m bench.shared

soak: install-dev
	$(PY) -m bench.soak --seconds $(SOAK_SECONDS)

docker-build:
	docker build -f docker/Dockerfile -t netpath-mock .

docker-up:
	docker compose -f docker/compose.yaml up --build

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis build dist *.egg-info
