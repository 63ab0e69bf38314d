package io.harmony4.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.container.ContainerLimits;
import io.harmony4.container.ContainerVisitor;
import io.harmony4.container.EngineSet;
import io.harmony4.container.H4mkInputStream;
import io.harmony4.engine.TestData;
import io.harmony4.engine.TestEngines;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A 2 GiB upload through {@code /v1/compress}, in the large-stream execution's 256 MiB heap: bodies stream in,
 * the container spools to disk, and the response streams out.
 */
@QuarkusTest
@Tag("large")
class ApiLargeUploadTest {
    private static final long SIZE = 2L << 30;

    @Test
    void twoGibibyteUploadWithA256MibHeap() throws Exception {
        assertTrue(Runtime.getRuntime().maxMemory() <= 300L << 20, "needs the -Xmx256m execution");
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        byte[] pattern = TestData.text(1 << 20, 77);
        InputStream body = new InputStream() {
            private long position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= SIZE) {
                    return -1;
                }
                int at = (int) (position % pattern.length);
                int n = (int) Math.min(Math.min(len, pattern.length - at), SIZE - position);
                System.arraycopy(pattern, at, b, off, n);
                b[off] ^= (byte) (position >>> 20); // every MiB differs a little
                sent.update(b, off, n);
                position += n;
                return n;
            }
        };
        URI uri = URI.create("http://localhost:" + io.restassured.RestAssured.port + "/v1/compress");
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(uri)
                            .header("Content-Type", Api.OCTETS)
                            .POST(HttpRequest.BodyPublishers.fromPublisher(
                                    HttpRequest.BodyPublishers.ofInputStream(() -> body), SIZE))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            String rootHeader = response.headers().firstValue(Responses.ROOT_HEADER).orElse(null);
            byte[] expected = sent.digest();
            MessageDigest decoded = MessageDigest.getInstance("SHA-256");
            // The content root recomputed from the decoded bytes, as docs/h4mk.md defines it: 1 MiB blocks.
            StringBuilder manifest = new StringBuilder();
            MessageDigest block = MessageDigest.getInstance("SHA-256");
            long total = 0;
            try (InputStream container = response.body();
                    H4mkInputStream in = new H4mkInputStream(container, EngineSet.of(TestEngines.core()),
                            ContainerLimits.DEFAULT, null, 1, H4mkInputStream.Mode.DECODE, ContainerVisitor.NONE)) {
                assertEquals(200, response.statusCode());
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    decoded.update(buf, 0, n);
                    block.update(buf, 0, n);
                    total += n;
                    if (total % (1 << 20) == 0) {
                        manifest.append(HexFormat.of().formatHex(block.digest())).append(' ').append(1 << 20)
                                .append('\n');
                    }
                }
            } catch (IOException e) {
                throw new AssertionError("reading the container back failed", e);
            }
            assertEquals(SIZE, total);
            assertArrayEquals(expected, decoded.digest());
            byte[] root = MessageDigest.getInstance("SHA-256").digest(("H4MK content root v2\n" + SIZE + " "
                    + (SIZE >> 20) + "\n" + manifest).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(HexFormat.of().formatHex(root), rootHeader);
        }
    }
}
