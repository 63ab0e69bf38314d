package io.harmony4.rest;

import io.netty.buffer.Unpooled;
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
import java.nio.ByteBuffer;
import java.util.List;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;
import org.jboss.resteasy.reactive.server.vertx.VertxResteasyReactiveRequestContext;

/**
 * Writes a {@link HeldSegments} without copying it on the Java side: each array goes to Vert.x wrapped in a buffer
 * ({@code Unpooled.wrappedBuffer}), one at a time, the next once the connection has drained the previous, with the
 * {@code Content-Length} known. Netty copies a heap array into a pooled direct buffer as it writes it (any heap
 * array bound for a socket is); writing them one by one keeps that to about one array per connection, where one
 * buffer over all of them would take a direct copy of the whole body at once.
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
        writeFrom(response, body.segments(), 0);
    }

    /** Writes segments from {@code next} on until the connection's queue is full, then goes on once it drained. */
    private static void writeFrom(HttpServerResponse response, List<ByteBuffer> segments, int next) {
        for (int i = next; i < segments.size(); i++) {
            Buffer buffer = Buffer.buffer(Unpooled.wrappedBuffer(segments.get(i)));
            if (i == segments.size() - 1) {
                response.end(buffer);
                return;
            }
            response.write(buffer);
            if (response.writeQueueFull()) {
                int rest = i + 1;
                // a connection that closes meanwhile never drains: the exchange's end handlers free the body
                response.drainHandler(v -> writeFrom(response, segments, rest));
                return;
            }
        }
        response.end();
    }

    /** Where Quarkus REST asks for a stream instead (a writer interceptor): the segments, copied through it. */
    @Override
    public void writeTo(HeldSegments body, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders, OutputStream out) throws IOException {
        for (ByteBuffer segment : body.segments()) {
            ByteBuffer view = segment.duplicate();
            out.write(view.array(), view.arrayOffset() + view.position(), view.remaining());
        }
    }
}
