#!/usr/bin/env bash
# Token streams over WebSocket against single messages over HTTP, on the packaged app (java -jar, core engine, level
# 3) on loopback: messages per second and the p50/p99 time from a message sent to its compressed answer, for 1 and 32
# clients at once, at 100 B and 1 KiB of token ids; each client a closed loop (StreamLoad, src/bench). ROUNDS rounds,
# each row's median printed. Results: docs/benchmarks.md, "Token streams over WebSocket".
# Usage: bench/streams-http.sh [SECONDS] [ROUNDS]   (defaults 10 and 3)
# Environment: HARMONY4_BENCH_APP_CPUS, HARMONY4_BENCH_LOAD_CPUS as for bench/http.sh; HARMONY4_BENCH_PORT (must be
# free; default 8091 when it is free, else a free port: bench/app.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
rounds=${2:-3}
. bench/app.sh
port=$(bench_port 8091)
work=target/streams-bench
mkdir -p "$work"
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[ -x "$java" ] || java=java
. bench/cpus.sh
echo "app on CPUs $app_cpus, load on CPUs $load_cpus, of $cpus"

env -u JAVA_HOME ./mvnw -B -q package -DskipTests -Dquarkus.package.output-directory=streams-bench/app \
    > "$work/package.log"
# the load client (StreamLoad, src/bench) runs on the JDK 25 beside the app, from the bench profile's class path
env -u JAVA_HOME ./mvnw -B -q -Pbench test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$work/classpath.txt" > "$work/load.log"
load_cp=target/test-classes:target/classes:$(cat "$work/classpath.txt")
app_jar=target/streams-bench/app/quarkus-run.jar
[ -f "$app_jar" ] || { echo "no $app_jar: see $work/package.log"; exit 1; }

HARMONY4_CORE_PATH=$PWD/target/native/libh4core.so HARMONY4_ENGINE=core taskset -c "$app_cpus" \
    "$java" --enable-native-access=ALL-UNNAMED -Dquarkus.http.port="$port" -jar "$app_jar" > "$work/app.log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null; wait "$app" 2>/dev/null || true' EXIT
wait_ready "$port" "$app" "$work/app.log"

: > "$work/rows.txt"
for round in $(seq 1 "$rounds"); do
    for size in 100 1024; do
        for clients in 1 32; do
            for mode in ws post; do
                taskset -c "$load_cpus" "$java" -cp "$load_cp" io.harmony4.bench.BenchMain -bench stream-load \
                    -mode "$mode" -streams "$clients" -size "$size" -seconds "$seconds" -port "$port" \
                    | grep '^|streams|' | tee -a "$work/rows.txt"
            done
        done
    done
    echo "round $round done"
done

# the median of each column per row (mode, clients, size)
python3 - "$work/rows.txt" <<'PY'
import sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = line.strip().strip('|').split('|')
    rows[(f[1], int(f[2]), int(f[3]))].append([float(x) for x in f[4:7]])
print("| size | clients | endpoint | messages/s | p50 µs | p99 µs | rounds |")
print("|---:|---:|---|---:|---:|---:|---:|")
for (mode, clients, size) in sorted(rows, key=lambda k: (k[2], k[1], k[0] != 'ws')):
    v = rows[(mode, clients, size)]
    med = [statistics.median(c) for c in zip(*v)]
    name = "WebSocket stream" if mode == "ws" else "POST /v1/messages/compress"
    print(f"| {size} B | {clients} | {name} | {med[0]:,.0f} | {med[1]:.0f} | {med[2]:.0f} | {len(v)} |")
PY
