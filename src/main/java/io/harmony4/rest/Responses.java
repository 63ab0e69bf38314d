package io.harmony4.rest;

import io.harmony4.engine.EngineInfo;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;

/** Building responses from spooled results, and parsing the API's query parameters. */
final class Responses {
    static final String ENGINE_HEADER = "Harmony4-Engine";
    static final String SHA256_HEADER = "Harmony4-Content-SHA256";

    private Responses() {}

    /** Streams a spool as the body and deletes it when the exchange ends, however it ends. */
    static Response.ResponseBuilder body(Spool spool, String mediaType, RoutingContext exchange) {
        exchange.addEndHandler(done -> closeQuietly(spool));
        StreamingOutput out = target -> {
            try (spool; InputStream in = spool.open()) {
                in.transferTo(target);
            }
        };
        return Response.ok(out, mediaType).header(HttpHeaders.CONTENT_LENGTH, spool.size());
    }

    static String engine(EngineInfo info) {
        return info.id() + "/" + info.version() + " (" + info.codec() + ", level " + info.level() + ")";
    }

    static Integer optionalInt(String name, String value) {
        return optional(name, value, Integer::valueOf);
    }

    static Long optionalLong(String name, String value) {
        return optional(name, value, Long::valueOf);
    }

    /** A query or header value as a number, null when absent, a bad-parameter problem when not a number. */
    private static <T> T optional(String name, String value, java.util.function.Function<String, T> parse) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (NumberFormatException e) {
            throw new BadParameterException(name, name + " must be a whole number, got '" + value + "'");
        }
    }

    private static void closeQuietly(Spool spool) {
        try {
            spool.close();
        } catch (IOException ignored) {
            // best effort: the spool is already gone or its folder is
        }
    }
}
