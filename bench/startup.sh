#!/usr/bin/env bash
# JVM start-up time to the first ready answer, and RSS once idle, of packaged Quarkus apps (java -jar), each
# started RUNS times on loopback; prints the median of each. Usage:
#   bench/startup.sh [RUNS] [NAME JAR READY_URL_PATH]...
# Without apps it measures harmony4 (target/quarkus-app, core engine; run ./mvnw package first). To set it
# beside a bare Quarkus REST app of the same version, add that app's jar and a path it answers, e.g.
#   bench/startup.sh 5 harmony4 target/quarkus-app/quarkus-run.jar /q/health/ready bare /tmp/bare/target/quarkus-app/quarkus-run.jar /hello
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
(($#)) || set -- harmony4 target/quarkus-app/quarkus-run.jar /q/health/ready
port=${HARMONY4_BENCH_PORT:-8089}
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[ -x "$java" ] || java=java
idle=${IDLE_SECONDS:-10}

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

printf '%-12s %14s %14s\n' app "ready (ms)" "idle RSS (MiB)"
while (($# >= 3)); do
    name=$1 jar=$2 path=$3
    shift 3
    ready_ms=() rss_mib=()
    for _ in $(seq 1 "$runs"); do
        start=$(date +%s%N)
        HARMONY4_CORE_PATH="$PWD/target/native/libh4core.so" QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1 \
            "$java" -jar "$jar" >/dev/null 2>&1 &
        pid=$!
        until curl -sf -o /dev/null "http://127.0.0.1:$port$path"; do
            kill -0 $pid 2>/dev/null || { echo "$name exited before it was ready" >&2; exit 1; }
            sleep 0.005
        done
        ready_ms+=($((($(date +%s%N) - start) / 1000000)))
        sleep "$idle"
        rss_mib+=($(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' /proc/$pid/status))
        kill $pid
        wait $pid 2>/dev/null || true
    done
    printf '%-12s %14s %14s\n' "$name" "$(printf '%s\n' "${ready_ms[@]}" | median)" \
        "$(printf '%s\n' "${rss_mib[@]}" | median)"
done
