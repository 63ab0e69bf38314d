package io.harmony4.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test vector of docs/stream-root.md, which its recipes print, and what the chain binds. */
class StreamRootTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void theDocumentedVector() {
        assertEquals("eca27fe43a0a904a343094964678c4be792937290c9c16f2ea10a1947a460c0d",
                HEX.formatHex(StreamRoot.start()));
        StreamRoot root = new StreamRoot();
        assertEquals("eca27fe43a0a904a343094964678c4be792937290c9c16f2ea10a1947a460c0d", root.hex());
        List<String> expected = List.of(
                "5e6c9d06cd136bad70b16e2e1c28ef5c4dcf79d2a30c4c04419815e9dd454e19",
                "9f94d2e956fef08aea6e0c165622aa038fe3d194c5a765f9a25c57a587292f51",
                "6ce473a7e612721083c1841228bb6c9b7f7ccf6ffb9eaefde510a02ecc448415");
        List<String> messages = List.of("hello", "", "world");
        for (int i = 0; i < messages.size(); i++) {
            assertEquals(expected.get(i), HEX.formatHex(root.add(messages.get(i).getBytes(StandardCharsets.US_ASCII))));
            assertEquals(expected.get(i), root.hex());
        }
        assertEquals(3, root.count());
        assertEquals(10, root.bytes());
    }

    @Test
    void aStepIsTheHashOfThePreviousRootTheSizeAndTheMessagesDigest() throws Exception {
        byte[] message = "token 42".getBytes(StandardCharsets.US_ASCII);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(message);
        byte[] manual = MessageDigest.getInstance("SHA-256").digest(ByteBuffer.allocate(72)
                .put(StreamRoot.start()).putLong(message.length).put(digest).array());
        assertArrayEquals(manual, StreamRoot.next(StreamRoot.start(), message.length, digest));
        assertArrayEquals(manual, new StreamRoot().add(message));
    }

    @Test
    void orderSplitAndEmptyMessagesChangeTheRoot() {
        assertNotEquals(rootOf("ab", "c"), rootOf("a", "bc"), "where a message ends is bound");
        assertNotEquals(rootOf("a", "b"), rootOf("b", "a"), "order is bound");
        assertNotEquals(rootOf("a"), rootOf("a", ""), "an empty message is a message");
        assertNotEquals(rootOf(), rootOf(""), "so is the first one");
        assertEquals(rootOf("a", "b"), rootOf("a", "b"));
    }

    @Test
    void aBufferAddsItsRemainingBytes() {
        ByteBuffer buffer = ByteBuffer.wrap("xxhelloyy".getBytes(StandardCharsets.US_ASCII), 2, 5);
        StreamRoot root = new StreamRoot();
        root.add(buffer);
        assertEquals(rootOf("hello"), root.hex());
        assertEquals(0, buffer.remaining());
    }

    @Test
    void badStepsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> StreamRoot.next(new byte[31], 0, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> StreamRoot.next(new byte[32], -1, new byte[32]));
    }

    private static String rootOf(String... messages) {
        StreamRoot root = new StreamRoot();
        for (String m : messages) {
            root.add(m.getBytes(StandardCharsets.US_ASCII));
        }
        return root.hex();
    }
}
