package io.harmony4.service;

import java.util.Optional;

/**
 * What a stream is, as its first text message tells the client: the format of its compressed messages
 * ({@code zstd-frame}: all of them with the end are one zstd frame; {@code engine-frames}: each is one frame of the
 * serving engine), the engine, level, dictionary id if any, window log and largest message.
 */
public record StreamDescription(String format, String engine, int level, Optional<String> dictionary, int windowLog,
        int maxMessageSize) {}
