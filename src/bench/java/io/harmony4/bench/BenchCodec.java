package io.harmony4.bench;

/**
 * One way to compress whole buffers, as a benchmark calls it: a harmony4 engine or a peer library. Peers keep their
 * contexts and buffers between calls, as a careful user would, so an instance belongs to one thread.
 */
interface BenchCodec {
    byte[] compress(byte[] input);

    /** The original bytes; {@code originalLength} is what the caller stored beside the block, as peers need. */
    byte[] decompress(byte[] compressed, int originalLength);
}
