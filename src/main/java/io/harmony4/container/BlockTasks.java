package io.harmony4.container;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Work on a block run on an executor and waited on as a {@link CompletableFuture}, as with
 * {@link CompletableFuture#supplyAsync(Supplier, Executor)}, but cancellable from the executor's side: the task queued
 * is a {@link FutureTask} that completes the future however it ends. A pool that cancels the tasks it drops at
 * shutdown so cancels the future, and whoever waits on it fails at once. The task supplyAsync queues is a Future too,
 * but cancelling it completes nothing: its caller would wait for ever.
 */
public final class BlockTasks {
    private BlockTasks() {}

    /**
     * Runs {@code work} on {@code executor}: the future completes with its result, with what it threw (unwrapped), or
     * cancelled when the task is cancelled before it ran.
     *
     * @throws java.util.concurrent.RejectedExecutionException the executor takes no work, as supplyAsync throws it
     */
    public static <T> CompletableFuture<T> supply(Supplier<T> work, Executor executor) {
        CompletableFuture<T> result = new CompletableFuture<>();
        executor.execute(new Completing<>(work, result));
        return result;
    }

    /** A task that hands how it ended on to its future, on the thread that ended it (ran or cancelled it). */
    private static final class Completing<T> extends FutureTask<T> {
        private final CompletableFuture<T> result;

        Completing(Supplier<T> work, CompletableFuture<T> result) {
            super(work::get);
            this.result = result;
        }

        @Override
        protected void done() {
            switch (state()) {
                case SUCCESS -> result.complete(resultNow());
                case FAILED -> result.completeExceptionally(exceptionNow());
                case CANCELLED -> result.cancel(false);
            }
        }
    }
}
