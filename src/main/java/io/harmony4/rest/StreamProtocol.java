package io.harmony4.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.harmony4.service.StreamDescription;
import io.harmony4.service.StreamFailure;
import io.harmony4.service.StreamSummary;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The text messages of docs/streams.md, and the query of the upgrade request. */
final class StreamProtocol {
    static final String START = "start";
    static final String CHECKPOINT = "checkpoint";
    static final String END = "end";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamProtocol() {}

    /** The first message of a stream: what it is. */
    static String start(StreamDescription d, String direction, Map<String, Object> extra) {
        ObjectNode node = JSON.createObjectNode().put("type", START).put("direction", direction)
                .put("format", d.format()).put("engine", d.engine()).put("level", d.level())
                .put("dictionary", d.dictionary().orElse(null)).put("windowLog", d.windowLog())
                .put("maxMessageSize", d.maxMessageSize());
        extra.forEach((key, value) -> node.putPOJO(key, value));
        return node.toString();
    }

    /** The running root after {@code messages} messages. */
    static String checkpoint(StreamSummary s) {
        return JSON.createObjectNode().put("type", CHECKPOINT).put("messages", s.messages()).put("root", s.root())
                .toString();
    }

    /** The last message: counts and the root; {@code bytesIn} and {@code bytesOut} as the service saw them. */
    static String end(String format, StreamSummary s, long bytesIn, long bytesOut) {
        return JSON.createObjectNode().put("type", END).put("format", format).put("messages", s.messages())
                .put("bytesIn", bytesIn).put("bytesOut", bytesOut).put("root", s.root()).toString();
    }

    /** A client's text message; its {@code type} is checked by the caller. */
    static JsonNode read(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node != null && node.isObject() && node.path("type").isTextual()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // answered below
        }
        throw new StreamFailure(StreamFailure.Kind.POLICY, "a text message is a JSON object with a \"type\"");
    }

    /** The failure of a text message whose type this side does not know. */
    static StreamFailure unknownType(String type) {
        return new StreamFailure(StreamFailure.Kind.POLICY, "unknown message type " + StreamFailure.quoted(type)
                + ": send checkpoint or end");
    }

    /**
     * The upgrade request's query parameters (the last of each name); a parameter that is not percent-encoded right
     * ({@code %zz}, a {@code %} at the end) is a bad parameter. Vert.x refuses such a query with 400 before the
     * upgrade; this holds for one that would get through.
     */
    static Map<String, String> query(String query) {
        Map<String, String> parameters = new HashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                parameters.put(name, value);
            } catch (IllegalArgumentException e) {
                throw new StreamFailure(StreamFailure.Kind.POLICY, "query: " + StreamFailure.quoted(pair)
                        + " is not percent-encoded right");
            }
        }
        return parameters;
    }

    /** An integer parameter, or null when absent. */
    static Integer integer(Map<String, String> parameters, String name) {
        String text = parameters.get(name);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new StreamFailure(StreamFailure.Kind.POLICY, name + " must be an integer, got "
                    + StreamFailure.quoted(text));
        }
    }
}
