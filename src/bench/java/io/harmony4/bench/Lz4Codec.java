package io.harmony4.bench;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;

/** lz4-java's fastest implementation (JNI where it loads): the fast compressor, or HC at a level. */
final class Lz4Codec implements BenchCodec {
    private final LZ4Compressor compressor;
    private final LZ4FastDecompressor decompressor;

    private Lz4Codec(LZ4Compressor compressor, LZ4FastDecompressor decompressor) {
        this.compressor = compressor;
        this.decompressor = decompressor;
    }

    static Lz4Codec fast() {
        LZ4Factory factory = LZ4Factory.fastestInstance();
        return new Lz4Codec(factory.fastCompressor(), factory.fastDecompressor());
    }

    static Lz4Codec high(int level) {
        LZ4Factory factory = LZ4Factory.fastestInstance();
        return new Lz4Codec(factory.highCompressor(level), factory.fastDecompressor());
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
