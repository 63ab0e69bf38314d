package io.harmony4.container;

/** Keeps the header and the checked trailer as a reader passes them: what a caller needs after a full read. */
public class ContainerSummary implements ContainerVisitor {
    private ContainerHeader header;
    private long contentSize;
    private byte[] sha256;

    @Override
    public void header(ContainerHeader h) {
        header = h;
    }

    @Override
    public void trailer(long size, long blockCount, long seekOffset, byte[] sha) {
        contentSize = size;
        sha256 = sha.clone();
    }

    /** The HEAD chunk; null before the reader has met it. */
    public ContainerHeader header() {
        return header;
    }

    /** The trailer's content size; valid once the reader has finished. */
    public long contentSize() {
        return contentSize;
    }

    /** The trailer's SHA-256 of the content; null until the reader has finished and checked it. */
    public byte[] sha256() {
        return sha256 == null ? null : sha256.clone();
    }
}
