# The two commands of the quick start: `make run` and `make test`.
# Everything else is here for convenience; see README.md.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT  # `make run PORT=9000` too: the emailed links follow (PUBLIC_BASE_URL)
STAMP := $(VENV)/.installed

.PHONY: run test fuzz venv install-prod lock migrate lint format bench-optimizer bench-scheduling demo worker beat clean

# Two lock files: requirements.lock is what the server runs on (production installs only that);
# requirements-dev.lock adds the test and lint tools at the same pins (development and CI).
# The development environment is (re)built when a lock file or pyproject.toml changes.
$(STAMP): requirements-dev.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

venv: $(STAMP)

# Production: the runtime lock only, no test or lint tools (README "Production").
install-prod:
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .

# After changing dependencies in pyproject.toml (needs uv: pip install uv). The dev lock is
# constrained by the runtime lock, so both pin every runtime package alike.
lock:
	uv pip compile pyproject.toml -o requirements.lock --python-version 3.11 --generate-hashes
	uv pip compile pyproject.toml --extra dev -c requirements.lock -o requirements-dev.lock \
		--python-version 3.11 --generate-hashes

migrate: $(STAMP)
	$(BIN)/python manage.py migrate --noinput

run: migrate
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# COVERAGE=1: the suite under coverage (pytest-cov), failing below the floor in pyproject.toml
# ([tool.coverage.report] fail_under). CI sets it for the SQLite run only.
test: $(STAMP)
	$(BIN)/python -m pytest $(if $(COVERAGE),--cov --cov-report=term:skip-covered) $(PYTEST_ARGS)

# Schemathesis on every operation of /api/schema/ plus the hand-made corpus (tests/fuzz/), sized
# for CI: FUZZ_EXAMPLES examples per operation, deterministic; FUZZ_SEED=random for a new hunt.
FUZZ_EXAMPLES ?= 10
FUZZ_SEED ?=
fuzz: $(STAMP)
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_SEED=$(FUZZ_SEED) $(BIN)/python -m pytest tests/fuzz -m fuzz $(PYTEST_ARGS)

# ruff, then the layers (import-linter, contracts in pyproject.toml: which package may import which).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench-optimizer: $(STAMP)
	$(BIN)/python scripts/bench_optimizer.py $(BENCH_ARGS)

# Seed 001's details and confirm for 200 and 400 invitees x 5 windows, beside a raw-SQL floor.
bench-scheduling: $(STAMP)
	$(BIN)/python scripts/bench_schedules.py $(BENCH_ARGS)

# Demo data: a scheduling round with 30 answered invitations (user 'demo').
demo: migrate
	$(BIN)/python manage.py load_scheduling_demo

worker: $(STAMP)
	$(BIN)/celery -A config worker -l info

beat: $(STAMP)
	$(BIN)/celery -A config beat -l info

clean:
	rm -rf $(VENV) var/db.sqlite3 var/db.sqlite3-wal var/db.sqlite3-shm

# GET /api/tickets/ (MentorQ, mentor view) at 5,000 and 50,000 tickets in a throwaway database,
# beside a raw-SQL + json.dumps floor. Set DATABASE_URL to measure on PostgreSQL.
.PHONY: bench-helpqueue
bench-helpqueue: $(STAMP)
	$(BIN)/python scripts/bench_tickets.py $(BENCH_ARGS)

# GET /mentor/ (seed 000) at 1,000 and 5,000 mentors under gunicorn, beside a raw-SQL floor.
.PHONY: bench-mentoring
bench-mentoring: $(STAMP)
	$(BIN)/python scripts/bench_mentor_list.py $(BENCH_ARGS)

# The help queue's and mentor booking's web pages (/queue/mentor/, /queue/, /queue/stats/,
# /mentoring/mentors/, /mentoring/) at two sizes, beside a raw-SQL + json.dumps floor, in a
# throwaway database (SQLite, or DATABASE_URL to a scratch PostgreSQL database).
.PHONY: bench-pages
bench-pages: $(STAMP)
	$(BIN)/python scripts/bench_pages.py $(BENCH_ARGS)
