package io.harmony4.digest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** SHA-256 as FIPS 180-4 defines it, and each digest independent of every other, however they are interleaved. */
class Sha256Test {
    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OF_ABC =
            HexFormat.of().parseHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    private static final byte[] OF_NOTHING =
            HexFormat.of().parseHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    @Test
    void knownAnswers() {
        assertArrayEquals(OF_ABC, Sha256.of(ABC));
        assertArrayEquals(OF_NOTHING, Sha256.of(new byte[0]));
    }

    @Test
    void digestsUpdatedInTurnStayApart() {
        MessageDigest first = Sha256.newDigest();
        MessageDigest second = Sha256.newDigest();
        assertNotSame(first, second);
        first.update(ABC, 0, 1);
        second.update(ABC, 0, 2);
        first.update(ABC, 1, 2);
        assertArrayEquals(OF_ABC, first.digest());
        assertArrayEquals(OF_NOTHING, Sha256.newDigest().digest(), "a new digest starts empty");
        second.update(ABC, 2, 1);
        assertArrayEquals(OF_ABC, second.digest());
        assertArrayEquals(OF_ABC, Sha256.of(ABC));
    }
}
