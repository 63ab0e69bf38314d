package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The core's streams: one zstd frame per stream, a flush per message, its settings and its errors. */
class CoreMessageStreamsTest {
    private static final int LIMIT = 64 * 1024;
    private static final StreamSettings SETTINGS = StreamSettings.of(3, LIMIT);

    private static MessageStreams streams() {
        return MessageStreams.of(TestEngines.core());
    }

    /** Each message's bytes, then the end's. */
    static List<byte[]> compressAll(MessageStreams streams, StreamSettings settings, List<byte[]> messages) {
        List<byte[]> out = new ArrayList<>();
        try (MessageStreamCompressor compressor = streams.compressor(settings)) {
            messages.forEach(m -> out.add(compressor.compress(m)));
            out.add(compressor.finish());
        }
        return out;
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        parts.forEach(all::writeBytes);
        return all.toByteArray();
    }

    static byte[] zstdJniDecode(byte[] frame) throws IOException {
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(frame))) {
            return in.readAllBytes();
        }
    }

    @Test
    void theCoreStreamsOneZstdFrame() {
        assertSame(TestEngines.core(), streams());
        assertEquals(StreamFormat.ZSTD_FRAME, streams().format());
    }

    @Test
    void messagesComeBackOneByOneAndTheEndIsChecked() throws IOException {
        List<byte[]> messages = Messages.messages(100, 3);
        List<byte[]> compressed = compressAll(streams(), SETTINGS, messages);
        try (MessageStreamDecompressor decompressor = streams().decompressor(SETTINGS)) {
            for (int i = 0; i < messages.size(); i++) {
                assertArrayEquals(messages.get(i), decompressor.decompress(compressed.get(i)));
                assertFalse(decompressor.ended());
            }
            assertEquals(0, decompressor.decompress(compressed.getLast()).length);
            assertTrue(decompressor.ended());
        }
        // later messages learn from earlier ones: far smaller than each message compressed alone
        int streamed = concat(compressed).length;
        int alone = messages.stream().mapToInt(m -> TestEngines.core().compress(m).length).sum();
        assertTrue(streamed * 2 < alone, streamed + " vs " + alone);
        assertArrayEquals(concat(messages), zstdJniDecode(concat(compressed)));
    }

    /** Another zstd's stream, flushed per message with a checksum: the core decodes it message by message. */
    @Test
    void zstdJnisStreamFlushedPerMessageDecodesMessageByMessage() throws IOException {
        List<byte[]> messages = Messages.messages(50, 11);
        List<byte[]> sent = new ArrayList<>();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (ZstdOutputStream out = new ZstdOutputStream(sink, 3)) {
            out.setChecksum(true);
            for (byte[] message : messages) {
                out.write(message);
                out.flush();
                sent.add(sink.toByteArray());
                sink.reset();
            }
        }
        sent.add(sink.toByteArray());
        try (MessageStreamDecompressor decompressor = streams().decompressor(SETTINGS)) {
            for (int i = 0; i < messages.size(); i++) {
                assertArrayEquals(messages.get(i), decompressor.decompress(sent.get(i)));
            }
            decompressor.decompress(sent.getLast());
            assertTrue(decompressor.ended());
        }
    }

    @Test
    void anyLevelOfTheCoreStreamsAndOthersAreRefused() {
        List<byte[]> messages = Messages.messages(20, 4);
        List<byte[]> fast = compressAll(streams(), StreamSettings.of(1, LIMIT), messages);
        List<byte[]> strong = compressAll(streams(), StreamSettings.of(19, LIMIT), messages);
        assertNotEquals(concat(fast).length, concat(strong).length);
        try (MessageStreamDecompressor decompressor = streams().decompressor(SETTINGS)) {
            for (int i = 0; i < messages.size(); i++) {
                assertArrayEquals(messages.get(i), decompressor.decompress(strong.get(i)));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> streams().compressor(StreamSettings.of(99, LIMIT)));
    }

    @Test
    void aDictionarySeedsTheStreamAndIsNeededToDecodeIt() {
        List<byte[]> messages = Messages.messages(30, 5);
        CoreEngine core = TestEngines.core();
        try (CoreDictionary dictionary = core.dictionary(core.trainDictionary(Messages.messages(300, 6), 4096));
                CoreDictionary other = core.dictionary(core.trainDictionary(Messages.messages(300, 7), 4096))) {
            StreamSettings seeded = SETTINGS.withDictionary(dictionary);
            List<byte[]> compressed = compressAll(streams(), seeded, messages);
            assertEquals(dictionary.dictId(), core.frameDictId(compressed.getFirst()));
            assertTrue(concat(compressed).length < concat(compressAll(streams(), SETTINGS, messages)).length);
            try (MessageStreamDecompressor decompressor = streams().decompressor(seeded)) {
                for (int i = 0; i < messages.size(); i++) {
                    assertArrayEquals(messages.get(i), decompressor.decompress(compressed.get(i)));
                }
            }
            try (MessageStreamDecompressor none = streams().decompressor(SETTINGS)) {
                DictionaryMismatchException e = assertThrows(DictionaryMismatchException.class,
                        () -> none.decompress(compressed.getFirst()));
                assertTrue(e.needsADictionary());
                assertEquals(dictionary.dictId(), e.frameDictId());
            }
            try (MessageStreamDecompressor wrong = streams().decompressor(SETTINGS.withDictionary(other))) {
                DictionaryMismatchException e = assertThrows(DictionaryMismatchException.class,
                        () -> wrong.decompress(compressed.getFirst()));
                assertEquals(OptionalLong.of(other.dictId()), e.givenDictId());
            }
        }
    }

    @Test
    void aWindowLargerThanTheDecoderAcceptsIsRefused() {
        List<byte[]> compressed = compressAll(streams(), SETTINGS, Messages.messages(3, 8));
        try (MessageStreamDecompressor small = streams().decompressor(SETTINGS.withWindowLog(20))) {
            CorruptInputException e = assertThrows(CorruptInputException.class,
                    () -> small.decompress(compressed.getFirst()));
            assertTrue(e.getMessage().startsWith("message 1: the stream asks for a window larger than the 1048576 bytes"),
                    e.getMessage());
        }
        List<byte[]> narrow = compressAll(streams(), SETTINGS.withWindowLog(20), Messages.messages(3, 8));
        try (MessageStreamDecompressor small = streams().decompressor(SETTINGS.withWindowLog(20))) {
            narrow.forEach(small::decompress);
            assertTrue(small.ended());
        }
    }

    @Test
    void theMessageLimitHoldsBothWays() {
        byte[] large = TestData.text(2000, 1);
        StreamSettings small = StreamSettings.of(3, 1000);
        try (MessageStreamCompressor compressor = streams().compressor(small)) {
            assertEquals(2000, assertThrows(MessageTooLargeException.class, () -> compressor.compress(large)).size());
            assertTrue(compressor.compress(new byte[1000]).length > 0); // the stream goes on
        }
        List<byte[]> compressed = compressAll(streams(), SETTINGS, List.of(new byte[10], large));
        try (MessageStreamDecompressor decompressor = streams().decompressor(small)) {
            decompressor.decompress(compressed.get(0));
            DecodedMessageTooLargeException e = assertThrows(DecodedMessageTooLargeException.class,
                    () -> decompressor.decompress(compressed.get(1)));
            assertTrue(e.getMessage().startsWith("message 2 decodes to more than the stream's limit of 1000 bytes"),
                    e.getMessage());
            assertEquals(2, e.message());
            assertEquals(1000, e.limit());
            assertEquals(compressed.get(0).length, e.offset());
            // the stream is over: the same error again
            assertSame(e, assertThrows(DecodedMessageTooLargeException.class,
                    () -> decompressor.decompress(new byte[0])));
        }
    }

    @Test
    void damageBytesAfterTheEndAndTruncationAreRefused() {
        List<byte[]> messages = Messages.messages(5, 9);
        List<byte[]> compressed = compressAll(streams(), SETTINGS, messages);
        try (MessageStreamDecompressor decompressor = streams().decompressor(SETTINGS)) {
            compressed.forEach(decompressor::decompress);
            CorruptInputException e = assertThrows(CorruptInputException.class,
                    () -> decompressor.decompress(new byte[] {1}));
            assertTrue(e.getMessage().contains("bytes after the end of the stream"), e.getMessage());
        }
        byte[] cut = java.util.Arrays.copyOf(compressed.get(1), compressed.get(1).length - 1);
        try (MessageStreamDecompressor decompressor = streams().decompressor(SETTINGS)) {
            decompressor.decompress(compressed.get(0));
            CorruptInputException e = assertThrows(CorruptInputException.class, () -> decompressor.decompress(cut));
            assertTrue(e.getMessage().startsWith("message 2: damaged or truncated"), e.getMessage());
        }
        byte[] checksum = compressed.getLast().clone();
        checksum[checksum.length - 1] ^= 1;
        try (MessageStreamDecompressor decompressor = streams().decompressor(SETTINGS)) {
            compressed.subList(0, messages.size()).forEach(decompressor::decompress);
            CorruptInputException e = assertThrows(CorruptInputException.class,
                    () -> decompressor.decompress(checksum));
            assertTrue(e.getMessage().contains("checksum does not match"), e.getMessage());
            assertFalse(decompressor.ended());
        }
    }

    @Test
    void aStreamIsRefusedAfterFinishOrClose() {
        MessageStreamCompressor compressor = streams().compressor(SETTINGS);
        compressor.finish();
        assertThrows(IllegalStateException.class, () -> compressor.compress(new byte[1]));
        assertThrows(IllegalStateException.class, compressor::finish);
        compressor.close();
        compressor.close();
        assertThrows(IllegalStateException.class, () -> compressor.compress(new byte[1]));
        assertEquals(0, compressor.memoryBytes());
        MessageStreamDecompressor decompressor = streams().decompressor(SETTINGS);
        decompressor.close();
        decompressor.close();
        assertThrows(IllegalStateException.class, () -> decompressor.decompress(new byte[0]));
    }

    /** The engine's close frees the streams still open, and the leases they hold on a dictionary. */
    @Test
    void theEnginesCloseFreesItsStreams() {
        CoreEngine engine = CoreEngine.load(NativeLibs.core(), 3);
        CoreDictionary dictionary = engine.dictionary("raw content".getBytes());
        MessageStreamCompressor compressor = engine.compressor(SETTINGS.withDictionary(dictionary));
        MessageStreamDecompressor decompressor = engine.decompressor(SETTINGS);
        compressor.compress(new byte[100]);
        engine.close();
        assertThrows(IllegalStateException.class, () -> compressor.compress(new byte[1]));
        assertThrows(IllegalStateException.class, () -> decompressor.decompress(new byte[1]));
        assertEquals(0, compressor.memoryBytes());
        assertThrows(IllegalStateException.class, () -> engine.compressor(SETTINGS));
    }

    @Test
    void aDictionaryOfAnotherCoreIsRefused() {
        try (CoreEngine engine = CoreEngine.load(NativeLibs.core(), 3);
                CoreDictionary foreign = engine.dictionary("raw".getBytes())) {
            assertThrows(IllegalArgumentException.class,
                    () -> streams().compressor(SETTINGS.withDictionary(foreign)));
        }
    }

    /** Memory is known, and bounded by the window: 8 MiB of window at the default, far less at 2^16. */
    @Test
    void memoryFollowsTheWindow() {
        long[] held = new long[2];
        int[] logs = {MessageStreams.DEFAULT_WINDOW_LOG, 16};
        for (int k = 0; k < 2; k++) {
            try (MessageStreamCompressor compressor = streams().compressor(SETTINGS.withWindowLog(logs[k]));
                    MessageStreamDecompressor decompressor = streams().decompressor(SETTINGS.withWindowLog(logs[k]))) {
                decompressor.decompress(compressor.compress(TestData.text(1000, k)));
                held[k] = compressor.memoryBytes();
                assertTrue(held[k] > 1L << logs[k]);
                assertTrue(decompressor.memoryBytes() > (1L << logs[k]) + LIMIT);
            }
        }
        assertTrue(held[1] * 4 < held[0], held[1] + " vs " + held[0]);
    }

    @Test
    void theSameMessagesGiveTheSameBytesOnAnyThread() throws Exception {
        List<byte[]> messages = Messages.messages(200, 10);
        byte[] expected = concat(compressAll(streams(), SETTINGS, messages));
        List<Thread> threads = new ArrayList<>();
        List<byte[]> results = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> results.add(concat(compressAll(streams(), SETTINGS,
                    messages)))));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(4, results.size());
        results.forEach(r -> assertArrayEquals(expected, r));
        assertInstanceOf(MessageStreams.class, TestEngines.core());
    }
}
