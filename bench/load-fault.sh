#!/usr/bin/env bash
# Load with faults against the packaged app (java -jar, core engine) on loopback, bounded in time and requests:
#   bench/load-fault.sh [SECONDS] [CLIENTS] [MAX_REQUESTS] [ROUNDS]   (defaults: 180 s, 32 clients, 1,000,000, 1)
# With ROUNDS > 1 the load repeats after each 30 s pause: memory that grows from round to round would be a leak.
# src/bench/java/io/harmony4/bench/LoadFault.java drives it (classes of requests and the checks are described
# there); this script starts the app, reads its RSS and heap when idle after a warm-up, during the load and after
# it, and fails when the driver saw a 5xx, a wrong answer, an unexpected status or readiness not UP, or when spool
# files are left.
# Needs: ./mvnw package first.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/app.sh
seconds=${1:-180}
clients=${2:-32}
max_requests=${3:-1000000}
rounds=${4:-1}
port=${HARMONY4_BENCH_PORT:-8089}
max_request=$((64 << 20))
work=target/load-fault
rm -rf "$work" && mkdir -p "$work/spool"
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[ -x "$java" ] || java=java

# As in the container image: two malloc arenas and a fixed mmap threshold, so that the memory the core's zstd
# contexts free goes back to the system instead of staying in glibc's heaps.
MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} MALLOC_MMAP_THRESHOLD_=${MALLOC_MMAP_THRESHOLD_:-131072} HARMONY4_CORE_PATH="$PWD/target/native/libh4core.so" QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1 \
    HARMONY4_SPOOL_DIR="$PWD/$work/spool" HARMONY4_LIMITS_MAX_REQUEST_SIZE=$max_request \
    "$java" ${JAVA_OPTS:--Xms64m -Xmx1g -XX:G1PeriodicGCInterval=5000} -jar target/quarkus-app/quarkus-run.jar \
    > "$work/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null || true' EXIT
wait_ready "$port" "$app" "$work/app.log"

rss() { awk '/VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$app/status"; }
heap() { curl -sf "http://127.0.0.1:$port/q/metrics" |
    awk 'index($0, "jvm_memory_used_bytes{area=\"heap\"") == 1 { s += $NF } END { printf "%.0f MiB", s / 1048576 }'; }

echo "started: RSS $(rss), heap $(heap)"
"$java" src/bench/java/io/harmony4/bench/LoadFault.java "$port" 20 8 100000 "$max_request" > "$work/warmup.txt" 2>&1 || { cat "$work/warmup.txt"; exit 1; }
sleep 15
echo "idle after a 20 s warm-up: RSS $(rss), heap $(heap)"

status=0
for round in $(seq 1 "$rounds"); do
    "$java" src/bench/java/io/harmony4/bench/LoadFault.java "$port" "$seconds" "$clients" "$max_requests" "$max_request" > "$work/load-$round.txt" 2>&1 &
    driver=$!
    sleep $((seconds / 2))
    echo "round $round, during the load: RSS $(rss), heap $(heap)"
    wait $driver || status=$?
    cat "$work/load-$round.txt"
    echo "round $round, right after: RSS $(rss), heap $(heap)"
    sleep 30
    echo "round $round, 30 s later: RSS $(rss), heap $(heap)"
done
if [[ ${JAVA_OPTS:-} == *NativeMemoryTracking* ]]; then
    /usr/lib/jvm/temurin-25-jdk-amd64/bin/jcmd $app VM.native_memory summary | grep -E "committed=" | head -20
fi
left=$(find "$work/spool" -type f | wc -l)
echo "spool files left: $left"
echo "ERROR lines in the app log: $(grep -c ERROR "$work/app.log" || true)"
[ "$left" -eq 0 ] || status=1
exit $status
