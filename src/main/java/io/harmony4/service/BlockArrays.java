package io.harmony4.service;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Heap arrays of the default block size that compressions assemble their bodies' blocks in, kept between requests:
 * a new one is a humongous allocation that the JVM zeroes before the body overwrites it (1 MiB per block), and a
 * request that allocated its arrays anew made G1 collect every few requests. A compression takes its arrays here and
 * gives them back only once its container is complete, when no block task can read them any more; one that fails
 * leaves them to the GC, since a cancelled task may still be reading one. At most {@code maxIdle} wait here
 * ({@link #forRequests}: one request's worth, within {@link #MAX_IDLE_BYTES}).
 */
public final class BlockArrays {
    /** The most heap idle arrays may take together, whatever the block size and the number of block threads. */
    static final long MAX_IDLE_BYTES = 16L << 20;

    private final int arraySize;
    private final ArrayBlockingQueue<byte[]> idle;

    /**
     * Arrays of {@code arraySize} bytes, up to one request's worth ({@code arraysPerRequest}) kept idle, and no more
     * than {@link #MAX_IDLE_BYTES} together (at least one): on a machine of many CPUs a request's worth is many
     * blocks, and a process that has gone quiet should not keep them all.
     */
    static BlockArrays forRequests(int arraySize, int arraysPerRequest) {
        long byBytes = Math.max(1, MAX_IDLE_BYTES / Math.max(1, arraySize));
        return new BlockArrays(arraySize, (int) Math.min(arraysPerRequest, byBytes));
    }

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

    /** The most arrays kept idle. */
    int maxIdle() {
        return idle.size() + idle.remainingCapacity();
    }
}
