package io.harmony4.config;

import io.harmony4.engine.CompressionEngine;
import java.util.Objects;
import java.util.Optional;

/**
 * The engine this process serves with, and how it was chosen.
 *
 * @param engine          the engine
 * @param requested       the configured mode
 * @param fallbackReason  why the core is not in use although it was wanted ({@code auto} mode only); public text
 */
public record ActiveEngine(CompressionEngine engine, Harmony4Config.EngineMode requested, Optional<String> fallbackReason) {
    public ActiveEngine {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(fallbackReason, "fallbackReason");
    }

    /** {@code core} or {@code reference}: what is actually serving. */
    public String mode() {
        return engine.info().id().equals(io.harmony4.engine.CoreEngine.ID) ? "core" : "reference";
    }
}
