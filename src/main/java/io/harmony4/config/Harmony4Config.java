package io.harmony4.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Every {@code harmony4.*} setting. Each key can also be set as an environment variable (e.g. HARMONY4_ENGINE). */
@ConfigMapping(prefix = "harmony4")
public interface Harmony4Config {

    /** Which engine serves: {@code auto} (core if usable, else reference), {@code core} or {@code reference}. */
    @WithDefault("auto")
    EngineMode engine();

    Core core();

    interface Core {
        /** Path of {@code libh4core.so}; also read from the environment variable HARMONY4_CORE_PATH. */
        Optional<String> path();

        /** zstd level the core compresses at; the core's accepted range is checked at start-up. */
        @WithDefault("3")
        int level();
    }

    enum EngineMode {
        AUTO,
        CORE,
        REFERENCE
    }
}
