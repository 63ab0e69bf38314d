#!/usr/bin/env bash
# Load on the packaged app (java -jar, core engine) from wrk on loopback, each endpoint next to /bench/echo (the same
# request path without a codec), and the 64 MiB rows next to the in-process container on the same CPUs and data;
# then each corpus file (dickens, ooffice, osdb, xml) compressed and its container decompressed over HTTP, one
# request at a time, next to `zstd -3 -T1` and `zstd -d` on the same file and CPUs.
# Usage: bench/http.sh [SECONDS] [MIXED_SECONDS] [FILE_SECONDS]
#   SECONDS        duration of each wrk run (default 30)
#   MIXED_SECONDS  duration of the mixed run after which heap and RSS are read (default 0: skip)
#   FILE_SECONDS   duration of each per-file wrk run, two per file (default a third of SECONDS, at least 2; 0: skip)
# Environment: HARMONY4_BENCH_APP_CPUS (the app's and the in-process baseline's CPUs) and HARMONY4_BENCH_LOAD_CPUS
# (wrk's), as bench/cpus.sh says: by default the first and the second half of the machine's CPUs.
# Needs: wrk, zstd and unzip (apt-get install wrk zstd unzip), python3, and the corpus zips in ../shared/corpus (else
# MAVEN_ARGS=-Dh4.corpus.dir=DIR for the in-process baseline and HARMONY4_CORPUS_DIR=DIR for the bodies, bench/mix64.sh).
# The script packages the app itself, with /bench/echo.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
mixed=${2:-0}
file_seconds=${3:-$(( seconds / 3 < 2 ? 2 : seconds / 3 ))}
corpus_files="dickens ooffice osdb xml"
port=${HARMONY4_BENCH_PORT:-8089}
work=target/http-bench
mkdir -p "$work"
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[ -x "$java" ] || java=java

. bench/cpus.sh   # the app and wrk on different CPUs; the in-process baseline runs on the app's CPUs
. bench/mix64.sh
. bench/app.sh
echo "app and in-process baseline on CPUs $app_cpus ($app_cpu_count), wrk on CPUs $load_cpus, of $cpus"

# The app as ./mvnw package makes it, plus /bench/echo, which only a build with -Dbench.echo=true has: packaged into
# target/http-bench/app, so that target/quarkus-app (what the image takes) stays a production build.
env -u JAVA_HOME ./mvnw -B -q package -DskipTests -Dbench.echo=true -Dquarkus.package.output-directory=http-bench/app \
    > "$work/package.log"
app_jar=target/http-bench/app/quarkus-run.jar
[ -f "$app_jar" ] || { echo "no $app_jar: see $work/package.log"; exit 1; }

# Bodies: 64 MiB of the corpus mix (the same bytes as BenchData's "mix64"), 4 KiB of it, and their containers.
mix64 "$work/body-64m.bin"
head -c 4096 target/corpus/dickens > "$work/body-4k.bin"

# The in-process baseline: the same 64 MiB (BenchData's "mix64") through the container writer and the verifying
# reader, core level 3, 1 MiB blocks, one block thread per app CPU, on the app's CPUs, before the app starts.
env -u JAVA_HOME ./mvnw -B -q -Pbench test-compile > "$work/inprocess.log"
taskset -c "$app_cpus" env -u JAVA_HOME ./mvnw -B -q -Pbench toolchains:select-jdk-toolchain exec:exec \
    -Dbench.args="-bench container -engines core-3 -files mix64 -blocks 1048576 -threads $app_cpu_count -wi 1 -i 3 -time 2" \
    >> "$work/inprocess.log"
read -r inproc_c inproc_d < <(awk -F'|' '$2 ~ /mix64/ && $4 ~ /container/ { print $6, $7 }' "$work/inprocess.log")
[ -n "$inproc_d" ] || { echo "no in-process figure: see $work/inprocess.log"; exit 1; }
echo "in-process container on CPUs $app_cpus: compress $inproc_c MB/s, decompress $inproc_d MB/s"

# The peer a user would pick instead: the zstd command at the core's level, one worker, on the app's CPUs, from the
# page cache to /dev/null; the median of five runs, in MB/s of content.
zstd_mbs() { # content-bytes zstd-arguments...
    local size=$1; shift
    for i in 1 2 3 4 5; do
        start=$(date +%s%N); taskset -c "$app_cpus" zstd -q "$@" > /dev/null
        echo "$(( $(date +%s%N) - start ))"; done | sort -n | sed -n 3p |
        awk -v s="$size" '{ printf "%.1f", s / ($1 / 1e9) / 1e6 }'
}
zstd_c=$(zstd_mbs 67108864 -3 -T1 -c "$work/body-64m.bin")
echo "zstd -3 -T1 on CPUs $app_cpus: compress $zstd_c MB/s (median of 5)"
# and its decompression, one thread
zstd -q -3 -T1 -f "$work/body-64m.bin" -o "$work/body-64m.zst"
zstd_d=$(zstd_mbs 67108864 -d -T1 -c "$work/body-64m.zst")
echo "zstd -d on CPUs $app_cpus: decompress $zstd_d MB/s (median of 5)"

# What loopback alone costs the app's CPU per MiB sent (sendfile) and received, with no server code: the floor
# under each HTTP row. On loopback the sender's CPU also runs the receiver's TCP input. Only where wrk has CPUs of
# its own: sharing them, wrk's time would count as the app's.
send_ms="" recv_ms=""
if $pinned; then
    floor=$(python3 bench/loopback-floor.py "${app_cpus%%[-,]*}" "${load_cpus%%[-,]*}" "$work/body-64m.bin")
    send_ms=$(echo "$floor" | sed -E 's/(^| )send_ms_per_mib=([0-9.]+).*/\2/')
    recv_ms=$(echo "$floor" | sed -E 's/.*(^| )recv_ms_per_mib=([0-9.]+).*/\2/')
    own_ms=$(echo "$floor" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^own_/) { split($i, f, "="); s += f[2] } }
        END { print s }')
    echo "loopback on CPU ${app_cpus%%[-,]*}: sending costs $send_ms ms of CPU per MiB, receiving $recv_ms ms;" \
        "the bare sender's and receiver's own CPU time, both ways: $own_ms ms per MiB"
fi

start_app "$app_jar" "$PWD/target/native/libh4core.so" "$PWD/$work/spool" "$work/app.log"
curl -sf "http://127.0.0.1:$port/v1/engine"; echo
curl -sf -H 'Content-Type: application/octet-stream' --data-binary x "http://127.0.0.1:$port/bench/echo" >/dev/null ||
    { echo "the app serves no /bench/echo: see $work/app.log"; exit 1; }

base="http://127.0.0.1:$port"
curl -sf -H 'Content-Type: application/octet-stream' --data-binary @"$work/body-64m.bin" "$base/v1/compress" \
    -o "$work/body-64m.h4mk"
curl -sf -H 'Content-Type: application/octet-stream' --data-binary @"$work/body-4k.bin" "$base/v1/compress" \
    -o "$work/body-4k.h4mk"

field() { echo "$1" | sed -E "s/.* $2=([0-9.]+).*/\1/"; }
post() { # target body content-type connections: wrk for $seconds, its RESULT line
    BODY=$2 CT=$3 TARGET=$1 taskset -c "$load_cpus" wrk -t"$(( $4 < 2 ? 1 : 2 ))" -c"$4" -d"${seconds}s" \
        --timeout 60s -s bench/wrk-post.lua "$base" | grep RESULT
}
run() { # name target body content-type connections [echo-rps] [in-process MB/s]: one table row; sets $rps
    local name=$1 target=$2 body=$3 ct=$4 conns=$5 echo_rps=${6:-} inproc=${7:-}
    local out size mbs versus="" against="" best=""
    out=$(post "$target" "$body" "$ct" "$conns")
    # MB/s of content: the original bytes, whichever way they travel (a container body stands for its content)
    size=$(stat -c %s "${body%.*}.bin")
    rps=$(field "$out" rps)
    mbs=$(awk -v r="$rps" -v s="$size" 'BEGIN { printf "%.1f", r * s / 1e6 }')
    [ -z "$echo_rps" ] || versus=$(awk -v r="$rps" -v e="$echo_rps" 'BEGIN { printf "%.2f", r / e }')
    [ -z "$inproc" ] || against=$(awk -v m="$mbs" -v i="$inproc" 'BEGIN { printf "%.2f", m / i }')
    if [ -n "$inproc" ] && [ -n "$send_ms" ]; then
        # The best ratio any server could reach here: the in-process time per request plus the loopback floor of
        # the bytes this request moves (received body, sent answer), spread over the app's CPUs.
        local up down
        up=$(stat -c %s "$body")
        down=$(stat -c %s "$work/body-64m.h4mk")
        [ "$target" != /v1/decompress ] || down=$size
        best=$(awk -v i="$inproc" -v s="$size" -v up="$up" -v down="$down" -v sm="$send_ms" -v rm="$recv_ms" \
            -v n="$app_cpu_count" 'BEGIN { work = s / 1e6 / i * 1000; floor = (up * rm + down * sm) / 1048576 / n
                printf "%.2f", work / (work + floor) }')
    fi
    echo "| $name | $conns | $(field "$out" requests) | $(field "$out" errors), $(field "$out" non2xx) | $rps |" \
        "$(field "$out" p50_ms) | $(field "$out" p99_ms) | $mbs | $versus | $against | $best |"
}

# The echo endpoint first: the same request path with no codec, the baseline of each row below.
echo "| run | connections | requests | errors, non-2xx | req/s | p50 ms | p99 ms | MB/s of content | × echo | × in-process | best possible × in-process |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
ticks() { awk '{ print $14 + $15 }' "/proc/$app/stat"; }
echo_ticks=$(ticks)
run "echo 64 MiB" /bench/echo "$work/body-64m.bin" application/octet-stream 1; echo_large=$rps
echo_ticks=$(( $(ticks) - echo_ticks ))
if [ -n "$send_ms" ]; then
    # The floor of an echo: 64 MiB received and 64 MiB sent on the app's CPUs, with no server code. Against the
    # rate, with the CPUs' busy time (which other jobs of a shared machine add to); and against the app's own CPU
    # time per echo, with the bare sender's and receiver's own (which they do not).
    echo "echo 64 MiB: $(awk -v r="$echo_large" -v sm="$send_ms" -v rm="$recv_ms" -v n="$app_cpu_count" \
        'BEGIN { printf "%.2f", (64 * (sm + rm) / n / 1000) * r }') x the loopback floor ($send_ms + $recv_ms ms per MiB)"
    echo "echo 64 MiB: $(awk -v t="$echo_ticks" -v hz="$(getconf CLK_TCK)" -v r="$echo_large" -v s="$seconds" \
        -v own="$own_ms" 'BEGIN { cpu = t / hz / (r * s); printf "%.3f s of the app'"'"'s CPU per request, %.2f", cpu,
        64 * own / 1000 / cpu }') x the floor in own CPU time ($own_ms ms per MiB)"
fi
versus_zstd() { # what: $rps of 64 MiB requests against zstd's MB/s, one line
    echo "$1: $(awk -v r="$rps" -v z="$2" \
        'BEGIN { printf "%.1f MB/s of content, %.2f", r * 67108864 / 1e6, r * 67108864 / 1e6 / z }') x $3 ($2 MB/s) in this run"
}
run "compress 64 MiB" /v1/compress "$work/body-64m.bin" application/octet-stream 1 "$echo_large" "$inproc_c"
versus_zstd "compress 64 MiB over HTTP, 1 connection" "$zstd_c" "zstd -3 -T1"
# delivery=streamed: each chunk sent once its block is compressed and checked, so sending overlaps compressing, as
# zstd's own output does; the same bytes as the default's (ApiStreamedDeliveryTest)
run "compress 64 MiB, streamed" "/v1/compress?delivery=streamed" "$work/body-64m.bin" application/octet-stream 1 \
    "$echo_large" "$inproc_c"
versus_zstd "compress 64 MiB over HTTP, streamed, 1 connection" "$zstd_c" "zstd -3 -T1"
run "compress 64 MiB" /v1/compress "$work/body-64m.bin" application/octet-stream 2 "$echo_large" "$inproc_c"
versus_zstd "compress 64 MiB over HTTP, 2 connections" "$zstd_c" "zstd -3 -T1"
run "decompress 64 MiB" /v1/decompress "$work/body-64m.h4mk" application/vnd.harmony4.h4mk 1 "$echo_large" "$inproc_d"
versus_zstd "decompress 64 MiB over HTTP, 1 connection" "$zstd_d" "zstd -d"
run "decompress 64 MiB" /v1/decompress "$work/body-64m.h4mk" application/vnd.harmony4.h4mk 2 "$echo_large" "$inproc_d"
versus_zstd "decompress 64 MiB over HTTP, 2 connections" "$zstd_d" "zstd -d"
run "echo 4 KiB" /bench/echo "$work/body-4k.bin" application/octet-stream 32; echo_small=$rps
run "compress 4 KiB" /v1/compress "$work/body-4k.bin" application/octet-stream 32 "$echo_small"
run "decompress 4 KiB" /v1/decompress "$work/body-4k.h4mk" application/vnd.harmony4.h4mk 32 "$echo_small"

if [ "$file_seconds" -gt 0 ]; then
    # Each corpus file on its own, one request at a time (issue 28's targets hold per file): its compression over
    # HTTP next to `zstd -3 -T1`, and the decompression of the container the app made of it next to `zstd -d` of
    # zstd's own frame, both on the app's CPUs (median of 5); MB/s of the file's bytes. Each container is checked to
    # decompress to its file first.
    echo
    echo "per corpus file, 1 connection, ${file_seconds}s per row; zstd on CPUs $app_cpus (median of 5):"
    echo "| file | MiB | container ratio | compress over HTTP MB/s | requests, errors, non-2xx | \`zstd -3 -T1\` MB/s | × \`zstd -3 -T1\` | decompress over HTTP MB/s | requests, errors, non-2xx | \`zstd -d\` MB/s | × \`zstd -d\` |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    all_seconds=$seconds seconds=$file_seconds
    for name in $corpus_files; do
        bin="$work/file-$name.bin" h4mk="$work/file-$name.h4mk"
        cp target/corpus/$name "$bin"
        size=$(stat -c %s "$bin")
        curl -sf -H 'Content-Type: application/octet-stream' --data-binary @"$bin" "$base/v1/compress" -o "$h4mk"
        curl -sf -H 'Content-Type: application/vnd.harmony4.h4mk' --data-binary @"$h4mk" "$base/v1/decompress" |
            cmp -s - "$bin" || { echo "the container of $name does not decompress to it"; exit 1; }
        # zstd takes the file as many times as make about 64 MiB in one run (a frame each, written one after the
        # other), so that its process start, a millisecond or more, is not counted against a file of 5 MiB
        copies=$(( (67108864 + size - 1) / size ))
        zc=$(zstd_mbs $(( copies * size )) -3 -T1 -c $(for _ in $(seq "$copies"); do echo "$bin"; done))
        zstd -q -3 -T1 -f "$bin" -o "$work/file-$name.zst"
        zd=$(zstd_mbs $(( copies * size )) -d -T1 -c $(for _ in $(seq "$copies"); do echo "$work/file-$name.zst"; done))
        c=$(post /v1/compress "$bin" application/octet-stream 1)
        d=$(post /v1/decompress "$h4mk" application/vnd.harmony4.h4mk 1)
        awk -v name="$name" -v s="$size" -v h="$(stat -c %s "$h4mk")" -v zc="$zc" -v zd="$zd" \
            -v cr="$(field "$c" rps)" -v dr="$(field "$d" rps)" \
            -v cn="$(field "$c" requests), $(field "$c" errors), $(field "$c" non2xx)" \
            -v dn="$(field "$d" requests), $(field "$d" errors), $(field "$d" non2xx)" \
            'BEGIN { c = cr * s / 1e6; d = dr * s / 1e6
                printf "| %s | %.1f | %.3f | %.1f | %s | %.1f | %.2f | %.1f | %s | %.1f | %.2f |\n",
                    name, s / 1048576, s / h, c, cn, zc, c / zc, d, dn, zd, d / zd }'
    done
    seconds=$all_seconds
fi

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
    # What the heap still holds once collected: the live set, so a leak would show here.
    "$(dirname "$(command -v "$java")")/jcmd" "$app" GC.run > /dev/null 2>&1 && echo "after a full GC: RSS $(rss), heap used $(heap)"
fi
echo "spool files left: $(find "$work/spool" -name '*.spool' 2>/dev/null | wc -l)"
