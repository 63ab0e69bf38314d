package io.harmony4.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.engine.Messages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A training upload is bounded by {@code harmony4.dictionaries.max-training-size} before its multipart body is
 * spooled: a declared length above it is 413 while the client has sent nothing but the headers, and a chunked upload
 * (as RestAssured sends multipart) is 413 once it passes the limit, while the client is still sending.
 */
@QuarkusTest
@TestProfile(ApiDictionaryTrainingLimitTest.SmallTrainingLimit.class)
class ApiDictionaryTrainingLimitTest {
    static final int LIMIT = 128 * 1024;
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");

    public static class SmallTrainingLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("harmony4.dictionaries.max-training-size", String.valueOf(LIMIT));
        }
    }

    @Test
    void chunkedSamplesWithinTheLimitTrainAndMoreAre413() {
        List<byte[]> fits = Messages.messages(250, 601); // about 60 KiB, 100 KiB with the multipart framing
        ApiMessagesTest.samples(fits).when().post("/v1/dictionaries?size=1024").then().statusCode(201);
        var tooMany = ApiMessagesTest.samples(Messages.messages(1000, 602)).when().post("/v1/dictionaries");
        ApiMessagesTest.problem(tooMany, 413, "body-too-large");
        tooMany.then().body("allowed", equalTo(LIMIT))
                .body("detail", containsString("harmony4.dictionaries.max-training-size"));
    }

    @Test
    void aDeclaredLengthAboveTheLimitIsRefusedBeforeTheBodyIsSent() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "Content-Length: 1099511627776\r\n\r\n");
            String answer = readAnswer(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("body-too-large"), answer);
        }
    }

    @Test
    void aChunkedUploadIsRefusedOnceItPassesTheLimitBeforeItEnds() throws IOException {
        try (Socket socket = connect()) {
            StringBuilder chunks = new StringBuilder("Transfer-Encoding: chunked\r\n\r\n");
            String chunk = "x".repeat(4096);
            for (int sent = 0; sent <= LIMIT; sent += chunk.length()) {
                chunks.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
            }
            send(socket, chunks.toString()); // no last chunk: the upload has not ended
            String answer = readAnswer(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("body-too-large") && answer.contains("application/problem+json"), answer);
        }
    }

    /**
     * A chunked body that is no multipart form would be held whole in memory by the body handler that bounds chunked
     * uploads, up to the limit, before the REST layer refuses its type: it is refused from its headers, as a declared
     * length is, while the client is still sending. A body with no Content-Type is no form either.
     */
    @Test
    void aChunkedBodyThatIsNoFormIs415BeforeItEnds() throws IOException, InterruptedException {
        String counted = "harmony4_problems_total{engine=\"h4-core\",type=\"unsupported-media-type\"}";
        double before = ApiMessagesTest.value(ApiMessagesTest.metrics(), counted);
        // as one that declares its length without a Content-Type, before its body is sent
        try (Socket socket = connect()) {
            RawHttp.Answer declared = RawHttp.exchange(socket, ("POST /v1/dictionaries HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Length: 4096\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertEquals(415, declared.status(), new String(declared.body(), StandardCharsets.UTF_8));
        }
        for (String type : new String[] {"Content-Type: application/octet-stream\r\n",
                "Content-Type: application/x-www-form-urlencoded\r\n", "Content-Type: multipart/mixed; boundary=x\r\n",
                ""}) {
            RawHttp.Answer answer = RawHttp.whileTheChunkedBodyIsSent("/v1/dictionaries", type);
            String body = new String(answer.body(), StandardCharsets.UTF_8);
            assertEquals(415, answer.status(), type + body);
            assertEquals(Api.PROBLEM, answer.header("Content-Type"), type);
            assertTrue(body.contains("urn:harmony4:problem:unsupported-media-type"), body);
            assertTrue(body.contains("\"instance\":\"/v1/dictionaries\""), body);
        }
        // counted as every problem is, though answered before the REST layer
        assertEquals(before + 5, ApiMessagesTest.value(ApiMessagesTest.metrics(), counted), counted);
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket("localhost", RestAssured.port);
        socket.setSoTimeout(20_000); // a server waiting for the rest of the body would time this out
        return socket;
    }

    /** A training request's headers, then {@code rest}: the length header and whatever of the body. */
    private static void send(Socket socket, String rest) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/dictionaries HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: multipart/form-data; boundary=xyz\r\n" + rest).getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The answer's headers and its body of the length they declare. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder answer = new StringBuilder();
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) > 0; ) {
            answer.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
            int end = answer.indexOf("\r\n\r\n");
            Matcher length = CONTENT_LENGTH.matcher(answer);
            if (end >= 0 && length.find() && answer.length() >= end + 4 + Integer.parseInt(length.group(1))) {
                break;
            }
        }
        return answer.toString();
    }
}
