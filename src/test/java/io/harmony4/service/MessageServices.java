package io.harmony4.service;

import io.harmony4.config.ActiveEngine;
import io.harmony4.config.Harmony4Config;
import io.harmony4.config.TestConfig;
import io.harmony4.dictionary.DictionaryId;
import io.harmony4.engine.CoreEngine;
import io.harmony4.engine.Messages;
import io.harmony4.engine.NativeLibs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link MessageService} and {@link DictionaryService} over the core and a store in {@code dir}, as the application
 * wires them, the store's check interval measured by a clock of the test's own ({@link #pass}).
 */
final class MessageServices implements AutoCloseable {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    final CoreEngine core;
    final DictionaryService dictionaries;
    final MessageService messages;

    /** {@code settings}: harmony4.* properties beside the directory's. */
    MessageServices(Path dir, Map<String, String> settings) {
        Map<String, String> properties = new HashMap<>(settings);
        properties.put("harmony4.dictionaries.dir", dir.toString());
        Harmony4Config config = TestConfig.mapping(properties, Map.of());
        core = CoreEngine.load(NativeLibs.core(), CoreEngine.DEFAULT_LEVEL);
        dictionaries = new DictionaryService(new ActiveEngine(core, Harmony4Config.EngineMode.CORE, Optional.empty()),
                config, now::get);
        messages = new MessageService(dictionaries, config);
    }

    /** A zstd-format dictionary of about {@code size} bytes trained on messages of {@code seed}, stored. */
    DictionaryId trained(long seed, int size) throws IOException {
        byte[] trained = core.trainDictionary(Messages.messages(300, seed), size);
        return dictionaries.put(DictionaryId.of(trained).hex(), trained).dictionary().id();
    }

    /** Moves the clock on by {@code time}. */
    void pass(Duration time) {
        now.addAndGet(time.toNanos());
    }

    MessageService.Compressed compress(byte[] content, DictionaryId id, String format) throws IOException {
        return messages.compress(content, messages.options(id == null ? null : id.hex(), null, format));
    }

    Optional<MessageService.Compressed> compressQuickly(byte[] content, DictionaryId id, String format) {
        return messages.compressQuickly(content, messages.options(id == null ? null : id.hex(), null, format));
    }

    byte[] decompress(byte[] message, DictionaryId named) throws IOException {
        return messages.decompress(messages.parse(message), decoding(named)).content();
    }

    Optional<byte[]> decompressQuickly(byte[] message, DictionaryId named) {
        return messages.decompressQuickly(messages.parse(message), decoding(named))
                .map(MessageService.Decompressed::content);
    }

    private MessageService.Decoding decoding(DictionaryId named) {
        return messages.decoding(named == null ? null : named.hex(), null);
    }

    @Override
    public void close() {
        dictionaries.close();
        core.close();
    }
}
