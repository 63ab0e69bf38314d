package io.harmony4.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamChannel#reason}: a close reason is at most 123 bytes of UTF-8 (RFC 6455), cut before the first
 * character that does not fit, never within one.
 */
class StreamChannelReasonTest {
    private static final int LIMIT = StreamChannel.MAX_REASON_BYTES;

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void aReasonThatFitsIsKeptWhole() {
        assertEquals("", StreamChannel.reason(null));
        assertEquals("idle: no message for 2 s", StreamChannel.reason("idle: no message for 2 s"));
        String exactly = "a".repeat(LIMIT - 4) + "😀"; // 119 bytes and a 4-byte character
        assertEquals(exactly, StreamChannel.reason(exactly));
    }

    @Test
    void aCharacterThatWouldPassTheLimitIsLeftOutWhole() {
        String a = "a".repeat(LIMIT - 1);
        assertEquals(a, StreamChannel.reason(a + "é")); // 2 bytes at byte 122
        assertEquals(a, StreamChannel.reason(a + "€")); // 3 bytes
        assertEquals(a, StreamChannel.reason(a + "😀")); // 4 bytes, a surrogate pair
        assertEquals("a".repeat(LIMIT - 3), StreamChannel.reason("a".repeat(LIMIT - 3) + "😀b"));
        assertEquals("€".repeat(LIMIT / 3), StreamChannel.reason("€".repeat(1000)));
    }

    @Test
    void everyCutIsTheLongestWholePrefixWithinTheLimit() {
        String mixed = "é€😀a".repeat(60);
        for (int shift = 0; shift < 8; shift++) {
            String text = "a".repeat(shift) + mixed;
            String reason = StreamChannel.reason(text);
            assertTrue(text.startsWith(reason), "a prefix");
            assertTrue(utf8(reason) <= LIMIT, "within the limit: " + utf8(reason));
            assertFalse(Character.isHighSurrogate(reason.charAt(reason.length() - 1)), "no half of a pair");
            int next = text.offsetByCodePoints(reason.length(), 1);
            assertTrue(utf8(text.substring(0, next)) > LIMIT, "the next character would not fit");
        }
    }

    @Test
    void aLoneSurrogateCountsAsTheOneByteItIsSentAs() {
        String text = "\uD800" + "a".repeat(200);
        String reason = StreamChannel.reason(text);
        assertEquals(text.substring(0, LIMIT), reason);
        assertEquals(LIMIT, utf8(reason));
    }
}
