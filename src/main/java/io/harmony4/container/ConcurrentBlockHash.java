package io.harmony4.container;

import io.harmony4.digest.Sha256;
import io.harmony4.engine.EngineFailureException;
import io.harmony4.engine.SteppedDecompression;
import java.security.MessageDigest;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Decodes one block in steps while a pool thread computes its SHA-256 a step behind: a verified block then takes
 * about one decode rather than a decode and a hash, when a second core is free. For reads with no other block to
 * overlap with, such as a one-block range read; a full read overlaps whole blocks instead.
 *
 * <p>Whichever thread claims the hash first computes it: when no pool thread has started on it by the time the
 * block is decoded, the decoding thread hashes the block itself, so a busy, rejecting or caller-runs executor slows
 * a read but never blocks it.
 */
final class ConcurrentBlockHash {
    /** Bytes per step: 16 steps to a 1 MiB block, so the hash ends about one step's hash (45 µs) after the decode. */
    static final int STEP = 64 * 1024;
    /**
     * How long the decoder spins for the digest before it parks, a few times what hashing the last step takes: a
     * parked thread is woken tens of microseconds late.
     */
    private static final long SPIN_NANOS = 200_000;

    private final byte[] data;
    private final Thread decoder = Thread.currentThread();
    private final MessageDigest sha = Sha256.newDigest();
    /**
     * What the pool gets: a task that holds this hash until someone claims it. Whoever claims it first (a pool thread
     * in {@link #run}, or the decoder in {@link #await}) empties it, so a task still queued in a busy pool holds no
     * block.
     */
    private final AtomicReference<ConcurrentBlockHash> unclaimed = new AtomicReference<>(this);
    private final Runnable task = () -> {
        // An executor that runs tasks on the caller (a caller-runs policy) would park the decoder before it decodes.
        ConcurrentBlockHash hash = Thread.currentThread() == decoder ? null : unclaimed.getAndSet(null);
        if (hash != null) {
            hash.run();
        }
    };
    /** How much of {@code data} is decoded: written by the decoder, read by the hasher. */
    private volatile int decoded;
    private volatile boolean abandoned;
    private volatile Thread hasher;
    private volatile Thread waiter;
    private volatile byte[] digest;

    private ConcurrentBlockHash(byte[] data) {
        this.data = data;
    }

    /** A block's bytes and their SHA-256. */
    record Hashed(byte[] data, byte[] sha256) {}

    /** Whether a block of this size is worth a second thread: it has at least two steps to overlap. */
    static boolean worthIt(long size) {
        return size >= 2L * STEP;
    }

    /**
     * Decodes the frame in {@code payload[offset, offset + length)} (the block's {@code originalSize} bytes) with
     * {@code engine}, unchecked, hashing on {@code executor} as the steps arrive. Exceptions of the decode pass
     * through; the hash is then abandoned.
     */
    static Hashed decode(SteppedDecompression engine, byte[] payload, int offset, int length, int originalSize,
            Executor executor) {
        ConcurrentBlockHash hash = new ConcurrentBlockHash(new byte[originalSize]);
        try {
            executor.execute(hash.task);
        } catch (RejectedExecutionException e) {
            // a pool shutting down: this thread hashes, below
        }
        try {
            engine.decompressUnchecked(payload, offset, length, hash.data, STEP, hash::decodedUpTo);
            if (hash.decoded != originalSize) { // a broken engine: the hasher would wait for the rest forever
                throw new EngineFailureException("engine reported " + hash.decoded + " of " + originalSize
                        + " bytes decoded and returned");
            }
        } catch (RuntimeException | Error e) {
            hash.abandon();
            throw e;
        }
        return new Hashed(hash.data, hash.await());
    }

    private void decodedUpTo(int n) {
        decoded = n;
        LockSupport.unpark(hasher); // null before the hasher started: it then reads decoded before it parks
    }

    /** The pool's side, once claimed: hashes each step as it is decoded, parking between steps. */
    private void run() {
        hasher = Thread.currentThread();
        int hashed = 0;
        while (hashed < data.length) {
            int available = decoded;
            if (available > hashed) {
                sha.update(data, hashed, available - hashed);
                hashed = available;
            } else if (abandoned) {
                return;
            } else {
                LockSupport.park(this);
            }
        }
        digest = sha.digest();
        LockSupport.unpark(waiter); // null while the decoder still decodes: it reads digest before it parks
    }

    private void abandon() {
        abandoned = true;
        unclaimed.set(null); // a task still queued drops the block
        LockSupport.unpark(hasher);
    }

    /** After the decode: the digest, from the pool thread or, when none had claimed it, computed here. */
    private byte[] await() {
        if (unclaimed.getAndSet(null) != null) {
            return sha.digest(data);
        }
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        byte[] result;
        while ((result = digest) == null && System.nanoTime() < spinUntil) {
            Thread.onSpinWait();
        }
        waiter = Thread.currentThread();
        while ((result = digest) == null) {
            LockSupport.park(this);
        }
        return result;
    }
}
