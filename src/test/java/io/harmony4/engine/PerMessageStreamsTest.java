package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The reference engine's streams: one frame of the engine per message, an empty end. */
class PerMessageStreamsTest {
    private static final ReferenceEngine ENGINE = TestEngines.reference();
    private static final MessageStreams STREAMS = MessageStreams.of(ENGINE);
    private static final StreamSettings SETTINGS = StreamSettings.of(0, 4096);

    @Test
    void theReferenceEngineMakesEngineFrames() {
        assertEquals(StreamFormat.ENGINE_FRAMES, STREAMS.format());
    }

    @Property(tries = 100)
    void anyMessagesRoundTripEachAsOneFrameOfTheEngine(@ForAll @Size(max = 20) List<@Size(max = 300) byte[]> messages) {
        List<byte[]> compressed = new ArrayList<>();
        try (MessageStreamCompressor compressor = STREAMS.compressor(SETTINGS)) {
            for (byte[] message : messages) {
                byte[] bytes = compressor.compress(message);
                assertArrayEquals(message, ENGINE.decompress(bytes));
                compressed.add(bytes);
            }
            assertEquals(0, compressor.finish().length);
        }
        try (MessageStreamDecompressor decompressor = STREAMS.decompressor(SETTINGS)) {
            for (int i = 0; i < messages.size(); i++) {
                assertArrayEquals(messages.get(i), decompressor.decompress(compressed.get(i)));
                assertFalse(decompressor.ended());
            }
            assertEquals(0, decompressor.decompress(new byte[0]).length);
            assertTrue(decompressor.ended());
        }
    }

    @Test
    void anEmptyMessageIsAFrameNotTheEnd() {
        try (MessageStreamCompressor compressor = STREAMS.compressor(SETTINGS);
                MessageStreamDecompressor decompressor = STREAMS.decompressor(SETTINGS)) {
            byte[] bytes = compressor.compress(new byte[0]);
            assertEquals(ReferenceEngine.HEADER_SIZE, bytes.length);
            assertEquals(0, decompressor.decompress(bytes).length);
            assertFalse(decompressor.ended());
        }
    }

    @Test
    void aDictionaryIsRefusedAsUnsupported() {
        CoreEngine core = TestEngines.core();
        try (CoreDictionary dictionary = core.dictionary("raw content".getBytes())) {
            StreamSettings seeded = SETTINGS.withDictionary(dictionary);
            assertEquals(ReferenceEngine.ID,
                    assertThrows(DictionariesUnsupportedException.class, () -> STREAMS.compressor(seeded)).engineId());
            assertThrows(DictionariesUnsupportedException.class, () -> STREAMS.decompressor(seeded));
        }
    }

    @Test
    void aLevelOtherThanTheEnginesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> STREAMS.compressor(StreamSettings.of(3, 4096)));
    }

    @Test
    void aMessageLargerThanTheLimitIsRefusedBothWays() {
        StreamSettings small = StreamSettings.of(0, 100);
        try (MessageStreamCompressor compressor = STREAMS.compressor(small)) {
            MessageTooLargeException e = assertThrows(MessageTooLargeException.class,
                    () -> compressor.compress(new byte[101]));
            assertEquals(101, e.size());
            assertEquals(100, e.limit());
            assertArrayEquals(new byte[100], ENGINE.decompress(compressor.compress(new byte[100])));
        }
        byte[] first = ENGINE.compress(new byte[10]);
        byte[] large = ENGINE.compress(new byte[101]);
        try (MessageStreamDecompressor decompressor = STREAMS.decompressor(small)) {
            decompressor.decompress(first);
            MessageTooLargeException e = assertThrows(MessageTooLargeException.class,
                    () -> decompressor.decompress(large));
            assertEquals(101, e.size());
            assertEquals(100, e.limit());
            assertSame(e, assertThrows(MessageTooLargeException.class, () -> decompressor.decompress(first)));
        }
        try (MessageStreamDecompressor decompressor = STREAMS.decompressor(small)) {
            assertArrayEquals(new byte[100], decompressor.decompress(ENGINE.compress(new byte[100])));
        }
    }

    @Test
    void aFrameDeclaringMoreThanTheLimitIsRefusedBeforeItIsDecoded() {
        // declares 2^31 - 9 bytes with one (delta, run) pair: the decoder itself would call it corrupt
        byte[] forged = Arrays.copyOf(ENGINE.compress(new byte[20]), ReferenceEngine.HEADER_SIZE + 2);
        ByteBuffer.wrap(forged).order(ByteOrder.LITTLE_ENDIAN).putInt(6, Integer.MAX_VALUE - 8);
        assertThrows(CorruptInputException.class, () -> ENGINE.decompress(forged));
        try (MessageStreamDecompressor decompressor = STREAMS.decompressor(SETTINGS)) {
            MessageTooLargeException e = assertThrows(MessageTooLargeException.class,
                    () -> decompressor.decompress(forged));
            assertEquals(Integer.MAX_VALUE - 8, e.size());
            assertEquals(SETTINGS.maxMessageSize(), e.limit());
        }
    }

    @Test
    void anEngineThatDeclaresNoSizeIsCheckedOnceDecoded() {
        CompressionEngine undeclared = new CompressionEngine() {
            @Override
            public byte[] compress(byte[] input) {
                return ENGINE.compress(input);
            }

            @Override
            public byte[] decompress(byte[] compressed) {
                return ENGINE.decompress(compressed);
            }

            @Override
            public EngineInfo info() {
                return ENGINE.info();
            }
        };
        try (MessageStreamDecompressor decompressor = MessageStreams.of(undeclared)
                .decompressor(StreamSettings.of(0, 100))) {
            assertEquals(101, assertThrows(MessageTooLargeException.class,
                    () -> decompressor.decompress(ENGINE.compress(new byte[101]))).size());
        }
    }

    @Test
    void damageIsReportedAtItsMessageAndStreamOffsetAndEndsTheStream() {
        byte[] first = ENGINE.compress("first".getBytes());
        byte[] second = ENGINE.compress("second".getBytes());
        second[0] ^= 1;
        try (MessageStreamDecompressor decompressor = STREAMS.decompressor(SETTINGS)) {
            decompressor.decompress(first);
            CorruptInputException e = assertThrows(CorruptInputException.class, () -> decompressor.decompress(second));
            assertTrue(e.getMessage().startsWith("message 2: bad magic"), e.getMessage());
            assertEquals(first.length, e.offset());
            assertSame(e, assertThrows(CorruptInputException.class, () -> decompressor.decompress(first)));
        }
    }

    @Test
    void bytesAfterTheEndAreRefused() {
        try (MessageStreamDecompressor decompressor = STREAMS.decompressor(SETTINGS)) {
            decompressor.decompress(new byte[0]);
            CorruptInputException e = assertThrows(CorruptInputException.class,
                    () -> decompressor.decompress(ENGINE.compress(new byte[1])));
            assertTrue(e.getMessage().contains("after the end of the stream"), e.getMessage());
        }
    }

    @Test
    void aStreamIsRefusedAfterFinishOrClose() {
        MessageStreamCompressor compressor = STREAMS.compressor(SETTINGS);
        compressor.finish();
        assertThrows(IllegalStateException.class, () -> compressor.compress(new byte[1]));
        assertThrows(IllegalStateException.class, compressor::finish);
        compressor.close();
        compressor.close();
        MessageStreamDecompressor decompressor = STREAMS.decompressor(SETTINGS);
        decompressor.close();
        decompressor.close();
        assertThrows(IllegalStateException.class, () -> decompressor.decompress(new byte[0]));
    }

    @Test
    void theSameMessagesGiveTheSameBytes() {
        List<byte[]> messages = Messages.messages(50, 7);
        assertArrayEquals(compressAll(messages).toArray(), compressAll(messages).toArray());
    }

    private static List<byte[]> compressAll(List<byte[]> messages) {
        try (MessageStreamCompressor compressor = STREAMS.compressor(SETTINGS)) {
            return messages.stream().map(compressor::compress).toList();
        }
    }
}
