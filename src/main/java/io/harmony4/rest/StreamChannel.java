package io.harmony4.rest;

import io.harmony4.service.StreamFailure;
import io.harmony4.service.StreamService;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * One stream's connection (docs/streams.md, "Flow control"): the messages it receives become steps that run one
 * at a time, in order, off the event loop; a step's answers are sent, and their sends complete, before the next step
 * runs, and a send completes once Netty has written it to the socket. So a client that does not read its answers
 * stops the stream's sends, steps wait, and once {@code max-pending} messages wait the connection stops reading its
 * socket ({@link InboundReads}): TCP then slows the writer. Failures close the connection with the close code of
 * their kind and a reason of at most 123 bytes.
 */
final class StreamChannel {
    private static final Logger LOG = Logger.getLogger(StreamChannel.class);
    /** RFC 6455 section 5.5: a control frame's payload is at most 125 bytes, 2 of them the code. */
    static final int MAX_REASON_BYTES = 123;

    /** What a step sends, in order. */
    sealed interface Out permits Binary, Text {}

    record Binary(byte[] bytes) implements Out {}

    record Text(String json) implements Out {}

    /** What one side of the protocol does with the connection's messages; each call is one step. */
    interface Steps {
        /** Opens the stream the upgrade's query asks for; answers the start message. */
        Step open(Map<String, String> query);

        Step binary(byte[] message);

        Step text(JsonNode message);

        /** Frees the stream, once no step runs. */
        void dispose();
    }

    /** A step's answers, and whether the stream then ends normally (1000). */
    record Step(List<Out> out, boolean last) {
        static Step of(Out... out) {
            return new Step(List.of(out), false);
        }
    }

    private static final UserData.TypedKey<StreamChannel> CHANNEL = new UserData.TypedKey<>("harmony4.stream");

    private final WebSocketConnection connection;
    private final Steps steps;
    private final Executor executor;
    private final InboundReads reads;
    private final int maxPending;
    private final StreamMetrics metrics;
    private final ArrayDeque<Callable<Step>> queue = new ArrayDeque<>();
    private boolean running;
    private boolean paused;
    private boolean finished;
    private Runnable disposer;
    private volatile long lastMessageNanos = System.nanoTime();
    private long idleTimer = -1;

    private StreamChannel(WebSocketConnection connection, Steps steps, Executor executor, InboundReads reads,
            int maxPending, StreamMetrics metrics) {
        this.connection = connection;
        this.steps = steps;
        this.executor = executor;
        this.reads = reads;
        this.maxPending = maxPending;
        this.metrics = metrics;
    }

    /**
     * Opens the channel of a connection just opened, which takes a place among {@code max-streams}, and queues the
     * opening of its stream; when two upgrades raced past the check for the last place, closes the connection with
     * 1013 (try again later) instead.
     */
    static void open(WebSocketConnection connection, StreamService service, StreamMetrics metrics, Vertx vertx,
            Steps steps) {
        if (!service.tryOpen()) {
            connection.close(new CloseReason(1013, "try again later: " + service.config().maxStreams()
                    + " streams are open")).subscribe().with(v -> {}, e -> {});
            return;
        }
        InboundReads reads = connection.userData().get(StreamCapacityCheck.READS);
        StreamChannel channel = new StreamChannel(connection, steps, service.executor(),
                reads == null ? InboundReads.NONE : reads, service.config().maxPending(), metrics);
        connection.userData().put(CHANNEL, channel);
        channel.closeWhenIdle(vertx, service.config().idleTimeout());
        // read in the step, so that a bad query closes the stream with its code (1008), never fails @OnOpen (1011)
        String query = connection.handshakeRequest().query();
        channel.submit(() -> steps.open(StreamProtocol.query(query)));
    }

    /** Queues a binary message of the connection. */
    static void binary(WebSocketConnection connection, Buffer message) {
        StreamChannel channel = connection.userData().get(CHANNEL);
        if (channel != null) {
            byte[] bytes = message.getBytes();
            channel.submit(() -> channel.steps.binary(bytes));
        }
    }

    /** Queues a text message of the connection. */
    static void text(WebSocketConnection connection, String text) {
        StreamChannel channel = connection.userData().get(CHANNEL);
        if (channel != null) {
            channel.submit(() -> channel.steps.text(StreamProtocol.read(text)));
        }
    }

    /** The connection closed: its stream is freed and its place given back once no step runs. */
    static void closed(WebSocketConnection connection, StreamService service, Vertx vertx) {
        StreamChannel channel = connection.userData().get(CHANNEL);
        if (channel != null) {
            channel.closed(vertx, () -> {
                channel.steps.dispose();
                service.closed();
            });
        }
    }

    /** Queues the step of a message received; stops reading the socket while {@code max-pending} wait. */
    private void submit(Callable<Step> step) {
        lastMessageNanos = System.nanoTime();
        boolean start;
        synchronized (this) {
            if (finished) {
                return;
            }
            queue.add(step);
            if (!paused && queue.size() >= maxPending) {
                paused = reads.pause();
                if (!paused && queue.size() > 4L * maxPending) {
                    // a connection whose reads cannot be paused: a hard bound instead of an unbounded queue
                    failNow(new StreamFailure(StreamFailure.Kind.POLICY, queue.size() + " messages wait for their "
                            + "answers; read the answers before sending more"));
                    return;
                }
            }
            start = !running;
            running = true;
        }
        if (start) {
            runNext();
        }
    }

    private void runNext() {
        Callable<Step> step;
        synchronized (this) {
            step = finished ? null : queue.poll();
            if (step == null) {
                running = false;
                if (disposer != null) {
                    executor.execute(disposer);
                    disposer = null;
                }
                return;
            }
        }
        executor.execute(() -> run(step));
    }

    private void run(Callable<Step> work) {
        Step step;
        try {
            step = work.call();
        } catch (StreamFailure e) {
            failStep(e);
            return;
        } catch (Exception | LinkageError e) {
            failStep(new StreamFailure(StreamFailure.Kind.INTERNAL, "internal error; the service log has details",
                    e));
            return;
        }
        Uni<Void> sends = Uni.createFrom().voidItem();
        for (Out out : step.out()) {
            sends = sends.chain(() -> out instanceof Binary b ? connection.sendBinary(b.bytes())
                    : connection.sendText(((Text) out).json()));
        }
        if (step.last()) {
            synchronized (this) {
                finished = true;
            }
            sends = sends.chain(() -> connection.close(CloseReason.NORMAL));
        }
        // the next step waits for these sends: their future completes once Netty has written the bytes to the socket
        // (its write promise), so answers a client does not read wait in its socket buffers, not in a queue here
        sends.subscribe().with(done -> stepDone(), lost -> {
            // the connection went away: nothing more to send to it
            LOG.debugf("stream %s: send failed: %s", connection.id(), lost.toString());
            synchronized (this) {
                finished = true;
            }
            stepDone();
        });
    }

    private void stepDone() {
        synchronized (this) {
            if (paused && queue.size() <= maxPending / 2) {
                reads.resume();
                paused = false;
            }
        }
        runNext();
    }

    /** The running step failed: the stream ends with the close code of the failure's kind. */
    private void failStep(StreamFailure failure) {
        synchronized (this) {
            failNow(failure);
        }
        stepDone();
    }

    private void failNow(StreamFailure failure) {
        finished = true;
        queue.clear();
        if (failure.kind() == StreamFailure.Kind.INTERNAL) {
            LOG.errorf(failure.getCause(), "stream %s: %s", connection.id(), failure.getMessage());
        }
        metrics.closed(failure.kind());
        connection.close(new CloseReason(code(failure.kind()), reason(failure.getMessage())))
                .subscribe().with(v -> {}, e -> LOG.debugf("stream %s: close failed: %s", connection.id(), e));
    }

    /** Closes the stream if no message came for {@code idle}, checking a few times per period. */
    void closeWhenIdle(Vertx vertx, Duration idle) {
        long idleNanos = idle.toNanos();
        long every = Math.max(1000, idle.toMillis() / 4);
        idleTimer = vertx.setPeriodic(every, id -> {
            if (System.nanoTime() - lastMessageNanos > idleNanos) {
                vertx.cancelTimer(id);
                synchronized (this) {
                    if (!finished) {
                        failNow(new StreamFailure(StreamFailure.Kind.POLICY, "idle: no message for "
                                + idle.toSeconds() + " s"));
                    }
                }
            }
        });
    }

    /**
     * The connection closed: drops the messages not yet started and runs {@code dispose} once the running step is
     * done, so that the stream's native memory is never freed under a step that uses it.
     */
    private void closed(Vertx vertx, Runnable dispose) {
        if (idleTimer >= 0) {
            vertx.cancelTimer(idleTimer);
        }
        synchronized (this) {
            finished = true;
            queue.clear();
            if (running) {
                disposer = dispose;
                return;
            }
        }
        executor.execute(dispose);
    }

    static int code(StreamFailure.Kind kind) {
        return switch (kind) {
            case BAD_DATA -> 1007;
            case TOO_BIG -> 1009;
            case POLICY -> 1008;
            case UNSUPPORTED -> 1003;
            case INTERNAL -> 1011;
        };
    }

    /**
     * The reason cut to 123 bytes of UTF-8 without splitting a character ({@link StreamFailure#within}); a lone
     * surrogate counts as the one byte ('?') the close frame's encoding gives it.
     */
    static String reason(String text) {
        return text == null ? "" : StreamFailure.within(text, MAX_REASON_BYTES);
    }
}
