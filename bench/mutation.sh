#!/usr/bin/env bash
# The full mutation campaign: 10,000 mutants per family (or MUTANTS), from one seed (or SEED), through the
# in-process server on SQLite, each answer judged by SPEC.md's tables (tests/PayHub.Tests/Mutation/).
# Prints the Markdown report docs/mutation.md records: per family, how many mutants each check of the
# family's order answered, the operators used, the changes to the stored data, and the answers SPEC.md
# does not allow (the run fails when there is one). CI runs the same campaign with 300 per family.
# With postgres, the databases are on a throwaway PostgreSQL cluster (tests/postgres.sh), as in ./test.sh.
# Usage: bench/mutation.sh [mutants] [seed] [sqlite|postgres]
set -euo pipefail
cd "$(dirname "$0")/.."
mutants=${1:-10000}
seed=${2:-20261201}
engine=${3:-sqlite}
report=$(mktemp)
pg_folder=""
cleanup() {
  rm -f "$report"
  if [ -n "$pg_folder" ]; then tests/postgres.sh stop "$pg_folder" >&2; fi
}
trap cleanup EXIT
if [ "$engine" = postgres ]; then
  pg=$(tests/postgres.sh start)
  export PAYHUB_TEST_POSTGRES=$(echo "$pg" | sed -n 1p)
  pg_folder=$(echo "$pg" | sed -n 2p)
fi

dotnet build tests/PayHub.Tests -c Release -nologo -v quiet >&2
started=$(date +%s)
set +e
PAYHUB_MUTANTS=$mutants PAYHUB_MUTATION_SEED=$seed PAYHUB_MUTATION_REPORT=$report \
  dotnet test tests/PayHub.Tests -c Release --no-build -nologo --filter "FullyQualifiedName~PayHub.Tests.Mutation" >"$report.log" 2>&1
status=$?
set -e
echo "## Mutation campaign, $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD)"
echo
echo "$mutants mutants per family, seed $seed, $engine, $(nproc) cores, $(( $(date +%s) - started )) s in all."
echo
cat "$report"
if [ "$status" -ne 0 ]; then
  grep -E "mutant [0-9]+|Failed " "$report.log" | head -40
fi
rm -f "$report.log"
exit "$status"
