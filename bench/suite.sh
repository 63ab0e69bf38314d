#!/usr/bin/env bash
# The JMH suite of docs/benchmarks.md in one command: harmony4's engines and container against zstd-jni,
# aircompressor (pure-Java and FFM zstd), lz4-java and the JDK's Deflater, on the same data and block sizes, each
# row set against a peer measured in the same run. Writes one Markdown table per file under target/bench/.
# Usage: bench/suite.sh [SECONDS] [ITERATIONS] [TABLES]
#   SECONDS     per JMH iteration (default 1)
#   ITERATIONS  measured iterations per benchmark, after one warm-up iteration (default 3)
#   TABLES      which tables, comma-separated (default all: engines-1m,records-4k,container,small)
# Needs nothing but ./mvnw; the corpus files join the generated sets (numeric, json) when ../shared/corpus has them.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-1}
iterations=${2:-3}
tables=,${3:-engines-1m,records-4k,container,small},
out=target/bench
mkdir -p "$out"

files=numeric,json
boxed=$files
if ls ../shared/corpus/*.zip >/dev/null 2>&1; then
    files=dickens,ooffice,osdb,xml,$files
    boxed=$files,mix64 # mix64: the 64 MiB body of bench/http.sh, for its in-process figure
fi
engines=reference,core-1,core-3,core-9,core-3-unverified,zstd-jni-1,zstd-jni-3,zstd-jni-9,air-java,air-ffm-1,air-ffm-3,air-ffm-9,lz4,lz4-hc-9,deflate-1,deflate-6
jmh="-wi 1 -i $iterations -time $seconds"

table() { # name, then BenchMain's arguments: prints the table and keeps it in $out/name.md
    local name=$1
    shift
    [[ $tables == *,$name,* ]] || return 0
    echo "== $name: $*"
    env -u JAVA_HOME ./mvnw -B -q -Pbench toolchains:select-jdk-toolchain exec:exec -Dbench.args="$* $jmh" > "$out/$name.log"
    # the table is what BenchMain prints after JMH's own report: from its caption line to the end
    awk '/^(block size|engine:|ns per call)/ { t = 1 } t' "$out/$name.log" | tee "$out/$name.md"
}

env -u JAVA_HOME ./mvnw -B -q -Pbench test-compile
{ nproc; grep -m1 'model name' /proc/cpuinfo; uname -r; } > "$out/machine.txt"
table engines-1m -bench engine -engines "$engines" -files "$files" -block 1048576
table records-4k -bench engine -engines "$engines" -files json -block 4096
table container -bench container -engines core-3 -baseline zstd-jni-3 -mtpeer zstd-jni-3-t2 -files "$boxed" \
    -blocks 1048576 -threads 1,2
table small -bench small -engines core-3,core-3-unverified,zstd-jni-3,air-ffm-3 -baseline zstd-jni-3
echo "tables in $out/*.md"
