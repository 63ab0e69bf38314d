package io.harmony4.rest;

import static io.restassured.RestAssured.given;

import io.harmony4.container.Tampering;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** Small helpers shared by the API tests. */
final class Api {
    static final String OCTETS = "application/octet-stream";
    static final String H4MK = "application/vnd.harmony4.h4mk";
    static final String PROBLEM = "application/problem+json";

    private Api() {}

    static Response compress(byte[] data, String query) {
        return given().contentType(OCTETS).body(data).when().post("/v1/compress" + query);
    }

    static byte[] compressOk(byte[] data, String query) {
        return compress(data, query).then().statusCode(200).contentType(H4MK).extract().asByteArray();
    }

    /** The head of a raw HTTP/1.1 POST, for tests that drive the socket themselves: to stall, leave or reset. */
    static byte[] postHead(String path, String contentType, long contentLength) {
        return ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** One line of an HTTP/1.1 head read from a raw socket, without its CRLF. */
    static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed after '" + line + "'");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    static Response decompress(byte[] container, String query) {
        return given().contentType(H4MK).body(container).when().post("/v1/decompress" + query);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The container with its HEAD's first engine id replaced by another of the same length, CRC fixed. */
    static byte[] withEngineId(byte[] container, String originalId, String newId) {
        if (originalId.length() != newId.length()) {
            throw new IllegalArgumentException("ids must have the same length");
        }
        byte[] id = originalId.getBytes(StandardCharsets.US_ASCII);
        boolean[] replaced = {false};
        byte[] out = Tampering.rewriteChunks(container, (chunk, bytes) -> {
            if (chunk.type().equals("HEAD") && !replaced[0]) {
                int at = indexOf(bytes, chunk.payloadAt(), chunk.payloadLength(), id);
                System.arraycopy(newId.getBytes(StandardCharsets.US_ASCII), 0, bytes, at, id.length);
                replaced[0] = true;
            }
        });
        if (!replaced[0]) {
            throw new IllegalArgumentException("no HEAD chunk");
        }
        return out;
    }

    /** Where {@code needle} first starts in {@code hay}'s {@code length} bytes from {@code from}. */
    private static int indexOf(byte[] hay, int from, int length, byte[] needle) {
        for (int i = from; i + needle.length <= from + length; i++) {
            if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("id not in the header");
    }
}
