#!/usr/bin/env bash
# Cold start side by side (docs/deployment.md, "Start-up and the AOT cache"), each figure the median of RUNS starts
# on loopback:
#   harmony4 fast-jar       the same sources packaged as a fast-jar (Quarkus's default), no cache
#   harmony4 aot-jar        ./mvnw package (the aot-jar), started without its cache
#   harmony4 aot-jar+cache  the same with the AOT cache ./mvnw package -Daot trains
#   bare Quarkus            bench/bare-quarkus: one REST endpoint on the same Quarkus and JDK, fast-jar
# Columns: start to the first ready answer; start to the first successful 1 MiB compression (ready, plus the time
# of the first request, sent right after it); the first 10 compressions' MB/s, and 10 more after 300 of warm-up;
# RSS (MiB) after IDLE_SECONDS idle from ready, in starts of its own.
# Then, where podman works (root; src/main/docker/podman-env.sh): the image of Dockerfile.jvm, `podman start` to
# ready with its cache and with -XX:AOTMode=off (podman create timed apart), and the sizes of the image, its base
# and the cache.
#
#   bench/startup.sh [RUNS]          RUNS defaults to 5
#
# Builds everything it measures first (about 5 minutes, plus the image). HARMONY4_BENCH_SKIP_BUILD=1 reuses the
# builds; HARMONY4_BENCH_JVM=0 skips the java -jar rows, HARMONY4_BENCH_PODMAN=0 the image. The 1 MiB body is the
# start of the corpus's dickens when target/corpus has it (any test run unzips it there), else of the repository's
# own docs.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
port=${HARMONY4_BENCH_PORT:-8089}
idle=${IDLE_SECONDS:-10}
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[ -x "$java" ] || java=java
work=target/startup-bench
fast=$work/fast-jar
mkdir -p "$work"
# The JVM options of the image (src/main/docker/jvm-options), less the heap's share of a container's memory.
options=(--enable-native-access=ALL-UNNAMED -XX:+UnlockDiagnosticVMOptions -XX:-AOTAdapterCaching)

if [[ ${HARMONY4_BENCH_SKIP_BUILD:-0} != 1 ]]; then
    echo "building: harmony4 fast-jar, bare Quarkus, harmony4 aot-jar with its cache" >&2
    env -u JAVA_HOME ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.type=fast-jar >"$work/build.log" 2>&1 \
        || { tail -30 "$work/build.log"; exit 1; }
    rm -rf "$fast" && cp -r target/quarkus-app "$fast"
    env -u JAVA_HOME ./mvnw -B -q -f bench/bare-quarkus/pom.xml package -DskipTests >"$work/build.log" 2>&1 \
        || { tail -30 "$work/build.log"; exit 1; }
    env -u JAVA_HOME ./mvnw -B -q package -DskipTests -Daot >"$work/build.log" 2>&1 \
        || { tail -30 "$work/build.log"; exit 1; }
fi
[[ -f target/quarkus-app/app.aot && -f $fast/quarkus-run.jar && -f bench/bare-quarkus/target/quarkus-app/quarkus-run.jar ]] \
    || { echo "missing builds: run without HARMONY4_BENCH_SKIP_BUILD" >&2; exit 1; }

body=$work/body-1m.bin
if [[ -f target/corpus/dickens ]]; then
    head -c 1048576 target/corpus/dickens > "$body"
else
    for _ in $(seq 1 20); do cat README.md docs/*.md; done | head -c 1048576 > "$body" || true
fi
url=http://127.0.0.1:$port
core=$PWD/target/native/libh4core.so

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# N compressions of the body over one connection; prints MB/s over the sum of their times, and the first one's ms.
compressions() {
    local n=$1 args=()
    for _ in $(seq 1 "$n"); do args+=(-o /dev/null "$url/v1/compress"); done
    curl -s -H 'Content-Type: application/octet-stream' --data-binary "@$body" -w '%{http_code} %{time_total}\n' \
        "${args[@]}" | awk -v n="$n" -v size="$(stat -c %s "$body")" '$1 != 200 {bad = 1} NR == 1 {first = $2}
        {t += $2} END {if (bad || NR != n) exit 1; printf "%.0f %.0f\n", n * size / 1e6 / t, first * 1000}'
}

# start NAME FOLDER READY_PATH JAVA_ARGS...: starts the app, waits for its first ready answer; sets pid and started.
# Its output goes to $work/app.log, where the cache row checks the service's own line that the cache is in use.
start() {
    local name=$1 folder=$2 path=$3
    shift 3
    started=$(now_ms)
    (cd "$folder" && HARMONY4_CORE_PATH=$core QUARKUS_HTTP_PORT=$port QUARKUS_HTTP_HOST=127.0.0.1 \
        exec "$java" "$@" >"$OLDPWD/$work/app.log" 2>&1) &
    pid=$!
    until curl -sf -o /dev/null "$url$path"; do
        kill -0 $pid 2>/dev/null || { echo "$name exited before it was ready" >&2; exit 1; }
        sleep 0.005
    done
}
stop() {
    kill $pid
    wait $pid 2>/dev/null || true
}

# measure NAME FOLDER READY_PATH COMPRESS(yes|no) JAVA_ARGS...: one line of medians. Idle RSS comes from starts of
# their own, left alone after ready, so that it is comparable with the bare app's.
measure() {
    local name=$1 folder=$2 path=$3 compress=$4
    shift 4
    local ready=() first=() cold=() warm=() rss=()
    for _ in $(seq 1 "$runs"); do
        start "$name" "$folder" "$path" "$@"
        ready+=($(($(now_ms) - started)))
        if [[ " $* " == *" -XX:AOTCache="* ]] && ! grep -q 'AOT cache .* in use' "$work/app.log"; then
            echo "$name: the JVM did not use the cache: $(grep -i aot "$work/app.log")" >&2
            exit 1
        fi
        if [[ $compress == yes ]]; then
            local rate first_ms
            read -r rate first_ms < <(compressions 10)
            [[ -n $first_ms ]] || { echo "$name: a compression failed" >&2; exit 1; }
            cold+=("$rate")
            first+=($((${ready[-1]} + first_ms)))
            for _ in $(seq 1 30); do compressions 10 >/dev/null; done
            read -r rate first_ms < <(compressions 10)
            warm+=("$rate")
        fi
        stop
        start "$name" "$folder" "$path" "$@"
        sleep "$idle"
        rss+=($(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' /proc/$pid/status))
        stop
    done
    local m=()
    for series in ready first cold warm rss; do
        local -n values=$series
        if ((${#values[@]})); then m+=("$(printf '%s\n' "${values[@]}" | median)"); else m+=(-); fi
    done
    printf '%-24s %10s %14s %13s %13s %10s\n' "$name" "${m[@]}"
}

if [[ ${HARMONY4_BENCH_JVM:-1} == 1 ]]; then
printf '%-24s %10s %14s %13s %13s %10s\n' app "ready ms" "1st 1 MiB ms" "1st 10 MB/s" "warm MB/s" "idle RSS"
# The cache names its jar files: each app starts from the folder its cache was trained in.
measure "harmony4 fast-jar" "$fast" /q/health/ready yes "${options[@]}" -jar quarkus-run.jar
measure "harmony4 aot-jar" target/quarkus-app /q/health/ready yes "${options[@]}" -jar quarkus-run.jar
measure "harmony4 aot-jar+cache" target/quarkus-app /q/health/ready yes "${options[@]}" -XX:AOTCache=app.aot \
    -Xlog:aot=off -jar quarkus-run.jar
measure "bare Quarkus fast-jar" bench/bare-quarkus/target/quarkus-app /hello no -jar quarkus-run.jar
fi

[[ ${HARMONY4_BENCH_PODMAN:-1} == 1 ]] || exit 0
command -v podman >/dev/null && ((EUID == 0)) || { echo "(no podman as root: image rows skipped)"; exit 0; }
source src/main/docker/podman-env.sh
image=localhost/harmony4:startup-bench
bash src/main/docker/local-base.sh >/dev/null
podman build -q -f src/main/docker/Dockerfile.jvm --build-arg BASE_IMAGE="$H4_BASE_IMAGE" -t "$image" . >/dev/null
trap 'podman rm -f harmony4-startup >/dev/null 2>&1 || true; podman rmi -f "$image" >/dev/null 2>&1 || true' EXIT
# podman create (with vfs storage, a copy of the whole image) is timed apart from podman start to ready, which is
# what a node that has the image pays; /bin/true in the same image is podman's own share of a start.
podman_ready() {
    local created=() ready=()
    for _ in $(seq 1 "$runs"); do
        local t0 t1
        t0=$(now_ms)
        podman create --name harmony4-startup --read-only --tmpfs /tmp -p "127.0.0.1:$port:8080" "$@" "$image" >/dev/null
        t1=$(now_ms)
        podman start harmony4-startup >/dev/null
        local deadline=$((SECONDS + 120))
        until curl -sf -o /dev/null "$url/q/health/ready"; do
            ((SECONDS < deadline)) || { podman logs harmony4-startup | tail -20; echo "image not ready" >&2; exit 1; }
            sleep 0.005
        done
        created+=($((t1 - t0)))
        ready+=($(($(now_ms) - t1)))
        podman rm -f harmony4-startup >/dev/null
    done
    echo "$(printf '%s\n' "${ready[@]}" | median) (create $(printf '%s\n' "${created[@]}" | median))"
}
podman_true() {
    local times=()
    for _ in $(seq 1 "$runs"); do
        podman create --name harmony4-startup --read-only --tmpfs /tmp --entrypoint /bin/true "$image" >/dev/null
        local t0
        t0=$(now_ms)
        podman start -a harmony4-startup >/dev/null
        times+=($(($(now_ms) - t0)))
        podman rm -f harmony4-startup >/dev/null
    done
    printf '%s\n' "${times[@]}" | median
}
echo
echo "podman start to ready (ms): with the AOT cache $(podman_ready), with -XX:AOTMode=off $(podman_ready \
    -e JAVA_TOOL_OPTIONS=-XX:AOTMode=off); podman start of /bin/true in the same image $(podman_true)"
size() { podman image inspect "$1" --format '{{.Size}}' | awk '{printf "%.0f MB", $1 / 1e6}'; }
echo "image $(size "$image"), of which base $(size "$H4_BASE_IMAGE") and AOT cache $(podman run --rm --entrypoint \
    /usr/bin/stat "$image" -c %s /deployments/app.aot | awk '{printf "%.0f MB", $1 / 1e6}')"
