#!/usr/bin/env bash
# Install everything, check lint (ruff) and types (mypy), start the bundled Neo4j server, run the whole test
# suite, stop the server.
# This is the README's test command and what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh

PYTHON=${PYTHON:-python3}
# lint and types first: they take seconds, the suite minutes
"$PYTHON" -m ruff check .
"$PYTHON" -m mypy
export KG_NEO4J_HOME=${KG_NEO4J_HOME:-$PWD/.neo4j}
export NEO4J_URI=${NEO4J_URI:-bolt://127.0.0.1:7687}
export NEO4J_PASSWORD=${NEO4J_PASSWORD:-plan-kg-test}
"$PYTHON" -m kg neo4j start --home "$KG_NEO4J_HOME" --wait 180
trap '"$PYTHON" -m kg neo4j stop --home "$KG_NEO4J_HOME" || true' EXIT

# A hang (a process that never exits) must fail the run, not stall it.
timeout --kill-after=30 "${KG_TEST_TIMEOUT:-2700}" "$PYTHON" -m pytest -q "$@"
