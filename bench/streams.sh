#!/usr/bin/env bash
# Token streams (docs/benchmarks.md, "Token streams"): the ratio of one core stream (a flush per message) against
# zstd-jni's ZstdOutputStream with flush() per message at level 3, beside each message alone, with a trained
# dictionary and a stream seeded with it; then the memory a stream holds at level 3
# (src/bench/java/io/harmony4/bench/StreamRatios.java). Data: seeded token ids (as bench/dictionaries.sh) and dickens
# from the Silesia corpus (skipped when absent; CORPUS=/path/to/zips names the folder, default ../shared/corpus).
# The first run fetches JMH and build-helper from Maven Central (the bench profile).
# Resident memory per stream, without a garbage collector in the way: make -C native bench-stream-memory.
# Usage: bench/streams.sh
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=()
if [ -n "${CORPUS:-}" ]; then
    corpus=("-Dh4.corpus.dir=$CORPUS")
fi
./mvnw -B -q -Pbench test-compile
./mvnw -B -q -Pbench "${corpus[@]}" toolchains:select-jdk-toolchain exec:exec -Dbench.args="-bench streams \
-files tokens,dickens -sizes 100,256,1024,4096 -train 4000 -test 4000"
