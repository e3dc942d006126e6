#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite, on a loopback port under a temporary folder.
#   tests/postgres.sh start   installs the Debian package when missing, starts the cluster, and prints
#                             the connection string (and the folder to stop on the next line)
#   tests/postgres.sh stop D  stops the cluster in D and removes D
#   tests/postgres.sh createdb CONNECTION NAME [TEMPLATE]
#                             creates database NAME on the cluster (a copy of database TEMPLATE when
#                             given), prints its connection string
set -euo pipefail

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$dir" ] && command -v pg_config >/dev/null; then dir=$(pg_config --bindir); fi
  echo "$dir"
}

case "${1:-}" in
start)
  bin=$(pg_bin)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "Installing PostgreSQL (Debian package postgresql)..." >&2
    as_root=""; [ "$(id -u)" -eq 0 ] || as_root="sudo"
    DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -q postgresql >&2 || {
      $as_root apt-get update -q >&2
      DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -q postgresql >&2
    }
    bin=$(pg_bin)
  fi
  # The Debian package starts its own cluster on 5432; ours is separate and throwaway.
  dir=$(mktemp -d /tmp/payhub-pg.XXXXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
  run=()
  if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses to run as root: the cluster belongs to the postgres user the package created.
    chown postgres:postgres "$dir"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --no-locale -E UTF8 >"$dir/initdb.log" 2>&1
  "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-h 127.0.0.1 -p $port -k $dir -c max_connections=400 -c shared_buffers=256MB -c fsync=on" >/dev/null
  echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "$dir"
  ;;
stop)
  dir=${2:?folder}
  run=()
  [ "$(id -u)" -eq 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$(pg_bin)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
createdb)
  connection=${2:?connection} name=${3:?name} template=${4:-}
  port=$(echo "$connection" | sed -n 's/.*Port=\([0-9]*\).*/\1/p')
  "$(pg_bin)/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE \"$name\"${template:+ TEMPLATE \"$template\"}" >/dev/null
  echo "${connection/Database=postgres/Database=$name}"
  ;;
*)
  echo "usage: $0 start | stop DIR | createdb CONNECTION NAME [TEMPLATE]" >&2
  exit 2
  ;;
esac
