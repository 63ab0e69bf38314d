"""The peer the "Filters" work is measured against: Blosc2's filters before zstd, on the typed data sets.

Reads the data sets bench/blosc-baseline.py writes to target/typed/ (run it first), and prints, per data set and
filter pipeline, Blosc2's ratio and its compress and decompress MB/s on one thread and on two (medians of 5), then
the best ratio per data set. zstd at level 3: Blosc's clevel c runs zstd at level 2c - 1, so clevel 2 is zstd -3,
the core's default level. Blosc2 picks its own block size (128 KiB here) and compresses each byte stream of a block
separately. Needs python-blosc2 (pip install blosc2, in a venv); bench/filters.sh sets that up and runs this:

    bench/filters.sh
"""
import os
import sys

import blosc2

from medians import RUNS, median_seconds

TYPED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "typed")
SETS = [("tokens-int16", 2), ("sensor-int32", 4), ("sensor-float32", 4), ("image-uint16", 2)]
F = blosc2.Filter
PIPELINES = [("none", [F.NOFILTER]), ("shuffle", [F.SHUFFLE]), ("bitshuffle", [F.BITSHUFFLE]),
             ("delta, shuffle", [F.DELTA, F.SHUFFLE]), ("shuffle, bytedelta", [F.SHUFFLE, F.BYTEDELTA])]
CLEVEL = 2  # zstd level 3


def main():
    print(f"python-blosc2 {blosc2.__version__} (c-blosc2 {blosc2.blosclib_version.split()[0]}), zstd level "
          f"{2 * CLEVEL - 1} (clevel {CLEVEL}), medians of {RUNS}")
    print("| data set | element | Blosc2 filters | ratio | compress MB/s 1t / 2t | decompress MB/s 1t / 2t |")
    print("|---|---:|---|---:|---:|---:|")
    best = {}
    for name, e in SETS:
        path = os.path.join(TYPED, name + ".bin")
        if not os.path.exists(path):
            print(f"{path} is missing: run /usr/bin/python3 bench/blosc-baseline.py first", file=sys.stderr)
            return 1
        with open(path, "rb") as f:
            data = f.read()
        for label, filters in PIPELINES:
            rates = []
            packed = None
            for threads in (1, 2):
                cparams = blosc2.CParams(codec=blosc2.Codec.ZSTD, clevel=CLEVEL, typesize=e, nthreads=threads,
                                         filters=filters, filters_meta=[0] * len(filters))
                dparams = blosc2.DParams(nthreads=threads)
                packed, c = median_seconds(lambda: blosc2.compress2(data, cparams=cparams))
                back, d = median_seconds(lambda: blosc2.decompress2(packed, dparams=dparams))
                assert bytes(back) == data
                rates.append((len(data) / 1e6 / c, len(data) / 1e6 / d))
            ratio = len(data) / len(packed)
            if ratio > best.get(name, ("", 0))[1]:
                best[name] = (label, ratio)
            print(f"| {name} | {e} | {label} | {ratio:.3f} | {rates[0][0]:.0f} / {rates[1][0]:.0f} "
                  f"| {rates[0][1]:.0f} / {rates[1][1]:.0f} |")
    print()
    for name, (label, ratio) in best.items():
        print(f"best {name}: {ratio:.3f} ({label})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
