package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dynatrace.hash4j.hashing.Hashing;
import io.harmony4.dictionary.DictionaryId;
import io.harmony4.dictionary.TamperedDictionaryException;
import io.harmony4.engine.Messages;
import io.harmony4.engine.TestData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the event loop may do with a message ({@link MessageService#compressQuickly},
 * {@link MessageService#decompressQuickly}): a small one whose dictionary, if any, is digested and was checked in the
 * store within the check interval, from memory alone, with the answer the worker's path gives; anything else is left
 * to the worker (empty). That the quick path looks at no file is shown by files gone or forged under it.
 */
class MessageQuickPathTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    @TempDir
    Path dir;
    private MessageServices services;
    private final byte[] content = Messages.messages(1, 11).getFirst();

    private MessageServices start(Map<String, String> settings) {
        services = new MessageServices(dir, settings);
        return services;
    }

    private MessageServices start() {
        return start(Map.of("harmony4.dictionaries.check-interval", INTERVAL.toString()));
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void aSmallMessageWithoutADictionaryIsQuickWithTheWorkersAnswer() throws IOException {
        MessageServices s = start();
        MessageService.Compressed quick = s.compressQuickly(content, null, null).orElseThrow();
        MessageService.Compressed worker = s.compress(content, null, null);
        assertArrayEquals(worker.message(), quick.message());
        assertEquals(worker.contentSha256(), quick.contentSha256());
        assertEquals(Optional.empty(), quick.dictionary());
        assertArrayEquals(content, s.decompressQuickly(quick.message(), null).orElseThrow());
    }

    @Test
    void aLargeMessageOrASlowLevelIsLeftToTheWorker() throws IOException {
        MessageServices s = start();
        byte[] large = TestData.text(MessageService.QUICK_CONTENT + 1, 12);
        assertEquals(Optional.empty(), s.compressQuickly(large, null, null));
        assertEquals(Optional.empty(), s.decompressQuickly(s.compress(large, null, null).message(), null),
                "a frame that declares more than is quick");
        MessageService.Options slow = s.messages.options(null, MessageService.QUICK_LEVEL + 1, null);
        assertEquals(Optional.empty(), s.messages.compressQuickly(content, slow));
    }

    @Test
    void aDictionarysFirstUseIsLeftToTheWorkerThenItIsQuickWithTheWorkersAnswer() throws IOException {
        MessageServices s = start();
        DictionaryId id = s.trained(13, 4096);
        for (String format : new String[] {null, "dcz"}) {
            assertEquals(Optional.empty(), s.compressQuickly(content, id, format), format + ": not digested yet");
            byte[] worker = s.compress(content, id, format).message();
            MessageService.Compressed quick = s.compressQuickly(content, id, format).orElseThrow();
            assertArrayEquals(worker, quick.message(), format);
            assertEquals(Optional.of(id), quick.dictionary());
        }
        byte[] frame = s.compress(content, id, null).message();
        assertArrayEquals(content, s.decompressQuickly(frame, null).orElseThrow(), "stored here: its dictID known");
        try (MessageServices replica = new MessageServices(dir, Map.of("harmony4.dictionaries.check-interval",
                INTERVAL.toString()))) {
            replica.compress(content, id, null);
            assertEquals(Optional.empty(), replica.decompressQuickly(frame, null),
                    "a replica sharing the directory has not looked its dictID up yet");
            assertArrayEquals(content, replica.decompress(frame, null));
            assertArrayEquals(content, replica.decompressQuickly(frame, null).orElseThrow(), "then known");
        }
        assertArrayEquals(content, s.decompressQuickly(frame, id).orElseThrow(), "named");
        assertArrayEquals(content, s.decompressQuickly(s.compress(content, id, "dcz").message(), null).orElseThrow());
    }

    /**
     * A frame that declares little content but is long (here padded with empty raw blocks, which zstd allows) is
     * walked block by block: the event loop does not take it on the strength of its declared size; the worker
     * decodes it.
     */
    @Test
    void aLongFrameThatDeclaresLittleIsLeftToTheWorker() throws IOException {
        MessageServices s = start();
        byte[] small = TestData.text(200, 21);
        byte[] padded = rawFrame(small, 10_000); // 30 KB of block headers
        assertEquals(Optional.empty(), s.decompressQuickly(padded, null));
        assertArrayEquals(small, s.decompress(padded, null));
        assertArrayEquals(small, s.decompressQuickly(rawFrame(small, 10), null).orElseThrow(), "a few are quick");
    }

    /**
     * A zstd frame (RFC 8878) of {@code content} (at most 255 bytes) stored raw, after {@code emptyBlocks} empty raw
     * blocks: single segment, a one-byte content size, the content checksum.
     */
    private static byte[] rawFrame(byte[] content, int emptyBlocks) {
        ByteBuffer frame = ByteBuffer.allocate(4 + 2 + 3 * (emptyBlocks + 1) + content.length + 4)
                .order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(0xFD2FB528).put((byte) 0x24).put((byte) content.length); // single segment, checksum
        for (int i = 0; i < emptyBlocks; i++) {
            frame.put(new byte[3]); // not the last, raw, 0 bytes
        }
        int last = 1 | content.length << 3;
        frame.put((byte) last).put((byte) (last >>> 8)).put((byte) (last >>> 16)).put(content);
        frame.putInt((int) Hashing.xxh64().hashBytesToLong(content));
        return frame.array();
    }

    /**
     * A dictionary's tables are built per level: a message at a level its tables are not built for yet goes to the
     * worker, which builds them (a millisecond or more the event loop would spend), and the next one is quick. The
     * configured level's are built with the dictionary, whatever level its first message named, since most messages
     * and every decompression use them.
     */
    @Test
    void aLevelWhoseTablesAreNotBuiltIsLeftToTheWorker() throws IOException {
        MessageServices s = start();
        DictionaryId id = s.trained(20, 4096);
        int configured = s.dictionaries.engineAt(null).info().level();
        int other = configured == 1 ? 2 : 1;
        int third = configured == 4 || other == 4 ? 5 : 4;
        MessageService.Options atOther = s.messages.options(id.hex(), other, null);
        MessageService.Options atThird = s.messages.options(id.hex(), third, null);
        MessageService.Options atConfigured = s.messages.options(id.hex(), null, null);

        byte[] frame = s.messages.compress(content, atOther).message(); // the worker: the configured level, then other
        assertArrayEquals(content, s.decompressQuickly(frame, id).orElseThrow(), "the configured level's, built first");
        assertArrayEquals(s.compress(content, id, null).message(),
                s.messages.compressQuickly(content, atConfigured).orElseThrow().message());
        assertArrayEquals(frame, s.messages.compressQuickly(content, atOther).orElseThrow().message());

        assertEquals(Optional.empty(), s.messages.compressQuickly(content, atThird), "not built at that level yet");
        byte[] atThirdFrame = s.messages.compress(content, atThird).message(); // the worker builds them
        assertArrayEquals(atThirdFrame, s.messages.compressQuickly(content, atThird).orElseThrow().message());
    }

    @Test
    void theQuickPathLooksAtNoFileAndOnceTheCheckIsStaleLeavesTheMessageToTheWorker() throws IOException {
        MessageServices s = start();
        DictionaryId id = s.trained(14, 4096);
        byte[] frame = s.compress(content, id, null).message();
        byte[] dcz = s.compress(content, id, "dcz").message();
        assertArrayEquals(content, s.decompress(frame, null));
        // forged bytes of another length: a stat would see the file changed, and a read would refuse it
        Files.write(dir.resolve(id.hex()), TestData.text(5000, 15));
        assertArrayEquals(frame, s.compressQuickly(content, id, null).orElseThrow().message());
        assertArrayEquals(dcz, s.compressQuickly(content, id, "dcz").orElseThrow().message());
        assertArrayEquals(content, s.decompressQuickly(frame, null).orElseThrow());
        assertArrayEquals(content, s.decompressQuickly(dcz, null).orElseThrow());
        assertArrayEquals(content, s.decompressQuickly(frame, id).orElseThrow());

        s.pass(INTERVAL);
        assertEquals(Optional.empty(), s.compressQuickly(content, id, null), "the check is stale: for the worker");
        assertEquals(Optional.empty(), s.compressQuickly(content, id, "dcz"));
        assertEquals(Optional.empty(), s.decompressQuickly(frame, null));
        assertEquals(Optional.empty(), s.decompressQuickly(dcz, null));
        assertEquals(Optional.empty(), s.decompressQuickly(frame, id));
        assertArrayEquals(content, s.decompressQuickly(s.compress(content, null, null).message(), null).orElseThrow(),
                "a message without a dictionary needs no check");
        assertThrows(TamperedDictionaryException.class,
                () -> s.compress(content, id, null), "the worker looks at the file: forged, refused");
    }

    @Test
    void aCheckByTheWorkerMakesTheNextMessagesQuickAgain() throws IOException {
        MessageServices s = start();
        DictionaryId id = s.trained(16, 4096);
        byte[] frame = s.compress(content, id, null).message();
        assertArrayEquals(content, s.decompress(frame, null));
        s.pass(INTERVAL.multipliedBy(3));
        assertEquals(Optional.empty(), s.decompressQuickly(frame, null));
        assertArrayEquals(content, s.decompress(frame, null), "the worker checks the file: there and intact");
        assertArrayEquals(content, s.decompressQuickly(frame, null).orElseThrow());
        assertArrayEquals(frame, s.compressQuickly(content, id, null).orElseThrow().message());
    }

    @Test
    void withAnIntervalOfZeroEveryMessageWithADictionaryGoesToTheWorker() throws IOException {
        MessageServices s = start(Map.of("harmony4.dictionaries.check-interval", "0"));
        DictionaryId id = s.trained(17, 4096);
        byte[] frame = s.compress(content, id, null).message();
        assertArrayEquals(content, s.decompress(frame, null));
        assertEquals(Optional.empty(), s.compressQuickly(content, id, null), "digested, but its file unchecked");
        assertEquals(Optional.empty(), s.decompressQuickly(frame, null));
        assertEquals(Optional.empty(), s.decompressQuickly(frame, id));
        assertTrue(s.compressQuickly(content, null, null).isPresent(), "without a dictionary, as ever");
    }

    @Test
    void aDigestEvictedIsNotMadeAgainOnTheLoop() throws IOException {
        // holds one 4 KiB dictionary, not two: digesting the second evicts the first
        MessageServices s = start(Map.of("harmony4.dictionaries.check-interval", INTERVAL.toString(),
                "harmony4.dictionaries.cache-size", "6K"));
        DictionaryId first = s.trained(18, 4096);
        DictionaryId second = s.trained(19, 4096);
        s.compress(content, first, null);
        assertTrue(s.compressQuickly(content, first, null).isPresent());
        s.compress(content, second, null);
        assertEquals(Optional.empty(), s.compressQuickly(content, first, null), "evicted: digested on a worker");
        assertTrue(s.compressQuickly(content, second, null).isPresent());
    }
}
