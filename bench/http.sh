#!/usr/bin/env bash
# Load on the packaged app (java -jar, core engine) from wrk on loopback, each endpoint next to /bench/echo (the same
# request path without a codec). Usage: bench/http.sh [SECONDS] [MIXED_SECONDS]
#   SECONDS        duration of each wrk run (default 30)
#   MIXED_SECONDS  duration of the mixed run after which heap and RSS are read (default 0: skip)
# Needs: ./mvnw package (the app and target/native/libh4core.so), wrk (apt-get install wrk), the corpus in
# target/corpus (any test or benchmark run unzips it there).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
mixed=${2:-0}
port=${HARMONY4_BENCH_PORT:-8089}
work=target/http-bench
mkdir -p "$work"
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[ -x "$java" ] || java=java

# Bodies: 64 MiB of the corpus mix (the same bytes as BenchData's "mix64"), 4 KiB of it, and their containers.
# (head stops reading once it has 64 MiB; the writer's SIGPIPE is expected)
for i in 1 2 3; do cat target/corpus/dickens target/corpus/ooffice target/corpus/osdb target/corpus/xml; done |
    head -c 67108864 > "$work/body-64m.bin" || true
[ "$(stat -c %s "$work/body-64m.bin")" = 67108864 ] || { echo "need the corpus in target/corpus"; exit 1; }
head -c 4096 target/corpus/dickens > "$work/body-4k.bin"

# The glibc settings of src/main/docker/Dockerfile.jvm, so RSS reads as it would in the image.
MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 HARMONY4_CORE_PATH="$PWD/target/native/libh4core.so" \
    HARMONY4_BENCH_ECHO=true QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1 HARMONY4_SPOOL_DIR="$PWD/$work/spool" \
    "$java" ${JAVA_OPTS:--Xmx512m} -jar target/quarkus-app/quarkus-run.jar \
    > "$work/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$port/v1/engine"; echo

base="http://127.0.0.1:$port"
curl -sf -H 'Content-Type: application/octet-stream' --data-binary @"$work/body-64m.bin" "$base/v1/compress" \
    -o "$work/body-64m.h4mk"
curl -sf -H 'Content-Type: application/octet-stream' --data-binary @"$work/body-4k.bin" "$base/v1/compress" \
    -o "$work/body-4k.h4mk"

cat > "$work/post.lua" <<'LUA'
local f = assert(io.open(os.getenv("BODY"), "rb"))
wrk.body = f:read("*all")
f:close()
wrk.method = "POST"
wrk.headers["Content-Type"] = os.getenv("CT")
request = function() return wrk.format(nil, os.getenv("TARGET")) end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors=%d non2xx=%d seconds=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA

field() { echo "$1" | sed -E "s/.* $2=([0-9.]+).*/\1/"; }
run() { # name target body content-type connections [echo-rps]: one table row; sets $rps
    local name=$1 target=$2 body=$3 ct=$4 conns=$5 echo_rps=${6:-}
    local out size versus=""
    out=$(BODY=$body CT=$ct TARGET=$target wrk -t"$(( conns < 2 ? 1 : 2 ))" -c"$conns" -d"${seconds}s" --timeout 60s \
        -s "$work/post.lua" "$base" | grep RESULT)
    # MB/s of content: the original bytes, whichever way they travel (a container body stands for its content)
    size=$(stat -c %s "${body%.*}.bin")
    rps=$(field "$out" rps)
    [ -z "$echo_rps" ] || versus=$(awk -v r="$rps" -v e="$echo_rps" 'BEGIN { printf "%.2f", r / e }')
    echo "| $name | $conns | $(field "$out" requests) | $(field "$out" errors), $(field "$out" non2xx) | $rps |" \
        "$(field "$out" p50_ms) | $(field "$out" p99_ms) |" \
        "$(awk -v r="$rps" -v s="$size" 'BEGIN { printf "%.1f", r * s / 1e6 }') | $versus |"
}

# The echo endpoint first: the same request path with no codec, the baseline of each row below.
echo "| run | connections | requests | errors, non-2xx | req/s | p50 ms | p99 ms | MB/s of content | × echo |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
run "echo 64 MiB" /bench/echo "$work/body-64m.bin" application/octet-stream 1; echo_large=$rps
run "compress 64 MiB" /v1/compress "$work/body-64m.bin" application/octet-stream 1 "$echo_large"
run "compress 64 MiB" /v1/compress "$work/body-64m.bin" application/octet-stream 2 "$echo_large"
run "decompress 64 MiB" /v1/decompress "$work/body-64m.h4mk" application/vnd.harmony4.h4mk 1 "$echo_large"
run "decompress 64 MiB" /v1/decompress "$work/body-64m.h4mk" application/vnd.harmony4.h4mk 2 "$echo_large"
run "echo 4 KiB" /bench/echo "$work/body-4k.bin" application/octet-stream 32; echo_small=$rps
run "compress 4 KiB" /v1/compress "$work/body-4k.bin" application/octet-stream 32 "$echo_small"
run "decompress 4 KiB" /v1/decompress "$work/body-4k.h4mk" application/vnd.harmony4.h4mk 32 "$echo_small"

rss() { awk '/VmRSS/ { print $2 / 1024 " MiB" }' "/proc/$app/status"; }
heap() { curl -sf "$base/q/metrics" | awk 'index($0, "jvm_memory_used_bytes{area=\"heap\"") == 1 { s += $NF } END { printf "%.1f MiB", s / 1048576 }'; }
echo
echo "after the runs: RSS $(rss), heap used $(heap)"

if [ "$mixed" -gt 0 ]; then
    seconds=$mixed
    echo "mixed run for ${mixed}s: 4 KiB compress (16 connections) and 64 MiB compress (1) and decompress (1) at once"
    run "mixed: compress 4 KiB" /v1/compress "$work/body-4k.bin" application/octet-stream 16 > "$work/mixed-small.txt" &
    loads=($!)
    run "mixed: compress 64 MiB" /v1/compress "$work/body-64m.bin" application/octet-stream 1 > "$work/mixed-large.txt" &
    loads+=($!)
    run "mixed: decompress 64 MiB" /v1/decompress "$work/body-64m.h4mk" application/vnd.harmony4.h4mk 1 \
        > "$work/mixed-dec.txt" &
    loads+=($!)
    sleep $(( mixed / 2 )); echo "during: RSS $(rss), heap used $(heap)"
    wait "${loads[@]}"
    cat "$work"/mixed-*.txt
    echo "after: RSS $(rss), heap used $(heap)"
    sleep 10
    echo "10 s later: RSS $(rss), heap used $(heap)"
fi
echo "spool files left: $(find "$work/spool" -name '*.spool' 2>/dev/null | wc -l)"
