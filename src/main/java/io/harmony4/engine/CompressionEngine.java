package io.harmony4.engine;

/**
 * The frozen engine API: whole-buffer, lossless compression.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Lossless.</b> {@code decompress(compress(x))} equals {@code x} for every byte string {@code x}.</li>
 *   <li><b>Deterministic.</b> The same input and the same settings give the same output bytes on every run,
 *       on every thread and on every machine. Outputs carry no timestamps, addresses or random state.</li>
 *   <li><b>Thread-safe.</b> One instance may be called from any number of threads at once.</li>
 *   <li><b>Self-checking.</b> {@link #decompress(byte[])} either returns exactly the bytes that were compressed or
 *       throws a {@link CompressionException}: a corrupt or truncated input is a {@link CorruptInputException}
 *       saying what was wrong and at which offset. It never throws an {@code ArrayIndexOutOfBoundsException}, never
 *       allocates a size it has not checked against its input, and never returns a silent wrong answer.</li>
 *   <li><b>Public metadata only.</b> {@link #info()} names the engine, its version and its codec; it never
 *       contains a file path, a key, or a value taken from the environment.</li>
 * </ul>
 * The output format of each engine is its own and is documented under {@code docs/}; the H4MK container
 * records which engine made each block.
 */
public interface CompressionEngine {

    /**
     * Compresses a whole buffer.
     *
     * @param input the bytes to compress; not modified
     * @return a new array in this engine's format; never longer than the engine's documented bound
     * @throws CompressionException if the input cannot be compressed (for instance it is larger than the
     *                              engine's format can describe)
     */
    byte[] compress(byte[] input);

    /**
     * Restores the bytes that {@link #compress(byte[])} was given.
     *
     * @param compressed a buffer produced by this engine; not modified
     * @return a new array holding exactly the original bytes
     * @throws CorruptInputException if the buffer is not a valid, complete output of this engine
     * @throws CompressionException  for any other failure of the engine
     */
    byte[] decompress(byte[] compressed);

    /** Public description of this engine; constant for the life of the instance. */
    EngineInfo info();
}
