package io.harmony4.service;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Heap arrays of the default block size that compressions assemble their bodies' blocks in, kept between requests:
 * a new one is a humongous allocation that the JVM zeroes before the body overwrites it (1 MiB per block), and a
 * request that allocated its arrays anew made G1 collect every few requests. A compression takes its arrays here and
 * gives them back only once its container is complete, when no block task can read them any more; one that fails
 * leaves them to the GC, since a cancelled task may still be reading one. At most {@code maxIdle} wait here, so an
 * idle process holds one request's worth.
 */
public final class BlockArrays {
    private final int arraySize;
    private final ArrayBlockingQueue<byte[]> idle;

    /**
     * @param arraySize the size of the arrays kept: the default block size
     * @param maxIdle   the most arrays kept while no request uses them
     */
    public BlockArrays(int arraySize, int maxIdle) {
        if (arraySize < 1 || maxIdle < 1) {
            throw new IllegalArgumentException("array size " + arraySize + " and idle arrays " + maxIdle
                    + " must be positive");
        }
        this.arraySize = arraySize;
        this.idle = new ArrayBlockingQueue<>(maxIdle);
    }

    /** The size of the arrays this pool keeps. */
    public int arraySize() {
        return arraySize;
    }

    /**
     * An idle array of {@link #arraySize}, holding whatever the request that used it last left there, or null when
     * none is idle: the caller then allocates one.
     */
    byte[] poll() {
        return idle.poll();
    }

    /**
     * Keeps {@code array} for the next request, if there is room; the caller must not touch it afterwards.
     *
     * @throws IllegalArgumentException for an array of another size
     */
    void giveBack(byte[] array) {
        if (array.length != arraySize) {
            throw new IllegalArgumentException("an array of " + array.length + " bytes is not one of " + arraySize);
        }
        idle.offer(array);
    }

    /** Arrays waiting for the next request. */
    public int idle() {
        return idle.size();
    }
}
