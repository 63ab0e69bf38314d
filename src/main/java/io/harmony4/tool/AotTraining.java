package io.harmony4.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

/**
 * The training run's workload for the JDK AOT cache (docs/deployment.md, "AOT cache"). {@link AotTrainer} starts the
 * packaged service with {@code -XX:AOTCacheOutput} and runs this against it, so that the cache holds the classes,
 * linkage and method profiles of every request path, not only those of start-up: compression at several levels and
 * block sizes, whole and range decompression, inspect, verify, the problems a client meets, health, metrics and the
 * API document. Every answer is checked; an unexpected one fails the run, because a cache trained on a broken or
 * fallback service would be trained on the wrong paths.
 */
final class AotTraining {
    private static final String OCTETS = "application/octet-stream";
    private static final String H4MK = "application/vnd.harmony4.h4mk";
    private static final int MIB = 1 << 20;
    /** Ample for a few MiB on a slow builder; a service that stops answering fails the training instead of hanging it. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** An answer that is not the one the workload expects. */
    static final class TrainingFailedException extends RuntimeException {
        TrainingFailedException(String message) {
            super(message);
        }
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final byte[] text = text(3 * MIB + 12_345, 20260601);
    private final byte[] noise = noise(256 * 1024 + 7, 20260602);
    private int requests;

    AotTraining(URI base) {
        this.base = base;
    }

    /** Waits for readiness, checks the core serves, then runs the workload {@code rounds} times. */
    void run(int rounds, Duration readyTimeout, PrintStream out) {
        long start = System.nanoTime();
        awaitReady(readyTimeout);
        JsonNode engine = json(send(get("v1/engine"), 200));
        if (!"core".equals(engine.path("mode").asText())) {
            throw new TrainingFailedException("the service runs the " + engine.path("id").asText() + " engine, not "
                    + "the core (" + engine.path("fallbackReason").asText() + "): train where the core loads");
        }
        for (int round = 0; round < rounds; round++) {
            containers();
            problems();
            operations();
        }
        out.printf("aot training: %d requests in %d rounds against %s %s, %.1f s%n", requests, rounds,
                engine.path("id").asText(), engine.path("version").asText(), (System.nanoTime() - start) / 1e9);
    }

    /** Compression, whole and range decompression, inspect and verify, on text, noise and runs. */
    private void containers() {
        byte[] container = send(post("v1/compress", OCTETS, text), 200);
        check(Arrays.equals(send(post("v1/decompress", H4MK, container), 200), text), "decompress changed the text");
        byte[] range = send(post("v1/decompress?offset=1048000&length=4096", OCTETS, container), 200);
        check(Arrays.equals(range, Arrays.copyOfRange(text, 1_048_000, 1_048_000 + 4096)), "range read is wrong");
        check(json(send(post("v1/inspect", H4MK, container), 200)).path("blocks").size() == 4,
                "inspect does not count 4 blocks of 1 MiB");
        check(json(send(post("v1/verify", H4MK, container), 200)).path("contentVerified").asBoolean(),
                "verify did not verify the content");

        byte[] small = send(post("v1/compress?level=1&blockSize=65536", OCTETS, noise), 200);
        check(Arrays.equals(send(post("v1/decompress", H4MK, small), 200), noise), "decompress changed the noise");
        byte[] tiny = Arrays.copyOf(text, 100);
        byte[] strong = send(post("v1/compress?level=9", OCTETS, tiny), 200);
        check(Arrays.equals(send(post("v1/decompress", OCTETS, strong), 200), tiny), "decompress changed 100 bytes");
        check(send(post("v1/decompress", H4MK, send(post("v1/compress", OCTETS, new byte[0]), 200)), 200).length == 0,
                "an empty content did not round-trip");
    }

    /** The problem answers: each is a path of its own through the mappers and the metrics. */
    private void problems() {
        send(post("v1/compress", "text/plain", text), 415);
        send(post("v1/compress?level=99", OCTETS, text), 400);
        send(post("v1/compress?blockSize=1", OCTETS, text), 400);
        send(post("v1/decompress", H4MK, text), 400);
        byte[] container = send(post("v1/compress?blockSize=65536", OCTETS, noise), 200);
        byte[] damaged = container.clone();
        damaged[damaged.length / 2] ^= 0x40;
        send(post("v1/decompress", H4MK, damaged), 400);
        send(post("v1/verify", H4MK, damaged), 400);
        send(post("v1/decompress?offset=" + (noise.length + 1), H4MK, container), 416);
        // a megabyte of zeros packs into a few hundred bytes: past the expansion-ratio limit
        send(post("v1/decompress", H4MK, send(post("v1/compress", OCTETS, new byte[MIB]), 200)), 422);
    }

    /** What probes, scrapers and API clients ask for. */
    private void operations() {
        send(get("q/health/live"), 200);
        send(get("q/health/ready"), 200);
        send(get("q/metrics"), 200);
        send(get("q/openapi"), 200);
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (http.send(get("q/health/ready"), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TrainingFailedException("interrupted while waiting for readiness");
            }
            if (System.nanoTime() > deadline) {
                throw new TrainingFailedException(base + "q/health/ready did not answer 200 within " + timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TrainingFailedException("interrupted while waiting for readiness");
            }
        }
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT).GET().build();
    }

    private HttpRequest post(String path, String contentType, byte[] body) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private byte[] send(HttpRequest request, int expectedStatus) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new TrainingFailedException(request.method() + " " + request.uri() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingFailedException("interrupted");
        }
        requests++;
        if (response.statusCode() != expectedStatus) {
            String body = new String(response.body(), 0, Math.min(response.body().length, 300), StandardCharsets.UTF_8);
            throw new TrainingFailedException(request.method() + " " + request.uri() + " answered "
                    + response.statusCode() + ", expected " + expectedStatus + ": " + body);
        }
        return response.body();
    }

    private JsonNode json(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new TrainingFailedException("an answer is not JSON: " + e.getMessage());
        }
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new TrainingFailedException(failure);
        }
    }

    /** Words of a skewed vocabulary: compresses like prose, different in every block. */
    static byte[] text(int size, long seed) {
        String[] words = "the of and to a in compress block verify container root stream level engine core zstd hash"
                .split(" ");
        Random random = new Random(seed);
        StringBuilder builder = new StringBuilder(size + 16);
        while (builder.length() < size) {
            int index = Math.min(random.nextInt(words.length), random.nextInt(words.length));
            builder.append(words[index]).append(random.nextInt(8) == 0 ? ".\n" : " ");
            if (random.nextInt(16) == 0) {
                builder.append(random.nextInt(100_000)).append(' ');
            }
        }
        return builder.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] noise(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
