package io.harmony4.bench;

import io.airlift.compress.v3.Compressor;
import io.airlift.compress.v3.Decompressor;
import io.airlift.compress.v3.zstd.ZstdJavaCompressor;
import io.airlift.compress.v3.zstd.ZstdJavaDecompressor;
import io.airlift.compress.v3.zstd.ZstdNativeCompressor;
import io.airlift.compress.v3.zstd.ZstdNativeDecompressor;
import java.util.Arrays;

/**
 * aircompressor's zstd: the pure-Java port (its one level, 3) or libzstd through FFM (the library it bundles). One
 * output buffer of the worst-case size is reused; each result is cut out of it, as the other codecs return theirs.
 */
final class AircompressorCodec implements BenchCodec {
    private final Compressor compressor;
    private final Decompressor decompressor;
    private byte[] scratch = new byte[0];

    private AircompressorCodec(Compressor compressor, Decompressor decompressor) {
        this.compressor = compressor;
        this.decompressor = decompressor;
    }

    static AircompressorCodec java() {
        return new AircompressorCodec(new ZstdJavaCompressor(), new ZstdJavaDecompressor());
    }

    static AircompressorCodec ffm(int level) {
        if (!ZstdNativeCompressor.isEnabled()) {
            throw new IllegalStateException("aircompressor's native zstd did not load (see its log)");
        }
        return new AircompressorCodec(new ZstdNativeCompressor(level), new ZstdNativeDecompressor());
    }

    @Override
    public byte[] compress(byte[] input) {
        int bound = compressor.maxCompressedLength(input.length);
        if (scratch.length < bound) {
            scratch = new byte[bound];
        }
        int n = compressor.compress(input, 0, input.length, scratch, 0, scratch.length);
        return Arrays.copyOf(scratch, n);
    }

    @Override
    public byte[] decompress(byte[] compressed, int originalLength) {
        byte[] out = new byte[originalLength];
        int n = decompressor.decompress(compressed, 0, compressed.length, out, 0, out.length);
        if (n != originalLength) {
            throw new IllegalStateException("decoded " + n + " bytes, expected " + originalLength);
        }
        return out;
    }
}
