#!/usr/bin/env bash
# Filters on typed data, side by side in one run (docs/benchmarks.md, "Typed numeric data"):
#   1. bench/blosc-baseline.py   writes the four data sets (fixed seeds) and measures Blosc 1 (Debian's python3-blosc)
#   2. bench/blosc2-baseline.py  Blosc2 on the same bytes (python-blosc2, installed into target/blosc2-venv)
#   3. bench/zstd-layouts.py     the same filtered bytes through the zstd command in harmony4's and Blosc2's layouts
#   4. the Java bench            harmony4's filters and auto through the container, one thread, in turns
# Needs what bench/blosc-baseline.py names, and python3 with venv (Debian: python3-venv).
# Usage: bench/filters.sh [ROUNDS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
venv=target/blosc2-venv
if ! "$venv/bin/python" -c 'import blosc2' 2>/dev/null; then
    python3 -m venv "$venv"
    # pip's own log, not the console: its index may answer only from a local mirror, after warnings
    "$venv/bin/pip" install -q --retries 0 blosc2 2> target/blosc2-pip.log \
        || { cat target/blosc2-pip.log >&2; echo "could not install python-blosc2" >&2; exit 1; }
fi
/usr/bin/python3 bench/blosc-baseline.py
"$venv/bin/python" bench/blosc2-baseline.py
/usr/bin/python3 bench/zstd-layouts.py
./mvnw -B -q -Pbench test-compile
./mvnw -B -q -Pbench toolchains:select-jdk-toolchain exec:exec -Dbench.args="-bench filters \
-files tokens-int16:2,sensor-int32:4,sensor-float32:4,image-uint16:2,dickens:1 -rounds $rounds"
