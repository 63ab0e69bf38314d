package io.harmony4.rest;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Where a message's work runs, once its body is in: on the event loop that received it when it is quick (a small
 * message with everything it needs in memory: no hand-off to a worker and back, which cost more than the codec),
 * else on Quarkus's worker pool, with the answer handed back to the event loop, so that the loop never spends the
 * milliseconds a large message or a dictionary's first use takes.
 */
@ApplicationScoped
public class MessageWork {
    private final Executor workers = Infrastructure.getDefaultWorkerPool();

    /**
     * Runs {@code work} now on the caller's thread when {@code quick}, else on a worker; the stage completes on the
     * caller's Vert.x context either way, with the work's result or what it threw.
     */
    <T> CompletionStage<T> run(boolean quick, Callable<T> work) {
        if (quick) {
            try {
                return CompletableFuture.completedFuture(work.call());
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        Context loop = Vertx.currentContext();
        CompletableFuture<T> done = new CompletableFuture<>();
        workers.execute(() -> {
            try {
                T result = work.call();
                loop.runOnContext(v -> done.complete(result));
            } catch (Throwable e) { // an Error too: the request must be answered, not left waiting
                loop.runOnContext(v -> done.completeExceptionally(e));
            }
        });
        return done;
    }
}
