package io.harmony4.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.container.Tampering;
import io.harmony4.engine.TestData;
import io.harmony4.service.StreamedDecompression;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@code delivery=streamed} on both container endpoints (docs/http-api.md, "Streamed answers"), for each engine: the
 * same bytes as the default delivery, what a client sees when a block fails mid-answer, and what a client that stops
 * reading or leaves holds of the service.
 */
abstract class StreamedDeliveryContract {
    private static final int BLOCK = 4096;

    @Inject
    StreamedDecompression streamed;

    @Test
    void streamedCompressionIsTheDefaultsContainerWithTheRootAsTrailer() throws Exception {
        for (byte[] content : new byte[][] {new byte[0], TestData.text(10, 1), TestData.text(7 * BLOCK + 5, 2),
                TestData.random(3 * BLOCK, 3)}) {
            io.restassured.response.Response verified = Api.compress(content, "?blockSize=" + BLOCK);
            double outBefore = bytesOut("compress");
            RawHttp.Answer answer = RawHttp.post("/v1/compress?blockSize=" + BLOCK + "&delivery=streamed",
                    Api.OCTETS, content);
            assertEquals(200, answer.status());
            assertTrue(answer.complete(), "the last chunk came");
            assertEquals("chunked", answer.header("Transfer-Encoding"));
            assertEquals("streamed", answer.header("Harmony4-Delivery"));
            assertEquals(verified.header("Harmony4-Engine"), answer.header("Harmony4-Engine"));
            assertArrayEquals(verified.asByteArray(), answer.body());
            assertEquals(verified.header("Harmony4-Content-Root"), answer.trailers().get("harmony4-content-root"));
            // at least: a compression answered before may be counted just after its client had all of it
            awaitTrue(() -> bytesOut("compress") >= outBefore + answer.body().length, "the container's bytes counted");
        }
    }

    /** Whether the decompress byte counter stays the same over a short while. */
    private static boolean decompressCounterSettled() {
        double before = bytesOut("decompress");
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return bytesOut("decompress") == before;
    }

    /** harmony4_bytes_out_total of an endpoint, from /q/metrics. */
    private static double bytesOut(String endpoint) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("harmony4_bytes_out_total\\{endpoint=\""
                + endpoint + "\",[^}]*} (\\S+)").matcher(io.restassured.RestAssured.get("/q/metrics").asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void streamedDecompressionIsTheContentWithItsLengthFirst() throws Exception {
        byte[] content = TestData.text(9 * BLOCK + 77, 4);
        byte[] container = Api.compressOk(content, "?blockSize=" + BLOCK);
        awaitTrue(() -> streamed.open() == 0, "earlier answers are done"); // and counted: before they close
        // an earlier test's answer (another class sharing this app) may still be counted: wait until none moves it
        awaitTrue(StreamedDeliveryContract::decompressCounterSettled, "the decompress byte counter settles");
        double outBefore = bytesOut("decompress");
        RawHttp.Answer whole = RawHttp.post("/v1/decompress?delivery=streamed", Api.H4MK, container);
        assertEquals(200, whole.status());
        assertTrue(whole.complete());
        awaitTrue(() -> bytesOut("decompress") == outBefore + content.length, "the answer's bytes counted");
        assertEquals(Long.toString(content.length), whole.header("Content-Length"));
        assertArrayEquals(content, whole.body());
        assertEquals("sha256", whole.header("Harmony4-Verification"));
        assertEquals(Api.decompress(container, "").header("Harmony4-Content-Root"),
                whole.header("Harmony4-Content-Root"));
        assertEquals(Api.decompress(container, "").header("Harmony4-Engine"), whole.header("Harmony4-Engine"));
        assertNotNull(whole.header("Harmony4-Engine"));
        for (long[] range : new long[][] {{0, 1}, {BLOCK - 3, 7}, {BLOCK + 1, 5L * BLOCK}, {content.length, 0},
                {8L * BLOCK, content.length - 8L * BLOCK}}) {
            RawHttp.Answer part = RawHttp.post("/v1/decompress?delivery=streamed&offset=" + range[0] + "&length="
                    + range[1], Api.H4MK, container);
            assertEquals(200, part.status());
            assertTrue(part.complete());
            io.restassured.response.Response verified = Api.decompress(container, "?offset=" + range[0]
                    + "&length=" + range[1]);
            assertArrayEquals(verified.asByteArray(), part.body(), "range " + Arrays.toString(range));
            // both deliveries name the engines of the container's header, as a whole decode does
            assertEquals(whole.header("Harmony4-Engine"), part.header("Harmony4-Engine"));
            assertEquals(whole.header("Harmony4-Engine"), verified.header("Harmony4-Engine"));
        }
        assertEquals(416, RawHttp.post("/v1/decompress?delivery=streamed&offset=" + (content.length + 1), Api.H4MK,
                container).status());
    }

    /**
     * Every kind of container a streamed answer takes gives the default delivery's bytes, whole and in ranges: the
     * golden version 2 and 3 files (each engine's, filtered ones among them), and containers this app makes of text
     * (its engine's blocks), of random bytes (raw blocks) and filtered, in blocks of 1 MiB (the default size, whose
     * memory is reused) and 4 KiB; and no decoded block is left held once they are done. A golden file the engine
     * serving cannot decode is the same problem in both deliveries.
     */
    @Test
    void streamedAnswersAreTheDefaultDeliverysBytesForEveryKindOfContainer() throws Exception {
        java.util.List<byte[]> containers = new java.util.ArrayList<>();
        for (String golden : new String[] {"v2/core-text", "v2/reference-text", "v2/reference-empty",
                "v3/core-delta2", "v3/core-wavelet2-shuffle2", "v3/reference-shuffle4"}) {
            containers.add(Files.readAllBytes(Path.of("src/test/resources/golden/" + golden + ".h4mk")));
        }
        byte[] mixed = concat(TestData.text((1 << 20) + 5000, 13), TestData.random(600_000, 14));
        containers.add(Api.compressOk(mixed, ""));
        containers.add(Api.compressOk(mixed, "?blockSize=" + BLOCK));
        containers.add(Api.compressOk(TestData.text(5 * BLOCK + 11, 15), "?blockSize=" + BLOCK
                + "&filter=shuffle&elementSize=4"));
        for (byte[] container : containers) {
            io.restassured.response.Response verified = Api.decompress(container, "");
            if (verified.statusCode() == 422) { // a golden file of the core, with the reference engine serving
                assertEquals("urn:harmony4:problem:unsupported-codec", verified.jsonPath().getString("type"));
                assertEquals(422, RawHttp.post("/v1/decompress?delivery=streamed", Api.H4MK, container).status());
                continue;
            }
            byte[] content = verified.then().statusCode(200).extract().asByteArray();
            RawHttp.Answer whole = RawHttp.post("/v1/decompress?delivery=streamed", Api.H4MK, container);
            assertEquals(200, whole.status());
            assertTrue(whole.complete());
            assertArrayEquals(content, whole.body());
            long n = content.length;
            for (long[] range : new long[][] {{0, Math.min(1, n)}, {n / 3, n / 3}, {n / 2, n - n / 2}, {n, 0}}) {
                String query = "offset=" + range[0] + "&length=" + range[1];
                RawHttp.Answer part = RawHttp.post("/v1/decompress?delivery=streamed&" + query, Api.H4MK, container);
                assertEquals(200, part.status(), query);
                assertTrue(part.complete(), query);
                assertArrayEquals(Api.decompress(container, "?" + query).asByteArray(), part.body(), query);
            }
        }
        awaitTrue(() -> streamed.open() == 0 && streamed.blocksHeld() == 0 && decodedBlocksGauge() == 0,
                "every decoded block given back");
    }

    /**
     * The range's first block is checked before the answer starts: when it fails, the answer is the problem the
     * default delivery gives, not a 200 that ends short.
     */
    @Test
    void aRangesFirstBlockThatFailsIsAProblemBeforeAnyByte() throws Exception {
        byte[] content = TestData.random(8 * BLOCK, 16); // random: stored raw, so the flip reaches the bytes
        byte[] container = Api.compressOk(content, "?blockSize=" + BLOCK);
        for (int block : new int[] {0, 5}) {
            byte[] damaged = Tampering.flipBehindTheCrc(container, indexOf(container, Arrays.copyOfRange(content,
                    block * BLOCK + 100, block * BLOCK + 132)), 0x01);
            Api.decompress(damaged, "?delivery=streamed&offset=" + (block * BLOCK + 1)).then().statusCode(400)
                    .contentType(Api.PROBLEM)
                    .body("type", equalTo("urn:harmony4:problem:corrupt-container"))
                    .body("detail", containsString("block " + block));
        }
        awaitTrue(() -> streamed.open() == 0 && streamed.blocksHeld() == 0 && decodedBlocksGauge() == 0,
                "the refused answers gave everything back");
    }

    /** The harmony4_decoded_blocks gauge, from /q/metrics: decoded blocks of direct memory held. */
    private static double decodedBlocksGauge() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^harmony4_decoded_blocks(?:\\{[^}]*})? (\\S+)")
                .matcher(io.restassured.RestAssured.get("/q/metrics").asString());
        assertTrue(m.find(), "harmony4_decoded_blocks is published");
        return Double.parseDouble(m.group(1));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /**
     * The range's first blocks are decoded while the container arrives, yet nothing is sent, not even the status,
     * before its last bytes (TAIL) are in and checked; then the whole answer comes.
     */
    @Test
    void nothingIsSentBeforeTheContainersLastBytes() throws Exception {
        byte[] content = TestData.text(6 * BLOCK + 9, 12);
        byte[] container = Api.compressOk(content, "?blockSize=" + BLOCK);
        try (Socket socket = new Socket("localhost", io.restassured.RestAssured.port)) {
            java.io.OutputStream out = socket.getOutputStream();
            out.write(Api.postHead("/v1/decompress?delivery=streamed", Api.H4MK, container.length));
            out.write(container, 0, container.length - 10);
            out.flush();
            InputStream in = socket.getInputStream();
            socket.setSoTimeout(1000); // time enough to decode and send the first blocks many times over
            assertThrows(java.net.SocketTimeoutException.class, in::read, "an answer before the container's end");
            socket.setSoTimeout(60_000);
            out.write(container, container.length - 10, 10);
            out.flush();
            RawHttp.Answer answer = RawHttp.read(in);
            assertEquals(200, answer.status());
            assertTrue(answer.complete());
            assertArrayEquals(content, answer.body());
        }
    }

    /**
     * harmony4_streamed_first_byte_seconds counts each streamed decompression that sends a byte, once, when it sends
     * its first: not an empty range, a problem answered before the answer, a default delivery or a compression. Each
     * wait it records lies within its request, so together they fit in the time the requests took, one after another.
     */
    @Test
    void eachStreamedDecompressionTimesItsFirstByteOnce() throws Exception {
        byte[] content = TestData.text(5 * BLOCK + 3, 11);
        byte[] container = Api.compressOk(content, "?blockSize=" + BLOCK);
        byte[] damaged = Tampering.flipBehindTheCrc(container, container.length - 8, 0x01); // the content root
        awaitTrue(() -> streamed.open() == 0, "earlier answers are done"); // each timed its first byte before
        double[] before = firstByteTimer();
        long started = System.nanoTime();
        for (String query : new String[] {"", "&offset=5&length=1", "&offset=" + 2 * BLOCK}) {
            RawHttp.Answer answer = RawHttp.post("/v1/decompress?delivery=streamed" + query, Api.H4MK, container);
            assertEquals(200, answer.status());
            assertTrue(answer.complete());
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        assertEquals(200, RawHttp.post("/v1/decompress?delivery=streamed&offset=" + content.length + "&length=0",
                Api.H4MK, container).status());
        assertEquals(400, RawHttp.post("/v1/decompress?delivery=streamed", Api.H4MK, damaged).status());
        assertEquals(200, RawHttp.post("/v1/decompress", Api.H4MK, container).status());
        assertEquals(200, RawHttp.post("/v1/compress?delivery=streamed", Api.OCTETS, content).status());
        double[] after = firstByteTimer();
        assertEquals(before[0] + 3, after[0], "one count per streamed decompression that sent a byte");
        double waited = after[1] - before[1];
        assertTrue(waited > 0 && waited <= elapsed, waited + " s recorded for requests that took " + elapsed + " s");
    }

    /** harmony4_streamed_first_byte_seconds of the decompress endpoint, from /q/metrics: its count and its sum. */
    private static double[] firstByteTimer() {
        String metrics = io.restassured.RestAssured.get("/q/metrics").asString();
        double[] timer = new double[2];
        String[] parts = {"count", "sum"};
        for (int i = 0; i < 2; i++) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("harmony4_streamed_first_byte_seconds_"
                    + parts[i] + "\\{endpoint=\"decompress\",[^}]*} (\\S+)").matcher(metrics);
            assertTrue(m.find(), "harmony4_streamed_first_byte_seconds_" + parts[i] + " is published");
            timer[i] = Double.parseDouble(m.group(1));
        }
        return timer;
    }

    /**
     * Block 5 of 8 damaged behind its CRC: TAIL, SEEK and the content root still agree, only the block's SHA-256 does
     * not. The default delivery is the corrupt-container problem; the streamed one has sent blocks 0 to 4, verified,
     * when it meets block 5, and ends there: fewer bytes than its Content-Length, the connection closed.
     */
    @Test
    void aBlockThatFailsEndsTheStreamedAnswerShortAfterTheVerifiedOnes() throws Exception {
        byte[] content = TestData.random(8 * BLOCK, 5); // random: every block stored raw, so the flip reaches the bytes
        byte[] container = Api.compressOk(content, "?blockSize=" + BLOCK);
        byte[] damaged = Tampering.flipBehindTheCrc(container, indexOf(container, Arrays.copyOfRange(content,
                5 * BLOCK + 100, 5 * BLOCK + 132)), 0x01);
        Api.decompress(damaged, "").then().statusCode(400)
                .body("type", equalTo("urn:harmony4:problem:corrupt-container"))
                .body("detail", containsString("block 5"));
        RawHttp.Answer answer = RawHttp.post("/v1/decompress?delivery=streamed", Api.H4MK, damaged);
        assertEquals(200, answer.status());
        assertEquals(Long.toString(content.length), answer.header("Content-Length"));
        assertFalse(answer.complete(), "the answer ends short");
        assertArrayEquals(Arrays.copyOf(content, 5 * BLOCK), answer.body(), "the blocks before the damaged one");
    }

    @Test
    void aDamagedTrailerIsAProblemBeforeAnyByte() throws Exception {
        byte[] container = Api.compressOk(TestData.text(3 * BLOCK, 6), "?blockSize=" + BLOCK);
        byte[] damaged = Tampering.flipBehindTheCrc(container, container.length - 8, 0x01); // the content root
        Api.decompress(damaged, "?delivery=streamed").then().statusCode(400).contentType(Api.PROBLEM)
                .body("type", equalTo("urn:harmony4:problem:corrupt-container"));
    }

    @Test
    void aVersion1ContainerOrAnUnknownDeliveryIsABadParameter() throws Exception {
        byte[] v1 = Files.readAllBytes(Path.of("src/test/resources/golden/v1/reference-text.h4mk"));
        Api.decompress(v1, "?delivery=streamed").then().statusCode(400).contentType(Api.PROBLEM)
                .body("type", equalTo("urn:harmony4:problem:bad-parameter"))
                .body("detail", containsString("delivery=verified"));
        Api.decompress(v1, "?delivery=verified").then().statusCode(200);
        Api.compress(new byte[10], "?delivery=later").then().statusCode(400)
                .body("type", equalTo("urn:harmony4:problem:bad-parameter"))
                .body("detail", containsString("delivery must be verified or streamed"));
        Api.decompress(v1, "?delivery=later").then().statusCode(400)
                .body("type", equalTo("urn:harmony4:problem:bad-parameter"));
        Api.decompress(v1, "?delivery=streamed&offset=-1").then().statusCode(400)
                .body("type", equalTo("urn:harmony4:problem:bad-parameter")).body("parameter", equalTo("offset"));
        Api.decompress(v1, "?delivery=streamed&length=-1").then().statusCode(400)
                .body("type", equalTo("urn:harmony4:problem:bad-parameter")).body("parameter", equalTo("length"));
    }

    /**
     * A reader that reads nothing holds its answer at the blocks one answer may hold, far short of the content:
     * decoding waits on the socket. Once it reads, the rest comes, whole.
     */
    @Test
    void aReaderThatDoesNotReadHoldsNoMoreThanItsBlocks() throws Exception {
        byte[] content = TestData.random(16 << 20, 7);
        byte[] container = Api.compressOk(content, "?blockSize=65536");
        long sentBefore = streamed.blocksSent();
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(64 * 1024);
            socket.connect(new java.net.InetSocketAddress("localhost", io.restassured.RestAssured.port));
            socket.setSoTimeout(60_000);
            Thread sender = RawHttp.sendInBackground(socket, "/v1/decompress?delivery=streamed", Api.H4MK, container);
            InputStream in = socket.getInputStream();
            RawHttp.Answer head = RawHttp.head(in);
            assertEquals(200, head.status());
            sender.join();
            Thread.sleep(1000); // time enough to decode all 256 blocks many times over, were nothing waiting
            assertEquals(1, streamed.open());
            assertTrue(streamed.blocksHeld() <= streamed.blocksPerAnswer(), streamed.blocksHeld() + " blocks held");
            assertTrue(decodedBlocksGauge() <= streamed.blocksPerAnswer(), decodedBlocksGauge() + " decoded blocks");
            long sent = streamed.blocksSent() - sentBefore;
            assertTrue(sent < 128, sent + " of 256 blocks sent to a reader that read nothing");
            assertArrayEquals(content, in.readNBytes(content.length));
        }
        awaitTrue(() -> streamed.open() == 0 && streamed.blocksHeld() == 0 && decodedBlocksGauge() == 0,
                "the answer gave everything back");
    }

    /** A client that leaves mid-answer stops the decoding: the container and its blocks are given back. */
    @Test
    void aClientThatLeavesMidAnswerStopsTheDecodingAndLeavesNothing() throws Exception {
        byte[] content = TestData.random(16 << 20, 8);
        byte[] container = Api.compressOk(content, "?blockSize=65536");
        long sentBefore = streamed.blocksSent();
        try (Socket socket = new Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(60_000);
            RawHttp.sendInBackground(socket, "/v1/decompress?delivery=streamed", Api.H4MK, container).join();
            InputStream in = socket.getInputStream();
            assertEquals(200, RawHttp.head(in).status());
            assertEquals(1 << 20, in.readNBytes(1 << 20).length);
            socket.setSoLinger(true, 0); // leave with RST
        }
        awaitTrue(() -> streamed.open() == 0 && streamed.blocksHeld() == 0 && decodedBlocksGauge() == 0,
                "the answer gave everything back, its blocks of direct memory among them");
        assertTrue(streamed.blocksSent() - sentBefore < 256, "the decoding stopped before the end");
        assertEquals(0, spoolFiles(), "the received container is deleted");
        // the service goes on: the block pool is free
        assertArrayEquals(content, RawHttp.post("/v1/decompress?delivery=streamed", Api.H4MK, container).body());
    }

    @Test
    void aClientThatLeavesAStreamedCompressionMidAnswerLeavesTheServiceWorking() throws Exception {
        byte[] content = TestData.random(16 << 20, 9);
        try (Socket socket = new Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(60_000);
            Thread sender = RawHttp.sendInBackground(socket, "/v1/compress?delivery=streamed&blockSize=65536",
                    Api.OCTETS, content);
            InputStream in = socket.getInputStream();
            assertEquals(200, RawHttp.head(in).status());
            assertEquals(1 << 20, in.readNBytes(1 << 20).length);
            socket.setSoLinger(true, 0);
            socket.close();
            sender.join();
        }
        byte[] small = TestData.text(3 * BLOCK, 10);
        assertArrayEquals(Api.compressOk(small, ""), RawHttp.post("/v1/compress?delivery=streamed", Api.OCTETS,
                small).body());
    }

    private static long spoolFiles() throws IOException {
        Path dir = Path.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("harmony4.spool.dir", String.class).orElse(System.getProperty("java.io.tmpdir")));
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".spool")).count();
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }
}
