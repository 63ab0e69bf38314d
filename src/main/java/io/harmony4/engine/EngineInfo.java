package io.harmony4.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * Public metadata of an engine. Only names and numbers that are safe to show to any client: never a path,
 * a key or an environment value.
 *
 * @param id           stable engine identifier, e.g. {@code geometric-reference} or {@code h4-core}
 * @param version      the engine's version; a change of output bytes for the same input means a new version
 * @param abiVersion   the native C ABI version for engines backed by native code, {@code 0} for pure-Java engines
 * @param codec        the codec that produces the bytes, with its library version where there is one
 * @param level        the compression level the engine runs at ({@code 0} where the codec has no levels)
 * @param kernels      the native filter kernel set in use ({@code plain}, {@code sse2}, {@code avx2} or
 *                     {@code avx512}) where the engine's core names it; empty for pure-Java engines. It changes
 *                     speed only, never bytes
 */
public record EngineInfo(String id, String version, int abiVersion, String codec, int level,
        Optional<String> kernels) {
    public EngineInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(kernels, "kernels");
        if (abiVersion < 0) {
            throw new IllegalArgumentException("abiVersion must not be negative: " + abiVersion);
        }
    }

    /** An engine without native kernels. */
    public EngineInfo(String id, String version, int abiVersion, String codec, int level) {
        this(id, version, abiVersion, codec, level, Optional.empty());
    }
}
