package io.harmony4.container;

import java.util.HexFormat;

/** Keeps the version, the header and the checked trailer as a reader passes them: what a caller needs afterwards. */
public class ContainerSummary implements ContainerVisitor {
    private int version;
    private ContainerHeader header;
    private long contentSize;
    private byte[] digest;

    @Override
    public void preamble(int v) {
        version = v;
    }

    @Override
    public void header(ContainerHeader h) {
        header = h;
    }

    @Override
    public void trailer(long size, long blockCount, long seekOffset, byte[] trailerDigest) {
        contentSize = size;
        digest = trailerDigest.clone();
    }

    /** The format version; 0 before the reader has read the preamble. */
    public int version() {
        return version;
    }

    /** The HEAD chunk; null before the reader has met it. */
    public ContainerHeader header() {
        return header;
    }

    /** The trailer's content size; valid once the reader has finished. */
    public long contentSize() {
        return contentSize;
    }

    /** Version 1: the checked SHA-256 of the whole content, hex; null for version 2 or before the end. */
    public String contentSha256() {
        return version == H4mk.VERSION_1 ? hex() : null;
    }

    /** Version 2: the checked content root, hex; null for version 1 or before the end. */
    public String contentRoot() {
        return version == H4mk.VERSION_1 ? null : hex();
    }

    private String hex() {
        return digest == null ? null : HexFormat.of().formatHex(digest);
    }
}
