#!/usr/bin/env bash
# The whole test suite, on a fresh machine with only the .NET SDK: restore, build (warnings are
# errors), the unit and in-process HTTP tests, then a smoke test of the README's run command on a
# real loopback port. Ends with one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

log=$(mktemp -d)/test.log
dotnet build PayHub.slnx -c Release -nologo -v quiet
set +e
dotnet test PayHub.slnx -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')

# Smoke: the README's run command serves the seed's CustomerCheck on a real socket.
if [ "$status" -eq 0 ]; then
  if bash tests/smoke.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
fi

echo "$passed passed, $failed failed"
exit "$status"
