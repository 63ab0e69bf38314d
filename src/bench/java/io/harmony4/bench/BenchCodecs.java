package io.harmony4.bench;

/**
 * Codecs by the names the benchmarks take: every {@link BenchEngines} name, and the peers {@code zstd-jni-LEVEL} (and {@code zstd-jni-LEVEL-tN}, with N of zstd's worker threads),
 * {@code air-java} (aircompressor's pure-Java zstd), {@code air-ffm-LEVEL} (aircompressor's libzstd through FFM),
 * {@code lz4}, {@code lz4-hc-LEVEL} (lz4-java) and {@code deflate-LEVEL} (the JDK's Deflater).
 */
final class BenchCodecs {
    private BenchCodecs() {}

    static BenchCodec create(String name) {
        if (name.startsWith("zstd-jni-")) {
            String[] parts = name.substring("zstd-jni-".length()).split("-t");
            return new ZstdJniCodec(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
        }
        if (name.equals("air-java")) {
            return AircompressorCodec.java();
        }
        if (name.startsWith("air-ffm-")) {
            return AircompressorCodec.ffm(level(name, "air-ffm-"));
        }
        if (name.equals("lz4")) {
            return Lz4Codec.fast();
        }
        if (name.startsWith("lz4-hc-")) {
            return Lz4Codec.high(level(name, "lz4-hc-"));
        }
        if (name.startsWith("deflate-")) {
            return new DeflateCodec(level(name, "deflate-"));
        }
        return new EngineCodec(BenchEngines.create(name));
    }

    private static int level(String name, String prefix) {
        return Integer.parseInt(name.substring(prefix.length()));
    }
}
