package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.harmony4.dictionary.DictionaryId;
import io.harmony4.engine.CoreDictionary;
import io.harmony4.engine.CoreEngine;
import io.harmony4.engine.Messages;
import io.harmony4.engine.NativeLibs;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cache of digested dictionaries: kept while within its bound, and closed when it leaves. */
class DigestedDictionariesTest {
    private static CoreEngine core;
    private static byte[] first;
    private static byte[] second;

    @BeforeAll
    static void load() {
        core = CoreEngine.load(NativeLibs.core(), CoreEngine.DEFAULT_LEVEL);
        first = core.trainDictionary(Messages.messages(300, 1), 4096);
        second = core.trainDictionary(Messages.messages(300, 2), 4096);
    }

    @AfterAll
    static void close() {
        core.close();
    }

    @Test
    void keepsWhatFitsAndClosesWhatItEvicts() {
        byte[] message = Messages.message(new Random(3));
        try (DigestedDictionaries cache = new DigestedDictionaries(first.length + second.length / 2)) {
            CoreDictionary a = cache.get(DictionaryId.of(first), () -> core.dictionary(first));
            assertSame(a, cache.get(DictionaryId.of(first), () -> core.dictionary(first)), "kept, not digested again");
            byte[] frame = core.withDictionary(a).compress(message);

            CoreDictionary b = cache.get(DictionaryId.of(second), () -> core.dictionary(second));
            // over the bound: the least recently used left, and was closed
            assertThrows(IllegalStateException.class, () -> core.withDictionary(a).compress(message));
            assertArrayEquals(message, core.withDictionary(b).decompress(core.withDictionary(b).compress(message)));

            CoreDictionary again = cache.get(DictionaryId.of(first), () -> core.dictionary(first));
            assertArrayEquals(message, core.withDictionary(again).decompress(frame), "digested anew");
        }
    }

    @Test
    void closingClosesEveryKeptDictionary() {
        DigestedDictionaries cache = new DigestedDictionaries(1 << 20);
        CoreDictionary a = cache.get(DictionaryId.of(first), () -> core.dictionary(first));
        cache.close();
        assertThrows(IllegalStateException.class, () -> core.withDictionary(a).compress(new byte[] {1}));
    }
}
