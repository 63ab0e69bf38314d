package io.harmony4.container;

import io.harmony4.engine.CompressionEngine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The engines a reader may decode blocks with, by engine id. */
public final class EngineSet {
    private final Map<String, CompressionEngine> byId;

    private EngineSet(Map<String, CompressionEngine> byId) {
        this.byId = Map.copyOf(byId);
    }

    public static EngineSet of(CompressionEngine... engines) {
        Map<String, CompressionEngine> m = new LinkedHashMap<>();
        for (CompressionEngine e : engines) {
            m.putIfAbsent(e.info().id(), e);
        }
        return new EngineSet(m);
    }

    public Optional<CompressionEngine> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    CompressionEngine require(String id, long offset) {
        return find(id).orElseThrow(() -> new UnsupportedCodecException(id, offset));
    }
}
