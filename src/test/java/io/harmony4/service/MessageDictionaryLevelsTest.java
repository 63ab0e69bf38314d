package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harmony4.dictionary.DictionaryId;
import io.harmony4.engine.CoreDictionary;
import io.harmony4.engine.CoreEngine;
import io.harmony4.engine.Messages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages with one dictionary at many levels (the request's {@code level}) round-trip, and its cached digest keeps
 * at most {@link CoreDictionary#MAX_LEVELS} levels, however many the requests name: a level no longer kept is
 * digested again on a worker, to the same frames. The configured level is always among them, whatever level the
 * first message named, since most messages use it. Which levels are kept shows on the event loop's path, which
 * serves a message only at a level already digested.
 */
class MessageDictionaryLevelsTest {
    @TempDir
    Path dir;
    private MessageServices services;

    @AfterEach
    void stop() {
        services.close();
    }

    private byte[] compress(byte[] content, DictionaryId id, int level) throws IOException {
        return services.messages.compress(content, services.messages.options(id.hex(), level, null)).message();
    }

    @Test
    void messagesAtManyLevelsRoundTripAndTheDigestKeepsAFewLevels() throws IOException {
        services = new MessageServices(dir, Map.of());
        DictionaryId id = services.trained(1, 4096);
        byte[] content = Messages.messages(1, 7).getFirst();
        List<Integer> levels = IntStream.rangeClosed(-8, MessageService.QUICK_LEVEL).boxed().toList();
        List<byte[]> frames = new ArrayList<>();
        for (int level : levels) {
            frames.add(compress(content, id, level));
        }
        for (byte[] frame : frames) {
            assertArrayEquals(content, services.decompress(frame, id));
        }
        // the configured level, which the dictionary was digested at though the first message asked for -8, and the
        // three compressed last
        List<Integer> kept = List.of(CoreEngine.DEFAULT_LEVEL, MessageService.QUICK_LEVEL - 2,
                MessageService.QUICK_LEVEL - 1, MessageService.QUICK_LEVEL);
        assertEquals(CoreDictionary.MAX_LEVELS, kept.size());
        assertEquals(kept, levels.stream().filter(level -> services.messages.compressQuickly(content,
                services.messages.options(id.hex(), level, null)).isPresent()).toList());
        for (int i = 0; i < levels.size(); i++) {
            assertArrayEquals(frames.get(i), compress(content, id, levels.get(i)), "digested again, the same frame");
        }
        assertEquals(1, services.dictionaries.digests(), "one cached dictionary throughout");
    }
}
