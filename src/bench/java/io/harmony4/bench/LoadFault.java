package io.harmony4.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load with faults against a running harmony4 on loopback (bench/load-fault.sh starts it): CLIENTS threads for
 * SECONDS (at most MAX_REQUESTS requests) mixing valid compress, decompress and range requests of many sizes, each
 * answer checked byte for byte, with corrupt and truncated containers, oversized bodies, clients that stall
 * mid-body and clients that disconnect mid-body, while another thread reads /q/health/ready every second.
 * Prints the count per class and exits 1 on any 5xx, wrong answer, unexpected status or readiness failure.
 *
 *   java src/bench/java/io/harmony4/bench/LoadFault.java PORT SECONDS CLIENTS MAX_REQUESTS MAX_REQUEST_BYTES
 */
public class LoadFault {
    static final String OCTETS = "application/octet-stream";
    static final String H4MK = "application/vnd.harmony4.h4mk";
    static final int[] SIZES = {0, 1, 100, 4096, 65_536, 300_000, 1 << 20, 3 << 20, 9 << 20};

    static final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    static final LongAdder serverErrors = new LongAdder();
    static final LongAdder wrongAnswers = new LongAdder();
    static final LongAdder unexpected = new LongAdder();
    static final AtomicLong issued = new AtomicLong();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long seconds = Long.parseLong(args[1]);
        int clients = Integer.parseInt(args[2]);
        long maxRequests = Long.parseLong(args[3]);
        long maxRequestBytes = Long.parseLong(args[4]);
        URI base = URI.create("http://127.0.0.1:" + port);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        LongAdder readinessChecks = new LongAdder();
        LongAdder readinessFailures = new LongAdder();
        Thread readiness = Thread.ofPlatform().daemon().start(() -> {
            while (System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/q/health/ready"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    readinessChecks.increment();
                    if (r.statusCode() != 200 || !r.body().contains("\"UP\"")) {
                        readinessFailures.increment();
                        System.err.println("readiness: " + r.statusCode() + " " + r.body());
                    }
                    Thread.sleep(1000);
                } catch (IOException | InterruptedException e) {
                    readinessFailures.increment();
                    System.err.println("readiness: " + e);
                }
            }
        });

        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            long seed = c;
            pool.execute(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                while (System.nanoTime() < deadline && issued.incrementAndGet() <= maxRequests) {
                    try {
                        oneRequest(http, base, port, random, maxRequestBytes);
                    } catch (Exception e) {
                        unexpected.increment();
                        System.err.println("client error: " + e);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 300, TimeUnit.SECONDS);
        readiness.join(10_000);

        long total = counts.values().stream().mapToLong(LongAdder::sum).sum();
        System.out.println("requests by class:");
        new TreeMap<>(counts).forEach((k, v) -> System.out.printf("  %-28s %d%n", k, v.sum()));
        System.out.printf("total %d; 5xx %d; wrong answers %d; unexpected %d; readiness %d checks, %d not UP%n",
                total, serverErrors.sum(), wrongAnswers.sum(), unexpected.sum(), readinessChecks.sum(),
                readinessFailures.sum());
        System.exit(serverErrors.sum() + wrongAnswers.sum() + unexpected.sum() + readinessFailures.sum() == 0 ? 0 : 1);
    }

    static void count(String name) {
        counts.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    static byte[] content(SplittableRandom random) {
        int size = SIZES[random.nextInt(SIZES.length)];
        byte[] data = new byte[size];
        int kind = random.nextInt(3);
        for (int i = 0; i < size; i++) { // text-like, numeric or random: different ratios and block paths
            data[i] = switch (kind) {
                case 0 -> (byte) ("the quick brown fox jumps over the lazy dog ".charAt((i * 7 + i / 97) % 44));
                case 1 -> (byte) ((i >> 2) * 31 + (i & 3));
                default -> (byte) random.nextInt(256);
            };
        }
        return data;
    }

    static HttpResponse<byte[]> post(HttpClient http, URI base, String path, String type, byte[] body)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() >= 500) {
            serverErrors.increment();
            System.err.println("5xx on " + path + ": " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r;
    }

    static void expect(HttpResponse<byte[]> r, int status, String what) {
        if (r.statusCode() != status) {
            unexpected.increment();
            System.err.println(what + ": status " + r.statusCode() + " instead of " + status + ": "
                    + new String(r.body(), 0, Math.min(300, r.body().length), StandardCharsets.UTF_8));
        }
    }

    static void oneRequest(HttpClient http, URI base, int port, SplittableRandom random, long maxRequestBytes)
            throws Exception {
        int kind = random.nextInt(100);
        if (kind < 40) { // compress, then decompress the answer: both must be exact
            byte[] data = content(random);
            int block = 1 << (12 + random.nextInt(9)); // 4 KiB .. 1 MiB
            HttpResponse<byte[]> c = post(http, base, "/v1/compress?blockSize=" + block, OCTETS, data);
            count("valid compress");
            expect(c, 200, "compress");
            if (c.statusCode() != 200) {
                return;
            }
            HttpResponse<byte[]> d = post(http, base, "/v1/decompress", H4MK, c.body());
            count("valid decompress");
            expect(d, 200, "decompress");
            if (d.statusCode() == 200 && !Arrays.equals(d.body(), data)) {
                wrongAnswers.increment();
                System.err.println("decompress answered other bytes");
            }
            if (data.length > 0) { // and a range of it
                int from = random.nextInt(data.length);
                int length = random.nextInt(data.length - from + 1);
                HttpResponse<byte[]> part = post(http, base, "/v1/decompress?offset=" + from + "&length=" + length,
                        H4MK, c.body());
                count("valid range");
                expect(part, 200, "range");
                if (part.statusCode() == 200 && !Arrays.equals(part.body(), Arrays.copyOfRange(data, from, from + length))) {
                    wrongAnswers.increment();
                    System.err.println("range answered other bytes");
                }
            }
        } else if (kind < 55) { // corrupt: one flipped byte anywhere
            byte[] container = containerOf(http, base, random);
            container[random.nextInt(container.length)] ^= (byte) (1 + random.nextInt(255));
            HttpResponse<byte[]> r = post(http, base, random.nextBoolean() ? "/v1/decompress" : "/v1/verify", H4MK,
                    container);
            count("corrupt container");
            expect(r, 400, "corrupt container");
        } else if (kind < 70) { // truncated anywhere
            byte[] container = containerOf(http, base, random);
            HttpResponse<byte[]> r = post(http, base, "/v1/decompress", H4MK,
                    Arrays.copyOf(container, random.nextInt(container.length)));
            count("truncated container");
            expect(r, 400, "truncated container");
        } else if (kind < 78) { // oversized: declared beyond the limit, answered before the body is read
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(30_000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /v1/compress HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + OCTETS
                        + "\r\nContent-Length: " + (maxRequestBytes + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[64 * 1024]);
                out.flush();
                String status = statusLine(s.getInputStream());
                count("oversized body");
                if (!status.contains(" 413 ")) {
                    unexpected.increment();
                    System.err.println("oversized body: " + status);
                }
            }
        } else if (kind < 89) { // stalls mid-body for a while, then goes away
            midBody(port, random, 2_000 + random.nextInt(4_000));
            count("stalled client");
        } else { // disconnects mid-body at once
            midBody(port, random, 0);
            count("disconnected client");
        }
    }

    /** Sends headers and part of a body that was declared longer, waits, then closes the connection. */
    static void midBody(int port, SplittableRandom random, int stallMillis) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            int declared = 1 + random.nextInt(16 << 20);
            String path = random.nextBoolean() ? "/v1/compress" : "/v1/decompress";
            String type = path.equals("/v1/compress") ? OCTETS : H4MK;
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type
                    + "\r\nContent-Length: " + declared + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[random.nextInt(declared)]);
            out.flush();
            Thread.sleep(stallMillis);
        }
    }

    static byte[] containerOf(HttpClient http, URI base, SplittableRandom random) throws Exception {
        byte[] data = content(random);
        HttpResponse<byte[]> c = post(http, base, "/v1/compress?blockSize=4096", OCTETS, data);
        count("valid compress");
        expect(c, 200, "compress");
        return c.body().length > 0 ? c.body() : new byte[1];
    }

    static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.append((char) b);
        }
        return line.toString();
    }
}
