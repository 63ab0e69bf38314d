package io.harmony4.rest;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Where a message's work runs, once its body is in: on the event loop that received it when it is quick (a small
 * message with everything it needs in memory: no hand-off to a worker and back, which cost more than the codec),
 * else on Quarkus's worker pool, with the answer handed back to the event loop, so that the loop never spends the
 * milliseconds a large message or a dictionary's first use takes, nor waits for a disk.
 */
@ApplicationScoped
public class MessageWork {
    private final Executor workers = Infrastructure.getDefaultWorkerPool();

    /**
     * Tries {@code quick} now on the caller's thread, the event loop: its result, or what it threw, is the answer;
     * empty (it would take long, or need a file) runs {@code work} on a worker instead. The stage completes on the
     * caller's Vert.x context either way.
     */
    <T> CompletionStage<T> run(Callable<Optional<T>> quick, Callable<T> work) {
        Optional<T> answered;
        try {
            answered = quick.call();
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        if (answered.isPresent()) {
            return CompletableFuture.completedFuture(answered.get());
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
