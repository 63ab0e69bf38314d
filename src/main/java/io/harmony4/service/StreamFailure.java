package io.harmony4.service;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Why a stream ends before its client ended it (docs/streams.md, "Close codes"): what failed, at which message, as
 * a person can act on it. The WebSocket layer turns the kind into a close code and the message into the reason.
 */
public final class StreamFailure extends RuntimeException {
    /** What kind of failure, each one close code. */
    public enum Kind {
        /** Damaged, truncated or mismatching data (1007). */
        BAD_DATA,
        /** A message larger than the stream takes (1009). */
        TOO_BIG,
        /** The client broke the protocol or a limit other than size (1008). */
        POLICY,
        /** Data this stream cannot take at all: a zstd stream to the reference engine, a dictionary without one (1003). */
        UNSUPPORTED,
        /** The engine failed; the log has why (1011). */
        INTERNAL
    }

    private final Kind kind;

    public StreamFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public StreamFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** The most UTF-8 bytes of a client's text a close reason quotes, so the reason stays whole within 123 bytes. */
    public static final int MAX_QUOTED = 32;

    /**
     * The client's {@code text} in quotes, cut to its first {@value #MAX_QUOTED} bytes in UTF-8 (never within a
     * character) and an ellipsis: a reason names what the client sent, and costs the same to build however much it
     * sent. A lone surrogate counts as the one byte ({@code ?}) it is sent as.
     */
    public static String quoted(String text) {
        String start = within(text, MAX_QUOTED);
        return start.length() < text.length() ? "'" + start + "…'" : "'" + text + "'";
    }

    /**
     * The longest start of {@code text} that takes at most {@code maxBytes} in UTF-8, never cut within a character,
     * in one pass over at most those bytes however long the text: the encoder stops where the next character no
     * longer fits. A lone surrogate counts as the one byte ({@code ?}) it is encoded as.
     */
    public static String within(String text, int maxBytes) {
        CharBuffer in = CharBuffer.wrap(text);
        StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .encode(in, ByteBuffer.allocate(maxBytes), true);
        return in.hasRemaining() ? text.substring(0, in.position()) : text;
    }

    /** Message {@code number} of {@code size} bytes, more than the stream's {@code limit}: either direction. */
    static StreamFailure tooBig(long number, long size, long limit, Throwable cause) {
        return new StreamFailure(Kind.TOO_BIG, "message " + number + ": " + size + " bytes, more than the limit of "
                + limit, cause);
    }

    public Kind kind() {
        return kind;
    }
}
