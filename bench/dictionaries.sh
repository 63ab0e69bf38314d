#!/usr/bin/env bash
# Small messages and dictionaries, side by side in one run (docs/benchmarks.md, "Small messages and dictionaries"):
# the core per message without and with a dictionary it trained, against the zstd command on the same messages,
# `zstd -3` and `zstd --train` + `zstd -3 -D` (src/bench/java/io/harmony4/bench/DictionaryRatios.java).
# Data: seeded token ids, SyntheticData's JSON records, and dickens from the Silesia corpus (skipped when absent;
# CORPUS=/path/to/zips names the folder, default ../shared/corpus from the checkout).
# Needs the zstd command. The first run fetches JMH and build-helper from Maven Central (the bench profile).
# Usage: bench/dictionaries.sh [ROUNDS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
command -v zstd >/dev/null || { echo "needs the zstd command" >&2; exit 1; }
corpus=()
if [ -n "${CORPUS:-}" ]; then
    corpus=("-Dh4.corpus.dir=$CORPUS")
fi
./mvnw -B -q -Pbench test-compile
./mvnw -B -q -Pbench "${corpus[@]}" toolchains:select-jdk-toolchain exec:exec -Dbench.args="-bench dictionaries \
-files tokens,json,dickens -sizes 256,1024,4096,16384 -train 4000 -test 4000 -rounds $rounds"
