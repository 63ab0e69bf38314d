package io.harmony4.rest;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A response body held in memory as the arrays it was made in (a spool's segments, a decompression's decoded
 * blocks), written as they are by {@link HeldSegmentsWriter}.
 *
 * @param segments the bytes in order, each from its position to its limit
 * @param size     their sum: the {@code Content-Length}
 */
record HeldSegments(List<ByteBuffer> segments, long size) {}
