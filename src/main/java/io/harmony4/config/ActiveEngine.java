package io.harmony4.config;

import io.harmony4.container.EngineSet;
import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.CoreEngine;
import io.harmony4.engine.ReferenceEngine;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine this process serves with, how it was chosen, and what follows from which engine it is: the engines
 * at other levels and the engines a reader may decode with. The one place outside {@link EngineSelector} that knows
 * the concrete engines.
 */
public final class ActiveEngine {
    private final CompressionEngine engine;
    private final Harmony4Config.EngineMode requested;
    private final Optional<String> fallbackReason;
    private final Map<Integer, CompressionEngine> levels = new ConcurrentHashMap<>();

    /**
     * @param engine          the engine
     * @param requested       the configured mode
     * @param fallbackReason  why the core is not in use although it was wanted ({@code auto} mode only); public text
     */
    public ActiveEngine(CompressionEngine engine, Harmony4Config.EngineMode requested,
            Optional<String> fallbackReason) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.requested = Objects.requireNonNull(requested, "requested");
        this.fallbackReason = Objects.requireNonNull(fallbackReason, "fallbackReason");
    }

    public CompressionEngine engine() {
        return engine;
    }

    public Harmony4Config.EngineMode requested() {
        return requested;
    }

    public Optional<String> fallbackReason() {
        return fallbackReason;
    }

    /** {@code core} or {@code reference}: what is actually serving. */
    public String mode() {
        return engine instanceof CoreEngine ? "core" : "reference";
    }

    /**
     * The serving engine at another compression level, made once per level and kept.
     *
     * @throws IllegalArgumentException with a message for a person, when the engine has no such level
     */
    public CompressionEngine atLevel(int level) {
        if (level == engine.info().level()) {
            return engine;
        }
        if (!(engine instanceof CoreEngine core)) {
            throw new IllegalArgumentException("the " + engine.info().id()
                    + " engine has no compression levels; leave out 'level'");
        }
        return levels.computeIfAbsent(level, core::atLevel);
    }

    /**
     * The engines containers may be decoded with: the serving engine, and beside the core the reference engine, so
     * that containers the reference engine wrote (during a fallback, say) stay readable.
     */
    public EngineSet decoders() {
        return engine instanceof CoreEngine ? EngineSet.of(engine, new ReferenceEngine()) : EngineSet.of(engine);
    }
}
