#!/usr/bin/env bash
# Time to the first byte of a streamed decompression (delivery=streamed) of 64 MiB of content, against the time to
# decode one of its 1 MiB blocks (issue 28's target: at most 2x). The packaged app on CPU 0 (so one block thread), the
# client (bench/streamed-ttfb.py) on CPU 1; the default delivery beside it; then `zstd -b` decoding the same content
# in 1 MiB blocks at level 3 on CPU 0, which gives the time one block takes libzstd.
# Usage: bench/streamed-ttfb.sh [ROUNDS]   (default 9; medians)
# Needs: python3, curl, zstd, taskset, and the corpus in target/corpus (any test run unzips it there).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-9}
port=${HARMONY4_BENCH_PORT:-8091}
work=target/streamed-bench
mkdir -p "$work"
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[ -x "$java" ] || java=java
[ "$(nproc)" -ge 2 ] || { echo "needs 2 CPUs: one for the app, one for the client"; exit 1; }

env -u JAVA_HOME ./mvnw -B -q package -DskipTests -Dquarkus.package.output-directory=streamed-bench/app \
    > "$work/package.log"
# 64 MiB of the corpus mix, as bench/http.sh makes it (head stops reading at 64 MiB; the writer's SIGPIPE is expected)
for i in 1 2 3; do cat target/corpus/dickens target/corpus/ooffice target/corpus/osdb target/corpus/xml; done |
    head -c 67108864 > "$work/body-64m.bin" || true
[ "$(stat -c %s "$work/body-64m.bin")" = 67108864 ] || { echo "need the corpus in target/corpus"; exit 1; }

taskset -c 0 "$java" -Dquarkus.http.port="$port" -Dharmony4.engine=core \
    -Dharmony4.core.path=target/native/libh4core.so -jar target/streamed-bench/app/quarkus-run.jar \
    > "$work/app.log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/q/health/ready" > /dev/null && break
    sleep 0.5
done
curl -fs "http://127.0.0.1:$port/q/health/ready" > /dev/null || { echo "the app did not start: see $work/app.log"; exit 1; }

curl -fs --data-binary @"$work/body-64m.bin" -H 'Content-Type: application/octet-stream' \
    "http://127.0.0.1:$port/v1/compress" -o "$work/body-64m.h4mk"
echo "64 MiB of content, 1 MiB blocks, level 3: container of $(stat -c %s "$work/body-64m.h4mk") bytes"
taskset -c 1 python3 bench/streamed-ttfb.py "$port" "$work/body-64m.h4mk" "$rounds"

# libzstd's time for one 1 MiB block of this content at level 3, decoding, on the app's CPU
speed=$(taskset -c 0 zstd -b3 -e3 -B1048576 -i3 "$work/body-64m.bin" 2>&1 | tr '\r' '\n' |
    sed -nE 's/.*, *([0-9.]+) MB\/s *, *([0-9.]+) MB\/s.*/\2/p' | tail -1)
echo "zstd -b3 -B1048576 on CPU 0: decompression $speed MB/s, one 1 MiB block in" \
    "$(awk -v s="$speed" 'BEGIN { printf "%.2f", 1.048576 / s * 1e3 }') ms"
