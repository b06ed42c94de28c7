#!/usr/bin/env bash
# Run the README's first command exactly as written, as a new user would:
# a fresh clone in a temporary directory, a fresh virtual environment, no
# server.  CI runs this besides the test suite (.ci/run).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-python3}

# The first ```sh block of README.md is the main-job command.
command=$(awk '/^```sh$/{inside=1; next} /^```$/{if (inside) exit} inside' "$repo/README.md")
[ -n "$command" ] || { echo "first-command: no \`\`\`sh block in README.md" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git clone -q "$repo" "$tmp/plan-kg"
"$PYTHON" -m venv "$tmp/venv"
echo "first-command: in a fresh venv and clone ($tmp): $command" >&2
start=$SECONDS
(
  cd "$tmp/plan-kg"
  # shellcheck disable=SC1091
  source "$tmp/venv/bin/activate"
  export PIP_DISABLE_PIP_VERSION_CHECK=1
  unset KG_WORKSPACE
  bash -euo pipefail -c "$command"
  # What the command must leave: the demo's files under one directory.
  for f in kg-demo/plan.json kg-demo/plan.ttl kg-demo/overview.html kg-demo/workspace/manifest.json; do
    [ -s "$f" ] || { echo "first-command: $f was not written" >&2; exit 1; }
  done
  [ ! -e kg-workspace ] || { echo "first-command: kg demo wrote ./kg-workspace outside kg-demo/" >&2; exit 1; }
)
echo "first-command: passed in $((SECONDS - start)) s" >&2
