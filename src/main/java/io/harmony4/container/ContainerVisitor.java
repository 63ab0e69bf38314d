package io.harmony4.container;

import io.harmony4.filter.FilterChain;

/** Told about each part of a container as a reader meets it; used to build inspection reports. */
public interface ContainerVisitor {
    /** The format version, from the preamble. */
    default void preamble(int version) {}

    default void header(ContainerHeader header) {}

    default void chunk(String type, long offset, long length) {}

    /**
     * A CORE chunk: block index, chunk offset and length, original size, the engine id (or "raw"), and the filters
     * the block went through (version 3; empty before).
     */
    default void block(long index, long offset, long chunkLength, int originalSize, String codec,
            FilterChain filters) {}

    /**
     * The trailer, once the reader has checked it against everything before it. {@code digest}: version 1, the
     * SHA-256 of the content; version 2, the content root.
     */
    default void trailer(long contentSize, long blockCount, long seekOffset, byte[] digest) {}

    ContainerVisitor NONE = new ContainerVisitor() {};
}
