package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link StreamFailure#quoted}: what a close reason quotes of a client's text, bounded in UTF-8 bytes. */
class StreamFailureTest {
    private static final int MAX = StreamFailure.MAX_QUOTED;

    @Test
    void aShortTextIsQuotedWhole() {
        assertEquals("'flush'", StreamFailure.quoted("flush"));
        assertEquals("'" + "x".repeat(MAX) + "'", StreamFailure.quoted("x".repeat(MAX)));
        assertEquals("'" + "é".repeat(MAX / 2) + "'", StreamFailure.quoted("é".repeat(MAX / 2)));
    }

    @Test
    void aLongTextIsQuotedByItsFirstBytesNeverWithinACharacter() {
        assertEquals("'" + "x".repeat(MAX) + "…'", StreamFailure.quoted("x".repeat(1 << 20)));
        // a 4-byte character across the cut is left out whole
        String across = "x".repeat(MAX - 1) + "😀" + "y".repeat(10);
        assertEquals("'" + "x".repeat(MAX - 1) + "…'", StreamFailure.quoted(across));
        // one that ends at the cut is kept whole
        String ending = "x".repeat(MAX - 4) + "😀" + "y".repeat(10);
        assertEquals("'" + "x".repeat(MAX - 4) + "😀…'", StreamFailure.quoted(ending));
        // 3-byte characters: as many whole ones as fit
        assertEquals("'" + "語".repeat(MAX / 3) + "…'", StreamFailure.quoted("語".repeat(100)));
    }

    @Test
    void whatIsQuotedIsAtMostItsBoundInUtf8WhateverTheText() {
        for (String text : new String[] {"é".repeat(500), "語".repeat(500), "😀".repeat(500), "\uD800".repeat(500),
                "a語é😀".repeat(200)}) {
            String quoted = StreamFailure.quoted(text);
            String inner = quoted.substring(1, quoted.length() - 2); // without the quotes and the ellipsis
            assertTrue(inner.getBytes(StandardCharsets.UTF_8).length <= MAX, quoted);
            assertTrue(text.startsWith(inner), quoted);
        }
    }
}
