package io.harmony4.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.harmony4.service.StreamFailure;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link StreamProtocol}: the reason for an unknown message type, and the upgrade's query. */
class StreamProtocolTest {
    @Test
    void anUnknownTypeIsAPolicyFailureQuotingIt() {
        StreamFailure failure = StreamProtocol.unknownType("flush");
        assertEquals(StreamFailure.Kind.POLICY, failure.kind());
        assertEquals("unknown message type 'flush': send checkpoint or end", failure.getMessage());
    }

    @Test
    void theQueryIsDecoded() {
        assertEquals(Map.of("level", "5", "dictionary", "a b", "flag", ""),
                StreamProtocol.query("level=5&dictionary=a%20b&flag"));
    }

    @Test
    void aParameterThatIsNotPercentEncodedRightIsAPolicyFailureNamingIt() {
        for (String[] bad : new String[][] {{"level=%zz", "'level=%zz'"}, {"level=3&dictionary=%", "'dictionary=%'"},
                {"%4=1", "'%4=1'"}}) {
            StreamFailure failure = assertThrows(StreamFailure.class, () -> StreamProtocol.query(bad[0]));
            assertEquals(StreamFailure.Kind.POLICY, failure.kind());
            assertEquals("query: " + bad[1] + " is not percent-encoded right", failure.getMessage());
        }
    }
}
