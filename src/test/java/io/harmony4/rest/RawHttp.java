package io.harmony4.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A plain HTTP/1.1 client for the streamed answers, which tells what the usual clients hide: the trailers of a chunked
 * body, and whether a body ended short (the connection closed before its last chunk or its Content-Length). It sends
 * the request's body from a thread of its own while it reads the answer, as a streamed compression needs.
 */
final class RawHttp {
    /** An answer as it came: header and trailer names in lower case. */
    record Answer(int status, Map<String, String> headers, byte[] body, Map<String, String> trailers,
            boolean complete) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {}

    static Answer post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        try (Socket socket = new Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(60_000); // a server that never answers fails the test, not hangs it
            Thread sender = sendInBackground(socket, path, contentType, body);
            Answer answer = read(socket.getInputStream());
            sender.join();
            return answer;
        }
    }

    /**
     * Sends {@code request} (head and body) on the connection from a thread of its own while the answer is read, as a
     * server that answers before it read the whole body needs.
     */
    static Answer exchange(Socket socket, byte[] request) throws IOException, InterruptedException {
        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server closed the connection: the answer read says why
            }
        });
        Answer answer = read(socket.getInputStream());
        sender.join();
        return answer;
    }

    /**
     * POSTs {@code headers} (each line with its CRLF) and the first chunk of a chunked body that never ends, and reads
     * the answer: what the server answers while the client is still sending. A server that waits for the body's end
     * first times the read out.
     */
    static Answer whileTheChunkedBodyIsSent(String path, String headers) throws IOException, InterruptedException {
        try (Socket socket = new Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(20_000);
            String chunk = "x".repeat(4096);
            byte[] request = ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers
                    + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(chunk.length()) + "\r\n" + chunk
                    + "\r\n").getBytes(StandardCharsets.US_ASCII);
            return exchange(socket, request);
        }
    }

    static Thread sendInBackground(Socket socket, String path, String contentType, byte[] body) {
        return Thread.ofVirtual().start(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(Api.postHead(path, contentType, body.length));
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // the server closed the connection first (a refused body): the answer says why
            }
        });
    }

    /** Reads the status line and headers; the body is left in {@code in}. */
    static Answer head(InputStream in) throws IOException {
        String status = line(in);
        Map<String, String> headers = fields(in);
        return new Answer(Integer.parseInt(status.split(" ")[1]), headers, new byte[0], Map.of(), false);
    }

    static Answer read(InputStream in) throws IOException {
        Answer head = head(in);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = head.header("Content-Length");
        if (length != null) {
            int n = Integer.parseInt(length);
            byte[] got = in.readNBytes(n); // fewer when the connection closes first
            return new Answer(head.status(), head.headers(), got, Map.of(), got.length == n);
        }
        if (!"chunked".equalsIgnoreCase(head.header("Transfer-Encoding"))) {
            throw new IOException("neither Content-Length nor chunked: " + head.headers());
        }
        try {
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                byte[] chunk = in.readNBytes(size);
                body.write(chunk);
                if (chunk.length < size) {
                    return new Answer(head.status(), head.headers(), body.toByteArray(), Map.of(), false);
                }
                line(in);
            }
            return new Answer(head.status(), head.headers(), body.toByteArray(), fields(in), true);
        } catch (IOException e) { // the connection ended inside the chunked body
            return new Answer(head.status(), head.headers(), body.toByteArray(), Map.of(), false);
        }
    }

    private static int chunkSize(InputStream in) throws IOException {
        String line = line(in);
        int extension = line.indexOf(';');
        return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    private static Map<String, String> fields(InputStream in) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            fields.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return fields;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed after '" + line + "'");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
