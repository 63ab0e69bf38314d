#!/usr/bin/env bash
# The image's collector under a pod's memory limit (docs/deployment.md, "Memory and garbage collection"): the
# image of Dockerfile.jvm on 2 CPUs, 64 MiB bodies through /v1/compress and /v1/decompress, in three set-ups taken in
# turns:
#   2 GiB, G1                  the image as built: the JVM picks G1 at this size, and 1 MiB regions for its 1 GiB heap,
#                              so every 1 MiB block array is a humongous allocation
#   2 GiB, G1, 4 MiB regions   the same with JAVA_OPTS_APPEND=-XX:G1HeapRegionSize=4m: block arrays are ordinary objects
#   1 GiB, Serial              the shipped manifests' limit, where the JVM picks the Serial collector
# Prints, per set-up, the median MB/s of each direction and the collector's pauses per request (-Xlog:gc).
#
#   bench/container-heap.sh [ROUNDS] [REQUESTS]     defaults 3 and 6 (per round and direction)
#
# Needs root, podman (src/main/docker/podman-env.sh), ./mvnw package first (the image is built from target/), and
# the corpus in target/corpus (any test run unzips it there) for the 64 MiB body, the mix bench/http.sh sends.
set -euo pipefail
cd "$(dirname "$0")/.."
source src/main/docker/podman-env.sh
. bench/app.sh
rounds=${1:-3}
requests=${2:-6}
port=${HARMONY4_BENCH_PORT:-18095}
image=localhost/harmony4:heap-bench
name=harmony4-heap-bench
work=target/heap-bench
mkdir -p "$work"
rm -f "$work"/compress-* "$work"/decompress-* "$work"/pauses-* "$work"/gc-*
trap 'podman rm -f "$name" >/dev/null 2>&1 || true; podman rmi -f "$image" >/dev/null 2>&1 || true' EXIT

corpus=(target/corpus/dickens target/corpus/ooffice target/corpus/osdb target/corpus/xml)
for f in "${corpus[@]}"; do [ -f "$f" ] || { echo "need the corpus in target/corpus: $f is missing"; exit 1; }; done
# (head stops reading once it has 64 MiB; the writer's SIGPIPE is expected)
for i in 1 2 3; do cat "${corpus[@]}"; done | head -c 67108864 > "$work/body.bin" || true

bash src/main/docker/local-base.sh >/dev/null
podman build -q -f src/main/docker/Dockerfile.jvm --build-arg BASE_IMAGE="$H4_BASE_IMAGE" -t "$image" . >/dev/null

labels=("2 GiB, G1 (the image: 1 MiB regions)" "2 GiB, G1, 4 MiB regions" "1 GiB, Serial (the image)")
memory=(2g 2g 1g)
append=("" "-XX:G1HeapRegionSize=4m" "")

post() { # $1 file, $2 content type, $3 path[, $4 where the answer goes]: prints the seconds taken
    curl -sf -o "${4:-/dev/null}" -w '%{time_total}\n' --data-binary "@$1" -H "Content-Type: $2" \
        "http://127.0.0.1:$port$3"
}

for ((r = 1; r <= rounds; r++)); do
    for i in "${!labels[@]}"; do
        podman rm -f "$name" >/dev/null 2>&1 || true
        podman run -d --name "$name" --read-only --tmpfs /tmp -p "127.0.0.1:$port:8080" --cpus=2 \
            --memory="${memory[$i]}" -e JAVA_TOOL_OPTIONS=-Xlog:gc:stderr -e JAVA_OPTS_APPEND="${append[$i]}" \
            "$image" >/dev/null
        wait_ready "$port" || { podman logs "$name" 2>&1 | tail -30; echo "${labels[$i]}: not ready"; exit 1; }
        for w in 1 2 3; do
            post "$work/body.bin" application/octet-stream /v1/compress "$work/body.h4mk" >/dev/null
            post "$work/body.h4mk" application/vnd.harmony4.h4mk /v1/decompress >/dev/null
        done
        before=$(podman logs "$name" 2>&1 | grep -c 'Pause' || true)
        for ((q = 1; q <= requests; q++)); do
            post "$work/body.bin" application/octet-stream /v1/compress >> "$work/compress-$i"
            post "$work/body.h4mk" application/vnd.harmony4.h4mk /v1/decompress >> "$work/decompress-$i"
        done
        after=$(podman logs "$name" 2>&1 | grep -c 'Pause' || true)
        echo $((after - before)) >> "$work/pauses-$i"
        podman logs "$name" 2>&1 | grep -m1 -o 'Using [A-Za-z0-9]*' > "$work/gc-$i" || true
    done
done
podman rm -f "$name" >/dev/null

median_mbs() { sort -n "$1" | awk '{ t[NR] = $1 } END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2;
    printf "%.0f", 67108864 / m / 1e6 }'; }
echo "| set-up | collector | compress MB/s | decompress MB/s | pauses per request |"
echo "|---|---|---:|---:|---:|"
for i in "${!labels[@]}"; do
    pauses=$(awk -v n=$((2 * requests)) '{ s += $1 } END { printf "%.1f", s / NR / n }' "$work/pauses-$i")
    echo "| ${labels[$i]} | $(cut -d' ' -f2 "$work/gc-$i") | $(median_mbs "$work/compress-$i") |" \
        "$(median_mbs "$work/decompress-$i") | $pauses |"
done
echo "medians of $((rounds * requests)) requests of 64 MiB per direction, $rounds rounds in turns"
