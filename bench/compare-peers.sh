#!/usr/bin/env bash
# compare-peers.sh: the same workloads against a 3-member etcd, a 3-server ZooKeeper ensemble and a 3-node POP,
# all on 127.0.0.1, from one Java load generator (benchmarks/: dev.pop.bench.peers.PeerBench, which drives POP
# through its SDK with popctl bench's runner, etcd through jetcd and ZooKeeper through its client and Curator),
# then a side-by-side table with POP/etcd and POP/ZK throughput ratios.
#
#   bench/compare-peers.sh [--duration 20s] [--warmup 10s] [--systems pop,etcd,zookeeper] [--cells LIST]
#                          [--dir DIR]
#
# The systems run one after the other (start, all cells, stop), so that the idle ones do not take CPU from the
# one measured. Everything started here is stopped by PID on exit (POP through bin/pop-local-cluster down, which
# stops the PIDs it recorded). Needs: etcd (Debian etcd-server; installed with apt-get if missing), Java 17,
# Maven (builds benchmarks/target/benchmarks.jar with -Pbenchmarks if missing).
#
# Ports (127.0.0.1 only): etcd client 23791-23793, peer 23801-23803; ZooKeeper client 21811-21813, quorum
# 28881-28883, election 38881-38883; POP raft 7751-7753, HTTP 7851-7853 (POP_PORT_OFFSET=50).
# Cells: put1 (put, 1 client, 1 conn), put1000 (put, 1000 clients over 100 conns), get100 (linearizable get, 100
# clients over 10 conns; ZooKeeper: sync+getData), sget100 (serializable get, 100 clients over 10 conns), lock1
# (uncontended lock: 1 client), lock32 (32 contenders on one lock).
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
JAR="$ROOT/benchmarks/target/benchmarks.jar"
DURATION=20s
WARMUP=10s
SYSTEMS=etcd,zookeeper,pop
CELLS=put1,put1000,get100,sget100,lock1,lock32
DIR=""

die() {
  echo "compare-peers: $*" >&2
  exit 1
}

usage() {
  sed -n '2,20s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
}

while (($# > 0)); do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --systems) SYSTEMS=$2; shift 2 ;;
    --cells) CELLS=$2; shift 2 ;;
    --dir) DIR=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage; exit 2 ;;
  esac
done

DIR=${DIR:-$(mktemp -d /tmp/pop-compare.XXXXXX)}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
RESULTS="$DIR/results.jsonl"
: >"$RESULTS"
STARTED_PIDS=()
POP_UP=no

# ---------------------------------------------------------------- cleanup: only what this script started

stop_pids() {
  local pid deadline
  for pid in "${STARTED_PIDS[@]+"${STARTED_PIDS[@]}"}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  deadline=$((SECONDS + 15))
  for pid in "${STARTED_PIDS[@]+"${STARTED_PIDS[@]}"}"; do
    while kill -0 "$pid" 2>/dev/null; do
      if ((SECONDS >= deadline)); then
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.2
    done
  done
  STARTED_PIDS=()
}

stop_pop() {
  if [[ "$POP_UP" == yes ]]; then
    POP_DATA="$DIR/pop" POP_PORT_OFFSET=50 "$ROOT/bin/pop-local-cluster" down >>"$DIR/pop.log" 2>&1 || true
    POP_UP=no
  fi
}

cleanup() {
  stop_pids
  stop_pop
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

require_free_ports() {
  local p
  for p in "$@"; do
    port_free "$p" || die "port 127.0.0.1:$p is in use; stop what holds it first"
  done
}

# ---------------------------------------------------------------- prerequisites

if ! command -v etcd >/dev/null && [[ ",$SYSTEMS," == *,etcd,* ]]; then
  echo "compare-peers: installing etcd-server (apt-get)..." >&2
  { apt-get update -qq && apt-get install -y -qq etcd-server; } >&2 || die "cannot install etcd-server"
fi
if [[ ! -f "$JAR" ]]; then
  echo "compare-peers: building $JAR (mvn -Pbenchmarks -pl benchmarks -am package)..." >&2
  (cd "$ROOT" && mvn -B -q -ntp -Pbenchmarks -pl benchmarks -am package -DskipTests) >&2
fi

LOADGEN=(java -Xmx4g -XX:+UseParallelGC -Djava.util.concurrent.ForkJoinPool.common.parallelism=4
  -cp "$JAR" dev.pop.bench.peers.PeerBench)

# ---------------------------------------------------------------- the systems

start_etcd() {
  require_free_ports 23791 23792 23793 23801 23802 23803
  local k cluster="e1=http://127.0.0.1:23801,e2=http://127.0.0.1:23802,e3=http://127.0.0.1:23803"
  for k in 1 2 3; do
    etcd --name "e$k" --data-dir "$DIR/etcd/e$k" \
      --listen-client-urls "http://127.0.0.1:2379$k" --advertise-client-urls "http://127.0.0.1:2379$k" \
      --listen-peer-urls "http://127.0.0.1:2380$k" --initial-advertise-peer-urls "http://127.0.0.1:2380$k" \
      --initial-cluster "$cluster" --initial-cluster-state new --initial-cluster-token pop-compare \
      >"$DIR/etcd-e$k.log" 2>&1 &
    STARTED_PIDS+=($!)
  done
  local deadline=$((SECONDS + 60))
  until ETCDCTL_API=3 etcdctl --endpoints=127.0.0.1:23791,127.0.0.1:23792,127.0.0.1:23793 \
    --command-timeout=2s endpoint health >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "etcd not healthy after 60 s (see $DIR/etcd-e*.log)"
    sleep 1
  done
  ENDPOINTS=127.0.0.1:23791,127.0.0.1:23792,127.0.0.1:23793
}

zk_mode() {
  local out
  out=$( (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'srvr' >&3 && timeout 2 cat <&3) 2>/dev/null || true)
  sed -n 's/^Mode: //p' <<<"$out"
}

start_zookeeper() {
  require_free_ports 21811 21812 21813 28881 28882 28883 38881 38882 38883
  local k
  for k in 1 2 3; do
    mkdir -p "$DIR/zk/z$k"
    echo "$k" >"$DIR/zk/z$k/myid"
    cat >"$DIR/zk/z$k.cfg" <<EOF
tickTime=2000
initLimit=10
syncLimit=5
dataDir=$DIR/zk/z$k
clientPortAddress=127.0.0.1
clientPort=2181$k
forceSync=yes
maxClientCnxns=0
admin.enableServer=false
4lw.commands.whitelist=srvr,ruok
server.1=127.0.0.1:28881:38881
server.2=127.0.0.1:28882:38882
server.3=127.0.0.1:28883:38883
EOF
    java -Xmx1g -cp "$JAR" org.apache.zookeeper.server.quorum.QuorumPeerMain "$DIR/zk/z$k.cfg" \
      >"$DIR/zk-z$k.log" 2>&1 &
    STARTED_PIDS+=($!)
  done
  local deadline=$((SECONDS + 60)) modes
  while true; do
    modes="$(zk_mode 21811) $(zk_mode 21812) $(zk_mode 21813)"
    [[ "$modes" == *leader* && $(grep -o follower <<<"$modes" | wc -l) -eq 2 ]] && break
    ((SECONDS < deadline)) || die "ZooKeeper has no quorum after 60 s (modes: $modes; see $DIR/zk-z*.log)"
    sleep 1
  done
  ENDPOINTS=127.0.0.1:21811,127.0.0.1:21812,127.0.0.1:21813
}

start_pop() {
  require_free_ports 7751 7752 7753 7851 7852 7853
  POP_UP=yes
  POP_DATA="$DIR/pop" POP_PORT_OFFSET=50 "$ROOT/bin/pop-local-cluster" up 3 >>"$DIR/pop.log" 2>&1 \
    || die "the POP cluster did not start (see $DIR/pop.log and $DIR/pop/n*.log)"
  ENDPOINTS=127.0.0.1:7751,127.0.0.1:7752,127.0.0.1:7753
}

stop_system() {
  if [[ "$1" == pop ]]; then stop_pop; else stop_pids; fi
}

# ---------------------------------------------------------------- the cells

cell_args() {
  case "$1" in
    put1) echo "put --clients 1 --conns 1" ;;
    put1000) echo "put --clients 1000 --conns 100" ;;
    get100) echo "get --clients 100 --conns 10" ;;
    sget100) echo "get-serializable --clients 100 --conns 10" ;;
    lock1) echo "lock --clients 1 --conns 1 --names 1" ;;
    lock32) echo "lock --clients 32 --conns 4 --names 1" ;;
    *) die "unknown cell '$1' (put1, put1000, get100, sget100, lock1, lock32)" ;;
  esac
}

cell_label() {
  case "$1" in
    put1) echo "put, 1 client" ;;
    put1000) echo "put, 1000 clients/100 conns" ;;
    get100) echo "linearizable get, 100 clients" ;;
    sget100) echo "serializable get, 100 clients" ;;
    lock1) echo "lock+unlock, uncontended" ;;
    lock32) echo "lock+unlock, 32 contenders" ;;
  esac
}

IFS=, read -r -a cell_list <<<"$CELLS"
for cell in "${cell_list[@]}"; do cell_args "$cell" >/dev/null; done
IFS=, read -r -a system_list <<<"$SYSTEMS"

echo "compare-peers: results and logs in $DIR (duration $DURATION, warm-up $WARMUP per cell)" >&2
for system in "${system_list[@]}"; do
  case "$system" in
    etcd) start_etcd ;;
    zookeeper) start_zookeeper ;;
    pop) start_pop ;;
    *) die "unknown system '$system' (pop, etcd, zookeeper)" ;;
  esac
  for cell in "${cell_list[@]}"; do
    read -r -a args <<<"$(cell_args "$cell")"
    echo "compare-peers: $system: $(cell_label "$cell")..." >&2
    # the clients' libraries may log to stdout too: keep only the result line, the rest goes to the log
    if ! "${LOADGEN[@]}" --system "$system" --endpoints "$ENDPOINTS" --cell "$(cell_label "$cell")" \
      --duration "$DURATION" --warmup "$WARMUP" "${args[@]}" >"$DIR/cell.out" 2>>"$DIR/loadgen.log"; then
      echo "compare-peers: $system: $(cell_label "$cell") failed (see $DIR/loadgen.log)" >&2
    fi
    grep '^{"system":' "$DIR/cell.out" >>"$RESULTS" || true
    grep -v '^{"system":' "$DIR/cell.out" >>"$DIR/loadgen.log" || true
  done
  stop_system "$system"
done

java -cp "$JAR" dev.pop.bench.peers.CompareTable "$RESULTS"
echo "(ops/s over the measured ${DURATION}; p50/p99 in ms; closed loop; raw results: $RESULTS)"
