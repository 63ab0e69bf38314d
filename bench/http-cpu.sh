#!/usr/bin/env bash
# CPU time and wall time of one 64 MiB request (to /v1/compress, or ENDPOINT) on a packaged app: the app on CPU 0,
# curl on CPU 1, five requests after three of warm-up; the app's CPU time from /proc/<pid>/stat (utime + stime). To
# compare two builds of the body path in one session, run it on each (bench/http.sh packages one into
# target/http-bench/app). JAVA_OPTS: the app's JVM options (default -Xmx512m).
# Usage: bench/http-cpu.sh [APP_DIR] [PORT] [ENDPOINT]   (needs target/http-bench/body-64m.bin, which bench/http.sh
# writes; ENDPOINT /v1/compress by default, or /bench/echo on a build made with -Dbench.echo=true)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/app.sh
app=${1:-target/http-bench/app} port=${2:-8090} endpoint=${3:-/v1/compress} work=target/http-bench
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[ -x "$java" ] || java=java
mkdir -p "$work/spool"
MALLOC_ARENA_MAX=2 HARMONY4_CORE_PATH="$PWD/target/native/libh4core.so" QUARKUS_HTTP_PORT=$port \
    QUARKUS_HTTP_HOST=127.0.0.1 HARMONY4_SPOOL_DIR="$PWD/$work/spool" \
    taskset -c 0 "$java" ${JAVA_OPTS:--Xmx512m} -jar "$app/quarkus-run.jar" > "$work/cpu-app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
wait_ready "$port" "$pid" "$work/cpu-app.log"
post() { taskset -c 1 curl -sf -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/octet-stream' \
    --data-binary @"$work/body-64m.bin" "http://127.0.0.1:$port$endpoint"; }
for _ in 1 2 3; do post > /dev/null; done
ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
before=$(ticks)
median=$(for _ in 1 2 3 4 5; do post; done | sort -n | sed -n 3p)
echo "$endpoint 64 MiB: CPU $(awk -v t=$(( $(ticks) - before )) -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%.2f", t / hz / 5 }') s per request, wall ${median} s (median of 5)"
