#!/usr/bin/env bash
# Messages per second over HTTP with a dictionary (docs/benchmarks.md, "Small messages and dictionaries"): wrk on 32
# connections posting one 1 KiB message of seeded token ids to /v1/messages/compress?dictionary=ID, and its frame to
# /v1/messages/decompress, next to /bench/echo (the same request path without a codec) and to /v1/compress and
# /v1/decompress (the container) with the same body. The dictionary is trained by the app (POST /v1/dictionaries)
# on other messages of the same data than the one sent. Every row runs once per round, the rounds in turns, so that
# a busy minute of the shared machine falls on all rows; the table gives medians over the rounds, and each ratio's
# median over the ratios taken within a round, and the app's CPU time per request (median over the rounds).
# Usage: bench/messages-http.sh [SECONDS=15] [ROUNDS=3] [CONNECTIONS=32]
# Environment: HARMONY4_BENCH_APP_CPUS, HARMONY4_BENCH_LOAD_CPUS as bench/http.sh (default: the app on the first
# half of the CPUs, wrk on the other half; "all" runs unpinned), HARMONY4_BENCH_PORT (must be free; default 8091
# when it is free, else a free port: bench/app.sh).
# Needs: wrk, zstd and curl (apt-get install wrk zstd curl). The script packages the app itself, with /bench/echo.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
rounds=${2:-3}
conns=${3:-32}
. bench/app.sh
port=$(bench_port 8091)
work=target/messages-http
size=1024
jdk=/usr/lib/jvm/temurin-25-jdk-amd64/bin
[ -x "$jdk/java" ] && export PATH="$jdk:$PATH"   # the app and exec:exec run the java on the PATH
for tool in wrk zstd curl; do command -v $tool >/dev/null || { echo "needs $tool (apt-get install $tool)" >&2; exit 1; }; done
rm -rf "$work"
mkdir -p "$work"

# The app and wrk on different CPUs, as bench/http.sh runs them: on loopback, wrk's CPU time is otherwise the app's.
. bench/cpus.sh
echo "app on CPUs $app_cpus, wrk on CPUs $load_cpus, of $cpus; $conns connections, ${seconds}s per run, $rounds rounds"

# The app as ./mvnw package makes it, plus /bench/echo (only in a build with -Dbench.echo=true), in its own folder.
env -u JAVA_HOME ./mvnw -B -q package -DskipTests -Dbench.echo=true \
    -Dquarkus.package.output-directory=messages-http/app > "$work/package.log"
app_jar=$work/app/quarkus-run.jar
[ -f "$app_jar" ] || { echo "no $app_jar: see $work/package.log"; exit 1; }

# The messages, cut as the in-process benchmark cuts them (DictionaryMessageFiles): the first 4,000 of 1 KiB train,
# the first held-out one is every request's body.
env -u JAVA_HOME ./mvnw -B -q -Pbench test-compile > "$work/messages.log"
env -u JAVA_HOME ./mvnw -B -q -Pbench toolchains:select-jdk-toolchain exec:exec -Dbench.args="-bench message-files \
-files tokens -sizes $size -train-files true -out $work/messages" >> "$work/messages.log"
messages=$work/messages/tokens-$size
body=$messages/measured/m00000
[ "$(stat -c %s "$body")" = $size ] || { echo "no message: see $work/messages.log"; exit 1; }

# The image's settings (start_app) and a writable dictionary directory of the run's own.
start_app "$app_jar" "$PWD/target/native/libh4core.so" "$PWD/$work/spool" "$work/app.log" \
    HARMONY4_DICTIONARIES_DIR="$PWD/$work/dictionaries"
base="http://127.0.0.1:$port"
curl -sf "$base/v1/engine"; echo
curl -sf -H 'Content-Type: application/octet-stream' --data-binary x "$base/bench/echo" >/dev/null ||
    { echo "the app serves no /bench/echo: see $work/app.log"; exit 1; }

# Train the dictionary in the app: one multipart part named 'sample' per training message. The same samples gave
# the core's dictionary.bin (DictionaryMessageFiles), so the id must be its SHA-256; should training over HTTP fail,
# that dictionary is stored with PUT instead, and the run says so.
for f in "$messages"/train/m*; do echo "form = \"sample=@$f\""; done > "$work/train.curl"
expected=$(sha256sum "$messages/dictionary.bin" | cut -c1-64)
start=$(date +%s%N)
status=$(curl -s -K "$work/train.curl" -o "$work/dictionary.json" -w '%{http_code}' "$base/v1/dictionaries")
echo "POST /v1/dictionaries with $(ls "$messages"/train | wc -l) samples: $status in" \
    "$(( ($(date +%s%N) - start) / 1000000 )) ms: $(head -c 400 "$work/dictionary.json")"
id=$(sed -n 's/.*"id":"\([0-9a-f]\{64\}\)".*/\1/p' "$work/dictionary.json")
if [ "$status" != 201 ] || [ "$id" != "$expected" ]; then
    echo "training over HTTP did not give $expected: storing the core's dictionary.bin with PUT"
    curl -sf -X PUT -H 'Content-Type: application/octet-stream' --data-binary @"$messages/dictionary.bin" \
        "$base/v1/dictionaries/$expected" > /dev/null
    id=$expected
fi
echo "dictionary $id"

# The request bodies, each checked: the message's frame decodes with the zstd command and the dictionary fetched
# from the app, and the service answers the original bytes for it.
curl -sf -H 'Content-Type: application/octet-stream' --data-binary @"$body" \
    "$base/v1/messages/compress?dictionary=$id" -o "$work/message.zst"
curl -sf "$base/v1/dictionaries/$id" -o "$work/dictionary.bin"
zstd -q -d -D "$work/dictionary.bin" -c "$work/message.zst" | cmp - "$body"
curl -sf -H 'Content-Type: application/zstd' --data-binary @"$work/message.zst" "$base/v1/messages/decompress" |
    cmp - "$body"
curl -sf -H 'Content-Type: application/octet-stream' --data-binary @"$body" "$base/v1/compress" -o "$work/message.h4mk"
curl -sf -H 'Content-Type: application/vnd.harmony4.h4mk' --data-binary @"$work/message.h4mk" "$base/v1/decompress" |
    cmp - "$body"
echo "bodies: message $size bytes, its frame $(stat -c %s "$work/message.zst") bytes, its container" \
    "$(stat -c %s "$work/message.h4mk") bytes; each decodes to the message"

# The rows: name, target, body, content type.
rows=(
    "echo|/bench/echo|$body|application/octet-stream"
    "messages/compress, dictionary|/v1/messages/compress?dictionary=$id|$body|application/octet-stream"
    "messages/decompress, dictionary|/v1/messages/decompress|$work/message.zst|application/zstd"
    "compress (container)|/v1/compress|$body|application/octet-stream"
    "decompress (container)|/v1/decompress|$work/message.h4mk|application/vnd.harmony4.h4mk"
)
# The app's CPU time (user and system, all its threads) in clock ticks: per request, it tells what a row costs the app
# whatever share of a shared machine's CPUs the app got (req/s depends on that share, and a request served on the
# event loop alone competes with other processes with one or two threads where one handed to workers has many).
ticks() { awk '{print $14 + $15}' /proc/$app/stat; }
load() { # row seconds: one wrk run, its RESULT line and the app's CPU per request (cpu_us)
    local name target file ct t0 result
    IFS='|' read -r name target file ct <<< "${rows[$1]}"
    t0=$(ticks)
    result=$(BODY=$file CT=$ct TARGET=$target taskset -c "$load_cpus" wrk -t2 -c"$conns" -d"$2s" --timeout 10s \
        -s bench/wrk-post.lua "$base" | grep RESULT)
    echo "$result cpu_us=$(awk -v t=$(( $(ticks) - t0 )) -v hz="$(getconf CLK_TCK)" -v line="$result" 'BEGIN {
        n = line; sub(/.*requests=/, "", n); sub(/ .*/, "", n); printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0) }')"
}
# A warm-up round, not recorded: the JIT compiles every row's path before the first measured round.
for k in "${!rows[@]}"; do echo "warm-up row=$k $(load "$k" 5)"; done
results=$work/results.txt
: > "$results"
for round in $(seq 1 "$rounds"); do
    for k in "${!rows[@]}"; do
        echo "round=$round row=$k $(load "$k" "$seconds")" | tee -a "$results"
    done
done

# Medians over the rounds; ratios within each round against echo (row 0) and against the container's endpoint of the
# same direction (rows 3 and 4).
echo
echo "1 KiB token-id message, $conns connections, ${seconds}s per run, medians of $rounds rounds in turns; app on" \
    "CPUs $app_cpus, wrk on CPUs $load_cpus"
echo "| run | requests (all rounds) | errors, non-2xx | req/s | p50 ms | p99 ms | × echo | × container, same direction | app CPU µs/request |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for k in "${!rows[@]}"; do
    IFS='|' read -r name _ <<< "${rows[$k]}"
    awk -v k="$k" -v name="$name" '
        function field(line, key,   m) { m = line; sub(".*" key "=", "", m); sub(/ .*/, "", m); return m + 0 }
        function median(a, n,   i, j, t) {
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
            return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
        { r = field($0, "round"); row = field($0, "row"); rps[r, row] = field($0, "rps") }
        row == k { n++; req += field($0, "requests"); err += field($0, "errors"); bad += field($0, "non2xx")
                   p50[n] = field($0, "p50_ms"); p99[n] = field($0, "p99_ms"); cpu[n] = field($0, "cpu_us")
                   rounds[n] = r }
        END {
            peer = k == 1 ? 3 : k == 2 ? 4 : -1
            for (i = 1; i <= n; i++) { own[i] = rps[rounds[i], k]; e[i] = own[i] / rps[rounds[i], 0]
                                       if (peer > 0) c[i] = own[i] / rps[rounds[i], peer] }
            printf "| %s | %d | %d, %d | %.0f | %.2f | %.2f | %s | %s | %.1f |\n", name, req, err, bad, median(own, n),
                median(p50, n), median(p99, n), k == 0 ? "" : sprintf("%.2f", median(e, n)),
                peer < 0 ? "" : sprintf("%.2f", median(c, n)), median(cpu, n) }' "$results"
done
echo
echo "spool files left: $(find "$work/spool" -name '*.spool' 2>/dev/null | wc -l)"
