#!/usr/bin/env bash
# Two builds of the app side by side, in alternating turns, on the corpus files over HTTP: for a change to the request
# path whose effect is smaller than this machine's drift between two runs of bench/http.sh. Each turn starts a fresh
# app of one build (java -jar, core engine, the same settings as bench/http.sh), warms it on every file, then runs
# wrk on one connection for SECONDS per file and way (compress, then decompress of that app's container), and stops
# it; the builds take turns, so that both see the same drift. Prints MB/s of the file's bytes per turn, then the
# medians per build and their ratio (NEW / OLD).
# Usage: bench/http-turns.sh OLD_REF NEW_REF [TURNS=3] [SECONDS=5] [FILES="xml osdb"]
# Environment: HARMONY4_BENCH_APP_CPUS and HARMONY4_BENCH_LOAD_CPUS as bench/cpus.sh says (set both to "all" for
# issue 28's set-up, where the app and wrk share the machine), HARMONY4_CORPUS_DIR (default ../shared/corpus).
# Needs: wrk, unzip, python3; each ref is built in a git worktree of its own under target/http-turns.
set -euo pipefail
cd "$(dirname "$0")/.."
old=${1:?usage: bench/http-turns.sh OLD_REF NEW_REF [TURNS] [SECONDS] [FILES]}
new=${2:?usage: bench/http-turns.sh OLD_REF NEW_REF [TURNS] [SECONDS] [FILES]}
turns=${3:-3}
seconds=${4:-5}
files=${5:-xml osdb}
corpus=${HARMONY4_CORPUS_DIR:-../shared/corpus}
work=$PWD/target/http-turns
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[ -x "$java" ] || java=java
mkdir -p "$work"
. bench/cpus.sh
. bench/app.sh

# Each ref's app, as bench/http.sh packages it, from a worktree at that commit (the native core built there too).
build() {
    local ref=$1 dir=$work/src-$1
    [ -d "$dir" ] || git worktree add -q --detach "$dir" "$ref"
    (cd "$dir" && git checkout -q --detach "$ref" &&
        env -u JAVA_HOME ./mvnw -B -q package -DskipTests -Dbench.echo=true \
            -Dquarkus.package.output-directory=http-turns-app > "$work/package-$ref.log" 2>&1) ||
        { echo "the build of $ref failed: $work/package-$ref.log"; exit 1; }
}
build "$old"
build "$new"

for name in $files; do
    [ -s "$work/$name" ] || unzip -p "$corpus/$name.zip" > "$work/$name" ||
        { echo "no $corpus/$name.zip: set HARMONY4_CORPUS_DIR"; rm -f "$work/$name"; exit 1; }
done

port=$(bench_port 8091)
base="http://127.0.0.1:$port"
post() { # target body content-type seconds: wrk's RESULT line
    BODY=$2 CT=$3 TARGET=$1 taskset -c "$load_cpus" wrk -t1 -c1 -d"$4s" --timeout 60s -s bench/wrk-post.lua "$base" |
        grep RESULT
}
rps() { sed -n 's/.* rps=\([0-9.]*\).*/\1/p' <<< "$1"; }

results=$work/results.tsv
: > "$results"
echo "app on CPUs $app_cpus, wrk on CPUs $load_cpus; $turns turns, ${seconds}s per file and way, 1 connection"
for turn in $(seq "$turns"); do
    for ref in "$old" "$new"; do
        dir=$work/src-$ref
        start_app "$dir/target/http-turns-app/quarkus-run.jar" "$dir/target/native/libh4core.so" "$work/spool" \
            "$work/app-$ref.log"
        for name in $files; do
            curl -sf -H 'Content-Type: application/octet-stream' --data-binary @"$work/$name" "$base/v1/compress" \
                -o "$work/$name-$ref.h4mk"
            curl -sf -H 'Content-Type: application/vnd.harmony4.h4mk' --data-binary @"$work/$name-$ref.h4mk" \
                "$base/v1/decompress" | cmp -s - "$work/$name" || { echo "$ref: $name does not round-trip"; exit 1; }
            post /v1/compress "$work/$name" application/octet-stream "$seconds" > /dev/null # warm-up
            post /v1/decompress "$work/$name-$ref.h4mk" application/vnd.harmony4.h4mk "$seconds" > /dev/null
        done
        for name in $files; do
            size=$(stat -c %s "$work/$name")
            c=$(rps "$(post /v1/compress "$work/$name" application/octet-stream "$seconds")")
            d=$(rps "$(post /v1/decompress "$work/$name-$ref.h4mk" application/vnd.harmony4.h4mk "$seconds")")
            awk -v t="$turn" -v r="$ref" -v n="$name" -v s="$size" -v c="$c" -v d="$d" \
                'BEGIN { printf "%s\t%s\t%s\t%.1f\t%.1f\n", t, r, n, c * s / 1e6, d * s / 1e6 }' | tee -a "$results"
        done
        kill "$app"; wait "$app" 2>/dev/null || true
        trap - EXIT
    done
done

python3 - "$results" "$old" "$new" <<'EOF'
import statistics, sys
rows = [l.split("\t") for l in open(sys.argv[1]).read().splitlines()]
old, new = sys.argv[2], sys.argv[3]
print(f"\n| file | way | {old} MB/s, median (range) | {new} MB/s, median (range) | {new} / {old} |")
print("|---|---|---:|---:|---:|")
for name in dict.fromkeys(r[2] for r in rows):
    for way, col in (("compress", 3), ("decompress", 4)):
        a = [float(r[col]) for r in rows if r[1] == old and r[2] == name]
        b = [float(r[col]) for r in rows if r[1] == new and r[2] == name]
        ma, mb = statistics.median(a), statistics.median(b)
        print(f"| {name} | {way} | {ma:.1f} ({min(a):.1f}-{max(a):.1f}) | {mb:.1f} ({min(b):.1f}-{max(b):.1f}) "
              f"| {mb / ma:.2f} |")
EOF
