package io.harmony4.service;

/**
 * Where a stream stands: messages so far (the end not counted), their bytes before compression and after, and the
 * stream root over them (hex, docs/stream-root.md).
 */
public record StreamSummary(long messages, long contentBytes, long compressedBytes, String root) {}
