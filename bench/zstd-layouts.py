#!/usr/bin/python3
"""Why harmony4's best filter and Blosc2's differ in ratio on the same data: how the filtered bytes reach zstd.

Both put a block through the same byte shuffle (or shuffle then bytedelta) and compress with zstd at level 3. They
differ in what one zstd frame holds:
  harmony4  one frame per 1 MiB block, its byte planes one after another (H4MK version 3, 1 MiB blocks)
  Blosc2    128 KiB blocks, each byte plane its own frame (Blosc2's choice for these sets)
and zstd bounds its window by the size of what it is given (64 KiB for Blosc2's planes of int16 data, 1 MiB for
harmony4's blocks). This script compresses the same filtered bytes both ways with the zstd command, so the filter
and the zstd version are the same and only the layout differs. It also shows other block sizes and two parameter
changes at level 3 on harmony4's blocks: Blosc2's 64 KiB window, and a minimum match of 6 instead of 5. Reads the data sets bench/blosc-baseline.py writes to
target/typed/; needs python3-numpy and the zstd command:

    /usr/bin/python3 bench/zstd-layouts.py
"""
import os
import subprocess
import sys

import numpy as np

TYPED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "typed")
SETS = [("tokens-int16", 2), ("sensor-int32", 4), ("sensor-float32", 4), ("image-uint16", 2)]
MIB = 1 << 20


def zstd_size(data, *options):
    """The size of one zstd frame of data at level 3, the size given so that zstd picks parameters for it."""
    out = subprocess.run(["zstd", "-3", "-q", "-c", "--no-check", f"--stream-size={len(data)}", *options],
                         input=data, stdout=subprocess.PIPE, check=True).stdout
    return len(out)


def planes(block, e):
    """The byte shuffle: the block's byte planes, first bytes of every element first (both libraries' order)."""
    return [block.reshape(-1, e)[:, i].tobytes() for i in range(e)]


def bytedelta(stream):
    """Each byte as the difference from the byte before it (the first from 0)."""
    a = np.frombuffer(stream, dtype=np.uint8)
    return np.diff(a, prepend=np.uint8(0)).astype(np.uint8).tobytes()


def ratio(data, e, block, split, delta, *options):
    """Compressed ratio of data in blocks of `block` bytes: one frame per block, or (split) one per byte plane."""
    size = 0
    for at in range(0, len(data), block):
        streams = planes(data[at:at + block], e)
        # Blosc2's bytedelta runs per plane; harmony4's shuffle:E,delta:1 over the whole shuffled block
        frames = streams if split else [b"".join(streams)]
        if delta:
            frames = [bytedelta(f) for f in frames]
        size += sum(zstd_size(f, *options) for f in frames)
    return len(data) / size


def main():
    version = subprocess.run(["zstd", "--version"], stdout=subprocess.PIPE, text=True, check=True).stdout.strip()
    print(f"{version}; level 3; ratios of the whole 8 MiB data set")
    rows = [("harmony4: 1 MiB block, one frame", MIB, False, ()),
            ("Blosc2: 128 KiB block, a frame per plane", 128 << 10, True, ()),
            ("1 MiB block, a frame per plane", MIB, True, ()),
            ("128 KiB block, one frame", 128 << 10, False, ()),
            ("512 KiB block, one frame", 512 << 10, False, ()),
            ("8 MiB block, one frame", 8 * MIB, False, ()),
            ("1 MiB block, one frame, 64 KiB window", MIB, False, ("--zstd=wlog=16",)),
            ("1 MiB block, one frame, minimum match 6", MIB, False, ("--zstd=mml=6",))]
    names = [f"{name} {label}" for name, _ in SETS for label in ("shuffle", "+bytedelta")]
    print("| layout | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for label, block, split, options in rows:
        cells = []
        for name, e in SETS:
            path = os.path.join(TYPED, name + ".bin")
            if not os.path.exists(path):
                print(f"{path} is missing: run /usr/bin/python3 bench/blosc-baseline.py first", file=sys.stderr)
                return 1
            data = np.fromfile(path, dtype=np.uint8)
            cells += [f"{ratio(data, e, block, split, delta, *options):.3f}" for delta in (False, True)]
        print(f"| {label} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
