package io.harmony4.rest;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Starts a {@link StreamedAnswer} once Quarkus REST has chosen the status and headers, as its own file writer starts
 * a {@code sendFile}: the answer then writes and ends the body asynchronously, and the headers go out with its first
 * write.
 */
@Provider
@Produces(MediaType.WILDCARD)
public class StreamedAnswerWriter implements ServerMessageBodyWriter<StreamedAnswer> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target,
            MediaType mediaType) {
        return StreamedAnswer.class.isAssignableFrom(type);
    }

    @Override
    public void writeResponse(StreamedAnswer answer, Type genericType, ServerRequestContext context) {
        answer.start();
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return StreamedAnswer.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(StreamedAnswer answer, Class<?> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream entityStream) {
        throw new IllegalStateException("a streamed answer is written by writeResponse only");
    }
}
