package io.harmony4.service;

import io.harmony4.config.ActiveEngine;
import io.harmony4.config.Harmony4Config;
import io.harmony4.config.TestConfig;
import io.harmony4.dictionary.DictionaryId;
import io.harmony4.engine.CompressionEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The service's message path without HTTP, for the benchmarks (docs/benchmarks.md, "Small messages and
 * dictionaries"): {@link MessageService} and {@link DictionaryService} as the application wires them, over a given
 * engine and a dictionary store in {@code dir}, with the configuration's defaults otherwise. Lives in this package
 * because both services are made by CDI through package-private constructors.
 */
public final class BenchMessagePath implements AutoCloseable {
    private final DictionaryService dictionaries;
    private final MessageService messages;

    public BenchMessagePath(CompressionEngine engine, Path dir) {
        Harmony4Config config = TestConfig.mapping(Map.of("harmony4.dictionaries.dir", dir.toString()), Map.of());
        this.dictionaries = new DictionaryService(new ActiveEngine(engine, Harmony4Config.EngineMode.CORE,
                Optional.empty()), config);
        this.messages = new MessageService(dictionaries, config);
    }

    /** Stores {@code dictionary} as {@code PUT /v1/dictionaries/{id}} does; its id, hex. */
    public String put(byte[] dictionary) throws IOException {
        return dictionaries.put(DictionaryId.of(dictionary).hex(), dictionary).dictionary().id().hex();
    }

    /** What {@code POST /v1/messages/compress?dictionary=ID} does below HTTP: the parameters' checks, then the call. */
    public byte[] compress(byte[] content, String dictionary) throws IOException {
        MessageService.Options options = messages.options(dictionary, null, null);
        return messages.compress(content, options).message();
    }

    /** What {@code POST /v1/messages/decompress} does below HTTP: the dictionary found by the frame's dictID. */
    public byte[] decompress(byte[] message) throws IOException {
        return messages.decompress(messages.parse(message), messages.decoding(null, null)).content();
    }

    @Override
    public void close() {
        dictionaries.close();
    }
}
