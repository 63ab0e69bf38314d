package io.harmony4.rest.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import java.nio.channels.ClosedChannelException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Netty handler placed just before Vert.x's own ({@value #VERTX_HANDLER}) in an HTTP/1.1 connection's pipeline, that
 * takes the body of an armed request ({@link ArmedBody}) as the socket delivers it: the decoder's pooled direct
 * buffers, retained, instead of the new heap copy Vert.x makes of each. Vert.x still sees the request's head and its
 * end (the last content with no bytes, its trailers kept), so routing, the answer and keep-alive stay its own.
 * Other requests pass through untouched; the handler stays for the connection's life, so that it knows whether
 * content of a request already went to Vert.x (a pipelined request that waited behind another) and leaves such a
 * request to Vert.x.
 */
public final class SocketIntake extends ChannelInboundHandlerAdapter implements IntakeControl {
    /** Vert.x's handler in an HTTP/1.x server pipeline (io.vertx.core.http.impl.HttpServerWorker, vertx-core 4.5). */
    static final String VERTX_HANDLER = "handler";
    static final String NAME = "harmony4-intake";

    private final ConnectionBase connection;
    private final EventExecutor loop;
    private final Queue<ByteBuf> toRelease = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean releaseScheduled = new AtomicBoolean();
    /** The headers of the last request head that went by: a request's identity, as Vert.x shares them. */
    private Object lastHead;
    /** Whether content of that request went on to Vert.x. */
    private boolean contentPassed;
    /** The request whose body is taken now, or null. */
    private ArmedBody current;
    private boolean paused;

    private SocketIntake(ConnectionBase connection) {
        this.connection = connection;
        this.loop = connection.channel().eventLoop();
    }

    /**
     * On the event loop, as Vert.x routes {@code exchange}, before anything else has read it: places the intake in
     * the connection's pipeline if it is not there, and arms it for this request's body when {@code take} is true.
     * Nothing happens on HTTP/2, or on a pipeline without Vert.x's handler where it is expected.
     */
    static void route(RoutingContext exchange, boolean take) {
        HttpServerRequest request = exchange.request();
        if (request.version() != HttpVersion.HTTP_1_1 || !(request.connection() instanceof ConnectionBase base)) {
            return;
        }
        ChannelPipeline pipeline = base.channel().pipeline();
        SocketIntake intake = (SocketIntake) pipeline.get(NAME);
        boolean placedNow = false;
        if (intake == null) {
            if (pipeline.get(VERTX_HANDLER) == null) {
                return;
            }
            intake = new SocketIntake(base);
            pipeline.addBefore(VERTX_HANDLER, NAME, intake);
            // Vert.x routes a connection's first request as it reads its head, so none of its body went by
            placedNow = true;
        }
        if (take) {
            intake.arm(exchange, placedNow);
        }
    }

    /**
     * The armed body of {@code request}, for its ingest to {@link ArmedBody#attach}; null when its body goes through
     * Vert.x (the intake is off, HTTP/2, a pipelined request of which Vert.x holds content already).
     */
    public static ArmedBody claim(HttpServerRequest request) {
        if (!(request.connection() instanceof ConnectionBase base)
                || !(base.channel().pipeline().get(NAME) instanceof SocketIntake intake)) {
            return null;
        }
        ArmedBody body = intake.current;
        return body != null && body.head == request.headers() && !body.attached() ? body : null;
    }

    /**
     * The declared length of {@code request}'s body: its {@code Content-Length}, or -1 when it comes in chunks. An
     * armed body's was read once, as the intake armed it; any other body's is read here.
     */
    public static long declaredLength(HttpServerRequest request) {
        ArmedBody body = claim(request);
        return body != null ? body.declaredLength() : contentLength(request);
    }

    /**
     * The {@code Content-Length}, or -1 without one. One that is not a number was refused before: by Netty's HTTP/1.1
     * decoder (also one that appears twice), which runs before this route, and by DeclaredLengthFilter, which runs
     * before a resource reads a body (and refuses one over the request limit).
     */
    private static long contentLength(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        return length == null ? -1 : Long.parseLong(length.trim());
    }

    private void arm(RoutingContext exchange, boolean placedNow) {
        Object head = exchange.request().headers();
        if (current != null || !(placedNow || (head == lastHead && !contentPassed))) {
            return;
        }
        ArmedBody body = new ArmedBody(this, head, contentLength(exchange.request()));
        current = body;
        exchange.addEndHandler(done -> body.exchangeEnded());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest head) {
            lastHead = head.headers();
            contentPassed = false;
            ctx.fireChannelRead(msg);
            return;
        }
        if (!(msg instanceof HttpContent content)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ArmedBody body = current;
        if (body == null || !content.decoderResult().isSuccess()) {
            if (body != null) { // a malformed chunk: Vert.x answers it
                body.interrupted(content.decoderResult().cause());
                bodyOver();
            }
            contentPassed = true;
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf bytes = content.content();
        if (bytes.isReadable()) {
            IntakeCounts.bufferTaken();
            body.offer(bytes.retain());
        }
        if (msg instanceof LastHttpContent last) {
            HttpHeaders trailers = last.trailingHeaders();
            Object end = trailers.isEmpty() ? LastHttpContent.EMPTY_LAST_CONTENT
                    : new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER, trailers);
            content.release();
            body.ended();
            bodyOver();
            ctx.fireChannelRead(end);
        } else {
            content.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ArmedBody body = current;
        if (body != null) {
            body.interrupted(new ClosedChannelException());
            current = null;
        }
        ctx.fireChannelInactive();
    }

    /** The armed body ended, or goes on through Vert.x: the next request is read as usual. */
    private void bodyOver() {
        current = null;
        resume();
    }

    @Override
    public void pause() {
        if (!paused) {
            paused = true;
            connection.doPause();
        }
    }

    @Override
    public void resume() {
        if (paused) {
            paused = false;
            connection.doResume();
        }
    }

    @Override
    public boolean isCurrent(ArmedBody body) {
        return current == body;
    }

    /** Gives a buffer back to Netty's pool from its own event loop, whatever thread is done with it. */
    @Override
    public void release(ByteBuf buffer) {
        if (loop.inEventLoop()) {
            buffer.release();
            IntakeCounts.bufferReleased();
            return;
        }
        toRelease.add(buffer);
        if (releaseScheduled.compareAndSet(false, true)) {
            loop.execute(this::releaseQueued);
        }
    }

    private void releaseQueued() {
        releaseScheduled.set(false);
        for (ByteBuf buffer; (buffer = toRelease.poll()) != null; ) {
            buffer.release();
            IntakeCounts.bufferReleased();
        }
    }
}
