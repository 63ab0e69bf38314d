package io.harmony4.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.engine.Messages;
import io.harmony4.engine.TestData;
import io.harmony4.rest.ingest.IntakeCounts;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Context;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a message's body comes in and where its work runs: the body from the socket on the event loop, refused with
 * 413 as soon as it is over the limit (before a byte of it is read when its length says so) with the connection
 * still serving; a small message compressed and decoded on the event loop, and a large one, or a dictionary's first
 * use, on a worker.
 */
@QuarkusTest
class ApiMessagesIntakeTest {
    private static final int LIMIT = 1 << 20;

    /**
     * The work of each message, run as the service runs it, noting whether the answer was made on an event loop: by
     * the quick attempt, or by the work it left to a worker.
     */
    static final class RecordingWork extends MessageWork {
        final List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();

        @Override
        <T> CompletionStage<T> run(Callable<Optional<T>> quick, Callable<T> work) {
            return super.run(() -> {
                Optional<T> answer = quick.call();
                answer.ifPresent(made -> onEventLoop.add(Context.isOnEventLoopThread()));
                return answer;
            }, () -> {
                onEventLoop.add(Context.isOnEventLoopThread());
                return work.call();
            });
        }

        /** Where the last message's work ran, and forgets it. */
        boolean lastOnEventLoop() {
            assertEquals(1, onEventLoop.size(), "one message's work: " + onEventLoop);
            return onEventLoop.removeFirst();
        }
    }

    private RecordingWork work;

    @BeforeEach
    void record() {
        work = new RecordingWork();
        QuarkusMock.installMockForType(work, MessageWork.class);
    }

    private static String text(Answer answer) {
        return new String(answer.body, StandardCharsets.UTF_8);
    }

    private record Answer(int status, byte[] body) {}

    @Test
    void aSmallMessageIsCompressedAndDecodedOnTheEventLoopThatReceivedIt() {
        byte[] message = TestData.text(1024, 61);
        byte[] frame = ApiMessagesTest.compress(message, "").then().statusCode(200).extract().asByteArray();
        assertTrue(work.lastOnEventLoop(), "compressed on the event loop");
        byte[] back = ApiMessagesTest.decompress(frame, "").then().statusCode(200).extract().asByteArray();
        assertTrue(work.lastOnEventLoop(), "decoded on the event loop");
        assertArrayEquals(message, back);
    }

    @Test
    void aLargeMessageOrASlowLevelRunsOnAWorkerAndTheAnswerIsTheSame() {
        byte[] message = TestData.text(LIMIT, 62); // the largest a message may be
        byte[] frame = ApiMessagesTest.compress(message, "").then().statusCode(200).extract().asByteArray();
        assertTrue(!work.lastOnEventLoop(), "a 1 MiB message is compressed on a worker");
        byte[] back = ApiMessagesTest.decompress(frame, "").then().statusCode(200).extract().asByteArray();
        assertTrue(!work.lastOnEventLoop(), "a frame of 1 MiB of content is decoded on a worker");
        assertArrayEquals(message, back);

        byte[] small = TestData.text(1024, 63);
        byte[] slow = ApiMessagesTest.compress(small, "?level=19").then().statusCode(200).extract().asByteArray();
        assertTrue(!work.lastOnEventLoop(), "level 19 on a worker");
        assertArrayEquals(small, ApiMessagesTest.decompress(slow, "").then().statusCode(200).extract().asByteArray());
        assertTrue(work.lastOnEventLoop(), "its frame, small, decoded on the event loop");
    }

    @Test
    void aDictionarysFirstUseRunsOnAWorkerAndLaterOnesOnTheEventLoop() {
        String id = ApiMessagesTest.train(Messages.messages(400, 6401));
        byte[] message = Messages.message(new Random(65));
        byte[] first = ApiMessagesTest.compress(message, "?dictionary=" + id).then().statusCode(200).extract()
                .asByteArray();
        assertTrue(!work.lastOnEventLoop(), "first use: the store read and the dictionary digested on a worker");
        byte[] second = ApiMessagesTest.compress(message, "?dictionary=" + id).then().statusCode(200).extract()
                .asByteArray();
        assertTrue(work.lastOnEventLoop(), "digested already: on the event loop");
        assertArrayEquals(first, second);

        // a frame that names its dictionary by dictID: this replica stored it, so it knows the dictID from memory (a
        // replica that did not looks it up in the store once, on a worker: MessageQuickPathTest)
        assertArrayEquals(message, ApiMessagesTest.decompress(first, "").then().statusCode(200).extract()
                .asByteArray());
        assertTrue(work.lastOnEventLoop(), "stored here: its dictID known, on the event loop");

        byte[] dcz = ApiMessagesTest.compress(message, "?format=dcz&dictionary=" + id).then().statusCode(200)
                .extract().asByteArray();
        assertTrue(!work.lastOnEventLoop(), "dcz digests the dictionary as raw content: a first use");
        assertArrayEquals(message, ApiMessagesTest.decompress(dcz, "").then().statusCode(200).extract()
                .asByteArray());
        assertTrue(work.lastOnEventLoop(), "then kept");
    }

    /**
     * The event loop never looks at a file: a dictionary checked within harmony4.dictionaries.check-interval (1h in
     * tests) is used from memory there, even with its file gone meanwhile (a look would refuse it, 422).
     */
    @Test
    void aDictionaryCheckedLatelyIsUsedOnTheEventLoopWithoutItsFile() throws Exception {
        String id = ApiMessagesTest.train(Messages.messages(400, 6411));
        byte[] message = Messages.message(new Random(70));
        byte[] frame = ApiMessagesTest.compress(message, "?dictionary=" + id).then().statusCode(200).extract()
                .asByteArray();
        assertTrue(!work.lastOnEventLoop(), "first use: on a worker");
        assertArrayEquals(message, ApiMessagesTest.decompress(frame, "").then().statusCode(200).extract()
                .asByteArray());
        assertTrue(work.lastOnEventLoop(), "stored here: its dictID known, on the event loop");
        Path file = Path.of(ConfigProvider.getConfig().getValue("harmony4.dictionaries.dir", String.class), id);
        Path aside = file.resolveSibling("." + id + ".aside");
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        try {
            assertArrayEquals(frame, ApiMessagesTest.compress(message, "?dictionary=" + id).then().statusCode(200)
                    .extract().asByteArray());
            assertTrue(work.lastOnEventLoop(), "compressed on the event loop, from memory");
            assertArrayEquals(message, ApiMessagesTest.decompress(frame, "").then().statusCode(200).extract()
                    .asByteArray());
            assertTrue(work.lastOnEventLoop(), "decoded on the event loop, from memory");
        } finally {
            Files.move(aside, file);
        }
    }

    @Test
    void aBodyDeclaredOverTheLimitIsRefusedUnreadAndTheConnectionServesTheNextMessage() throws Exception {
        byte[] large = TestData.random(3 * LIMIT, 66); // past what the intake holds before a resource attaches
        byte[] message = TestData.text(1024, 67);
        long bodies = IntakeCounts.bodies();
        try (Socket socket = open()) {
            Answer refused = exchange(socket, "/v1/messages/compress", large);
            assertEquals(413, refused.status());
            assertTrue(text(refused).contains("message-too-large") && text(refused).contains("/v1/compress"),
                    text(refused));
            Answer compressed = exchange(socket, "/v1/messages/compress", message);
            assertEquals(200, compressed.status());
            Answer decompressed = exchange(socket, "/v1/messages/decompress", compressed.body());
            assertEquals(200, decompressed.status());
            assertArrayEquals(message, decompressed.body());
        }
        assertEquals(2, IntakeCounts.bodies() - bodies, "the refused body was never taken");
        assertTrue(work.onEventLoop.size() == 2, "no work for the refused body: " + work.onEventLoop);
        DirectIntakeContract.awaitNoBufferHeld();
    }

    @Test
    void aChunkedBodyIsRefusedOnceItPassesTheLimitBeforeItEndsAndTheConnectionGoesOn() throws Exception {
        byte[] message = TestData.text(1024, 68);
        try (Socket socket = open()) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /v1/messages/compress HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + Api.OCTETS
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = TestData.random(64 * 1024, 69);
            // one chunk past the limit, and not the body's end: the answer must come without it
            for (int sent = 0; sent <= LIMIT; sent += chunk.length) {
                writeChunk(out, chunk);
            }
            out.flush();
            RawHttp.Answer refused = RawHttp.read(in);
            assertEquals(413, refused.status());
            assertTrue(new String(refused.body(), StandardCharsets.UTF_8).contains("message-too-large"));
            // the rest of the refused body, dropped as it comes, then its end and the next request
            for (int i = 0; i < 8; i++) {
                writeChunk(out, chunk);
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Answer compressed = exchange(socket, "/v1/messages/compress", message);
            assertEquals(200, compressed.status());
            assertArrayEquals(message, exchange(socket, "/v1/messages/decompress", compressed.body()).body());
        }
        DirectIntakeContract.awaitNoBufferHeld();
    }

    private static Socket open() throws Exception {
        Socket socket = new Socket("localhost", RestAssured.port);
        socket.setSoTimeout(60_000); // a server that never answers fails the test, not hangs it
        return socket;
    }

    private static void writeChunk(OutputStream out, byte[] chunk) throws Exception {
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** One request on the connection, its body sent while the answer is read. */
    private static Answer exchange(Socket socket, String path, byte[] body) throws Exception {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(Api.postHead(path, Api.OCTETS, body.length));
        request.write(body);
        RawHttp.Answer answer = RawHttp.exchange(socket, request.toByteArray());
        assertTrue(answer.complete(), "a whole answer");
        return new Answer(answer.status(), answer.body());
    }
}
