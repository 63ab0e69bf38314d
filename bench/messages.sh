#!/usr/bin/env bash
# Time per message with a dictionary, in process (docs/benchmarks.md, "Small messages and dictionaries"):
# 1. the core's C calls (bench/dict-calls.c; h4_compress_dict_verified too: the compression with the engine's
#    round-trip check in one call) against libzstd called directly as zstd-jni calls it, on the same
#    libzstd, and on zstd-jni's own libzstd (taken from its jar): what the core adds below Java, and what the libzstd
#    versions differ by;
# 2. in Java, in turns in one JVM (DictionaryMessageTurns): the core bound to a dictionary it trained, as the service
#    runs it (CoreEngine.withDictionary: since ABI 7 its round-trip check is the core's, h4_compress_dict_verified)
#    and without its round-trip check, and the service's message path
#    (MessageService), each against zstd-jni with the same dictionary bytes (ZstdDictCompress / ZstdDictDecompress),
#    every round running every variant once: the ratios;
# 3. the same variants under JMH, one fork each (DictionaryMessageBenchmark, DictionaryMessageTimes), SWEEPS times
#    (0: skipped): times per fork, the frames' sizes, the bytes allocated per message and the Java digests' times.
# Data: seeded token ids, SyntheticData's JSON records, and dickens from the Silesia corpus (CORPUS=/path/to/zips,
# default ../shared/corpus from the checkout); messages of 256 B to 16 KiB, the dictionary trained on other messages.
# Usage: bench/messages.sh [SWEEPS=1] [FILES=tokens,json,dickens] [ROUNDS=21]
set -euo pipefail
cd "$(dirname "$0")/.."
sweeps=${1:-1}
files=${2:-tokens,json,dickens}
rounds=${3:-21}
sizes=256,1024,4096,16384
work=target/messages-bench
jdk=/usr/lib/jvm/temurin-25-jdk-amd64/bin
[ -x "$jdk/java" ] && export PATH="$jdk:$PATH"   # exec:exec runs the java on the PATH
corpus=()
if [ -n "${CORPUS:-}" ]; then
    corpus=("-Dh4.corpus.dir=$CORPUS")
fi
bench() { env -u JAVA_HOME ./mvnw -B -q -Pbench "${corpus[@]}" toolchains:select-jdk-toolchain exec:exec -Dbench.args="$*"; }
rm -rf "$work/files"
mkdir -p "$work"
env -u JAVA_HOME ./mvnw -B -q -Pbench test-compile

# 1. The C calls, on the dictionaries and held-out messages the JMH benchmark uses, written as files.
bench -bench message-files -files "$files" -sizes "$sizes" -out "$work/files" > "$work/files.log"
cc -O2 -std=c11 -Wall -Wextra -Werror -Inative/include -Inative/src -o "$work/dict-calls" bench/dict-calls.c \
    -Ltarget/native -l:libh4core.so -l:libzstd.so.1 -ldl -Wl,-rpath,"$PWD/target/native"
zstd_jni=$(sed -n 's:.*<zstd-jni.version>\(.*\)</zstd-jni.version>.*:\1:p' pom.xml)
jar=$HOME/.m2/repository/com/github/luben/zstd-jni/$zstd_jni/zstd-jni-$zstd_jni.jar
peer=""
if [ -f "$jar" ] && unzip -o -q "$jar" 'linux/amd64/*' -d "$work/zstd-jni" 2>/dev/null; then
    peer=$(ls "$PWD/$work"/zstd-jni/linux/amd64/*.so)
fi
echo
peer_note=""
[ -z "$peer" ] || peer_note=", peer: the libzstd inside zstd-jni $zstd_jni"
echo "C calls, ns per message (the process's CPU time), median of $rounds rounds in turns; libzstd: the core's (Debian's" \
    "$(zstd -q --version | tr -d v))$peer_note"
echo "| data | message | compress: libzstd once | libzstd as h4 | h4_compress_dict | h4 × libzstd once | peer libzstd once |" \
    "h4_compress_dict_verified | verified × libzstd once | decompress: libzstd once | h4 | h4 × libzstd once |" \
    "peer libzstd once |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for f in ${files//,/ }; do
    for s in ${sizes//,/ }; do
        d=$work/files/$f-$s
        out=$(PEER_LIBZSTD=$peer "$work/dict-calls" "$rounds" "$d/dictionary.bin" "$d"/measured/m*)
        get() { echo "$out" | sed -n "s/^$1=//p"; }
        c0=$(get "compress, libzstd once") c1=$(get "compress, libzstd as h4") c2=$(get "compress, h4")
        c3=$(get "compress, peer libzstd once") c4=$(get "compress, h4 verified") d0=$(get "decompress, libzstd once")
        d1=$(get "decompress, h4")
        d2=$(get "decompress, peer libzstd once")
        label=$([ $(( s % 1024 )) = 0 ] && echo "$(( s / 1024 )) KiB" || echo "$s B")
        echo "| $f | $label | $c0 | $c1 | $c2 | $(awk -v a="$c0" -v b="$c2" 'BEGIN { printf "%.2f", a / b }') |" \
            "${c3:-n/a} | $c4 | $(awk -v a="$c0" -v b="$c4" 'BEGIN { printf "%.2f", a / b }') | $d0 | $d1 | $(awk -v a="$d0" -v b="$d1" 'BEGIN { printf "%.2f", a / b }') | ${d2:-n/a} |"
    done
done

# 2. In turns.
variants=core-3,core-3-unverified,zstd-jni-3,service
bench -bench message-turns -engines $variants -files "$files" -sizes "$sizes" -rounds "$rounds" > "$work/turns.log"
sed -n '/^ns per message/,$p' "$work/turns.log"

# 3. JMH.
if [ "$sweeps" -gt 0 ]; then
    bench -bench messages -engines $variants -files "$files" -sizes "$sizes" -repeat "$sweeps" -wi 1 -i 2 -time 1 \
        > "$work/jmh.log"
    sed -n '/^ns per message/,$p' "$work/jmh.log"
fi
