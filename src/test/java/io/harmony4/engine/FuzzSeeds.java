package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The committed seeds of a Jazzer fuzz target: {@code <FuzzTest>Inputs/<method>/} beside the class, sorted. */
public final class FuzzSeeds {
    private FuzzSeeds() {}

    /** The seed files of {@code target}, a method of {@code fuzzTest}; fails when there are none. */
    public static List<Path> files(Class<?> fuzzTest, String target) throws IOException {
        Path dir;
        try {
            dir = Path.of(fuzzTest.getResource(fuzzTest.getSimpleName() + "Inputs").toURI()).resolve(target);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> list = files.sorted().toList();
            assertTrue(list.size() > 0, "no seeds for " + target);
            return list;
        }
    }
}
