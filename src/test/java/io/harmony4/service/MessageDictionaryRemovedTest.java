package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.harmony4.config.ActiveEngine;
import io.harmony4.config.Harmony4Config;
import io.harmony4.config.TestConfig;
import io.harmony4.dictionary.DictionaryId;
import io.harmony4.engine.CoreEngine;
import io.harmony4.engine.Messages;
import io.harmony4.engine.NativeLibs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dictionary taken out of the store is not served from memory, however a message names it (the frame's dictID,
 * the dcz header, the dictionary parameter), though its digest is kept: each message still looks for its file once.
 */
class MessageDictionaryRemovedTest {
    @TempDir
    Path dir;
    private CoreEngine core;
    private DictionaryService dictionaries;
    private MessageService messages;
    private DictionaryId id;
    private final byte[] content = Messages.messages(1, 7).getFirst();

    @BeforeEach
    void start() throws IOException {
        core = CoreEngine.load(NativeLibs.core(), CoreEngine.DEFAULT_LEVEL);
        Harmony4Config config = TestConfig.mapping(Map.of("harmony4.dictionaries.dir", dir.toString()), Map.of());
        dictionaries = new DictionaryService(new ActiveEngine(core, Harmony4Config.EngineMode.CORE, Optional.empty()),
                config);
        messages = new MessageService(dictionaries, config);
        byte[] trained = core.trainDictionary(Messages.messages(300, 1), 4096);
        id = dictionaries.put(DictionaryId.of(trained).hex(), trained).dictionary().id();
    }

    @AfterEach
    void stop() {
        dictionaries.close();
        core.close();
    }

    private byte[] compress(String format) throws IOException {
        return messages.compress(content, messages.options(id.hex(), null, format))
                .message();
    }

    private byte[] decompress(byte[] message, String dictionary) throws IOException {
        return messages.decompress(message, messages.decoding(dictionary, null)).content();
    }

    @Test
    void aFrameThatNamesARemovedDictionaryIsRefused() throws IOException {
        byte[] frame = compress(null);
        assertArrayEquals(content, decompress(frame, null), "found by the frame's dictID, and digested");
        Files.delete(dir.resolve(id.hex()));
        assertThrows(UnknownDictionaryException.class, () -> decompress(frame, null));
    }

    @Test
    void aDczMessageOrANamedDictionaryRemovedIsRefused() throws IOException {
        byte[] dcz = compress("dcz");
        byte[] frame = compress(null);
        assertArrayEquals(content, decompress(dcz, null));
        assertArrayEquals(content, decompress(frame, id.hex()));
        Files.delete(dir.resolve(id.hex()));
        assertThrows(UnknownDictionaryException.class, () -> decompress(dcz, null));
        assertThrows(UnknownDictionaryException.class, () -> decompress(frame, id.hex()));
        assertThrows(UnknownDictionaryException.class, () -> compress(null));
    }
}
