package io.harmony4.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the libraries that native/Makefile builds under target/native for the tests. */
public final class NativeLibs {
    private NativeLibs() {}

    public static Path dir() {
        return Path.of(System.getProperty("h4.native.dir", "target/native"));
    }

    public static Path core() {
        return require(dir().resolve("libh4core.so"));
    }

    /**
     * One of the test libraries: wrong-abi, missing-symbol, fault-{garbage,size,error} (always faulty) and
     * latent-{garbage,size,error} (faulty only on content starting with "H4FAULT!").
     */
    public static Path testLibrary(String name) {
        return require(dir().resolve("test/libh4-" + name + ".so"));
    }

    private static Path require(Path p) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " is missing: the Maven build makes it (make -C native)");
        }
        return p.toAbsolutePath();
    }
}
