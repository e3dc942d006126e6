#!/usr/bin/env bash
# PostgreSQL far away, simulated: PayHub's writes through the latency relay (bench/PayHub.Bench relay), at 1, 2, 4
# and 8 writer connections per node, then two nodes of N writers each beside one node of 2N, and optionally a second
# build (the one write lane before concurrent writers) under the same relay.
# Usage: bench/writers.sh [seconds] [delay_us] [LANE_BUILD_DIR]
#   seconds   per scenario and setting (default 10)
#   delay_us  the relay's delay in each direction (default 500; relay-probe measures the round trip it adds)
#   LANE_BUILD_DIR  a clone of an earlier build to measure beside them, at its own writer setting
# Prints, for CustomerCheck (a new TranSeq each) and Contract step 01 (a new agreement each): requests/s, p50 and
# p99, how busy the two cores were (all processes: PayHub, the relay, PostgreSQL, wrk) and how much of the machine
# PayHub's nodes, PostgreSQL and the relay each took, and how many PostgreSQL sessions were waiting for a lock on
# average (sampled every 100 ms).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
delay_us=${2:-500}
lane_dir=${3:-}
connections=32

if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
dotnet build PayHub.slnx -c Release -nologo -v quiet
[ -z "$lane_dir" ] || (cd "$lane_dir" && dotnet build PayHub.slnx -c Release -nologo -v quiet >/dev/null)
bench=bench/PayHub.Bench/bin/Release/net10.0/PayHub.Bench.dll
work=$(mktemp -d)
export BENCH_DIR="$PWD/bench"

pids=()
pg_folder=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
  [ -z "$pg_folder" ] || tests/postgres.sh stop "$pg_folder"
  rm -rf "$work"
}
trap cleanup EXIT

pg=$(tests/postgres.sh start)
direct=$(echo "$pg" | sed -n 1p); pg_folder=$(echo "$pg" | sed -n 2p)
pg_port=$(echo "$direct" | sed -n 's/.*Port=\([0-9]*\).*/\1/p')
relay_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The relay's pool threads sleep at once rather than spin for work, as PayHub's do (its csproj): the relay stands for a
# network, and its CPU is reported apart from PayHub's and PostgreSQL's.
DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 dotnet "$bench" relay "$relay_port" 127.0.0.1 "$pg_port" "$delay_us" >"$work/relay.log" 2>&1 &
pids+=($!)
relay_pid=$!
sleep 1
relayed=${direct/Port=$pg_port/Port=$relay_port}
probe=$(dotnet "$bench" relay-probe "$direct" "$relayed" 2>&1 | tail -1)

cpu_busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $5 + $6}' /proc/stat; } # busy idle ticks, all cores
source bench/cpu.sh # ticks PID...: CPU ticks of processes

start_node() { # name port build_dir database writers
  local name=$1 port=$2 dir=$3 db=$4 writers=$5
  env Logging__LogLevel__Default=Warning PAYHUB__DATABASEWRITERS="$writers" \
    dotnet "$dir/src/PayHub/bin/Release/net10.0/payhub.dll" serve --demo --db "$db" --urls "http://127.0.0.1:$port" >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0; sleep 0.2; done
  echo "$name did not start"; cat "$work/$name.log"; exit 1
}
stop_nodes() { for p in "${pids[@]:1}"; do kill "$p" 2>/dev/null || true; done; wait "${pids[@]:1}" 2>/dev/null || true; pids=("${pids[0]}"); }

tables=0
lock_queries() { while :; do echo "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock';" || return; sleep 0.1; done; }
load() { # label script ports... ; one wrk per port, the connections shared out, the figures summed
  local label=$1 script=$2; shift 2
  local each=$((connections / $#)) out=() i=0
  local first_table=$((tables + 1))
  if [ "$script" = dsp ]; then
    script=dsp-contract.lua
    for _ in "$@"; do # a table of new agreements for each node
      tables=$((tables + 1))
      dotnet "$bench" dsp-bodies "$work/dsp-$tables.lua" "$work/dsp-$tables-02.lua" $((seconds * 3000)) $((tables % 10)) >/dev/null
    done
  fi
  # sessions waiting for a lock, sampled every 100 ms by one psql session (not a process per sample); $! is psql, and
  # the loop feeding it ends at its next line once psql is gone
  lock_queries | "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/psql" -qtA -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres >"$work/locks" 2>/dev/null &
  local sampler=$!
  local nodes=("${pids[@]:1}")
  local own0 db0 relay0
  own0=$(ticks "${nodes[@]}"); db0=$(ticks $(pgrep -x postgres)); relay0=$(ticks "$relay_pid")
  read -r busy0 idle0 < <(cpu_busy)
  # each node's load its own requests: TranSeqs (BENCH_RUN_ID) and agreements (a table each) that no other node sees
  local run_id=$(( $(date +%s) % 100000 * 10 ))
  for port in "$@"; do
    BENCH_RUN_ID=$(printf "%06d" $((run_id + i))) BENCH_DSP_TABLES="$work/dsp-$((first_table + i)).lua" BENCH_DSP_EXPECT=EC100 \
      wrk -t1 -c"$each" -d"${seconds}s" --timeout 5s -s "bench/$script" "http://127.0.0.1:$port" >"$work/wrk-$i" 2>&1 &
    out+=($!)
    i=$((i + 1))
  done
  wait "${out[@]}"
  read -r busy1 idle1 < <(cpu_busy)
  local own1 db1 relay1
  own1=$(ticks "${nodes[@]}"); db1=$(ticks $(pgrep -x postgres)); relay1=$(ticks "$relay_pid")
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  cat "$work"/wrk-* | grep '^RESULT' | awk -v label="$label" -v busy=$((busy1 - busy0)) -v idle=$((idle1 - idle0)) \
    -v own=$((own1 - own0)) -v db=$((db1 - db0)) -v relay=$((relay1 - relay0)) -v locks="$(awk '{s += $1; n++} END {printf "%.2f", n ? s / n : 0}' "$work/locks")" '
    { for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
      rps += f["rps"]; errors += f["errors"]; p50 = (f["p50_ms"] > p50 ? f["p50_ms"] : p50); p99 = (f["p99_ms"] > p99 ? f["p99_ms"] : p99) }
    END { all = busy + idle
      printf "| %s | %.0f | %.2f | %.2f | %d | %.0f%% | %.0f%% / %.0f%% / %.0f%% | %s |\n", label, rps, p50, p99, errors, 100 * busy / all, 100 * own / all, 100 * db / all, 100 * relay / all, locks }'
  rm -f "$work"/wrk-*
}

n=0
measure() { # label build_dir writers nodes
  local label=$1 dir=$2 writers=$3 nodes=$4 ports=()
  n=$((n + 1))
  local db
  db=$(tests/postgres.sh createdb "$direct" "writers_$n")
  db=${db/Port=$pg_port/Port=$relay_port}
  for k in $(seq 1 "$nodes"); do
    start_node "node$k" $((18300 + k)) "$dir" "$db" "$writers"
    ports+=($((18300 + k)))
  done
  # warm-up of both scenarios on every node: the JIT (still a quarter of PayHub's CPU 20 s into a run at a few hundred
  # requests a second), pools, prepared statements
  load "warm-up" customer-check-plain.lua "${ports[@]}" >/dev/null
  load "warm-up" dsp "${ports[@]}" >/dev/null
  load "$label: CustomerCheck" customer-check-plain.lua "${ports[@]}"
  load "$label: Contract step 01" dsp "${ports[@]}"
  stop_nodes
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r); ${seconds}s per scenario, $connections connections; relay ${delay_us} µs each way, ${probe}"
echo
echo "| setting: scenario | requests/s | p50 ms (slowest node) | p99 ms | errors | cores busy | of it PayHub / PostgreSQL / relay | sessions waiting for a lock |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
[ -z "$lane_dir" ] || measure "earlier build (one lane), 1 node" "$lane_dir" 1 1
for writers in 1 2 4 8; do
  measure "$writers writers, 1 node" . "$writers" 1
done
measure "4 writers each, 2 nodes" . 4 2
