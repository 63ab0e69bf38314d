package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Any content round-trips through an engine bound to a trained dictionary, and through one bound to any raw bytes. */
class CoreDictionaryPropertiesTest {
    private static CoreDictionary trained;

    @BeforeContainer
    static void train() {
        CoreEngine core = TestEngines.core();
        trained = core.dictionary(core.trainDictionary(Messages.messages(300, 1), 4096));
    }

    @AfterContainer
    static void close() {
        trained.close();
    }

    @Property(tries = 200)
    void anyContentRoundTripsWithATrainedDictionary(@ForAll @Size(max = 5000) byte[] content) {
        CompressionEngine bound = TestEngines.core().withDictionary(trained);
        byte[] frame = bound.compress(content);
        assertEquals(trained.dictId(), TestEngines.core().frameDictId(frame));
        assertArrayEquals(content, bound.decompress(frame));
        assertArrayEquals(frame, bound.compress(content));
    }

    /** Bytes without zstd's magic are raw content: any of them make a dictionary, whose frames name none. */
    @Property(tries = 200)
    void anyRawContentIsADictionary(@ForAll @Size(max = 2000) byte[] raw, @ForAll @Size(max = 2000) byte[] content) {
        if (raw.length >= 4 && raw[0] == 0x37 && raw[1] == (byte) 0xA4 && raw[2] == 0x30 && raw[3] == (byte) 0xEC) {
            return; // zstd's dictionary magic: not raw content
        }
        try (CoreDictionary dictionary = TestEngines.core().dictionary(raw)) {
            assertEquals(0, dictionary.dictId());
            CompressionEngine bound = TestEngines.core().withDictionary(dictionary);
            assertArrayEquals(content, bound.decompress(bound.compress(content)));
        }
    }
}
