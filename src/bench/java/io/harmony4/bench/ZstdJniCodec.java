package io.harmony4.bench;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;

/**
 * zstd-jni with one compression and one decompression context reused across calls. Its jar is multi-release: on
 * Java 22 and later it reaches libzstd through FFM, and through JNI when the JVM runs with
 * {@code -Djdk.util.jar.enableMultiRelease=false} (see {@link #binding()}).
 */
final class ZstdJniCodec implements BenchCodec {
    /** The system property that makes the JVM load zstd-jni's JNI classes instead of its FFM ones. */
    static final String JNI_ONLY = "-Djdk.util.jar.enableMultiRelease=false";

    private final ZstdCompressCtx compressor = new ZstdCompressCtx();
    private final ZstdDecompressCtx decompressor = new ZstdDecompressCtx();

    /** {@code workers} above 0: zstd's own multi-threaded compression, as {@code zstd -T<workers>} runs it. */
    ZstdJniCodec(int level, int workers) {
        compressor.setLevel(level);
        if (workers > 0) {
            compressor.setWorkers(workers);
        }
    }

    /** "FFM" or "JNI": which of zstd-jni's bindings this JVM loaded. */
    static String binding() {
        try {
            Class.forName("com.github.luben.zstd.ZstdBinding");
            return "FFM";
        } catch (ClassNotFoundException e) {
            return "JNI";
        }
    }

    @Override
    public byte[] compress(byte[] input) {
        return compressor.compress(input);
    }

    @Override
    public byte[] decompress(byte[] compressed, int originalLength) {
        return decompressor.decompress(compressed, originalLength);
    }
}
