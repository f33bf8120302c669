#!/usr/bin/env bash
# Runs every test of every module against a real Kafka broker and a real PostgreSQL, both started
# by the tests themselves from Maven Central artifacts (no Docker, nothing to install).
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B -ntp -e verify "$@"
