#!/usr/bin/env bash
# The core engine (JMH, single thread) and zstd's own benchmark (zstd -b, --single-thread) at the same levels on
# the same corpus files, one after the other in one run. zstd -b reports its fastest run: compare it with the
# core's "best" column (its fastest JMH iteration), not with the mean. Usage: bench/core-vs-zstd.sh [LEVELS] [SECONDS] [BLOCK]
#   LEVELS   comma-separated zstd levels (default 1,3)
#   SECONDS  seconds per JMH iteration and per zstd -b run (default 2)
#   BLOCK    0 for whole files, else independent blocks of this many bytes, as the container cuts them (default 0)
set -euo pipefail
cd "$(dirname "$0")/.."
levels=${1:-1,3}
seconds=${2:-2}
block=${3:-0}
zstd_block=()
[ "$block" = 0 ] || zstd_block=(-B"$block")
engines=$(echo "$levels" | sed 's/\([0-9-]*\)/core-\1/g')

env -u JAVA_HOME ./mvnw -B -q -Pbench test-compile exec:exec \
    -Dbench.args="-engines $engines -block $block -wi 2 -i 5 -time $seconds" | sed -n '/^block size/,$p'

echo
echo "| zstd $(zstd --version | grep -o 'v[0-9.]*') | file | ratio | compress MB/s | decompress MB/s |"
echo "|---|---|---:|---:|---:|"
for level in ${levels//,/ }; do
    for f in target/corpus/*; do
        # zstd -b redraws " |-<file> : <in> -> <out> (x<ratio>), <c> MB/s, <d> MB/s" with a spinner (| / - \\ =)
        # before the name; the last line is the result
        row=$(zstd -b"$level" -e"$level" --single-thread "${zstd_block[@]}" -i"$seconds" "$f" 2>&1 | tr '\r' '\n' |
            grep -E 'MB/s.*MB/s' | tail -1 |
            sed -E "s@^ *(.-|-?[0-9]+#)([^ ]+) *: *[0-9]+ -> *[0-9]+ \(x?([0-9.]+)\), *([0-9.]+) MB/s, *([0-9.]+) MB/s.*@| zstd -$level | \2 | \3 | \4 | \5 |@") || true
        echo "${row:-| zstd -$level | $(basename "$f") | n/a | n/a | n/a |}"
    done
done
