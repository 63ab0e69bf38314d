package io.harmony4.bench;

import io.harmony4.engine.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Benchmark inputs by name: the corpus files, when present. */
final class BenchData {
    private BenchData() {}

    static byte[] load(String name) {
        Path file = Corpus.files().stream()
                .filter(p -> p.getFileName().toString().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no corpus file " + name
                        + " (set -Dh4.corpus.dir to the folder of Silesia zips)"));
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
