package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A message's body is read whole and exactly, whatever the stream announces as available (its size, less, nothing,
 * or more than it then gives), and one byte past the limit is refused.
 */
class MessageBodyTest {
    private static final int LIMIT = 4096;

    /** A stream whose available() says {@code announced} whatever it holds, and reads at most 100 bytes at a time. */
    private static InputStream announcing(byte[] bytes, int announced) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int available() {
                return announced;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 100));
            }
        };
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 255, 256, 4095, LIMIT})
    void readsTheWholeBodyWhateverIsAnnounced(int size) throws IOException {
        byte[] body = bytes(size);
        assertArrayEquals(body, MessageBody.read(new ByteArrayInputStream(body), LIMIT), "announced exactly");
        for (int announced : new int[] {0, size / 2, size + 10, Integer.MAX_VALUE}) {
            assertArrayEquals(body, MessageBody.read(announcing(body, announced), LIMIT), "announced " + announced);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {LIMIT + 1, LIMIT + 2, 3 * LIMIT})
    void refusesABodyPastTheLimit(int size) {
        byte[] body = bytes(size);
        for (InputStream in : new InputStream[] {new ByteArrayInputStream(body), announcing(body, 0),
                announcing(body, 10), announcing(body, Integer.MAX_VALUE)}) {
            SizeLimitException e = assertThrows(SizeLimitException.class, () -> MessageBody.read(in, LIMIT));
            assertEquals(LIMIT, e.limit());
            assertEquals(SizeLimitException.Subject.MESSAGE, e.subject());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10, LIMIT + 1, Integer.MAX_VALUE})
    void readsNoMoreThanOneBytePastTheLimit(int announced) throws IOException {
        ByteArrayInputStream source = new ByteArrayInputStream(bytes(3 * LIMIT));
        InputStream in = new FilterInputStream(source) {
            @Override
            public int available() {
                return announced;
            }
        };
        assertThrows(SizeLimitException.class, () -> MessageBody.read(in, LIMIT));
        assertEquals(3 * LIMIT - (LIMIT + 1), source.available(), "bytes left unread");
    }
}
