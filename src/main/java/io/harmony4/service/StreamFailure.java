package io.harmony4.service;

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
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = codePoint < 0x80 || Character.isSurrogate((char) codePoint) ? 1
                    : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > MAX_QUOTED) {
                return "'" + text.substring(0, end) + "…'";
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return "'" + text + "'";
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
