package io.harmony4.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.engine.Messages;
import io.harmony4.engine.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dictionaries and messages over HTTP, with the core serving (issue 26): every endpoint, every problem, determinism,
 * the {@code dcz} header byte for byte, and interop with the {@code zstd} command both ways. Reused against the
 * packaged application by {@link ApiMessagesIT}.
 */
@QuarkusTest
public class ApiMessagesTest {
    static final String ZSTD_COMMAND = "/usr/bin/zstd";
    static final String PROBLEM = "urn:harmony4:problem:";
    private static final byte[] DCZ_MAGIC = {0x5E, 0x2A, 0x4D, 0x18, 0x20, 0x00, 0x00, 0x00};
    private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};

    /** Where the zstd command's files go, removed after each test. */
    @TempDir
    Path dir;

    // ---------------------------------------------------------------- helpers

    /** A training request with one part per sample. */
    static RequestSpecification samples(List<byte[]> samples) {
        RequestSpecification request = given();
        for (int i = 0; i < samples.size(); i++) {
            request = request.multiPart("sample", "s" + i, samples.get(i), "application/octet-stream");
        }
        return request;
    }

    /** Trains on {@code samples} at 4 KiB and answers the new dictionary's id. */
    static String train(List<byte[]> samples) {
        return samples(samples).when().post("/v1/dictionaries?size=4096").then().statusCode(201)
                .extract().path("id");
    }

    static Response compress(byte[] message, String query) {
        return given().contentType(Api.OCTETS).body(message).when().post("/v1/messages/compress" + query);
    }

    static Response decompress(byte[] message, String query) {
        return given().contentType(Api.OCTETS).body(message).when().post("/v1/messages/decompress" + query);
    }

    static byte[] dictionary(String id) {
        return given().when().get("/v1/dictionaries/" + id).then().statusCode(200).contentType(Api.OCTETS)
                .extract().asByteArray();
    }

    static String reprDigest(byte[] content) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(Api.sha256(content))) + ":";
    }

    /** Runs the zstd command and answers what it wrote to standard output; it must succeed. */
    static byte[] zstd(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ZSTD_COMMAND, "-q"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "zstd finished");
        assertEquals(0, process.exitValue(), "zstd " + command);
        return out;
    }

    /** A dictionary of at most 4 KiB trained by {@code zstd --train} on the samples. */
    static byte[] zstdTrain(Path parent, List<byte[]> samples) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(parent.resolve("zstd-train"));
        List<String> arguments = new ArrayList<>(List.of("--train", "--maxdict=4096", "-o",
                dir.resolve("dict").toString()));
        for (int i = 0; i < samples.size(); i++) {
            arguments.add(write(dir, "s" + i, samples.get(i)).toString());
        }
        zstd(arguments.toArray(String[]::new));
        return Files.readAllBytes(dir.resolve("dict"));
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** Some bytes no training made: a raw-content dictionary (dictID 0), as RFC 9842's dcz applies it. */
    static byte[] rawContentDictionary(long seed) {
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        Random random = new Random(seed);
        while (out.remaining() > 400) {
            out.put(Messages.message(random));
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    static String put(byte[] dictionary) {
        String id = Api.sha256(dictionary);
        given().contentType(Api.OCTETS).body(dictionary).when().put("/v1/dictionaries/" + id).then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        return id;
    }

    static void problem(Response response, int status, String type) {
        response.then().statusCode(status).contentType(Api.PROBLEM).body("type", equalTo(PROBLEM + type));
    }

    // ---------------------------------------------------------------- training, storing, listing

    @Test
    void sameSamplesTrainTheSameDictionaryWhichIsStoredUnderItsSha256() {
        List<byte[]> samples = Messages.messages(400, 11);
        Response first = samples(samples).when().post("/v1/dictionaries?size=4096");
        first.then().statusCode(201).contentType("application/json")
                .body("made", equalTo("trained")).body("samples", equalTo(400))
                .body("sampleBytes", equalTo((int) samples.stream().mapToLong(s -> s.length).sum()))
                .body("targetSize", equalTo(4096));
        String id = first.path("id");
        first.then().header("Location", endsWith("/v1/dictionaries/" + id));
        byte[] bytes = dictionary(id);
        assertEquals(Api.sha256(bytes), id, "the id is the SHA-256 of the bytes");
        assertTrue(bytes.length <= 4096, "within the size asked for");
        assertArrayEquals(new byte[] {0x37, (byte) 0xA4, 0x30, (byte) 0xEC}, Arrays.copyOf(bytes, 4),
                "a zstd-format dictionary");
        long dictId = ((Number) first.path("dictId")).longValue();
        assertEquals(ByteBuffer.wrap(bytes, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL, dictId);

        assertEquals(id, train(samples), "the same samples, the same id");
        // the size as a form field, as a browser form sends it
        assertEquals(id, samples(samples).multiPart("size", "4096").when().post("/v1/dictionaries").then()
                .statusCode(201).extract().path("id"));
        assertNotEquals(id, train(Messages.messages(400, 12)), "other samples, another dictionary");

        given().when().get("/v1/dictionaries").then().statusCode(200)
                .body("dictionaries.id", hasItem(id))
                .body("dictionaries.find { it.id == '" + id + "' }.size", equalTo(bytes.length))
                .body("dictionaries.find { it.id == '" + id + "' }.made", equalTo("trained"));
    }

    /** Quarkus REST counts each part as a parameter, 1,000 by default: zstd advises thousands of samples. */
    @Test
    void thousandsOfSamplesTrainOneDictionary() {
        samples(Messages.messages(4_000, 13).stream().map(m -> Arrays.copyOf(m, 64)).toList())
                .when().post("/v1/dictionaries?size=4096").then().statusCode(201).body("samples", equalTo(4_000));
    }

    @Test
    void trainingProblemsSayWhatToChange() {
        problem(given().multiPart("size", "4096").when().post("/v1/dictionaries"), 400, "bad-parameter");
        problem(train(Messages.messages(3, 5), "?size=4096"), 422, "dictionary-training-failed");
        train(Messages.messages(3, 5), "?size=4096").then().body("detail", containsString("more samples"));
        problem(train(Messages.messages(400, 5), "?size=100"), 400, "bad-parameter");
        train(Messages.messages(400, 5), "?size=100").then().body("parameter", equalTo("size"));
        problem(samples(Messages.messages(400, 5)).multiPart("size", "many").when().post("/v1/dictionaries"),
                400, "bad-parameter");
    }

    private static Response train(List<byte[]> samples, String query) {
        return samples(samples).when().post("/v1/dictionaries" + query);
    }

    @Test
    void putIsIdempotentAndChecksTheIdAndTheTables() throws Exception {
        // new bytes on every run: the store outlives it (target/dictionaries), and the first put must store them
        byte[] raw = (new String(rawContentDictionary(21), StandardCharsets.US_ASCII) + java.util.UUID.randomUUID())
                .getBytes(StandardCharsets.US_ASCII);
        String id = Api.sha256(raw);
        Response created = given().contentType(Api.OCTETS).body(raw).when().put("/v1/dictionaries/" + id);
        created.then().statusCode(201).header("Location", endsWith("/v1/dictionaries/" + id))
                .body("id", equalTo(id)).body("made", equalTo("put")).body("dictId", equalTo(0));
        given().contentType(Api.OCTETS).body(raw).when().put("/v1/dictionaries/" + id).then().statusCode(200)
                .body("id", equalTo(id));
        assertArrayEquals(raw, dictionary(id));

        String other = Api.sha256(new byte[] {1});
        problem(given().contentType(Api.OCTETS).body(raw).when().put("/v1/dictionaries/" + other), 400,
                "dictionary-id-mismatch");
        problem(given().contentType(Api.OCTETS).body(raw).when().put("/v1/dictionaries/not-an-id"), 400,
                "bad-parameter");

        // a zstd-format dictionary whose entropy tables are garbage
        byte[] damaged = TestData.random(2048, 22);
        System.arraycopy(new byte[] {0x37, (byte) 0xA4, 0x30, (byte) 0xEC, 9, 9, 9, 9}, 0, damaged, 0, 8);
        problem(given().contentType(Api.OCTETS).body(damaged).when().put("/v1/dictionaries/" + Api.sha256(damaged)),
                400, "invalid-dictionary");

        byte[] huge = TestData.random((1 << 20) + 1, 23);
        problem(given().contentType(Api.OCTETS).body(huge).when().put("/v1/dictionaries/" + Api.sha256(huge)), 413,
                "dictionary-too-large");

        problem(given().when().get("/v1/dictionaries/" + other), 422, "unknown-dictionary");
        given().when().get("/v1/dictionaries/" + other).then().body("dictionary", equalTo(other));
    }

    @Test
    void aDictionaryTrainedByTheZstdCommandIsStoredAndUsed() throws Exception {
        byte[] dictionary = zstdTrain(dir, Messages.messages(400, 31));
        String id = put(dictionary);
        byte[] message = Messages.message(new Random(32));
        byte[] frame = compress(message, "?dictionary=" + id).then().statusCode(200).extract().asByteArray();
        assertArrayEquals(message, decompress(frame, "").then().statusCode(200).extract().asByteArray());
    }

    // ---------------------------------------------------------------- messages

    @Test
    void aMessageWithADictionaryIsOneZstdFrameNamingItsDictIdAndDecodesByIt() {
        String id = train(Messages.messages(400, 41));
        byte[] message = Messages.message(new Random(42));
        Response compressed = compress(message, "?dictionary=" + id);
        compressed.then().statusCode(200).contentType("application/zstd")
                .header(Responses.SHA256_HEADER, equalTo(Api.sha256(message)))
                .header(MessageResource.DICTIONARY_HEADER, equalTo(id))
                .header(Responses.ENGINE_HEADER, containsString("h4-core/"));
        byte[] frame = compressed.asByteArray();
        assertArrayEquals(ZSTD_MAGIC, Arrays.copyOf(frame, 4));
        byte[] plain = compress(message, "").then().statusCode(200).contentType("application/zstd")
                .header(MessageResource.DICTIONARY_HEADER, equalTo("none")).extract().asByteArray();
        assertTrue(frame.length < plain.length, "the dictionary pays: " + frame.length + " < " + plain.length);
        assertArrayEquals(frame, compress(message, "?dictionary=" + id).asByteArray(), "deterministic");

        Response decoded = decompress(frame, "");
        decoded.then().statusCode(200).contentType(Api.OCTETS)
                .header(MessageResource.REPR_DIGEST_HEADER, equalTo(reprDigest(message)))
                .header(MessageResource.DICTIONARY_HEADER, equalTo(id));
        assertArrayEquals(message, decoded.asByteArray());
        assertArrayEquals(message, decompress(plain, "").then().statusCode(200)
                .header(MessageResource.DICTIONARY_HEADER, equalTo("none")).extract().asByteArray());
        assertArrayEquals(new byte[0], decompress(compress(new byte[0], "").asByteArray(), "").asByteArray());
    }

    @Test
    void theZstdCommandDecodesAMessageWithTheDictionaryFromTheService() throws Exception {
        String id = train(Messages.messages(400, 51));
        byte[] message = Messages.message(new Random(52));
        Path dict = write(dir, "dict", dictionary(id));
        for (String level : new String[] {"", "&level=19"}) {
            Path frame = write(dir, "message.zst", compress(message, "?dictionary=" + id + level).asByteArray());
            assertArrayEquals(message, zstd("-d", "-c", "-D", dict.toString(), frame.toString()), level);
        }
    }

    @Test
    void theServiceDecodesAFrameTheZstdCommandMadeWithTheSameDictionary() throws Exception {
        String id = train(Messages.messages(400, 61));
        byte[] message = Messages.message(new Random(62));
        Path dict = write(dir, "dict", dictionary(id));
        byte[] frame = zstd("-3", "-c", "-D", dict.toString(), write(dir, "message", message).toString());
        decompress(frame, "").then().statusCode(200)
                .header(MessageResource.DICTIONARY_HEADER, equalTo(id))
                .header(MessageResource.REPR_DIGEST_HEADER, equalTo(reprDigest(message)));
        assertArrayEquals(message, decompress(frame, "").asByteArray());
    }

    @Test
    void dczIsTheRfc9842HeaderThenTheFrameAndTheZstdCommandDecodesIt() throws Exception {
        byte[] raw = rawContentDictionary(71);
        String id = put(raw);
        byte[] message = Messages.message(new Random(72));
        Response compressed = compress(message, "?dictionary=" + id + "&format=dcz");
        compressed.then().statusCode(200).contentType(Api.OCTETS)
                .header(Responses.SHA256_HEADER, equalTo(Api.sha256(message)));
        byte[] dcz = compressed.asByteArray();
        assertArrayEquals(DCZ_MAGIC, Arrays.copyOf(dcz, 8), "skippable frame 0x184D2A5E of 32 bytes");
        assertEquals(id, HexFormat.of().formatHex(dcz, 8, 40), "the dictionary's SHA-256");
        assertArrayEquals(ZSTD_MAGIC, Arrays.copyOfRange(dcz, 40, 44), "then one zstd frame");
        byte[] frame = compress(message, "?dictionary=" + id).asByteArray();
        assertArrayEquals(frame, Arrays.copyOfRange(dcz, 40, dcz.length), "the frame format=zstd makes");

        Response decoded = decompress(dcz, "");
        decoded.then().statusCode(200).header(MessageResource.DICTIONARY_HEADER, equalTo(id))
                .header(MessageResource.REPR_DIGEST_HEADER, equalTo(reprDigest(message)));
        assertArrayEquals(message, decoded.asByteArray());

        Path dict = write(dir, "dict", raw);
        // zstd skips the header (a skippable frame) and decodes the frame with the raw content
        assertArrayEquals(message, zstd("-d", "-c", "-D", dict.toString(), write(dir, "m.dcz", dcz).toString()));

        // a raw-content dictionary's frame names no dictID: named by the request, or it does not decode
        assertArrayEquals(message, decompress(frame, "?dictionary=" + id).then().statusCode(200).extract()
                .asByteArray());
        problem(decompress(frame, ""), 400, "corrupt-message");
    }

    @Test
    void dczAppliesATrainedDictionaryAsARawPrefixWhichTheZstdCommandDecodes() throws Exception {
        String trained = train(Messages.messages(400, 81));
        byte[] dictionary = dictionary(trained);
        byte[] message = Messages.message(new Random(82));
        Response compressed = compress(message, "?dictionary=" + trained + "&format=dcz");
        compressed.then().statusCode(200).contentType(Api.OCTETS)
                .header(Responses.SHA256_HEADER, equalTo(Api.sha256(message)));
        byte[] dcz = compressed.asByteArray();
        assertArrayEquals(DCZ_MAGIC, Arrays.copyOf(dcz, 8));
        assertEquals(trained, HexFormat.of().formatHex(dcz, 8, 40), "the dictionary's SHA-256");
        byte[] frame = Arrays.copyOfRange(dcz, 40, dcz.length);
        // the zstd-format frame names the dictID and uses the tables; the dcz frame names none
        byte[] zstdFrame = compress(message, "?dictionary=" + trained).asByteArray();
        assertNotEquals(Arrays.toString(zstdFrame), Arrays.toString(frame));
        assertEquals(0, frame[4] & 0x03, "Dictionary_ID_flag 0: the frame names no dictID");
        assertTrue(frame.length < message.length / 2, frame.length + " bytes: the prefix pays");

        Response decoded = decompress(dcz, "");
        decoded.then().statusCode(200).header(MessageResource.DICTIONARY_HEADER, equalTo(trained))
                .header(MessageResource.REPR_DIGEST_HEADER, equalTo(reprDigest(message)));
        assertArrayEquals(message, decoded.asByteArray());

        // a raw-prefix decoder, as RFC 9842 clients are: zstd --patch-from references the file as raw content
        Path dict = write(dir, "dict", dictionary);
        assertArrayEquals(message, zstd("-d", "-c", "--patch-from=" + dict, write(dir, "m.zst", frame).toString()));
    }

    @Test
    void dczMessagesMadeBeforeAbi6DecodeAndAreMadeTheSameToday() throws Exception {
        // made by the service at ABI 5 (raw-content dictionaries only), with libzstd 1.5.4
        Path golden = Path.of("src/test/resources/golden/messages");
        byte[] dictionary = Files.readAllBytes(golden.resolve("raw-dictionary.bin"));
        byte[] message = Files.readAllBytes(golden.resolve("message.json"));
        byte[] made = Files.readAllBytes(golden.resolve("abi5-raw-dictionary.dcz"));
        String id = put(dictionary);
        assertEquals(id, HexFormat.of().formatHex(made, 8, 40));
        assertArrayEquals(message, decompress(made, "").then().statusCode(200).extract().asByteArray());
        String codec = given().when().get("/v1/engine").then().statusCode(200).extract().path("codec");
        if ("zstd 1.5.4".equals(codec)) {
            assertArrayEquals(made, compress(message, "?dictionary=" + id + "&format=dcz").asByteArray(),
                    "the same bytes as before");
        }
    }

    @Test
    void dczNeedsADictionaryAndFormatsAreZstdOrDcz() {
        byte[] message = Messages.message(new Random(82));
        problem(compress(message, "?format=dcz"), 400, "bad-parameter");
        compress(message, "?format=dcz").then().body("parameter", equalTo("format"));
        problem(compress(message, "?format=brotli"), 400, "bad-parameter");
    }

    @Test
    void theExpectedSha256IsCheckedAndAMismatchSendsNoBytes() {
        byte[] message = Messages.message(new Random(91));
        byte[] frame = compress(message, "").asByteArray();
        assertArrayEquals(message, given().contentType(Api.OCTETS)
                .header(io.harmony4.service.MessageService.EXPECT_HEADER, Api.sha256(message)).body(frame)
                .when().post("/v1/messages/decompress").then().statusCode(200).extract().asByteArray());
        String wrong = Api.sha256(new byte[] {1});
        Response mismatch = given().contentType(Api.OCTETS)
                .header(io.harmony4.service.MessageService.EXPECT_HEADER, wrong).body(frame)
                .when().post("/v1/messages/decompress");
        problem(mismatch, 422, "digest-mismatch");
        mismatch.then().body("expected", equalTo(wrong)).body("actual", equalTo(Api.sha256(message)));
        problem(given().contentType(Api.OCTETS).header(io.harmony4.service.MessageService.EXPECT_HEADER, "abc")
                .body(frame).when().post("/v1/messages/decompress"), 400, "bad-parameter");
    }

    @Test
    void problemsNameTheDictionaryAndSayWhatToDo() throws Exception {
        byte[] message = Messages.message(new Random(101));
        String unknown = Api.sha256(new byte[] {2});
        Response unknownId = compress(message, "?dictionary=" + unknown);
        problem(unknownId, 422, "unknown-dictionary");
        unknownId.then().body("dictionary", equalTo(unknown));
        problem(compress(message, "?dictionary=xyz"), 400, "bad-parameter");
        problem(compress(message, "?level=99"), 400, "bad-parameter");

        // a frame made with a dictionary the service does not hold: named by its dictID
        byte[] notStored = zstdTrain(dir, Messages.messages(400, 102));
        long dictId = ByteBuffer.wrap(notStored, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
        byte[] frame = zstd("-c", "-D", write(dir, "dict", notStored).toString(), write(dir, "m", message).toString());
        Response unknownDictId = decompress(frame, "");
        problem(unknownDictId, 422, "unknown-dictionary");
        unknownDictId.then().body("detail", containsString("" + dictId));
        assertEquals(dictId, ((Number) unknownDictId.path("dictId")).longValue());

        // a frame of one dictionary decoded with another named
        String other = train(Messages.messages(400, 103));
        String mine = train(Messages.messages(400, 104));
        byte[] ofMine = compress(message, "?dictionary=" + mine).asByteArray();
        problem(decompress(ofMine, "?dictionary=" + other), 422, "dictionary-mismatch");

        byte[] damaged = ofMine.clone();
        damaged[damaged.length - 2] ^= 0x40;
        problem(decompress(damaged, ""), 400, "corrupt-message");
        problem(decompress("not a frame".getBytes(StandardCharsets.US_ASCII), ""), 400, "corrupt-message");
        problem(decompress(Arrays.copyOf(ofMine, ofMine.length / 2), ""), 400, "corrupt-message");
    }

    @Test
    void messagesOverTheLimitPointToTheContainerEndpoints() throws Exception {
        Response tooLarge = compress(new byte[(1 << 20) + 1], "");
        problem(tooLarge, 413, "message-too-large");
        tooLarge.then().body("detail", containsString("/v1/compress")).body("allowed", equalTo(1 << 20));

        // a small frame that declares more content than a message may hold
        byte[] bomb = zstd("-c", write(dir, "zeros", new byte[2 << 20]).toString());
        assertTrue(bomb.length < 1024);
        problem(decompress(bomb, ""), 413, "message-too-large");
    }

    @Test
    void metricsCountMessagesAndBytesPerDictionary() {
        String id = train(Messages.messages(400, 111));
        byte[] message = Messages.message(new Random(112));
        String tags = "{dictionary=\"" + id + "\",endpoint=\"compressMessage\",engine=\"h4-core\"}";
        String before = metrics();
        byte[] frame = compress(message, "?dictionary=" + id).asByteArray();
        compress(message, "?dictionary=" + id).then().statusCode(200);
        String after = metrics();
        assertEquals(value(before, "harmony4_dictionary_messages_total" + tags) + 2,
                value(after, "harmony4_dictionary_messages_total" + tags));
        assertEquals(value(before, "harmony4_dictionary_bytes_in_total" + tags) + 2.0 * message.length,
                value(after, "harmony4_dictionary_bytes_in_total" + tags));
        assertEquals(value(before, "harmony4_dictionary_bytes_out_total" + tags) + 2.0 * frame.length,
                value(after, "harmony4_dictionary_bytes_out_total" + tags));
    }

    @Test
    void theOpenApiDocumentNamesEveryOperation() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/v1/dictionaries'.post.operationId", equalTo("trainDictionary"))
                .body("paths.'/v1/dictionaries'.get.operationId", equalTo("listDictionaries"))
                .body("paths.'/v1/dictionaries/{id}'.put.operationId", equalTo("putDictionary"))
                .body("paths.'/v1/dictionaries/{id}'.get.operationId", equalTo("getDictionary"))
                .body("paths.'/v1/messages/compress'.post.operationId", equalTo("compressMessage"))
                .body("paths.'/v1/messages/decompress'.post.operationId", equalTo("decompressMessage"))
                .body("paths.'/v1/messages/compress'.post.parameters.name", not(hasItem("Content-Length")));
    }

    static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    static double value(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).orElse(0.0);
    }
}
