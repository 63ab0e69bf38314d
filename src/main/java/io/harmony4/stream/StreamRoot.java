package io.harmony4.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The running root of a stream of messages (docs/stream-root.md): a hash chain that binds every message so far, in
 * order, in constant memory. {@code R_0} is the SHA-256 of {@link #DOMAIN}; after message {@code i},
 * {@code R_i = SHA-256(R_{i-1} || size_i as 8 bytes big-endian || SHA-256(message_i))}. Sender and receiver each
 * keep one and compare them at any checkpoint. Not thread-safe: one stream, one thread at a time.
 */
public final class StreamRoot {
    /** The text whose SHA-256 is {@code R_0}: names the construction, so no other hash chain can be taken for it. */
    public static final String DOMAIN = "harmony4 stream root v1\n";
    /** Bytes in a root. */
    public static final int SIZE = 32;
    private static final byte[] START = newDigest().digest(DOMAIN.getBytes(StandardCharsets.US_ASCII));

    private final MessageDigest messages = newDigest();
    private final MessageDigest chain = newDigest();
    private final ByteBuffer step = ByteBuffer.allocate(SIZE + Long.BYTES + SIZE);
    private byte[] root = START.clone();
    private long count;
    private long bytes;

    /** {@code R_0}: the root of a stream without messages. */
    public static byte[] start() {
        return START.clone();
    }

    /** One step of the chain: the root after a message of {@code size} bytes whose SHA-256 is {@code sha256}. */
    public static byte[] next(byte[] previous, long size, byte[] sha256) {
        return new StreamRoot().step(previous, size, sha256);
    }

    /** Adds the next message; returns the root after it. */
    public byte[] add(byte[] message) {
        return add(ByteBuffer.wrap(message));
    }

    /** Adds the next message (its remaining bytes; the buffer's position is left at its limit). */
    public byte[] add(ByteBuffer message) {
        int size = message.remaining();
        messages.update(message);
        root = step(root, size, messages.digest());
        count++;
        bytes += size;
        return root.clone();
    }

    private byte[] step(byte[] previous, long size, byte[] sha256) {
        if (previous.length != SIZE || sha256.length != SIZE) {
            throw new IllegalArgumentException("a root and a message's SHA-256 are " + SIZE + " bytes each");
        }
        if (size < 0) {
            throw new IllegalArgumentException("a message's size is not negative: " + size);
        }
        step.clear();
        step.put(previous).putLong(size).put(sha256).flip();
        chain.update(step);
        return chain.digest();
    }

    /** The root after the messages added so far ({@code R_0} before any). */
    public byte[] value() {
        return root.clone();
    }

    /** The root in lower-case hex, as the protocol's messages carry it. */
    public String hex() {
        return HexFormat.of().formatHex(root);
    }

    /** Messages added. */
    public long count() {
        return count;
    }

    /** Bytes of the messages added. */
    public long bytes() {
        return bytes;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
