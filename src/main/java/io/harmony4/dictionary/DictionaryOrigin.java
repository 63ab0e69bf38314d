package io.harmony4.dictionary;

/** How a stored dictionary was made, as the listing shows it. */
public sealed interface DictionaryOrigin {
    /** Trained by the service from {@code sampleCount} samples of {@code sampleBytes} bytes in all. */
    record Trained(int sampleCount, long sampleBytes, int targetSize) implements DictionaryOrigin {
        public Trained {
            if (sampleCount < 0 || sampleBytes < 0 || targetSize < 1) {
                throw new IllegalArgumentException("training of " + sampleCount + " samples, " + sampleBytes
                        + " bytes, target size " + targetSize);
            }
        }
    }

    /** Made elsewhere (for example by {@code zstd --train}) and stored as it was given. */
    record Put() implements DictionaryOrigin {}

    /** In the directory without a record of its making: placed there by hand or by a volume, not by the store. */
    record Unrecorded() implements DictionaryOrigin {}
}
