package io.harmony4.service;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory that results of all requests together may hold on the heap while they wait to be sent
 * ({@code harmony4.spool.memory-budget}): a {@link Spool} reserves what it keeps in memory and goes to a file when
 * the budget has no room left, so that many large results at once cannot exhaust the heap.
 */
public final class MemoryBudget {
    private final long capacity;
    private final AtomicLong available;

    public MemoryBudget(long capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("a memory budget is not negative: " + capacity);
        }
        this.capacity = capacity;
        this.available = new AtomicLong(capacity);
    }

    /** Takes {@code bytes} from the budget if it has them; false, taking nothing, when it has not. */
    boolean reserve(long bytes) {
        long left;
        do {
            left = available.get();
            if (left < bytes) {
                return false;
            }
        } while (!available.compareAndSet(left, left - bytes));
        return true;
    }

    /** Gives back what {@link #reserve} took. */
    void release(long bytes) {
        available.addAndGet(bytes);
    }

    /** Bytes no result holds now. */
    public long available() {
        return available.get();
    }

    public long capacity() {
        return capacity;
    }
}
