# The README's two commands: `make run` and `make test`.
.PHONY: setup run test test-fast bench

setup:
	scripts/setup.sh

run: setup
	scripts/run-dev.sh

test:
	scripts/test.sh

# Everything but the browser tests, for a quick local loop.
test-fast: setup
	.venv/bin/python -m pytest -m "not browser"

bench: setup
	.venv/bin/python bench/scoring.py
	.venv/bin/python bench/report.py
	.venv/bin/python bench/dashboard.py
