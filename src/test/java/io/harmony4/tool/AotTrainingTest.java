package io.harmony4.tool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The AOT cache's training workload against the service it trains: every answer it expects is the one it gets. */
@QuarkusTest
class AotTrainingTest {
    static URI service(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }

    @Test
    void oneRoundOfTheWorkloadPassesAgainstTheCore() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new AotTraining(service("/")).run(1, Duration.ofSeconds(10), new PrintStream(out, true, StandardCharsets.UTF_8));
        String summary = out.toString(StandardCharsets.UTF_8);
        assertTrue(summary.matches("(?s)aot training: \\d{2,} requests in 1 rounds against h4-core .*"), summary);
    }

    @Test
    void aServiceThatNeverBecomesReadyFailsTheRun() {
        AotTraining training = new AotTraining(service("/not-the-service/"));
        AotTraining.TrainingFailedException failure = assertThrows(AotTraining.TrainingFailedException.class,
                () -> training.run(1, Duration.ofMillis(300), System.out));
        assertTrue(failure.getMessage().endsWith("/not-the-service/q/health/ready did not answer 200 within PT0.3S"),
                failure.getMessage());
    }

    @Test
    void theWorkloadsDataIsTheSameOnEveryRun() {
        assertArrayEquals(AotTraining.text(10_000, 1), AotTraining.text(10_000, 1));
        assertEquals(10_000, AotTraining.text(10_000, 1).length);
        assertFalse(Arrays.equals(AotTraining.text(10_000, 1), AotTraining.text(10_000, 2)));
        assertArrayEquals(AotTraining.noise(1000, 1), AotTraining.noise(1000, 1));
    }
}
