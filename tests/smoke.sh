#!/usr/bin/env bash
# Starts the built server (Release) on free loopback ports as an operator would, and checks it
# answers: first `serve --demo` (the README's command) with the seed's CustomerCheck, byte for byte,
# and the seed's DSP response example to a signed unsign;
# then the production path, a database of its own with its own master key and a CLI-issued admin token.
set -euo pipefail
cd "$(dirname "$0")/.."

out=$(mktemp -d)
server=""
trap 'if [ -n "$server" ]; then kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; fi' EXIT

# start LOG COMMAND...: runs the server in the background (pid in $server, kept in this shell so
# the trap can stop it) and sets $url to the address it listens on.
start() {
  local log=$1; shift
  "$@" --urls http://127.0.0.1:0 >"$log" 2>&1 &
  server=$!
  url=""
  for _ in $(seq 1 100); do
    url=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$log" | head -1 || true)
    [ -n "$url" ] && return 0
    sleep 0.2
  done
  echo "smoke: server did not start" >&2; cat "$log" >&2; return 1
}

stop() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""; }

start "$out/server.log" dotnet run --project src/PayHub -c Release --no-build -- serve --demo
iconv -f UTF-8 -t GBK tests/PayHub.Tests/Utility/Seed/customer-check-request.xml >"$out/request.xml"
curl -sS -o "$out/response.xml" -w '%{http_code}' -X POST "$url/utility/CustomerCheck" \
  -H 'Content-Type: application/xml' -H 'X-API-Key: demo-utility-key' --data-binary @"$out/request.xml" >"$out/status"
iconv -f GBK -t UTF-8 "$out/response.xml" >"$out/response.utf8.xml"
if [ "$(cat "$out/status")" = 200 ] && diff <(tr -d '\n' <tests/PayHub.Tests/Utility/Seed/customer-check-response.xml) <(tr -d '\n' <"$out/response.utf8.xml") >/dev/null; then
  echo "smoke: serve --demo answered the seed request with the seed response on $url"
else
  echo "smoke: unexpected answer (HTTP $(cat "$out/status")):"; cat "$out/response.utf8.xml"; exit 1
fi

# The agreement gateway, signed with openssl as docs/dsp.md shows: unsigning the demo CMBC02
# agreement answers the seed's response example (OriginalCode empty: the gateway's own record answers).
command -v openssl >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null; }
cp examples/dsp/decontract-seed.xml "$out/unsign.xml"
sig=$(openssl dgst -sha256 -hmac demo-dsp-secret -r <"$out/unsign.xml" | cut -d' ' -f1)
curl -sS -o "$out/unsign-response.xml" -X POST "$url/dsp" -H 'Content-Type: application/xml' \
  -H 'X-DSP-Client: demo-frontend' -H "X-DSP-Signature: $sig" --data-binary @"$out/unsign.xml"
if diff <(sed 's#<OriginalCode>S</OriginalCode>#<OriginalCode></OriginalCode>#' tests/vectors/seeds/dsp-response-example.xml) "$out/unsign-response.xml" >/dev/null; then
  echo "smoke: the agreement gateway answered an openssl-signed unsign with the seed's response example"
else
  echo "smoke: unexpected DSP answer:"; cat "$out/unsign-response.xml"; exit 1
fi
stop

export PAYHUB__MASTERKEY=$(head -c 32 /dev/urandom | base64)
payhub=(dotnet src/PayHub/bin/Release/net10.0/payhub.dll)
"${payhub[@]}" migrate --db "$out/prod.db" >/dev/null
token=$("${payhub[@]}" admin-token --db "$out/prod.db" --label smoke)
start "$out/prod.log" "${payhub[@]}" serve --db "$out/prod.db"
institutions=$(curl -sS -H "Authorization: Bearer $token" "$url/admin/institutions")
refused=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer demo-admin-token" "$url/admin/institutions")
if [ "$institutions" = "[]" ] && [ "$refused" = 401 ]; then
  echo "smoke: serve --db with its own master key and a CLI-issued admin token works; the demo token does not"
else
  echo "smoke: production path failed: institutions=$institutions demo-token=$refused"; cat "$out/prod.log"; exit 1
fi
