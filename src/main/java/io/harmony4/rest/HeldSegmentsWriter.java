package io.harmony4.rest;

import io.netty.buffer.ByteBuf;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;
import org.jboss.resteasy.reactive.server.vertx.VertxResteasyReactiveRequestContext;

/**
 * Writes a {@link HeldSegments} without copying it on the Java side: each segment goes to Vert.x as it is (an array
 * wrapped in a buffer, or a socket buffer the echo received), one at a time, the next once the connection has
 * drained the previous, with the {@code Content-Length} known; each is given back once Netty wrote it. Netty copies a
 * heap array into a pooled direct buffer as it writes it (any heap array bound for a socket is); writing them one by
 * one keeps that to about one array per connection, where one buffer over all of them would take a direct copy of
 * the whole body at once. Direct buffers go to the socket as they are.
 */
@Provider
@Produces(MediaType.WILDCARD)
public class HeldSegmentsWriter implements ServerMessageBodyWriter<HeldSegments> {
    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target,
            MediaType mediaType) {
        return HeldSegments.class.equals(type);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return HeldSegments.class.equals(type);
    }

    @Override
    public void writeResponse(HeldSegments body, Type genericType, ServerRequestContext context) throws IOException {
        if (!(context.serverResponse() instanceof VertxResteasyReactiveRequestContext vertx)) {
            // not served by Vert.x (never in this service): through the stream, copied
            try (OutputStream out = context.getOrCreateOutputStream()) {
                writeTo(body, HeldSegments.class, genericType, null, null, null, out);
            }
            return;
        }
        HttpServerResponse response = vertx.unwrap(HttpServerResponse.class);
        response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(body.size()));
        // a connection that closes meanwhile never drains: what was not handed over is given back as it ends
        vertx.getContext().addEndHandler(done -> body.releaseUnwritten());
        writeFrom(response, body);
    }

    /** Writes segments until the connection's queue is full, then goes on once it drained. */
    private static void writeFrom(HttpServerResponse response, HeldSegments body) {
        while (body.hasNext()) {
            boolean last = body.isLast();
            ByteBuf segment = body.handOver();
            if (segment == null) {
                return; // the exchange ended meanwhile: its connection is gone
            }
            // Vert.x hands Netty an unreleasable view of a buffer that is not its own: it is given back here
            Handler<AsyncResult<Void>> written = done -> body.release(segment);
            try {
                if (last) {
                    response.end(Buffer.buffer(segment), written);
                    return;
                }
                response.write(Buffer.buffer(segment), written);
            } catch (IllegalStateException e) {
                body.release(segment); // refused before Netty took it: its handler never runs
                throw e;
            }
            if (response.writeQueueFull()) {
                response.drainHandler(v -> writeFrom(response, body));
                return;
            }
        }
        response.end();
    }

    /** Where Quarkus REST asks for a stream instead (a writer interceptor): the segments, copied through it. */
    @Override
    public void writeTo(HeldSegments body, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders, OutputStream out) throws IOException {
        while (body.hasNext()) {
            ByteBuf segment = body.handOver();
            if (segment == null) {
                throw new IOException("the answer's buffers were given back: the exchange ended");
            }
            try {
                segment.getBytes(segment.readerIndex(), out, segment.readableBytes());
            } finally {
                body.release(segment);
            }
        }
    }
}
