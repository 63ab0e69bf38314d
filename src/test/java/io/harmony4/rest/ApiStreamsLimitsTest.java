package io.harmony4.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.http.UpgradeRejectedException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The streams' limits set low (docs/streams.md, "Limits"): the cap on open streams, the idle timeout. */
@QuarkusTest
@TestProfile(ApiStreamsLimitsTest.Low.class)
class ApiStreamsLimitsTest {
    public static class Low implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("harmony4.streams.max-streams", "2", "harmony4.streams.retry-after", "7s",
                    "harmony4.streams.idle-timeout", "2s");
        }
    }

    @Test
    void pastTheCapTheUpgradeIsRefusedWith503AndRetryAfter() {
        try (StreamClient one = StreamClient.connect(ApiStreamsTest.COMPRESS);
                StreamClient two = StreamClient.connect(ApiStreamsTest.DECOMPRESS)) {
            one.text();
            two.text();
            UpgradeRejectedException refused = StreamClient.refused(ApiStreamsTest.COMPRESS, Map.of());
            assertEquals(503, refused.getStatus());
            assertEquals("7", refused.getHeaders().get("Retry-After"));
        }
        // the places are given back when their streams close (the service learns of it a moment later)
        try (StreamClient again = connectWhenAPlaceIsFree()) {
            assertEquals("start", again.text().get("type").asText());
        }
    }

    private static StreamClient connectWhenAPlaceIsFree() {
        for (int i = 1; ; i++) {
            try {
                return StreamClient.connect(ApiStreamsTest.COMPRESS);
            } catch (CompletionException refused) {
                if (i == 100) {
                    throw refused;
                }
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anIdleStreamIsClosed() {
        try (StreamClient client = StreamClient.connect(ApiStreamsTest.COMPRESS)) {
            client.text();
            StreamClient.Closed closed = client.closed();
            assertEquals(1008, closed.code());
            assertEquals("idle: no message for 2 s", closed.reason());
        }
    }
}
