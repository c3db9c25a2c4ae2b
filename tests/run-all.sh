#!/usr/bin/env bash
# The whole suite, as `make test` runs it. pytest's exit 5 ("no tests ran") is a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
export PYTHONDONTWRITEBYTECODE=1
# Two workers (pytest-xdist), tests of one module together (their module-scoped servers
# are started once); the sync tests mostly wait on subprocesses, so both cores are used.
# Tests marked `alone` measure time (a real KDF cost, GUI stalls, a proxy's latency): they
# run afterwards by themselves, where a neighbouring test cannot skew them.
.venv/bin/python -m pytest -n "${PYTEST_WORKERS:-2}" --dist loadscope -m "not alone" tests "$@"
rc1=$?
.venv/bin/python -m pytest -p no:xdist -m alone tests "$@"
rc2=$?
if [ $rc1 -eq 5 ] && [ $rc2 -eq 5 ]; then echo "pytest collected no tests: failing" >&2; exit 1; fi
[ $rc1 -eq 5 ] && rc1=0
[ $rc2 -eq 5 ] && rc2=0
[ $rc1 -ne 0 ] && exit $rc1
exit $rc2
