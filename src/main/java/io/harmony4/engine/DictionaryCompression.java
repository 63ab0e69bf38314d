package io.harmony4.engine;

import java.util.List;

/**
 * An engine that trains and uses zstd dictionaries: the native core. An engine bound to a dictionary is an engine
 * ({@link #withDictionary}), with the frozen API's contract; {@link #of(CompressionEngine)} is how a caller that only
 * knows the frozen API asks for this, and gets a typed refusal from an engine that has none.
 */
public interface DictionaryCompression {
    /** zstd's default dictionary size ({@code zstd --train --maxdict}), when the caller names none. */
    int DEFAULT_DICTIONARY_SIZE = 112_640;

    /**
     * This engine's dictionaries.
     *
     * @throws DictionariesUnsupportedException when the engine has none (the reference engine)
     */
    static DictionaryCompression of(CompressionEngine engine) {
        if (engine instanceof DictionaryCompression dictionaries) {
            return dictionaries;
        }
        throw new DictionariesUnsupportedException(engine.info().id());
    }

    /**
     * A zstd-format dictionary of at most {@code capacity} bytes trained on the samples: the same bytes for the same
     * samples and capacity on every run, thread and machine.
     *
     * @throws DictionaryTrainingException when the samples cannot make one (too few, too small, too alike) or the
     *     capacity cannot hold one
     */
    byte[] trainDictionary(List<byte[]> samples, int capacity);

    /**
     * The bytes digested for this engine (zstd format, or any bytes as raw content). Close it when it is no longer
     * used.
     *
     * @throws InvalidDictionaryException when a zstd-format dictionary's tables are damaged
     */
    CoreDictionary dictionary(byte[] bytes);

    /**
     * The bytes digested as raw content whatever they start with, zstd's dictionary magic included: the history a
     * frame continues from, with no entropy tables and no dictID (its frames name none). How RFC 9842's {@code dcz}
     * applies a dictionary: its decoders reference the bytes as a raw prefix. For bytes without the magic this is
     * {@link #dictionary}, with the same frames; with it, the core digests them once where its libzstd can, and
     * otherwise indexes them again for each compression (docs/dictionaries.md says what each costs). Close it when it
     * is no longer used.
     */
    CoreDictionary rawDictionary(byte[] bytes);

    /**
     * This engine bound to {@code dictionary}: its frames name the dictionary's dictID, and it decodes frames made
     * with it. A frame that names another dictionary is a {@link DictionaryMismatchException}.
     */
    CompressionEngine withDictionary(CoreDictionary dictionary);

    /**
     * The dictID a frame names (0: none), read from its header without decoding: how a decoder finds the dictionary.
     *
     * @throws CorruptInputException when the bytes do not start with a whole frame header
     */
    long frameDictId(byte[] frame);

    /**
     * What a frame's header declares (content size, dictID, checksum), read without decoding: the core's
     * {@code h4_frame_info}, so that no caller parses zstd headers itself.
     *
     * @throws CorruptInputException when the bytes do not start with a whole frame header
     */
    FrameHeader frameHeader(byte[] frame);
}
