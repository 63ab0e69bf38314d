package io.harmony4.rest.ingest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the direct intake did in this process: the request bodies it took from the socket (exported as
 * {@code harmony4.http.intake.bodies}), and the socket buffers that it and the ingests hold now (held before an
 * ingest attached, or given to one and not given back yet: {@code harmony4.http.intake.buffers}), so that a buffer
 * never released shows.
 */
public final class IntakeCounts {
    private static final AtomicLong BODIES = new AtomicLong();
    private static final AtomicLong BUFFERS = new AtomicLong();

    private IntakeCounts() {}

    public static long bodies() {
        return BODIES.get();
    }

    public static long buffersHeld() {
        return BUFFERS.get();
    }

    static void bodyTaken() {
        BODIES.incrementAndGet();
    }

    static void bufferTaken() {
        BUFFERS.incrementAndGet();
    }

    static void bufferReleased() {
        BUFFERS.decrementAndGet();
    }
}
