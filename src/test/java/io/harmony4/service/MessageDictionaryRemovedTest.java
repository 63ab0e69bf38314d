package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.harmony4.dictionary.DictionaryId;
import io.harmony4.engine.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dictionary taken out of the store is refused once the store's check interval has passed, however a message names
 * it (the frame's dictID, the dcz header, the dictionary parameter), though its digest is kept: until then the check
 * before stands; with an interval of 0, at once.
 */
class MessageDictionaryRemovedTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    @TempDir
    Path dir;
    private MessageServices services;
    private DictionaryId id;
    private final byte[] content = Messages.messages(1, 7).getFirst();

    private void start(Duration interval) throws IOException {
        services = new MessageServices(dir, Map.of("harmony4.dictionaries.check-interval", interval.toString()));
        id = services.trained(1, 4096);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private byte[] compress(String format) throws IOException {
        return services.compress(content, id, format).message();
    }

    private void remove() throws IOException {
        Files.delete(dir.resolve(id.hex()));
    }

    @Test
    void aFrameThatNamesARemovedDictionaryIsRefusedOnceTheIntervalHasPassed() throws IOException {
        start(INTERVAL);
        byte[] frame = compress(null);
        assertArrayEquals(content, services.decompress(frame, null), "found by the frame's dictID, and digested");
        remove();
        assertArrayEquals(content, services.decompress(frame, null), "within the interval the check before stands");
        services.pass(INTERVAL);
        assertThrows(UnknownDictionaryException.class, () -> services.decompress(frame, null));
    }

    @Test
    void aDczMessageOrANamedDictionaryRemovedIsRefusedOnceTheIntervalHasPassed() throws IOException {
        start(INTERVAL);
        byte[] dcz = compress("dcz");
        byte[] frame = compress(null);
        assertArrayEquals(content, services.decompress(dcz, null));
        assertArrayEquals(content, services.decompress(frame, id));
        remove();
        services.pass(INTERVAL.minusNanos(1));
        assertArrayEquals(content, services.decompress(dcz, null));
        assertArrayEquals(content, services.decompress(frame, id));
        compress(null);
        services.pass(Duration.ofNanos(1));
        assertThrows(UnknownDictionaryException.class, () -> services.decompress(dcz, null));
        assertThrows(UnknownDictionaryException.class, () -> services.decompress(frame, id));
        assertThrows(UnknownDictionaryException.class, () -> compress(null));
    }

    @Test
    void withAnIntervalOfZeroARemovedDictionaryIsRefusedAtOnce() throws IOException {
        start(Duration.ZERO);
        byte[] dcz = compress("dcz");
        byte[] frame = compress(null);
        assertArrayEquals(content, services.decompress(frame, null));
        assertArrayEquals(content, services.decompress(dcz, null));
        assertArrayEquals(content, services.decompress(frame, id));
        remove();
        assertThrows(UnknownDictionaryException.class, () -> services.decompress(frame, null));
        assertThrows(UnknownDictionaryException.class, () -> services.decompress(dcz, null));
        assertThrows(UnknownDictionaryException.class, () -> services.decompress(frame, id));
        assertThrows(UnknownDictionaryException.class, () -> compress(null));
    }
}
