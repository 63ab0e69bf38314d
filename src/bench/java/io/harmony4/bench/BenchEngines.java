package io.harmony4.bench;

import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.ReferenceEngine;

/** Engines by the names the benchmarks take as parameters. */
final class BenchEngines {
    private BenchEngines() {}

    static CompressionEngine create(String name) {
        return switch (name) {
            case "reference" -> new ReferenceEngine();
            default -> throw new IllegalArgumentException("unknown engine " + name);
        };
    }
}
