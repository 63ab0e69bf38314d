package io.harmony4.bench;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** The JDK's Deflater and Inflater (zlib format, as gzip users get it), reset and reused across calls. */
final class DeflateCodec implements BenchCodec {
    private final Deflater deflater;
    private final Inflater inflater = new Inflater();
    private byte[] scratch = new byte[0];

    DeflateCodec(int level) {
        deflater = new Deflater(level);
    }

    @Override
    public byte[] compress(byte[] input) {
        // zlib's own bound for one-shot deflate, plus room for the stream header and trailer
        int bound = input.length + (input.length >> 12) + (input.length >> 14) + (input.length >> 25) + 64;
        if (scratch.length < bound) {
            scratch = new byte[bound];
        }
        deflater.reset();
        deflater.setInput(input);
        deflater.finish();
        int n = deflater.deflate(scratch);
        if (!deflater.finished()) {
            throw new IllegalStateException("deflate did not finish within its bound");
        }
        return Arrays.copyOf(scratch, n);
    }

    @Override
    public byte[] decompress(byte[] compressed, int originalLength) {
        inflater.reset();
        inflater.setInput(compressed);
        byte[] out = new byte[originalLength];
        try {
            int n = inflater.inflate(out);
            if (n != originalLength || !inflater.finished()) {
                throw new IllegalStateException("inflated " + n + " bytes, expected " + originalLength);
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
