package io.harmony4.bench;

import io.harmony4.engine.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Benchmark inputs by name: the corpus files, when present; {@code mix64}: the four corpus files (dickens,
 * ooffice, osdb, xml) concatenated and repeated to 64 MiB, the body bench/http.sh sends; and the generated
 * {@link SyntheticData} sets {@code numeric} and {@code json}, which need no corpus.
 */
final class BenchData {
    static final String MIX64 = "mix64";

    private BenchData() {}

    static byte[] load(String name) {
        switch (name) {
            case MIX64 -> {
                return mix(64 << 20);
            }
            case "numeric" -> {
                return SyntheticData.numeric();
            }
            case "json" -> {
                return SyntheticData.json();
            }
            default -> {
                // a corpus file, below
            }
        }
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

    private static byte[] mix(int size) {
        byte[] out = new byte[size];
        int at = 0;
        while (at < size) {
            for (String name : new String[] {"dickens", "ooffice", "osdb", "xml"}) {
                byte[] part = load(name);
                int n = Math.min(part.length, size - at);
                System.arraycopy(part, 0, out, at, n);
                at += n;
                if (at == size) {
                    break;
                }
            }
        }
        return out;
    }
}
