package io.harmony4.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small JSON records of one shape, seeded: what a dictionary is trained on and then compresses. */
public final class Messages {
    private static final String[] NAMES = {"ada", "brian", "grace", "ken", "linus", "margaret", "dennis", "barbara"};
    private static final String[] ROLES = {"assistant", "user", "system", "tool"};

    private Messages() {}

    /** One record of about 150 to 300 bytes. */
    public static byte[] message(Random random) {
        StringBuilder tokens = new StringBuilder();
        for (int i = 0, n = 5 + random.nextInt(20); i < n; i++) {
            tokens.append(i == 0 ? "" : ",").append(random.nextInt(50_000));
        }
        String json = "{\"id\":" + random.nextInt(1_000_000) + ",\"role\":\"" + ROLES[random.nextInt(ROLES.length)]
                + "\",\"user\":\"" + NAMES[random.nextInt(NAMES.length)] + "\",\"model\":\"harmony-small-v2\","
                + "\"finish_reason\":\"" + (random.nextBoolean() ? "stop" : "length") + "\",\"tokens\":[" + tokens
                + "]}";
        return json.getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code count} records from {@code seed}. */
    public static List<byte[]> messages(int count, long seed) {
        Random random = new Random(seed);
        List<byte[]> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messages.add(message(random));
        }
        return messages;
    }
}
