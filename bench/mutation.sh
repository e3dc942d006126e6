#!/usr/bin/env bash
# The full mutation campaign: 10,000 mutants per family (or MUTANTS), from one seed (or SEED), through the
# in-process server on SQLite, each answer judged by SPEC.md's tables (tests/PayHub.Tests/Mutation/).
# Prints the Markdown report docs/mutation.md records: per family, how many mutants each check of the
# family's order answered, the operators used, the changes to the stored data, and the answers SPEC.md
# does not allow (the run fails when there is one). CI runs the same campaign with 300 per family.
# Usage: bench/mutation.sh [mutants] [seed]
set -euo pipefail
cd "$(dirname "$0")/.."
mutants=${1:-10000}
seed=${2:-20261201}
report=$(mktemp)
trap 'rm -f "$report"' EXIT

dotnet build tests/PayHub.Tests -c Release -nologo -v quiet >&2
started=$(date +%s)
set +e
PAYHUB_MUTANTS=$mutants PAYHUB_MUTATION_SEED=$seed PAYHUB_MUTATION_REPORT=$report \
  dotnet test tests/PayHub.Tests -c Release --no-build -nologo --filter "FullyQualifiedName~PayHub.Tests.Mutation" >"$report.log" 2>&1
status=$?
set -e
echo "## Mutation campaign, $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD)"
echo
echo "$mutants mutants per family, seed $seed, SQLite, $(nproc) cores, $(( $(date +%s) - started )) s in all."
echo
cat "$report"
if [ "$status" -ne 0 ]; then
  grep -E "mutant [0-9]+|Failed " "$report.log" | head -40
fi
rm -f "$report.log"
exit "$status"
