package io.harmony4.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.harmony4.engine.TestEngines;
import io.harmony4.stream.StreamRoot;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * /v1/streams with the reference engine serving (docs/streams.md, "Both engines"): each message one frame of the
 * engine, an empty end, the same roots, the same close codes; a dictionary and a zstd stream are unsupported data
 * (1003).
 */
@QuarkusTest
@TestProfile(ApiReferenceTest.ReferenceEngine.class)
class ApiStreamsReferenceTest {
    @Test
    void eachMessageIsOneReferenceFrameAndTheEndIsEmpty() {
        List<byte[]> messages = ApiStreamsTest.tokens(5);
        ApiStreamsTest.Recorded r = ApiStreamsTest.compress(messages, "?checkpoint-every=2", 2);
        assertEquals("engine-frames", r.start().get("format").asText());
        assertEquals("geometric-reference/" + TestEngines.reference().info().version(),
                r.start().get("engine").asText());
        for (int i = 0; i < messages.size(); i++) {
            assertArrayEquals(TestEngines.reference().compress(messages.get(i)), r.messages().get(i));
        }
        assertEquals(0, r.end().length);
        StreamRoot root = new StreamRoot();
        messages.forEach(root::add);
        assertEquals("engine-frames", r.last().get("format").asText());
        assertEquals(root.hex(), r.last().get("root").asText());

        List<StreamClient.Event> events = ApiStreamsTest.decompress(r, "");
        List<byte[]> decoded = events.stream().filter(e -> e instanceof StreamClient.Binary)
                .map(e -> ((StreamClient.Binary) e).bytes()).toList();
        assertEquals(messages.size(), decoded.size());
        for (int i = 0; i < messages.size(); i++) {
            assertArrayEquals(messages.get(i), decoded.get(i));
        }
        JsonNode last = ((StreamClient.Text) events.get(events.size() - 2)).json();
        assertEquals(root.hex(), last.get("root").asText());
        assertEquals(1000, ((StreamClient.Closed) events.getLast()).code());
    }

    @Test
    void aDictionaryIsUnsupported() {
        try (StreamClient client = StreamClient.connect(ApiStreamsTest.COMPRESS + "?dictionary=" + "cd".repeat(32))) {
            StreamClient.Closed closed = client.closed();
            assertEquals(1003, closed.code());
            assertEquals("the geometric-reference engine serves: streams take no dictionary", closed.reason());
        }
    }

    @Test
    void aMessageDeclaringMoreThanTheLimitClosesWithTooBig() {
        try (StreamClient client = StreamClient.connect(ApiStreamsTest.DECOMPRESS + "?delivery=immediate")) {
            int limit = client.text().get("maxMessageSize").asInt();
            client.send(TestEngines.reference().compress(new byte[100]));
            assertEquals(100, client.binary().length);
            // a small frame (runs of zeros) that declares, and decodes to, more than a message may be
            client.send(TestEngines.reference().compress(new byte[2_000_000]));
            StreamClient.Closed closed = client.closed();
            assertEquals(1009, closed.code());
            assertEquals("message 2: 2000000 bytes, more than the limit of " + limit, closed.reason());
        }
    }

    @Test
    void aZstdStreamIsUnsupported() {
        try (StreamClient client = StreamClient.connect(ApiStreamsTest.DECOMPRESS)) {
            client.text();
            client.send(TestEngines.core().compress(new byte[100]));
            StreamClient.Closed closed = client.closed();
            assertEquals(1003, closed.code());
            assertEquals("message 1: a zstd frame, and the reference engine serves: it decodes only its own frames",
                    closed.reason());
        }
    }
}
