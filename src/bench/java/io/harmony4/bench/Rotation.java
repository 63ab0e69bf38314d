package io.harmony4.bench;

/**
 * Messages taken in turn, one per benchmark call, so that no single message decides a row. Single-threaded, as the
 * benchmarks run.
 */
final class Rotation {
    private final byte[][] items;
    private int next;

    Rotation(byte[][] items) {
        if (items.length == 0) {
            throw new IllegalArgumentException("nothing to rotate");
        }
        this.items = items;
    }

    byte[] next() {
        byte[] item = items[next];
        next = (next + 1) % items.length;
        return item;
    }
}
