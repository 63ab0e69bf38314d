package io.harmony4.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.luben.zstd.ZstdInputStream;
import io.harmony4.engine.CoreDictionary;
import io.harmony4.engine.CoreEngine;
import io.harmony4.engine.MessageStreamCompressor;
import io.harmony4.engine.MessageStreams;
import io.harmony4.engine.Messages;
import io.harmony4.engine.StreamFormat;
import io.harmony4.engine.StreamSettings;
import io.harmony4.engine.TestData;
import io.harmony4.engine.TestEngines;
import io.harmony4.service.StreamFailure;
import io.harmony4.stream.StreamRoot;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /v1/streams with the core serving (issue 27): round trips, checkpoints, the final root against
 * {@link StreamRoot}, the bytes against the in-process stream and the zstd command, and every way a stream is closed
 * early with its close code. Reused against the packaged application by {@link ApiStreamsIT}.
 */
@QuarkusTest
public class ApiStreamsTest {
    static final String COMPRESS = "/v1/streams/compress";
    static final String DECOMPRESS = "/v1/streams/decompress";
    static final int MAX_MESSAGE = 1 << 20;

    @TempDir
    Path dir;

    /** What the compressing side sent for a list of messages. */
    record Recorded(JsonNode start, List<byte[]> messages, List<JsonNode> checkpoints, byte[] end, JsonNode last,
            StreamClient.Closed closed, List<Object> inOrder) {
        byte[] frame() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            messages.forEach(all::writeBytes);
            all.writeBytes(end);
            return all.toByteArray();
        }
    }

    /** Compresses {@code messages} on one stream, expecting a checkpoint every {@code every} messages. */
    static Recorded compress(List<byte[]> messages, String query, int every) {
        try (StreamClient client = StreamClient.connect(COMPRESS + query)) {
            JsonNode start = client.text();
            assertEquals("start", start.get("type").asText());
            List<byte[]> out = new ArrayList<>();
            List<JsonNode> checkpoints = new ArrayList<>();
            List<Object> inOrder = new ArrayList<>();
            StreamRoot root = new StreamRoot();
            for (byte[] message : messages) {
                client.send(message);
                byte[] compressed = client.binary();
                out.add(compressed);
                inOrder.add(compressed);
                root.add(message);
                if (every > 0 && root.count() % every == 0) {
                    JsonNode checkpoint = client.text();
                    assertEquals("checkpoint", checkpoint.get("type").asText());
                    assertEquals(root.count(), checkpoint.get("messages").asLong());
                    assertEquals(root.hex(), checkpoint.get("root").asText());
                    checkpoints.add(checkpoint);
                    inOrder.add(checkpoint);
                }
            }
            client.send("{\"type\":\"end\"}");
            byte[] end = client.binary();
            inOrder.add(end);
            JsonNode last = client.text();
            return new Recorded(start, out, checkpoints, end, last, client.closed(), inOrder);
        }
    }

    static StreamFormat servingFormat() {
        return MessageStreams.of(TestEngines.core()).format();
    }

    static byte[] concat(List<byte[]> messages) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        messages.forEach(all::writeBytes);
        return all.toByteArray();
    }

    /** Token-like JSON records, an empty message among them. */
    static List<byte[]> tokens(int count) {
        List<byte[]> messages = new ArrayList<>(Messages.messages(count, 27));
        messages.set(count / 2, new byte[0]);
        return messages;
    }

    @Test
    void eachMessageGivesOneCompressedMessageAndTheEndGivesCountsAndTheRoot() {
        List<byte[]> messages = tokens(7);
        Recorded r = compress(messages, "?checkpoint-every=3", 3);
        assertEquals(servingFormat() == StreamFormat.ZSTD_FRAME ? "zstd-frame" : "engine-frames",
                r.start().get("format").asText());
        assertEquals("compress", r.start().get("direction").asText());
        assertEquals(3, r.start().get("level").asInt());
        assertEquals(23, r.start().get("windowLog").asInt());
        assertEquals(2, r.checkpoints().size());

        StreamRoot root = new StreamRoot();
        messages.forEach(root::add);
        JsonNode last = r.last();
        assertEquals("end", last.get("type").asText());
        assertEquals(r.start().get("format").asText(), last.get("format").asText());
        assertEquals(7, last.get("messages").asLong());
        assertEquals(root.bytes(), last.get("bytesIn").asLong());
        assertEquals(r.frame().length, last.get("bytesOut").asLong());
        assertEquals(root.hex(), last.get("root").asText());
        assertEquals(1000, r.closed().code());
    }

    @Test
    void theBytesAreTheInProcessStreamsBytes() {
        List<byte[]> messages = tokens(9);
        Recorded r = compress(messages, "?level=5", 64);
        CoreEngine core = TestEngines.core().atLevel(5);
        try (MessageStreamCompressor inProcess = MessageStreams.of(core)
                .compressor(StreamSettings.of(5, MAX_MESSAGE))) {
            for (int i = 0; i < messages.size(); i++) {
                assertArrayEquals(inProcess.compress(messages.get(i)), r.messages().get(i), "message " + (i + 1));
            }
            assertArrayEquals(inProcess.finish(), r.end());
        }
    }

    @Test
    void theStreamIsOneZstdFrame() throws IOException {
        assumeTrue(servingFormat() == StreamFormat.ZSTD_FRAME, "the core serves zstd frames");
        List<byte[]> messages = tokens(40);
        Recorded r = compress(messages, "", 64);
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(r.frame()))) {
            assertArrayEquals(concat(messages), in.readAllBytes());
        }
    }

    @Test
    void theZstdCommandDecodesARecordedStream() throws Exception {
        assumeTrue(servingFormat() == StreamFormat.ZSTD_FRAME, "the core serves zstd frames");
        assumeTrue(Files.isExecutable(Path.of(ApiMessagesTest.ZSTD_COMMAND)), "the zstd command is installed");
        List<byte[]> messages = tokens(40);
        Path recorded = dir.resolve("stream.zst");
        Files.write(recorded, compress(messages, "?level=9", 64).frame());
        assertArrayEquals(concat(messages), ApiMessagesTest.zstd("-d", "-c", recorded.toString()));
    }

    @Test
    void aCheckpointIsSentWhenAsked() {
        List<byte[]> messages = tokens(4);
        try (StreamClient client = StreamClient.connect(COMPRESS + "?checkpoint-every=0")) {
            assertEquals(0, client.text().get("checkpointEvery").asInt());
            client.send("{\"type\":\"checkpoint\"}");
            JsonNode empty = client.text();
            assertEquals(0, empty.get("messages").asLong());
            assertEquals(new StreamRoot().hex(), empty.get("root").asText());
            StreamRoot root = new StreamRoot();
            for (byte[] message : messages) {
                client.send(message);
                client.binary();
                root.add(message);
            }
            client.send("{\"type\":\"checkpoint\"}");
            JsonNode checkpoint = client.text();
            assertEquals(4, checkpoint.get("messages").asLong());
            assertEquals(root.hex(), checkpoint.get("root").asText());
        }
    }

    /** Sends what the compressing side sent, in its order, to a decompressing stream; answers what came back. */
    static List<StreamClient.Event> decompress(Recorded r, String query) {
        List<StreamClient.Event> events = new ArrayList<>();
        try (StreamClient client = StreamClient.connect(DECOMPRESS + query)) {
            JsonNode start = client.text();
            assertEquals("decompress", start.get("direction").asText());
            try {
                client.send(r.start().toString());
                for (Object sent : r.inOrder()) {
                    if (sent instanceof byte[] bytes) {
                        client.send(bytes);
                    } else {
                        client.send(sent.toString());
                    }
                }
            } catch (CompletionException closedEarly) {
                // the service closed the stream before all was sent: its close is among the events
            }
            StreamClient.Event event;
            do {
                event = client.next();
                events.add(event);
            } while (!(event instanceof StreamClient.Closed));
        }
        return events;
    }

    @Test
    void decompressingGivesTheMessagesTheirCheckpointsAndTheSameRoot() {
        List<byte[]> messages = tokens(8);
        Recorded r = compress(messages, "?checkpoint-every=3", 3);
        for (String delivery : List.of("", "?delivery=immediate")) {
            List<StreamClient.Event> events = decompress(r, delivery);
            List<byte[]> decoded = new ArrayList<>();
            List<JsonNode> texts = new ArrayList<>();
            for (StreamClient.Event e : events) {
                if (e instanceof StreamClient.Binary b) {
                    decoded.add(b.bytes());
                } else if (e instanceof StreamClient.Text t) {
                    texts.add(t.json());
                    if (t.json().get("type").asText().equals("checkpoint")) {
                        // a checkpoint follows the messages it covers
                        assertEquals(decoded.size(), t.json().get("messages").asInt(), delivery);
                    }
                }
            }
            assertEquals(messages.size(), decoded.size(), delivery);
            for (int i = 0; i < messages.size(); i++) {
                assertArrayEquals(messages.get(i), decoded.get(i), delivery + " message " + (i + 1));
            }
            JsonNode last = texts.getLast();
            assertEquals("end", last.get("type").asText());
            assertEquals(r.last().get("root").asText(), last.get("root").asText());
            assertEquals(8, last.get("messages").asLong());
            assertEquals(r.frame().length, last.get("bytesIn").asLong());
            assertEquals(r.last().get("bytesIn").asLong(), last.get("bytesOut").asLong());
            assertEquals(1000, ((StreamClient.Closed) events.getLast()).code(), delivery);
        }
    }

    /** Incompressible messages: each is a raw block, whose bytes zstd copies unchecked until the frame's end. */
    private static Recorded rawBlocks() {
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            messages.add(TestData.random(300, 100 + i));
        }
        return compress(messages, "?checkpoint-every=3", 3);
    }

    /** {@code r} with one byte of message 2's content changed. */
    private static Recorded damageMessageTwo(Recorded r) {
        List<Object> inOrder = new ArrayList<>(r.inOrder());
        byte[] damaged = r.messages().get(1).clone();
        damaged[damaged.length - 10] ^= 0x40;
        inOrder.set(1, damaged);
        return new Recorded(r.start(), r.messages(), r.checkpoints(), r.end(), r.last(), r.closed(), inOrder);
    }

    @Test
    void aDamagedMessageIsNeverDeliveredByDefault() {
        assumeTrue(servingFormat() == StreamFormat.ZSTD_FRAME, "zstd frames: engine frames check each message");
        List<StreamClient.Event> events = decompress(damageMessageTwo(rawBlocks()), "");
        assertTrue(events.stream().noneMatch(e -> e instanceof StreamClient.Binary),
                "no message of the first checkpoint's three is delivered: " + events);
        StreamClient.Closed closed = (StreamClient.Closed) events.getLast();
        assertEquals(1007, closed.code());
        assertTrue(closed.reason().startsWith("message "), closed.reason());
    }

    @Test
    void immediateDeliveryReportsTheDamageAtTheNextCheckpoint() {
        assumeTrue(servingFormat() == StreamFormat.ZSTD_FRAME, "zstd frames: engine frames check each message");
        Recorded r = rawBlocks();
        List<StreamClient.Event> events = decompress(damageMessageTwo(r), "?delivery=immediate");
        // what immediate delivery does not catch: the damaged message goes out, and the checkpoint closes the stream
        List<StreamClient.Event> binaries = events.stream().filter(e -> e instanceof StreamClient.Binary).toList();
        assertEquals(3, binaries.size(), events::toString);
        StreamClient.Closed closed = (StreamClient.Closed) events.getLast();
        assertEquals(1007, closed.code());
        assertEquals("message 3: the root differs from the sender's checkpoint; the stream is damaged",
                closed.reason());
    }

    @Test
    void aDamagedHeaderClosesWithBadData() {
        Recorded r = compress(tokens(3), "", 64);
        List<Object> inOrder = new ArrayList<>(r.inOrder());
        byte[] damaged = r.messages().get(0).clone();
        damaged[0] ^= 0x01;
        inOrder.set(0, damaged);
        List<StreamClient.Event> events = decompress(new Recorded(r.start(), r.messages(), r.checkpoints(), r.end(),
                r.last(), r.closed(), inOrder), "?delivery=immediate");
        assertTrue(events.stream().noneMatch(e -> e instanceof StreamClient.Binary), events::toString);
        StreamClient.Closed closed = (StreamClient.Closed) events.getLast();
        assertEquals(1007, closed.code());
        assertTrue(closed.reason().startsWith("message 1"), closed.reason());
    }

    @Test
    void aTruncatedStreamClosesWithBadData() {
        Recorded r = compress(tokens(4), "", 64);
        try (StreamClient client = StreamClient.connect(DECOMPRESS + "?delivery=immediate")) {
            client.text();
            client.send(r.messages().get(0));
            client.send(r.messages().get(1));
            assertEquals(2, List.of(client.binary(), client.binary()).size());
            client.send("{\"type\":\"end\"}");
            StreamClient.Closed closed = client.closed();
            assertEquals(1007, closed.code());
            assertEquals("truncated: the stream ended after message 2 without its end", closed.reason());
        }
    }

    @Test
    void bytesAfterTheEndCloseWithBadData() {
        Recorded r = compress(tokens(2), "", 64);
        try (StreamClient client = StreamClient.connect(DECOMPRESS + "?delivery=immediate")) {
            client.text();
            client.send(r.messages().get(0));
            client.send(r.messages().get(1));
            client.binary();
            client.binary();
            byte[] endAndMore = new byte[r.end().length + 4];
            System.arraycopy(r.end(), 0, endAndMore, 0, r.end().length);
            endAndMore[r.end().length] = 0x28;
            client.send(endAndMore);
            StreamClient.Closed closed = client.closedAfterAll();
            assertEquals(1007, closed.code());
            assertTrue(closed.reason().startsWith("message 3"), closed.reason());
        }
    }

    @Test
    void aMessageOverTheLimitClosesWithTooBig() {
        try (StreamClient client = StreamClient.connect(COMPRESS)) {
            assertEquals(MAX_MESSAGE, client.text().get("maxMessageSize").asInt());
            client.send(new byte[10]);
            client.binary();
            client.send(new byte[MAX_MESSAGE + 1]);
            StreamClient.Closed closed = client.closed();
            assertEquals(1009, closed.code());
            assertEquals("message 2: 1048577 bytes, more than the limit of 1048576", closed.reason());
        }
    }

    @Test
    void aMessageThatDecodesOverTheLimitClosesWithTooBig() {
        // recorded in process with a larger limit: one message one byte over the service's limit, and the end
        List<byte[]> recorded = new ArrayList<>();
        try (MessageStreamCompressor larger = MessageStreams.of(TestEngines.core())
                .compressor(StreamSettings.of(3, MAX_MESSAGE + 1))) {
            recorded.add(larger.compress(new byte[MAX_MESSAGE + 1]));
            recorded.add(larger.finish());
        }
        assertDecodedOverTheLimitClosesWithTooBig(recorded.getFirst());
    }

    /** A decompressing stream sent {@code compressed}, one message that decodes past the limit, closes with 1009. */
    private static void assertDecodedOverTheLimitClosesWithTooBig(byte[] compressed) {
        try (StreamClient client = StreamClient.connect(DECOMPRESS + "?delivery=immediate")) {
            assertEquals(MAX_MESSAGE, client.text().get("maxMessageSize").asInt());
            client.send(compressed);
            StreamClient.Closed closed = client.closed();
            assertEquals(1009, closed.code(), closed.reason());
            assertEquals("message 1: decodes to more than the limit of 1048576 bytes (maxMessageSize)",
                    closed.reason());
        }
        assertPlacesGivenBack();
    }

    @Test
    void aLongUnknownMessageTypeClosesWithPolicyQuotingItsStart() {
        // a type of 1 MiB: the reason quotes its start, and is made at once whatever the length
        String message = "{\"type\":\"" + "x".repeat(1 << 20) + "\"}";
        for (String uri : List.of(COMPRESS, DECOMPRESS)) {
            assertClosed(uri, message, 1008, "unknown message type '" + "x".repeat(StreamFailure.MAX_QUOTED)
                    + "…': send checkpoint or end");
            assertPlacesGivenBack();
        }
    }

    @Test
    void aQueryThatIsNotPercentEncodedRightIsRefusedAtTheUpgrade() throws IOException {
        // Vert.x refuses such a request with 400 before any handler: no stream opens, no place is taken
        for (String uri : List.of(COMPRESS + "?level=%zz", DECOMPRESS + "?delivery=immediate&dictionary=%")) {
            assertEquals(400, StreamClient.rawUpgradeStatus(uri), uri);
        }
        assertPlacesGivenBack();
    }

    /**
     * Waits until the service counts no stream open ({@code harmony4_streams_open}): every stream of this class has
     * ended, and the service gives a stream's place back a moment after its close.
     */
    static void assertPlacesGivenBack() {
        for (int i = 1; openStreams() > 0; i++) {
            assertTrue(i < 100, "the streams' places are given back; open: " + openStreams());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static double openStreams() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        String gauge = metrics.lines().filter(line -> line.startsWith("harmony4_streams_open{")).findFirst()
                .orElseThrow(() -> new AssertionError("no harmony4_streams_open in /q/metrics"));
        return Double.parseDouble(gauge.substring(gauge.lastIndexOf(' ') + 1));
    }

    @Test
    void badParametersAndMessagesCloseWithPolicy() {
        String unknown = "ab".repeat(32);
        assertClosed(COMPRESS + "?dictionary=" + unknown, null, 1008, "unknown dictionary " + unknown);
        assertClosed(COMPRESS + "?level=99", null, 1008, "level: ");
        assertClosed(COMPRESS + "?checkpoint-every=x", null, 1008, "checkpoint-every must be an integer");
        assertClosed(DECOMPRESS + "?delivery=later", null, 1008, "delivery must be verified or immediate, got 'later'");
        // what the client sent is quoted by its start, whole within the reason's 123 bytes
        String cut = "'" + "x".repeat(StreamFailure.MAX_QUOTED) + "…'";
        assertClosed(DECOMPRESS + "?delivery=" + "x".repeat(200), null, 1008,
                "delivery must be verified or immediate, got " + cut);
        assertClosed(COMPRESS + "?dictionary=" + "x".repeat(200), null, 1008,
                "dictionary must be an id (64 lower-case hex digits), got " + cut);
        assertClosed(COMPRESS, "{\"type\":\"flush\"}", 1008, "unknown message type 'flush'");
        assertClosed(COMPRESS, "not json", 1008, "a text message is a JSON object");
        assertClosed(DECOMPRESS, "{\"type\":\"checkpoint\"}", 1008, "a checkpoint to check names");
        assertClosed(DECOMPRESS, "{\"type\":\"checkpoint\",\"messages\":3,\"root\":\"00\"}", 1008,
                "checkpoint for 3 messages came after 0 were decoded");
    }

    @Test
    void anotherDirectionIsNotFound() {
        assertEquals(404, StreamClient.refused("/v1/streams/inflate", java.util.Map.of()).getStatus());
    }

    private static void assertClosed(String uri, String text, int code, String reason) {
        try (StreamClient client = StreamClient.connect(uri)) {
            if (text != null) {
                client.text();
                client.send(text);
            }
            StreamClient.Closed closed = client.closed();
            assertEquals(code, closed.code(), uri);
            assertTrue(closed.reason().startsWith(reason), closed.reason());
            assertTrue(closed.reason().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 123);
        }
    }

    @Test
    void aStoredDictionarySeedsBothSides() {
        String id = ApiMessagesTest.train(Messages.messages(400, 11));
        List<byte[]> messages = tokens(6);
        Recorded r = compress(messages, "?dictionary=" + id + "&checkpoint-every=3", 3);
        assertEquals(id, r.start().get("dictionary").asText());
        CoreEngine core = TestEngines.core();
        try (CoreDictionary dictionary = core.dictionary(ApiMessagesTest.dictionary(id));
                MessageStreamCompressor inProcess = MessageStreams.of(core)
                        .compressor(StreamSettings.of(3, MAX_MESSAGE).withDictionary(dictionary))) {
            for (int i = 0; i < messages.size(); i++) {
                assertArrayEquals(inProcess.compress(messages.get(i)), r.messages().get(i), "message " + (i + 1));
            }
        }
        List<byte[]> decoded = decompress(r, "?dictionary=" + id).stream()
                .filter(e -> e instanceof StreamClient.Binary).map(e -> ((StreamClient.Binary) e).bytes()).toList();
        assertEquals(messages.size(), decoded.size());
        for (int i = 0; i < messages.size(); i++) {
            assertArrayEquals(messages.get(i), decoded.get(i));
        }
        // without the dictionary the frame cannot be read: bad data, naming the first message
        StreamClient.Closed closed = (StreamClient.Closed) decompress(r, "").getLast();
        assertEquals(1007, closed.code());
        assertTrue(closed.reason().startsWith("message 1"), closed.reason());
    }

    @Test
    void metricsCountStreamsAndMessages() {
        compress(tokens(3), "", 64);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("harmony4_streams_open{"), "open streams gauge");
        assertTrue(metrics.contains("harmony4_stream_messages_total{direction=\"compress\""), "messages");
        assertTrue(metrics.contains("harmony4_stream_bytes_in_total{direction=\"compress\""), "bytes in");
        assertTrue(metrics.contains("harmony4_stream_bytes_out_total{direction=\"compress\""), "bytes out");
        assertTrue(metrics.contains("harmony4_stream_ratio_count{direction=\"compress\""), "ratio");
        assertFalse(metrics.contains("harmony4_stream_failures_total{kind=\"internal\""), "no internal failure");
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("streams.md"));
    }
}
