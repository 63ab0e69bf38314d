package io.harmony4.container;

import io.harmony4.digest.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The content root of an H4MK version 2 container (docs/h4mk.md, "Content root"): the SHA-256 of a short text
 * manifest that lists, in order, every block's SHA-256 and size, after the content size and the block count. Any
 * change to a block, to the order of the blocks or to their set changes it, and a person can recompute it from the
 * original file with split, sha256sum and printf.
 */
final class ContentRoot {
    /** The manifest's first line: names the construction, so that no other hash list can be taken for it. */
    static final String HEADER = "H4MK content root v2\n";

    private ContentRoot() {}

    /** The root of the blocks listed by {@code table}, whose sizes add up to {@code contentSize}. */
    static byte[] of(long contentSize, SeekTable table) {
        MessageDigest root = Sha256.newDigest();
        root.update(HEADER.getBytes(StandardCharsets.US_ASCII));
        root.update((contentSize + " " + table.count() + "\n").getBytes(StandardCharsets.US_ASCII));
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < table.count(); i++) {
            SeekTable.Entry e = table.entry(i);
            root.update((hex.formatHex(e.sha256()) + " " + e.originalSize() + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        return root.digest();
    }

    /**
     * Binds SEEK to TAIL: the root of the blocks {@code table} lists must be the one the trailer at
     * {@code tailOffset} holds.
     */
    static void check(byte[] trailerRoot, long contentSize, SeekTable table, long tailOffset) {
        if (!MessageDigest.isEqual(trailerRoot, of(contentSize, table))) {
            throw new CorruptContainerException("content root in the trailer does not match the blocks' SHA-256 "
                    + "listed in SEEK", H4mk.TAIL, Trailer.digestAt(tailOffset));
        }
    }
}
