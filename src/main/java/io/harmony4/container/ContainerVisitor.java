package io.harmony4.container;

/** Told about each part of a container as a reader meets it; used to build inspection reports. */
public interface ContainerVisitor {
    default void header(ContainerHeader header) {}

    default void chunk(String type, long offset, long length) {}

    /** A CORE chunk: block index, chunk offset and length, original size, and the engine id (or "raw"). */
    default void block(long index, long offset, long chunkLength, int originalSize, String codec) {}

    /** The trailer, once the reader has checked it against everything before it. */
    default void trailer(long contentSize, long blockCount, long seekOffset, byte[] sha256) {}

    ContainerVisitor NONE = new ContainerVisitor() {};
}
