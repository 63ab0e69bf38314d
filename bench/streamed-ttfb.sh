#!/usr/bin/env bash
# Time to the first byte of a streamed decompression (delivery=streamed) of 64 MiB of content, against the time to
# decode one of its 1 MiB blocks (issue 28's target: at most 2x). The packaged app on the app's CPUs and the client
# (bench/streamed-ttfb.py) on the others, as bench/cpus.sh splits them (on 2 CPUs: the app on CPU 0, so one block
# thread); the default delivery beside it; then `zstd -b` decoding the same content in 1 MiB blocks at level 3 on one
# of the app's CPUs, which gives the time one block takes libzstd. Beside the client's figure, from its last byte
# sent, the app's own (harmony4_streamed_first_byte_seconds: from the body's last byte received to the first answer
# byte handed to the connection), read from /q/metrics after each request.
# Usage: bench/streamed-ttfb.sh [ROUNDS [WARMUP]]   (default 9 rounds, medians; WARMUP requests of every kind first,
# default 10, so that the JIT has compiled each path before any is timed: the app answers warm)
# Environment: HARMONY4_BENCH_APP_CPUS, HARMONY4_BENCH_LOAD_CPUS (bench/cpus.sh), HARMONY4_BENCH_PORT (must be free;
# default 8091 when it is free, else a free port: bench/app.sh).
# Needs: python3, curl, zstd, taskset, and the corpus (bench/mix64.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-9}
warmup=${2:-10}
. bench/cpus.sh
. bench/app.sh
. bench/mix64.sh
port=$(bench_port 8091)
work=target/streamed-bench
mkdir -p "$work"
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[ -x "$java" ] || java=java
[ "$pinned" = true ] || echo "the app and the client share CPUs: the client's figures include its own CPU time"
echo "app on CPUs $app_cpus, client on CPUs $load_cpus, of $cpus"

env -u JAVA_HOME ./mvnw -B -q package -DskipTests -Dquarkus.package.output-directory=streamed-bench/app \
    > "$work/package.log"
mix64 "$work/body-64m.bin"   # 64 MiB of the corpus mix, the body bench/http.sh sends

taskset -c "$app_cpus" "$java" -Dquarkus.http.port="$port" -Dharmony4.engine=core \
    -Dharmony4.core.path=target/native/libh4core.so -jar target/streamed-bench/app/quarkus-run.jar \
    > "$work/app.log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true' EXIT
wait_ready "$port" "$app" "$work/app.log"

curl -fs --data-binary @"$work/body-64m.bin" -H 'Content-Type: application/octet-stream' \
    "http://127.0.0.1:$port/v1/compress" -o "$work/body-64m.h4mk"
echo "64 MiB of content, 1 MiB blocks, level 3: container of $(stat -c %s "$work/body-64m.h4mk") bytes"
taskset -c "$load_cpus" python3 bench/streamed-ttfb.py "$port" "$work/body-64m.h4mk" "$rounds" "$warmup"

# libzstd's time for one 1 MiB block of this content at level 3, decoding, on one of the app's CPUs
block_cpu=${app_cpus%%[-,]*}
speed=$(taskset -c "$block_cpu" zstd -b3 -e3 -B1048576 -i3 "$work/body-64m.bin" 2>&1 | tr '\r' '\n' |
    sed -nE 's/.*, *([0-9.]+) MB\/s *, *([0-9.]+) MB\/s.*/\2/p' | tail -1)
echo "zstd -b3 -B1048576 on CPU $block_cpu: decompression $speed MB/s, one 1 MiB block in" \
    "$(awk -v s="$speed" 'BEGIN { printf "%.2f", 1.048576 / s * 1e3 }') ms"
