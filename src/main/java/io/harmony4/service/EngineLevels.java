package io.harmony4.service;

import io.harmony4.config.ActiveEngine;
import io.harmony4.engine.CompressionEngine;

/** The serving engine at the level a request asks for, or the request's {@code level} refused as a parameter. */
final class EngineLevels {
    private EngineLevels() {}

    /** The serving engine at {@code level}; the configured one when null. */
    static CompressionEngine at(ActiveEngine active, Integer level) {
        if (level == null) {
            return active.engine();
        }
        try {
            return active.atLevel(level);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("level", e.getMessage());
        }
    }
}
