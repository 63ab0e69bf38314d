package io.harmony4.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.client.ApiClient;
import io.harmony4.client.ApiException;
import io.harmony4.client.api.ContainersApi;
import io.harmony4.client.api.DictionariesApi;
import io.harmony4.client.api.EngineApi;
import io.harmony4.client.api.MessagesApi;
import io.harmony4.client.model.ContainerReport;
import io.harmony4.client.model.Dictionary;
import io.harmony4.client.model.EngineView;
import io.harmony4.client.model.Problem;
import io.harmony4.engine.Messages;
import io.harmony4.engine.TestData;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API as a user of the OpenAPI document meets it: a Java client that openapi-generator made from the document
 * the build stored, against the packaged app. The operation ids name the methods, the typed parameters their
 * arguments, and the problem schema the error body.
 */
@QuarkusIntegrationTest
@TestProfile(ApiMessagesIT.DictionaryDirectory.class)
class GeneratedClientIT {
    private static final int BLOCK = 4096;
    private static final byte[] CONTENT = TestData.text(5 * BLOCK + 123, 41);

    @TempDir
    Path dir;

    private ContainersApi containers;
    private EngineApi engine;
    private DictionariesApi dictionaries;
    private MessagesApi messages;

    @BeforeEach
    void client() {
        ApiClient client = new ApiClient();
        client.setBasePath("http://127.0.0.1:" + RestAssured.port);
        containers = new ContainersApi(client);
        engine = new EngineApi(client);
        dictionaries = new DictionariesApi(client);
        messages = new MessagesApi(client);
    }

    @Test
    void compressThenDecompressGivesTheSameBytes() throws Exception {
        File container = containers.compress(file("content", CONTENT), BLOCK, null, null, null, 3);
        assertArrayEquals(CONTENT, Files.readAllBytes(containers.decompress(container, null, null, null).toPath()));
    }

    @Test
    void rangeReadReturnsJustThoseBytes() throws Exception {
        File container = containers.compress(file("content", CONTENT), BLOCK, null, null, null, null);
        File range = containers.decompress(container, null, 100L, (long) BLOCK + 1);
        assertArrayEquals(Arrays.copyOfRange(CONTENT, BLOCK + 1, BLOCK + 101), Files.readAllBytes(range.toPath()));
    }

    @Test
    void verifyDecodesAndInspectDescribes() throws Exception {
        File container = containers.compress(file("content", CONTENT), BLOCK, null, null, null, null);
        ContainerReport verified = containers.verify(container);
        assertTrue(verified.getContentVerified());
        assertEquals(CONTENT.length, verified.getContentSize());
        assertEquals(io.harmony4.container.TestContainers.root(CONTENT, BLOCK), verified.getRoot());
        assertEquals(2, verified.getFormatVersion());

        ContainerReport inspected = containers.inspect(container);
        assertFalse(inspected.getContentVerified());
        assertEquals(6, inspected.getBlocks().size());
        assertEquals(container.length(), inspected.getContainerSize());
    }

    /** The filter parameters as the OpenAPI document gives them to a generated client. */
    @Test
    void filtersAreParametersAndShowInInspect() throws Exception {
        byte[] samples = new byte[4 * BLOCK];
        for (int i = 0; i < samples.length / 2; i++) { // 16-bit samples on a line
            samples[2 * i] = (byte) (3 * i);
            samples[2 * i + 1] = (byte) ((3 * i) >>> 8);
        }
        File container = containers.compress(file("samples", samples), BLOCK, null, 2, "delta,shuffle", null);
        assertArrayEquals(samples, Files.readAllBytes(containers.decompress(container, null, null, null).toPath()));
        ContainerReport inspected = containers.inspect(container);
        assertEquals(3, inspected.getFormatVersion());
        assertEquals("delta:2,shuffle:2", inspected.getBlocks().get(0).getFilters());
    }

    /**
     * delivery=streamed as the generated client meets it: the content, or, when a block fails its SHA-256 mid-answer,
     * an ApiException without a status (0) whose cause is the I/O error of a body that ended before its
     * Content-Length (docs/http-api.md, "Streamed answers").
     */
    @Test
    void aStreamedAnswerThatEndsShortIsAnIoFailure() throws Exception {
        byte[] content = TestData.random(8 * BLOCK, 42); // random: blocks stored raw, so a flip reaches the bytes
        File container = containers.compress(file("content", content), BLOCK, "streamed", null, null, null);
        assertArrayEquals(content, Files.readAllBytes(containers.decompress(container, "streamed", null, null)
                .toPath()));
        byte[] bytes = Files.readAllBytes(container.toPath());
        int at = 0;
        while (!Arrays.equals(bytes, at, at + 32, content, 5 * BLOCK, 5 * BLOCK + 32)) {
            at++; // block 5's bytes, stored raw
        }
        byte[] damaged = io.harmony4.container.Tampering.flipBehindTheCrc(bytes, at + 7, 0x01);
        ApiException e = assertThrows(ApiException.class, () -> containers.decompress(file("damaged", damaged),
                "streamed", null, null));
        assertEquals(0, e.getCode(), "no status: the 200 came, the body did not end");
        assertTrue(e.getCause() instanceof IOException, String.valueOf(e.getCause()));
    }

    @Test
    void damagedContainerIsTheTypedProblem() throws Exception {
        byte[] bytes = Files.readAllBytes(containers.compress(file("content", CONTENT), BLOCK, null, null, null, null)
                .toPath());
        bytes[bytes.length / 2] ^= 0x5A;
        ApiException e = assertThrows(ApiException.class, () -> containers.decompress(file("damaged", bytes), null,
                null, null));
        assertEquals(400, e.getCode());
        Problem problem = Problem.fromJson(e.getResponseBody());
        assertEquals("urn:harmony4:problem:corrupt-container", problem.getType());
        assertEquals(400, problem.getStatus());
        assertNotNull(problem.getDetail());
    }

    @Test
    void badParameterIsTheTypedProblem() throws Exception {
        ApiException e = assertThrows(ApiException.class, () -> containers.compress(file("content", CONTENT), 10, null,
                null, null, null));
        assertEquals(400, e.getCode());
        assertEquals("urn:harmony4:problem:bad-parameter",
                Problem.fromJson(e.getResponseBody()).getType());
    }

    @Test
    void engineSaysWhichEngineServes() throws Exception {
        EngineView view = engine.engine();
        assertEquals("h4-core", view.getId());
        assertEquals("core", view.getMode());
    }

    /** Train a dictionary from sample files, compress a message with it and decode it, its SHA-256 checked. */
    @Test
    void aMessageRoundTripsWithATrainedDictionary() throws Exception {
        List<File> samples = new ArrayList<>();
        List<byte[]> records = Messages.messages(400, 401);
        for (int i = 0; i < records.size(); i++) {
            samples.add(file("sample" + i, records.get(i)));
        }
        Dictionary trained = dictionaries.trainDictionary(4096, samples);
        assertEquals("trained", trained.getMade());
        assertEquals(400, trained.getSamples());
        byte[] message = Messages.message(new Random(402));
        File compressed = messages.compressMessage(file("message", message), trained.getId(), null, null);
        assertTrue(compressed.length() < message.length, "the dictionary pays");
        File decoded = messages.decompressMessage(compressed, null, Api.sha256(message));
        assertArrayEquals(message, Files.readAllBytes(decoded.toPath()));
        ApiException e = assertThrows(ApiException.class,
                () -> messages.decompressMessage(compressed, null, Api.sha256(new byte[] {1})));
        assertEquals(422, e.getCode());
        assertEquals("urn:harmony4:problem:digest-mismatch", Problem.fromJson(e.getResponseBody()).getType());
    }

    private File file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes).toFile();
    }
}
