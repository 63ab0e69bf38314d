package io.harmony4.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harmony4.service.StreamFailure;
import org.junit.jupiter.api.Test;

/** {@link StreamProtocol}: what a close reason quotes of a client's text. */
class StreamProtocolTest {
    private static final int MAX = StreamProtocol.MAX_QUOTED;

    @Test
    void aShortTextIsQuotedWhole() {
        assertEquals("'flush'", StreamProtocol.quoted("flush"));
        assertEquals("'" + "x".repeat(MAX) + "'", StreamProtocol.quoted("x".repeat(MAX)));
    }

    @Test
    void aLongTextIsQuotedByItsStartNeverWithinASurrogatePair() {
        assertEquals("'" + "x".repeat(MAX) + "…'", StreamProtocol.quoted("x".repeat(1 << 20)));
        // a pair across the cut is left out whole
        String across = "x".repeat(MAX - 1) + "😀" + "y".repeat(10);
        assertEquals("'" + "x".repeat(MAX - 1) + "…'", StreamProtocol.quoted(across));
        // a pair just before the cut is kept whole
        String before = "x".repeat(MAX - 2) + "😀" + "y".repeat(10);
        assertEquals("'" + "x".repeat(MAX - 2) + "😀…'", StreamProtocol.quoted(before));
    }

    @Test
    void anUnknownTypeIsAPolicyFailureQuotingIt() {
        StreamFailure failure = StreamProtocol.unknownType("flush");
        assertEquals(StreamFailure.Kind.POLICY, failure.kind());
        assertEquals("unknown message type 'flush': send checkpoint or end", failure.getMessage());
    }
}
