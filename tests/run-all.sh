#!/usr/bin/env bash
# The whole suite, as `make test` runs it. pytest's exit 5 ("no tests ran") is a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
export PYTHONDONTWRITEBYTECODE=1
.venv/bin/python -m pytest tests "$@"
rc=$?
if [ $rc -eq 5 ]; then echo "pytest collected no tests: failing" >&2; exit 1; fi
exit $rc
