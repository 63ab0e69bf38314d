package io.harmony4.bench;

import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.CoreEngine;
import io.harmony4.engine.ReferenceEngine;
import java.nio.file.Path;

/**
 * Engines by the names the benchmarks take as parameters: {@code reference}, {@code core-LEVEL}, and
 * {@code core-LEVEL-unverified} without the round-trip check after compression. The core is the one the build
 * made, under {@code h4.native.dir}.
 */
final class BenchEngines {
    private BenchEngines() {}

    static CompressionEngine create(String name) {
        if (name.equals("reference")) {
            return new ReferenceEngine();
        }
        if (name.startsWith("core-")) {
            String[] parts = name.split("-");
            int level = Integer.parseInt(parts[1]);
            if (parts.length == 2) {
                return CoreEngine.load(core(), level);
            }
            if (parts.length == 3 && parts[2].equals("unverified")) {
                return CoreEngine.load(core(), level, false);
            }
        }
        throw new IllegalArgumentException("unknown engine " + name);
    }

    static Path core() {
        return Path.of(System.getProperty("h4.native.dir", "target/native"), "libh4core.so").toAbsolutePath();
    }
}
