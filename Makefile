# Every target does its own set-up (idempotent), so a fresh clone needs nothing else.
.PHONY: setup gate test lint serve

setup:
	@bash scripts/setup.sh

gate: setup
	uv run release-gate run --profile $(or $(PROFILE),ci)

test: setup
	uv run ruff check .
	uv run pytest tests
	uv run pytest steps

lint: setup
	uv run ruff check .

serve: setup
	uv run python -m reference_system serve --test-mode --port 8000 --provider-port 8001
