#!/usr/bin/env bash
# The whole test suite, on a fresh machine with only the .NET SDK: restore, build (warnings are
# errors), the unit, in-process HTTP and browser tests on SQLite, the same server tests but the browser's again on a throwaway
# PostgreSQL cluster (installed from Debian's postgresql package when missing, started on a loopback
# port under a temporary folder, removed afterwards), then a smoke test of the README's run command
# on a real loopback port. Ends with one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

log=$(mktemp -d)/test.log
# The docs' examples (tests/PayHub.Tests/Docs) run curl, openssl and iconv, as a reader would.
for tool in curl openssl iconv; do command -v "$tool" >/dev/null || missing_tools=1; done
if [ -n "${missing_tools:-}" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl openssl libc-bin >/dev/null
fi
# The console's browser tests drive Debian's Chromium with Playwright for .NET (never a downloaded browser), with
# the CJK fonts the console's Chinese text needs.
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
dotnet build PayHub.slnx -c Release -nologo -v quiet

set +e
echo "== SQLite =="
dotnet test PayHub.slnx -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

echo "== PostgreSQL =="
pg=$(tests/postgres.sh start)
pg_connection=$(echo "$pg" | sed -n 1p)
pg_folder=$(echo "$pg" | sed -n 2p)
trap 'tests/postgres.sh stop "$pg_folder"' EXIT
set +e
# The browser tests ran once above: the console is the same on either engine.
PAYHUB_TEST_POSTGRES="$pg_connection" dotnet test tests/PayHub.Tests -c Release --no-build -nologo --filter "Category!=Browser" 2>&1 | tee -a "$log"
pg_status=${PIPESTATUS[0]}
set -e
[ "$pg_status" -eq 0 ] || status=$pg_status

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')

# Smoke: the README's run command serves the seed's CustomerCheck on a real socket.
if [ "$status" -eq 0 ]; then
  if bash tests/smoke.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
fi

echo "$passed passed, $failed failed"
exit "$status"
