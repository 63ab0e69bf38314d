package io.harmony4.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.container.Tampering;
import io.harmony4.container.TestContainers;
import io.harmony4.engine.TestData;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP API, end to end. Runs once per engine ({@link ApiCoreTest}, {@link ApiReferenceTest}) and, reused by
 * the {@code *IT} classes, against the packaged application.
 */
public abstract class ApiContract {
    /** Bytes of the TAIL chunk and of one version 2 SEEK entry (docs/h4mk.md). */
    private static final int TAIL_CHUNK_SIZE = 64;
    private static final int SEEK_ENTRY_SIZE = 48;

    /** The engine id that serves in this test's profile. */
    protected abstract String engineId();

    @Test
    void compressThenDecompressGivesTheSameBytes() {
        for (byte[] data : List.of(new byte[0], new byte[] {7}, TestData.text(5000, 1), TestData.numeric(300_000, 2),
                TestData.random(3 << 20, 3))) {
            String root = TestContainers.root(data, 1 << 20);
            Response compressed = Api.compress(data, "");
            compressed.then().statusCode(200).contentType(Api.H4MK)
                    .header(Responses.ROOT_HEADER, equalTo(root))
                    .header(Responses.SHA256_HEADER, nullValue())
                    .header(Responses.ENGINE_HEADER, startsWith(engineId() + "/"));
            byte[] restored = Api.decompress(compressed.asByteArray(), "").then().statusCode(200)
                    .contentType(Api.OCTETS)
                    .header(Responses.ROOT_HEADER, equalTo(root))
                    .header(Responses.VERIFICATION_HEADER, equalTo("sha256"))
                    .extract().asByteArray();
            assertArrayEquals(data, restored);
        }
    }

    @Test
    void sameBodyGivesTheSameContainer() {
        byte[] data = TestData.text(200_000, 4);
        assertArrayEquals(Api.compressOk(data, ""), Api.compressOk(data, ""));
    }

    @Test
    void blockSizeParameterShapesTheContainer() {
        byte[] container = Api.compressOk(TestData.text(20_000, 5), "?blockSize=4096");
        given().contentType(Api.H4MK).body(container).when().post("/v1/inspect").then()
                .statusCode(200)
                .contentType("application/json")
                .body("blockSize", equalTo(4096))
                .body("blocks.size()", equalTo(5))
                .body("contentSize", equalTo(20_000))
                .body("contentVerified", equalTo(false))
                .body("codecs[0].engineId", equalTo(engineId()));
    }

    /** Filters, named with sizes or with elementSize: version 3, the filters in inspect, the root as without. */
    @Test
    void filtersRoundTripAndShowInInspect() {
        // 32-bit samples on a line with a ripple: what both engines compress once filtered, the reference too
        java.nio.ByteBuffer samples = java.nio.ByteBuffer.allocate(80_000).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 20_000; i++) {
            samples.putInt(1_000_000 + 7 * i + (i % 16 < 8 ? 0 : 3));
        }
        byte[] data = samples.array();
        for (String query : new String[] {"?blockSize=16384&filter=delta:4,shuffle:4",
                "?blockSize=16384&filter=shuffle&elementSize=4"}) {
            byte[] container = Api.compressOk(data, query);
            assertArrayEquals(data, Api.decompress(container, "").then().statusCode(200).extract().asByteArray());
            String expected = query.contains("delta") ? "delta:4,shuffle:4" : "shuffle:4";
            given().contentType(Api.H4MK).body(container).when().post("/v1/verify").then()
                    .statusCode(200)
                    .body("formatVersion", equalTo(3))
                    .body("contentVerified", equalTo(true))
                    .body("root", equalTo(TestContainers.root(data, 16384)))
                    .body("blocks[0].filters", equalTo(expected));
            assertArrayEquals(Arrays.copyOfRange(data, 16_000, 17_000), Api.decompress(container,
                    "?offset=16000&length=1000").then().statusCode(200).extract().asByteArray());
        }
        given().contentType(Api.H4MK).body(Api.compressOk(data, "?filter=none")).when().post("/v1/inspect").then()
                .statusCode(200).body("formatVersion", equalTo(2)).body("blocks[0].filters", equalTo("none"));
        byte[] auto = Api.compressOk(data, "?blockSize=16384&filter=auto&elementSize=4");
        assertArrayEquals(data, Api.decompress(auto, "").then().statusCode(200).extract().asByteArray());
        given().contentType(Api.H4MK).body(auto).when().post("/v1/inspect").then()
                .statusCode(200).body("formatVersion", equalTo(3));
    }

    @Test
    void badFiltersAreNamedBeforeTheBodyIsRead() {
        String[][] cases = {{"filter=zip:2", "filter", "unknown filter 'zip'"},
                {"filter=wavelet:8", "filter", "not defined for elements of 8 bytes"},
                {"filter=shuffle", "filter", "needs an element size"},
                {"filter=delta:1,delta:1,delta:1,delta:1,delta:1", "filter", "at most 4"},
                {"elementSize=4", "elementSize", "no filter is named"},
                {"filter=shuffle&elementSize=0", "elementSize", "1, 2, 4 or 8 bytes"},
                {"filter=shuffle&elementSize=3", "elementSize", "1, 2, 4 or 8 bytes"},
                {"filter=none&elementSize=4", "elementSize", "no filter is named"},
                {"filter=shuffle&elementSize=four", "elementSize", "four"},
                {"filter=auto&elementSize=3", "elementSize", "2, 4 or 8"}};
        for (String[] c : cases) {
            Api.compress(new byte[10], "?" + c[0]).then().statusCode(400).contentType(Api.PROBLEM)
                    .body("type", equalTo("urn:harmony4:problem:bad-parameter"))
                    .body("parameter", equalTo(c[1]))
                    .body("detail", containsString(c[2]));
        }
    }

    @Test
    void anElementSizeWithNoFilterGetsOneAnswerWhetherFilterIsLeftOutOrNone() {
        String leftOut = Api.compress(new byte[10], "?elementSize=4").then().statusCode(400)
                .extract().path("detail");
        String none = Api.compress(new byte[10], "?filter=none&elementSize=4").then().statusCode(400)
                .extract().path("detail");
        assertEquals(leftOut, none);
    }

    @Test
    void verifyDecodesEverything() {
        byte[] data = TestData.text(50_000, 6);
        byte[] container = Api.compressOk(data, "?blockSize=8192");
        given().contentType(Api.H4MK).body(container).when().post("/v1/verify").then()
                .statusCode(200)
                .body("contentVerified", equalTo(true))
                .body("formatVersion", equalTo(2))
                .body("root", equalTo(TestContainers.root(data, 8192)))
                .body("sha256", nullValue())
                .body("containerSize", equalTo(container.length));
        given().contentType(Api.H4MK).body(container).when().post("/v1/inspect").then()
                .statusCode(200)
                .body("contentVerified", equalTo(false))
                .body("root", equalTo(TestContainers.root(data, 8192)));
    }

    /** Containers written by released versions (H4MK version 1) decode and verify as before. */
    @Test
    void versionOneContainersStillDecodeVerifyAndReadRanges() throws IOException {
        byte[] container = TestContainers.versionOneReferenceText();
        byte[] content = TestContainers.goldenContent();
        assertArrayEquals(content, Api.decompress(container, "").then().statusCode(200)
                .header(Responses.SHA256_HEADER, equalTo(Api.sha256(content)))
                .header(Responses.VERIFICATION_HEADER, equalTo("sha256"))
                .header(Responses.ROOT_HEADER, nullValue())
                .extract().asByteArray());
        assertArrayEquals(Arrays.copyOfRange(content, 1000, 3000), Api.decompress(container,
                "?offset=1000&length=2000").then().statusCode(200)
                .header(Responses.VERIFICATION_HEADER, equalTo("block-checksum"))
                .header(Responses.ENGINE_HEADER, equalTo(Api.decompress(container, "")
                        .header(Responses.ENGINE_HEADER)))
                .extract().asByteArray());
        given().contentType(Api.H4MK).body(container).when().post("/v1/verify").then().statusCode(200)
                .body("formatVersion", equalTo(1))
                .body("sha256", equalTo(Api.sha256(content)))
                .body("root", nullValue())
                .body("contentVerified", equalTo(true));
    }

    @Test
    void rangeReadsAtBlockEdges() {
        byte[] data = TestData.text(20_000, 7);
        byte[] container = Api.compressOk(data, "?blockSize=4096");
        long[][] ranges = {{0, 1}, {4095, 2}, {4096, 4096}, {4000, 9000}, {19_999, 1}, {20_000, 0}, {0, 20_000}};
        for (long[] r : ranges) {
            byte[] part = Api.decompress(container, "?offset=" + r[0] + "&length=" + r[1]).then().statusCode(200)
                    .header(Responses.VERIFICATION_HEADER, equalTo("sha256"))
                    .header(Responses.ROOT_HEADER, equalTo(TestContainers.root(data, 4096)))
                    .header(Responses.ENGINE_HEADER, equalTo(engineId())) // the ids the container's header names
                    .extract().asByteArray();
            assertArrayEquals(Arrays.copyOfRange(data, (int) r[0], (int) (r[0] + r[1])), part,
                    "offset " + r[0] + " length " + r[1]);
        }
        byte[] tail = Api.decompress(container, "?offset=16000").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(data, 16_000, 20_000), tail);
    }

    @Test
    void corruptContainerIsAProblemNamingChunkAndOffset() {
        byte[] container = Api.compressOk(TestData.text(30_000, 8), "?blockSize=4096");
        container[container.length / 2] ^= 0x10;
        for (String endpoint : List.of("/v1/decompress", "/v1/verify", "/v1/inspect")) {
            given().contentType(Api.H4MK).body(container).when().post(endpoint).then()
                    .statusCode(400)
                    .contentType(Api.PROBLEM)
                    .body("type", equalTo("urn:harmony4:problem:corrupt-container"))
                    .body("status", equalTo(400))
                    .body("detail", containsString("CRC32C mismatch"))
                    .body("chunk", equalTo("CORE"))
                    .body("instance", equalTo(endpoint));
        }
    }

    @Test
    void truncatedContainerIsCorrupt() {
        byte[] container = Api.compressOk(TestData.text(10_000, 9), "");
        Api.decompress(Arrays.copyOf(container, container.length - 10), "").then()
                .statusCode(400).contentType(Api.PROBLEM)
                .body("type", equalTo("urn:harmony4:problem:corrupt-container"))
                .body("detail", containsString("truncated"));
        Api.decompress("not a container at all".getBytes(StandardCharsets.US_ASCII), "").then()
                .statusCode(400).body("detail", containsString("bad magic"));
    }

    @Test
    void blockFromAnEngineThatIsNotHereIsUnsupportedCodec() {
        // a ramp: data both engines compress, so the block names its engine (raw blocks need none)
        byte[] container = Api.compressOk(TestData.ramp(10_000), "");
        byte[] foreign = Api.withEngineId(container, engineId(), "x".repeat(engineId().length()));
        Api.decompress(foreign, "").then()
                .statusCode(422).contentType(Api.PROBLEM)
                .body("type", equalTo("urn:harmony4:problem:unsupported-codec"))
                .body("engine", equalTo("x".repeat(engineId().length())));
    }

    @Test
    void badParametersAreNamed() {
        Api.compress(new byte[10], "?level=abc").then().statusCode(400).contentType(Api.PROBLEM)
                .body("type", equalTo("urn:harmony4:problem:bad-parameter")).body("parameter", equalTo("level"));
        Api.compress(new byte[10], "?blockSize=10").then().statusCode(400)
                .body("type", equalTo("urn:harmony4:problem:bad-parameter")).body("parameter", equalTo("blockSize"));
        Api.decompress(Api.compressOk(new byte[10], ""), "?offset=-1").then().statusCode(400)
                .body("parameter", equalTo("offset"));
    }

    /** JAX-RS answers a query parameter that does not convert with a bare 404; the API's converters win over that. */
    @Test
    void queryParametersThatAreNotWholeNumbersAreBadParametersNotNotFound() {
        byte[] container = Api.compressOk(new byte[10], "");
        for (String[] query : new String[][] {{"compress", "blockSize", "99999999999"}, {"compress", "level", "3.5"},
                {"decompress", "offset", "1e3"}, {"decompress", "length", "ten"}}) {
            Response r = query[0].equals("compress")
                    ? Api.compress(new byte[10], "?" + query[1] + "=" + query[2])
                    : Api.decompress(container, "?" + query[1] + "=" + query[2]);
            r.then().statusCode(400).contentType(Api.PROBLEM)
                    .body("type", equalTo("urn:harmony4:problem:bad-parameter"))
                    .body("parameter", equalTo(query[1]))
                    .body("detail", containsString(query[2]));
        }
    }

    @Test
    void rangeOutsideTheContentIsInvalidRange() {
        byte[] container = Api.compressOk(TestData.text(1000, 11), "");
        Api.decompress(container, "?offset=900&length=200").then().statusCode(416).contentType(Api.PROBLEM)
                .body("type", equalTo("urn:harmony4:problem:invalid-range"));
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaType() {
        given().contentType("text/plain").body("hello").when().post("/v1/compress").then()
                .statusCode(415).contentType(Api.PROBLEM)
                .body("type", equalTo("urn:harmony4:problem:unsupported-media-type"))
                .body("detail", containsString("application/octet-stream"));
        given().contentType("application/json").body("{}").when().post("/v1/decompress").then()
                .statusCode(415).body("type", equalTo("urn:harmony4:problem:unsupported-media-type"));
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        given().when().get("/v1/nothing-here").then().statusCode(404).contentType(Api.PROBLEM)
                .body("type", equalTo("urn:harmony4:problem:not-found"));
        given().when().get("/v1/compress").then().statusCode(405).contentType(Api.PROBLEM)
                .body("type", equalTo("urn:harmony4:problem:method-not-allowed"));
    }

    @Test
    void twoHundredRequestsInFlightMixingValidAndInvalid() throws Exception {
        List<byte[]> contents = new ArrayList<>();
        List<byte[]> containers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byte[] data = TestData.text(20_000 + i * 7919, 100 + i);
            contents.add(data);
            containers.add(Api.compressOk(data, "?blockSize=4096"));
        }
        URI base = URI.create("http://localhost:" + port());
        ExecutorService executor = Executors.newFixedThreadPool(16);
        try (HttpClient client = HttpClient.newBuilder().executor(executor).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build()) {
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int k = i % contents.size();
                HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(60));
                switch (i % 4) {
                    case 0 -> { // valid decompress: exact bytes back
                        calls.add(client.sendAsync(request.uri(base.resolve("/v1/decompress"))
                                        .header("Content-Type", Api.H4MK)
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(containers.get(k))).build(),
                                HttpResponse.BodyHandlers.ofByteArray()).thenAccept(r -> {
                                    assertEquals(200, r.statusCode());
                                    assertArrayEquals(contents.get(k), r.body());
                                }));
                    }
                    case 1 -> { // valid compress: the deterministic container, byte for byte
                        calls.add(client.sendAsync(request.uri(base.resolve("/v1/compress?blockSize=4096"))
                                        .header("Content-Type", Api.OCTETS)
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(contents.get(k))).build(),
                                HttpResponse.BodyHandlers.ofByteArray()).thenAccept(r -> {
                                    assertEquals(200, r.statusCode());
                                    assertArrayEquals(containers.get(k), r.body());
                                }));
                    }
                    case 2 -> { // damaged
                        byte[] bad = containers.get(k).clone();
                        bad[bad.length / 3] ^= 1;
                        calls.add(problem(client, request, base, bad, 400));
                    }
                    default -> // truncated
                            calls.add(problem(client, request, base,
                                    Arrays.copyOf(containers.get(k), containers.get(k).length / 2), 400));
                }
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();
        } finally {
            executor.shutdownNow();
        }
    }

    private static CompletableFuture<Void> problem(HttpClient client, HttpRequest.Builder request, URI base,
            byte[] body, int status) {
        return client.sendAsync(request.uri(base.resolve("/v1/decompress")).header("Content-Type", Api.H4MK)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString()).thenAccept(r -> {
                    assertEquals(status, r.statusCode(), r.body());
                    assertEquals(Api.PROBLEM, r.headers().firstValue("Content-Type").orElse(""));
                    assertTrue(r.body().contains("urn:harmony4:problem:corrupt-container"), r.body());
                });
    }

    @Test
    void clientThatDisconnectsMidBodyLeavesNothingBehind() throws Exception {
        assertNoSpoolFilesLeft(); // so that the file awaited below is this request's
        byte[] chunk = TestData.random(1 << 20, 12);
        int chunks = (int) (spoolThreshold() >> 20) + 12; // past the in-memory threshold, so a spool file exists
        try (Socket socket = new Socket("localhost", port())) {
            OutputStream out = socket.getOutputStream();
            out.write(Api.postHead("/v1/compress", Api.OCTETS, (long) (chunks + 44) << 20));
            for (int i = 0; i < chunks; i++) {
                out.write(chunk);
            }
            out.flush();
            awaitSpoolFile();
        }
        assertNoSpoolFilesLeft();
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    /**
     * A client that waits for 100 Continue before it sends a body (curl does, for a second) is told to go on: both
     * endpoints take their bodies on the event loop, where nothing sends it unless they do.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/v1/compress", "/v1/decompress"})
    void aClientThatWaitsForContinueIsToldToSendItsBody(String path) throws Exception {
        byte[] content = TestData.text(100_000, 15);
        byte[] body = path.equals("/v1/compress") ? content : Api.compressOk(content, "");
        try (Socket socket = new Socket("localhost", port())) {
            socket.setSoTimeout(10_000); // a server that never sends it fails this test, not hangs it
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                    + (path.equals("/v1/compress") ? Api.OCTETS : Api.H4MK)
                    + "\r\nContent-Length: " + body.length + "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertEquals("HTTP/1.1 100 Continue", Api.readLine(in));
            assertEquals("", Api.readLine(in));
            out.write(body);
            out.flush();
            assertEquals("HTTP/1.1 200 OK", Api.readLine(in));
        }
    }

    /** The whole body sent, then gone before the answer: the result spooled meanwhile must not stay behind. */
    @Test
    void clientThatLeavesBeforeTheAnswerLeavesNothingBehind() throws Exception {
        byte[] content = TestData.random(20 << 20, 13); // results past the in-memory threshold: spool files
        byte[] container = Api.compressOk(content, "");
        for (boolean reset : new boolean[] {false, true, false, true}) {
            sendAndLeave("/v1/compress", Api.OCTETS, content, reset);
            sendAndLeave("/v1/decompress", Api.H4MK, container, reset);
        }
        assertNoSpoolFilesLeft();
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    private static void sendAndLeave(String path, String contentType, byte[] body, boolean reset) throws IOException {
        try (Socket socket = new Socket("localhost", port())) {
            if (reset) {
                socket.setSoLinger(true, 0); // close with RST, as load tools do at the end of a run
            }
            OutputStream out = socket.getOutputStream();
            out.write(Api.postHead(path, contentType, body.length));
            out.write(body);
            out.flush();
            if (reset) {
                sleepQuietly(300); // time for the server to read the body before the reset
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A whole decode whose result is past the in-memory threshold, so that it waits in a spool file, and whose damage
     * shows only once most of it is there: in the last block, or in TAIL's content root, each behind a CRC that
     * matches. The answer is the corrupt-container problem and nothing of the content, and the file is gone.
     */
    @Test
    void damageFoundAfterTheResultWentToASpoolFileIsAProblemWithNothingBehind() throws Exception {
        byte[] data = TestData.text((int) (2 * spoolThreshold()), 14);
        byte[] container = Api.compressOk(data, "");
        ByteBuffer le = ByteBuffer.wrap(container).order(ByteOrder.LITTLE_ENDIAN);
        int tail = container.length - TAIL_CHUNK_SIZE;
        int blocks = le.getInt(tail + 16);
        int lastEntry = (int) le.getLong(tail + 20) + 12 + (blocks - 1) * SEEK_ENTRY_SIZE; // SEEK: count, entries
        int lastCore = (int) le.getLong(lastEntry);
        int lastBlock = lastCore + le.getInt(lastEntry + 8) / 2; // the middle of its chunk: inside the payload
        int root = tail + 28; // TAIL: content size, block count, SEEK's offset, the content root
        assertNoSpoolFilesLeft();
        for (int at : new int[] {lastBlock, root + 31}) {
            byte[] bad = Tampering.flipBehindTheCrc(container, at, 0x01);
            for (String range : List.of("", "?offset=0")) {
                Response answer = Api.decompress(bad, range);
                answer.then().statusCode(400).contentType(Api.PROBLEM)
                        .body("type", equalTo("urn:harmony4:problem:corrupt-container"))
                        .body("status", equalTo(400))
                        .body("chunk", equalTo(at == lastBlock ? "CORE" : "TAIL"))
                        .body("offset", equalTo(at == lastBlock ? lastCore : root));
                byte[] body = answer.asByteArray();
                assertTrue(body.length < 1024 && body[0] == '{' && body[body.length - 1] == '}',
                        "a problem document and nothing else, flip at " + at + range + ": " + body.length + " bytes");
                assertNoSpoolFilesLeft();
            }
        }
        assertArrayEquals(data, Api.decompress(container, "").then().statusCode(200).extract().asByteArray());
    }

    /** harmony4.spool.memory-budget as the service reads it: results larger than this go to a file. */
    private static long spoolThreshold() {
        return new MemorySizeConverter().convert(ConfigProvider.getConfig()
                .getOptionalValue("harmony4.spool.memory-budget", String.class).orElse("192M")).asLongValue();
    }

    private static Path spoolDir() {
        return Path.of(ConfigProvider.getConfig().getOptionalValue("harmony4.spool.dir", String.class)
                .orElse(System.getProperty("java.io.tmpdir")));
    }

    private static void assertNoSpoolFilesLeft() throws IOException, InterruptedException {
        Path spool = spoolDir();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (spoolFiles(spool) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, spoolFiles(spool), "spool files left behind in " + spool);
    }

    /** Waits (bounded) until a request's result is in a spool file: the thing a leak test guards must exist. */
    private static void awaitSpoolFile() throws IOException, InterruptedException {
        Path spool = spoolDir();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (spoolFiles(spool) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(spoolFiles(spool) > 0, "no spool file appeared in " + spool);
    }

    /** The spool files in {@code dir}, which the service created at start-up: a missing folder is a failure. */
    private static long spoolFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".spool")).count();
        }
    }

    @Test
    void healthReportsTheEngine() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'engine' }.data.id", equalTo(engineId()));
        given().when().get("/q/health/live").then().statusCode(200)
                .body("checks.name", hasItem("block-pool"));
        given().when().get("/q/health/started").then().statusCode(200)
                .body("checks.find { it.name == 'engine-initialised' }.data.id", equalTo(engineId()));
    }

    /** Each series grows by what this request moved, exactly: bytes in and out, one ratio, one timed request. */
    @Test
    void metricsCountBytesRequestsAndRatio() {
        String engine = "engine=\"" + engineId() + "\"";
        String compressIn = "harmony4_bytes_in_total{endpoint=\"compress\"," + engine + "}";
        String compressOut = "harmony4_bytes_out_total{endpoint=\"compress\"," + engine + "}";
        String decompressIn = "harmony4_bytes_in_total{endpoint=\"decompress\"," + engine + "}";
        String decompressOut = "harmony4_bytes_out_total{endpoint=\"decompress\"," + engine + "}";
        String ratio = "harmony4_compression_ratio_count{" + engine + "}";
        // Latency is Quarkus's own HTTP metric, with the engine as a tag.
        Predicate<String> timed = line -> line.startsWith("http_server_requests_seconds_count{")
                && line.contains(engine) && line.contains("uri=\"/v1/compress\"") && line.contains("status=\"200\"");
        byte[] data = TestData.text(10_000, 13);
        String before = metrics();

        byte[] container = Api.compressOk(data, "");
        Api.decompress(container, "").then().statusCode(200);

        String after = metrics();
        assertEquals(value(before, compressIn) + data.length, value(after, compressIn), compressIn);
        assertEquals(value(before, compressOut) + container.length, value(after, compressOut), compressOut);
        assertEquals(value(before, decompressIn) + container.length, value(after, decompressIn), decompressIn);
        assertEquals(value(before, decompressOut) + data.length, value(after, decompressOut), decompressOut);
        assertEquals(value(before, ratio) + 1, value(after, ratio), ratio);
        assertEquals(value(before, timed) + 1, value(after, timed), "http_server_requests_seconds with the engine tag");
        assertTrue(after.contains("harmony4_engine_fallback{" + engine), "fallback gauge");
    }

    @Test
    void metricsCountProblemsByType() {
        String series = "harmony4_problems_total{engine=\"" + engineId() + "\",type=\"corrupt-container\"}";
        double before = value(metrics(), series);
        byte[] notAContainer = "not a container".getBytes(StandardCharsets.US_ASCII);
        Api.decompress(notAContainer, "").then().statusCode(400);
        Api.decompress(notAContainer, "").then().statusCode(400);
        assertEquals(before + 2, value(metrics(), series), 0.0, series);
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of one Prometheus series; 0 when it does not exist yet. */
    private static double value(String metrics, String series) {
        return value(metrics, line -> line.startsWith(series + " "));
    }

    /** The value of the one series whose line {@code series} accepts; 0 when there is none yet. */
    private static double value(String metrics, Predicate<String> series) {
        List<String> lines = metrics.lines().filter(series).toList();
        assertTrue(lines.size() <= 1, "more than one series: " + lines);
        return lines.stream().findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).orElse(0.0);
    }

    @Test
    void openApiAndSwaggerUiAreServed() {
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/v1/compress"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    private static int port() {
        return io.restassured.RestAssured.port;
    }
}
