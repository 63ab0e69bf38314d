package io.harmony4.config;

import io.harmony4.engine.CompressionException;
import io.harmony4.engine.CoreEngine;
import io.harmony4.engine.CoreUnavailableException;
import io.harmony4.engine.EngineSelfTest;
import io.harmony4.engine.ReferenceEngine;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Chooses the engine from the configuration: the rules of docs/configuration.md, without CDI so they test plainly. */
public final class EngineSelector {
    private static final Logger LOG = Logger.getLogger(EngineSelector.class);

    private EngineSelector() {}

    /**
     * @throws CoreUnavailableException in {@code core} mode when the core cannot serve
     */
    public static ActiveEngine select(Harmony4Config config) {
        Harmony4Config.EngineMode mode = config.engine();
        if (mode == Harmony4Config.EngineMode.REFERENCE) {
            return new ActiveEngine(selfTested(new ReferenceEngine()), mode, Optional.empty());
        }
        Optional<String> path = config.core().path().filter(p -> !p.isBlank());
        try {
            if (path.isEmpty()) {
                throw new CoreUnavailableException("harmony4.core.path (HARMONY4_CORE_PATH) is not set");
            }
            CoreEngine core = CoreEngine.load(Path.of(path.get()), config.core().level(),
                    config.core().verifyCompression());
            try {
                EngineSelfTest.run(core);
            } catch (CompressionException e) {
                core.close();
                throw new CoreUnavailableException("core failed its self-test: " + e.getMessage(), e);
            }
            return new ActiveEngine(core, mode, Optional.empty());
        } catch (CoreUnavailableException e) {
            if (mode == Harmony4Config.EngineMode.CORE) {
                throw new CoreUnavailableException("harmony4.engine=core but the core cannot be used: "
                        + e.getMessage(), e);
            }
            LOG.warnf("Native core unavailable (%s; path: %s); serving with the %s engine",
                    e.getMessage(), path.orElse("<unset>"), ReferenceEngine.ID);
            return new ActiveEngine(selfTested(new ReferenceEngine()), mode, Optional.of(e.getMessage()));
        }
    }

    private static <T extends io.harmony4.engine.CompressionEngine> T selfTested(T engine) {
        EngineSelfTest.run(engine);
        return engine;
    }
}
