#!/usr/bin/env bash
# Refreshes the screenshots docs/console.md shows: the console's browser tests take them from the real pages of a
# real PayHub (sandbox, demo data) as they run (and the conform report's, docs/cli.md's; the API reference's, docs/operations.md's); this runs them with docs/images/console as their folder. Needs what
# ./test.sh installs: Debian's chromium and fonts-noto-cjk (installed here too when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
dotnet build PayHub.slnx -c Release -nologo -v quiet
PAYHUB_SCREENSHOTS="$PWD/docs/images/console" dotnet test tests/PayHub.Tests -c Release --no-build -nologo --filter "Category=Browser"
ls docs/images/console
