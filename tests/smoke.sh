#!/usr/bin/env bash
# Starts `payhub serve --demo` (the README's command, built in Release) on a free loopback port,
# sends the seed's CustomerCheck request as-is, and checks the answer; stops the server after.
set -euo pipefail
cd "$(dirname "$0")/.."

out=$(mktemp -d)
dotnet run --project src/PayHub -c Release --no-build -- serve --demo --urls http://127.0.0.1:0 >"$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT

url=""
for _ in $(seq 1 100); do
  url=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$out/server.log" | head -1 || true)
  [ -n "$url" ] && break
  sleep 0.2
done
[ -n "$url" ] || { echo "smoke: server did not start"; cat "$out/server.log"; exit 1; }

iconv -f UTF-8 -t GBK tests/PayHub.Tests/Utility/Seed/customer-check-request.xml >"$out/request.xml"
curl -sS -o "$out/response.xml" -w '%{http_code}' -X POST "$url/utility/CustomerCheck" \
  -H 'Content-Type: application/xml' -H 'X-API-Key: demo-utility-key' --data-binary @"$out/request.xml" >"$out/status"
iconv -f GBK -t UTF-8 "$out/response.xml" >"$out/response.utf8.xml"

if [ "$(cat "$out/status")" = 200 ] && diff <(tr -d '\n' <tests/PayHub.Tests/Utility/Seed/customer-check-response.xml) <(tr -d '\n' <"$out/response.utf8.xml") >/dev/null; then
  echo "smoke: serve --demo answered the seed request with the seed response on $url"
else
  echo "smoke: unexpected answer (HTTP $(cat "$out/status")):"; cat "$out/response.utf8.xml"; exit 1
fi

# The production path: a fresh database, a master key of our own, an admin token from the CLI, no demo data.
kill $server 2>/dev/null || true; wait $server 2>/dev/null || true
export PAYHUB__MASTERKEY=$(head -c 32 /dev/urandom | base64)
dotnet src/PayHub/bin/Release/net10.0/payhub.dll migrate --db "$out/prod.db" >/dev/null
token=$(dotnet src/PayHub/bin/Release/net10.0/payhub.dll admin-token --db "$out/prod.db" --label smoke)
dotnet src/PayHub/bin/Release/net10.0/payhub.dll serve --db "$out/prod.db" --urls http://127.0.0.1:0 >"$out/prod.log" 2>&1 &
server=$!
url=""
for _ in $(seq 1 100); do
  url=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$out/prod.log" | head -1 || true)
  [ -n "$url" ] && break
  sleep 0.2
done
[ -n "$url" ] || { echo "smoke: server on its own database did not start"; cat "$out/prod.log"; exit 1; }
institutions=$(curl -sS -H "Authorization: Bearer $token" "$url/admin/institutions")
refused=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer demo-admin-token" "$url/admin/institutions")
if [ "$institutions" = "[]" ] && [ "$refused" = 401 ]; then
  echo "smoke: serve --db with its own master key and a CLI-issued admin token works; the demo token does not"
else
  echo "smoke: production path failed: institutions=$institutions demo-token=$refused"; cat "$out/prod.log"; exit 1
fi
