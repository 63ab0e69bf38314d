#!/usr/bin/python3
"""The baseline the "Filters" work must beat: Blosc's shuffle filters before zstd on typed numeric data.

Writes four typed data sets, each 8 MiB, generated with fixed seeds (so every run and machine gets the same bytes),
to target/typed/, and prints, per data set, the ratio and single-thread and two-thread MB/s of:
  zstd -3               the zstd command on the raw bytes (no filter)
  blosc zstd-3 <filter> c-blosc with zstd at level 3 (clevel 2: Blosc's clevel c runs zstd at level 2c - 1), the
                        data set's element size, and no filter, byte shuffle or bit shuffle
Medians of 5 runs. Needs Debian's python3-blosc and python3-numpy (apt-get install python3-blosc python3-numpy)
and the zstd command; run with Debian's interpreter:

    /usr/bin/python3 bench/blosc-baseline.py

Blosc2, with its bytedelta filter, is bench/blosc2-baseline.py; bench/filters.sh runs both and harmony4's bench.
"""
import os
import subprocess
import sys

import blosc
import numpy as np

from medians import RUNS, median_seconds

SIZE = 8 << 20
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "typed")


def token_ids():
    """int16 token ids: a Zipf-skewed vocabulary of 32,000 (a few ids very common, a long tail)."""
    rng = np.random.default_rng(20261201)
    ranks = rng.zipf(1.3, SIZE // 2)
    return ((ranks - 1) % 32000).astype("<i2")


def sensor(dtype):
    """A sensor series: slow sines plus a random walk (smooth) plus Gaussian noise."""
    rng = np.random.default_rng(20261202)
    n = SIZE // 4
    t = np.arange(n, dtype=np.float64)
    smooth = 20000 * np.sin(2 * np.pi * t / 8192) + 3000 * np.sin(2 * np.pi * t / 611) + np.cumsum(rng.normal(0, 4, n))
    series = smooth + rng.normal(0, 25, n)
    return np.rint(series).astype("<i4") if dtype == "i4" else series.astype("<f4")


def image_plane():
    """A 16-bit image plane, 2048 x 2048: a gradient, soft blobs and sensor noise."""
    rng = np.random.default_rng(20261203)
    side = 2048
    y, x = np.mgrid[0:side, 0:side].astype(np.float64)
    plane = 8000 + 6 * x + 4 * y
    for _ in range(40):
        cx, cy, r, a = rng.uniform(0, side), rng.uniform(0, side), rng.uniform(20, 300), rng.uniform(-9000, 9000)
        plane += a * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * r * r))
    plane += rng.normal(0, 30, plane.shape)
    return np.clip(np.rint(plane), 0, 65535).astype("<u2")


def zstd_command(path):
    """Ratio and MB/s of `zstd -3 -T1` on the file (compression only, from its own timing by wall clock)."""
    def run():
        return subprocess.run(["zstd", "-3", "-T1", "-q", "-c", path], check=True, capture_output=True).stdout
    out, seconds = median_seconds(run)
    return SIZE / len(out), SIZE / 1e6 / seconds


def main():
    os.makedirs(OUT, exist_ok=True)
    sets = [("tokens-int16", token_ids()), ("sensor-int32", sensor("i4")), ("sensor-float32", sensor("f4")),
            ("image-uint16", image_plane())]
    filters = [("none", blosc.NOSHUFFLE), ("shuffle", blosc.SHUFFLE), ("bitshuffle", blosc.BITSHUFFLE)]
    print(f"c-blosc {blosc.blosclib_version.split()[0]}, python-blosc {blosc.__version__}, numpy {np.__version__}; "
          f"{SIZE >> 20} MiB per data set, medians of {RUNS}")
    print("| data set | element | zstd -3 -T1 ratio | blosc zstd-3 filter | ratio | compress MB/s 1t / 2t "
          "| decompress MB/s 1t / 2t |")
    print("|---|---:|---:|---|---:|---:|---:|")
    for name, array in sets:
        data = array.tobytes()
        assert len(data) == SIZE
        path = os.path.join(OUT, name + ".bin")
        with open(path, "wb") as f:
            f.write(data)
        zratio, _ = zstd_command(path)
        for label, shuffle in filters:
            rates = []
            packed = None
            for threads in (1, 2):
                blosc.set_nthreads(threads)
                packed, c = median_seconds(lambda: blosc.compress(data, typesize=array.itemsize, clevel=2,
                                                                  shuffle=shuffle, cname="zstd"))
                back, d = median_seconds(lambda: blosc.decompress(packed))
                assert back == data
                rates.append((SIZE / 1e6 / c, SIZE / 1e6 / d))
            print(f"| {name} | {array.itemsize} | {zratio:.2f} | {label} | {SIZE / len(packed):.2f} "
                  f"| {rates[0][0]:.0f} / {rates[1][0]:.0f} | {rates[0][1]:.0f} / {rates[1][1]:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
