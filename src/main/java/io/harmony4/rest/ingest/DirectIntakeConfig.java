package io.harmony4.rest.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How request bodies reach the ingest ({@code harmony4.http.*}). */
@ConfigMapping(prefix = "harmony4.http")
public interface DirectIntakeConfig {
    /**
     * Whether {@code /v1/compress}, {@code /v1/decompress}, {@code /v1/messages/*} and {@code /bench/echo} take their HTTP/1.1 bodies as
     * Netty reads them (pooled direct buffers, below Vert.x's copy of each into a new heap buffer); off, every body
     * goes through Vert.x as it does on HTTP/2.
     */
    @WithDefault("true")
    boolean directIntake();
}
