package io.harmony4.tool;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.rest.ApiReferenceTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A cache trained on the fallback engine would train the wrong paths: the workload refuses to run on it. */
@QuarkusTest
@TestProfile(ApiReferenceTest.ReferenceEngine.class)
class AotTrainingReferenceTest {
    @Test
    void trainingRefusesAServiceThatRunsTheReferenceEngine() {
        AotTraining training = new AotTraining(AotTrainingTest.service("/"));
        AotTraining.TrainingFailedException failure = assertThrows(AotTraining.TrainingFailedException.class,
                () -> training.run(1, Duration.ofSeconds(10), System.out));
        assertTrue(failure.getMessage().contains("runs the geometric-reference engine, not the core"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("train where the core loads"), failure.getMessage());
    }
}
