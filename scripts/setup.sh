#!/usr/bin/env bash
# Install everything the tests need, on a fresh Debian machine: the Python
# package with its test extras; from Debian's packages when missing, Chromium
# and the Noto CJK fonts (browser and picture tests), Java 17 and Maven (the
# Neo4j server, Apache Jena); then from Maven Central the Neo4j server jars and
# Apache Jena (the conformance tests, tests/test_jena.py).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
"$PYTHON" -m pip install --quiet --disable-pip-version-check -e '.[test]'

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)  # a JDK: Jena's test driver is compiled
command -v mvn >/dev/null 2>&1 || need+=(maven)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing Debian packages: ${need[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

"$PYTHON" -m kg neo4j install
"$PYTHON" tests/jena_tools.py install
