package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.config.ActiveEngine;
import io.harmony4.config.Harmony4Config;
import io.harmony4.config.TestConfig;
import io.harmony4.dictionary.DictionaryId;
import io.harmony4.dictionary.StoredDictionary;
import io.harmony4.engine.CoreEngine;
import io.harmony4.engine.Messages;
import io.harmony4.engine.MessageStreamCompressor;
import io.harmony4.engine.NativeLibs;
import io.harmony4.engine.StreamSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream with a dictionary uses the digest the dictionaries' cache keeps for messages, under a lease that lasts the
 * stream's life: one digest for streams and messages, and a dictionary evicted (so closed) while streams use it goes
 * on serving them until they end.
 */
class StreamDictionarySharingTest {
    /** Holds one 4 KiB dictionary, not two: using a second evicts the first. */
    private static final String CACHE_FOR_ONE = "6K";

    @TempDir
    Path dir;
    private CoreEngine core;
    private DictionaryService dictionaries;
    private StreamService streams;

    @BeforeEach
    void start() {
        core = CoreEngine.load(NativeLibs.core(), CoreEngine.DEFAULT_LEVEL);
        Harmony4Config config = TestConfig.mapping(Map.of("harmony4.dictionaries.dir", dir.toString(),
                "harmony4.dictionaries.cache-size", CACHE_FOR_ONE), Map.of());
        ActiveEngine active = new ActiveEngine(core, Harmony4Config.EngineMode.CORE, Optional.empty());
        dictionaries = new DictionaryService(active, config);
        streams = new StreamService(active, dictionaries, config);
    }

    @AfterEach
    void stop() {
        streams.shutdown();
        dictionaries.close();
        core.close();
    }

    private DictionaryId trained(long seed) throws IOException {
        StoredDictionary stored = dictionaries.train(Messages.messages(300, seed), 4096);
        assertTrue(stored.size() > 3 * 1024, "two do not fit in the cache");
        return stored.id();
    }

    /** One message through the cache's digest, as MessageService sends it, and back. */
    private void messageRoundTrip(DictionaryId id, byte[] message) throws IOException {
        byte[] frame = dictionaries.withDictionary(id, null, false, engine -> engine.compress(message));
        assertArrayEquals(message, dictionaries.withDictionary(id, null, false, engine -> engine.decompress(frame)));
    }

    /** Sends {@code messages} through both streams and checks that each comes out as it went in. */
    private static void exchange(CompressingStream compressing, DecompressingStream decompressing,
            List<byte[]> messages) {
        for (byte[] message : messages) {
            List<byte[]> delivered = decompressing.decode(compressing.compress(message));
            assertEquals(1, delivered.size());
            assertArrayEquals(message, delivered.getFirst());
        }
    }

    @Test
    void streamsAndMessagesUseOneDigest() throws IOException {
        DictionaryId id = trained(1);
        assertEquals(0, dictionaries.digests());
        List<byte[]> messages = Messages.messages(20, 7);
        try (CompressingStream compressing = streams.compressor(null, id.hex(), 0);
                DecompressingStream decompressing = streams.decompressor(id.hex(), "immediate")) {
            assertEquals(1, dictionaries.digests(), "the first stream digests it into the cache");
            exchange(compressing, decompressing, messages);
            messageRoundTrip(id, messages.getFirst());
            try (CompressingStream atAnotherLevel = streams.compressor(5, id.hex(), 0)) {
                atAnotherLevel.compress(messages.getFirst());
            }
            assertEquals(1, dictionaries.digests(), "messages and later streams use the stream's digest");
        }
        try (CompressingStream again = streams.compressor(null, id.hex(), 0)) {
            again.compress(messages.getFirst());
        }
        assertEquals(1, dictionaries.digests(), "a stream's end leaves the digest in the cache");
    }

    @Test
    void aDictionaryEvictedWhileStreamsLiveServesThemToTheirEnd() throws IOException {
        DictionaryId first = trained(1);
        DictionaryId second = trained(2);
        List<byte[]> messages = Messages.messages(60, 8);
        try (CompressingStream compressing = streams.compressor(null, first.hex(), 0);
                DecompressingStream decompressing = streams.decompressor(first.hex(), "immediate")) {
            exchange(compressing, decompressing, messages.subList(0, 20));

            messageRoundTrip(second, messages.getFirst());
            assertEquals(2, dictionaries.digests());
            // the cache holds one: the streams' dictionary was evicted and closed; a message digests it anew
            messageRoundTrip(first, messages.getFirst());
            assertEquals(3, dictionaries.digests(), "evicted");
            messageRoundTrip(second, messages.getFirst());
            assertEquals(4, dictionaries.digests(), "evicted again, the new digest of the first this time");

            exchange(compressing, decompressing, messages.subList(20, 60));
            assertTrue(decompressing.decode(compressing.finish()).isEmpty());
            assertTrue(decompressing.ended(), "the frame's end and its checksum decoded");
            assertEquals(compressing.summary().root(), decompressing.summary().root());
        }
    }

    @Test
    void aDictionaryEvictedBeforeTheStreamLeasesItIsDigestedAgain() throws IOException {
        DictionaryId first = trained(1);
        DictionaryId second = trained(2);
        byte[] message = Messages.message(new Random(9));
        List<Integer> attempts = new ArrayList<>();
        MessageStreamCompressor compressor = dictionaries.openWithDictionary(core, first, seed -> {
            attempts.add(attempts.size() + 1);
            if (attempts.size() == 1) {
                try {
                    // another request evicts (and closes) the dictionary after the cache gave it out
                    messageRoundTrip(second, message);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
            return core.compressor(StreamSettings.of(CoreEngine.DEFAULT_LEVEL, 1 << 20).withDictionary(seed));
        });
        try (compressor) {
            assertEquals(List.of(1, 2), attempts, "the closed dictionary refused the lease; the second try had one");
            assertEquals(3, dictionaries.digests());
            try (DecompressingStream decompressing = streams.decompressor(first.hex(), "immediate")) {
                List<byte[]> delivered = decompressing.decode(compressor.compress(message));
                assertEquals(1, delivered.size());
                assertArrayEquals(message, delivered.getFirst());
                decompressing.decode(compressor.finish());
                assertTrue(decompressing.ended());
            }
        }
    }
}
