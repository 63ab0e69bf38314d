#!/usr/bin/env bash
# Peak RSS of the packaged app (java -jar, core engine, the image's heap and glibc settings) under 32 concurrent
# 64 MiB requests (issue 28's memory measure): first 32 compressions of the corpus mix at once, then 32
# decompressions of the containers they answered, at once. For each, the kernel's high-water mark of the app's
# resident memory (VmHWM in /proc/PID/status, reset before each phase through /proc/PID/clear_refs), next to the RSS
# before and after, the wall time, and a check that every answer is right (the same container each time, the content
# back byte for byte). Results: docs/benchmarks.md, "Memory: 32 concurrent 64 MiB requests".
# Usage: bench/http-rss.sh [CONCURRENT=32]
# Environment: HARMONY4_BENCH_APP_CPUS, HARMONY4_BENCH_LOAD_CPUS (bench/cpus.sh: the app on the first half of the CPUs,
# curl on the other half), HARMONY4_BENCH_PORT (default 8093), JAVA_OPTS (default -Xmx512m, the pod's heap),
# HARMONY4_CORPUS_DIR (the corpus zips, default ../shared/corpus), HARMONY4_BENCH_IDLE_SECONDS (default 65: the RSS
# read once more after that long without requests; 0: not read).
# Needs: curl and unzip. The script packages the app itself (a production build) into target/http-rss/app.
set -euo pipefail
cd "$(dirname "$0")/.."
concurrent=${1:-32}
port=${HARMONY4_BENCH_PORT:-8093}
work=target/http-rss
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[ -x "$java" ] || java=java
for tool in curl unzip; do command -v $tool >/dev/null || { echo "needs $tool (apt-get install $tool)" >&2; exit 1; }; done
. bench/cpus.sh
. bench/mix64.sh
. bench/app.sh
rm -rf "$work/out" "$work/spool"
mkdir -p "$work/out"
echo "app on CPUs $app_cpus, curl on CPUs $load_cpus, of $cpus; $concurrent concurrent requests of 64 MiB"

env -u JAVA_HOME ./mvnw -B -q package -DskipTests -Dquarkus.package.output-directory=http-rss/app > "$work/package.log"
app_jar=$work/app/quarkus-run.jar
[ -f "$app_jar" ] || { echo "no $app_jar: see $work/package.log"; exit 1; }
mix64 "$work/body-64m.bin"
body_sha=$(sha256sum < "$work/body-64m.bin" | cut -c1-64)

start_app "$app_jar" "$PWD/target/native/libh4core.so" "$PWD/$work/spool" "$work/app.log"
base="http://127.0.0.1:$port"
curl -sf "$base/v1/engine"; echo

mib() { awk -v k="$1" '$1 == k ":" { printf "%.0f", $2 / 1024 }' "/proc/$app/status"; }
# One request; curl streams the body from its file (-T) rather than loading it, so 32 clients do not hold 2 GiB.
post() { # path content-type body output
    taskset -c "$load_cpus" curl -sSf -X POST -H "Content-Type: $2" -T "$3" -o "$4" "$base$1"
}
phase() { # name path content-type body-of-request-i output-of-request-i (i stands for the request's number)
    local name=$1 path=$2 ct=$3 i start pids=() failed=0
    echo 5 > "/proc/$app/clear_refs" # VmHWM starts again from the RSS of now
    local before
    before=$(mib VmRSS)
    start=$(date +%s%N)
    for i in $(seq 1 "$concurrent"); do
        post "$path" "$ct" "${4//\{i\}/$i}" "${5//\{i\}/$i}" &
        pids+=($!)
    done
    for i in "${pids[@]}"; do wait "$i" || failed=$(( failed + 1 )); done
    echo "$name: $concurrent at once, $failed failed, $(( ($(date +%s%N) - start) / 1000000 )) ms;" \
        "RSS $before MiB before, peak (VmHWM) $(mib VmHWM) MiB, $(mib VmRSS) MiB after"
}

# Warm: one request of each, so that the peaks below are the load's, not class loading's and the JIT's first work.
post /v1/compress application/octet-stream "$work/body-64m.bin" "$work/out/warm.h4mk"
post /v1/decompress application/vnd.harmony4.h4mk "$work/out/warm.h4mk" /dev/null
phase "compress 64 MiB" /v1/compress application/octet-stream "$work/body-64m.bin" "$work/out/{i}.h4mk"
for i in $(seq 1 "$concurrent"); do
    cmp -s "$work/out/warm.h4mk" "$work/out/$i.h4mk" || echo "container $i differs from the first" >&2
done
phase "decompress 64 MiB" /v1/decompress application/vnd.harmony4.h4mk "$work/out/{i}.h4mk" "$work/out/{i}.bin"
for i in $(seq 1 "$concurrent"); do
    [ "$(sha256sum < "$work/out/$i.bin" | cut -c1-64)" = "$body_sha" ] || echo "content $i is not the body" >&2
done
rm -f "$work"/out/*.bin
echo "spool files left: $(find "$work/spool" -name '*.spool' 2>/dev/null | wc -l)"
# Idle: the blocks the load left idle are freed within two 30 s periods of the service's trim (docs/http-api.md).
if [ "${HARMONY4_BENCH_IDLE_SECONDS:-65}" -gt 0 ]; then
    sleep "${HARMONY4_BENCH_IDLE_SECONDS:-65}"
    echo "idle ${HARMONY4_BENCH_IDLE_SECONDS:-65} s after the load: RSS $(mib VmRSS) MiB"
fi
