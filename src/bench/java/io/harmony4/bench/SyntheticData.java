package io.harmony4.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The two generated sets, the same bytes on every run (fixed seeds), so they need no corpus:
 * <ul>
 *   <li>{@code numeric}: a sensor time-series, one 16-byte little-endian sample per second: int32 timestamp, int32
 *       counter (a random walk), float32 temperature and float32 pressure (smooth signals with noise);</li>
 *   <li>{@code json}: JSON-like records of exactly 4 KiB each (an event log: ids, timestamps, enum-like strings,
 *       numbers), padded with spaces to 4095 bytes and a newline, so 4 KiB blocks hold one record each.</li>
 * </ul>
 */
final class SyntheticData {
    static final int SIZE = 8 << 20;
    static final int RECORD = 4096;

    private SyntheticData() {}

    static byte[] numeric() {
        ByteBuffer out = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        SplittableRandom random = new SplittableRandom(20261126L);
        int time = 1_764_115_200; // 2025-11-26T00:00:00Z
        int counter = 0;
        for (int i = 0; out.remaining() >= 16; i++) {
            counter += random.nextInt(-3, 8);
            double day = 2 * Math.PI * i / 86_400;
            float temperature = (float) (18 + 6 * Math.sin(day) + random.nextGaussian() * 0.05);
            float pressure = (float) (1013.25 + 4 * Math.cos(day / 7) + random.nextGaussian() * 0.02);
            out.putInt(time + i).putInt(counter).putFloat(temperature).putFloat(pressure);
        }
        return out.array();
    }

    private static final String[] SERVICES = {"checkout", "search", "auth", "inventory", "payments", "shipping"};
    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "WARN", "DEBUG", "ERROR"};
    private static final String[] REGIONS = {"eu-west-1", "eu-central-1", "us-east-1", "ap-south-1"};
    private static final String[] ACTIONS = {"view", "add_to_cart", "remove", "purchase", "login", "logout"};

    static byte[] json() {
        byte[] out = new byte[SIZE];
        SplittableRandom random = new SplittableRandom(4096L);
        long millis = 1_764_115_200_000L;
        for (int at = 0, id = 1; at < SIZE; at += RECORD, id++) {
            StringBuilder r = new StringBuilder(RECORD);
            r.append("{\"id\":").append(id)
                    .append(",\"service\":\"").append(pick(random, SERVICES))
                    .append("\",\"region\":\"").append(pick(random, REGIONS))
                    .append("\",\"trace\":\"").append(Long.toHexString(random.nextLong()))
                    .append("\",\"events\":[");
            for (int e = 0; ; e++) {
                millis += random.nextInt(1, 2_000);
                String event = (e > 0 ? "," : "") + "{\"ts\":" + millis
                        + ",\"level\":\"" + pick(random, LEVELS)
                        + "\",\"action\":\"" + pick(random, ACTIONS)
                        + "\",\"user\":\"user-" + random.nextInt(10_000)
                        + "\",\"items\":" + random.nextInt(1, 12)
                        + ",\"amount\":" + random.nextInt(100, 100_000) / 100.0
                        + ",\"ok\":" + (random.nextInt(20) != 0) + "}";
                if (r.length() + event.length() + 3 > RECORD - 1) {
                    break;
                }
                r.append(event);
            }
            r.append("]}");
            r.repeat(' ', RECORD - 1 - r.length()).append('\n');
            byte[] record = r.toString().getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(record, 0, out, at, Math.min(RECORD, SIZE - at));
        }
        return out;
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
