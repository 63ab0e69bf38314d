package io.harmony4.container;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Blocks being compressed or decoded on an executor, handed back in the order they were submitted, each with its own
 * exception as the failure: the look-ahead of the writer and of the stream reader.
 *
 * @param <T> what the work on a block gives
 */
final class BlocksInFlight<T> {
    private final ArrayDeque<Future<T>> pending = new ArrayDeque<>();
    /** Runs the work; null runs it on the submitting thread. */
    private final Executor executor;
    /** What is done to a block, for the message of an interrupted wait: "compressing", "decoding". */
    private final String work;

    BlocksInFlight(Executor executor, String work) {
        this.executor = executor;
        this.work = work;
    }

    /** Starts the work on the next block: on the executor, or here when there is none. */
    void submit(Callable<T> block) {
        FutureTask<T> task = new FutureTask<>(block);
        pending.add(task);
        if (executor == null) {
            task.run();
        } else {
            executor.execute(task);
        }
    }

    int size() {
        return pending.size();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /**
     * Waits for the oldest block's work and returns it, or throws what the work threw. The block leaves the queue only
     * once its work is done: a wait that is interrupted leaves it for the next call, or for {@link #drain} to give
     * back what it holds once its work ends (taken off first, it was lost to both).
     */
    T next() throws IOException {
        Future<T> oldest = pending.element();
        try {
            T block = await(oldest, work);
            pending.remove();
            return block;
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            pending.remove(); // failed work holds nothing to give back: its failure is handed out once
            throw e;
        }
    }

    /**
     * Waits for {@code work}'s result, or throws what it threw: an interrupted wait as an
     * {@link InterruptedIOException} (with the interrupt kept), saying what was being done ({@code doing}).
     */
    static <T> T await(Future<T> work, String doing) throws IOException {
        try {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + doing + " a block");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IOException(e.getCause());
        }
    }

    /**
     * Waits for every block still pending and hands each one's result to {@code leftover}; those whose work failed
     * are dropped. For work whose result holds memory that must be given back: {@link #cancelAll} would lose the
     * result of a block being worked on.
     */
    void drain(java.util.function.Consumer<T> leftover) {
        boolean interrupted = false;
        for (Future<T> f; (f = pending.poll()) != null; ) {
            while (true) {
                try {
                    leftover.accept(f.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the work is still running: waited for all the same
                } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Gives up on every block still pending. */
    void cancelAll() {
        for (Future<T> f : pending) {
            f.cancel(true);
        }
        pending.clear();
    }
}
