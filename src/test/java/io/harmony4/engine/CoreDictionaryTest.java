package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core's dictionaries through {@link DictionaryCompression}: training is deterministic, an engine bound to a
 * dictionary round-trips with the core engine's checks, and a frame for another dictionary or none is a typed
 * {@link DictionaryMismatchException}.
 */
class CoreDictionaryTest {
    private static final int CAPACITY = 4096;
    private static final List<byte[]> SAMPLES = Messages.messages(300, 1);
    private static final byte[] MESSAGE = Messages.messages(1, 2).getFirst();

    private static CoreEngine core;
    private static byte[] trained;
    private static CoreDictionary dictionary;

    @BeforeAll
    static void train() {
        core = CoreEngine.load(NativeLibs.core(), CoreEngine.DEFAULT_LEVEL);
        trained = core.trainDictionary(SAMPLES, CAPACITY);
        dictionary = core.dictionary(trained);
    }

    @AfterAll
    static void close() {
        core.close();
    }

    @Test
    void aTrainedDictionaryIsInZstdFormatAndNamesItsDictId() {
        assertTrue(trained.length > 256 && trained.length <= CAPACITY, trained.length + " bytes");
        ByteBuffer header = ByteBuffer.wrap(trained).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xEC30A437, header.getInt(0), "zstd's dictionary magic");
        long dictId = Integer.toUnsignedLong(header.getInt(4));
        assertNotEquals(0, dictId);
        assertEquals(dictId, dictionary.dictId());
        assertEquals(trained.length, dictionary.size());
    }

    @Test
    void theSameSamplesGiveTheSameDictionaryOnEveryCallAndThread() throws Exception {
        assertArrayEquals(trained, core.trainDictionary(SAMPLES, CAPACITY));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<byte[]>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(threads.submit(() -> {
                    start.await();
                    return core.trainDictionary(SAMPLES, CAPACITY);
                }));
            }
            start.countDown();
            for (Future<byte[]> run : runs) {
                assertArrayEquals(trained, run.get());
            }
        } finally {
            threads.shutdownNow();
        }
        assertFalse(Arrays.equals(trained, core.trainDictionary(Messages.messages(300, 3), CAPACITY)),
                "other samples, another dictionary");
    }

    @Test
    void aBoundEngineRoundTripsAndItsFramesNameTheDictionary() {
        CompressionEngine bound = core.withDictionary(dictionary);
        byte[] frame = bound.compress(MESSAGE);
        assertEquals(dictionary.dictId(), core.frameDictId(frame));
        assertArrayEquals(MESSAGE, bound.decompress(frame));
        assertArrayEquals(frame, bound.compress(MESSAGE), "deterministic");
        assertTrue(frame.length < core.compress(MESSAGE).length,
                "the dictionary shortens a message like its samples: " + frame.length + " bytes");
        assertEquals(0, core.frameDictId(core.compress(MESSAGE)), "a frame without a dictionary names none");
        assertEquals(core.info(), bound.info());
    }

    /** It is an engine: the start-up and readiness self-test runs on it unchanged, as the service may at load. */
    @Test
    void theEngineSelfTestPassesOnABoundEngine() {
        EngineSelfTest.run(core.withDictionary(dictionary));
        EngineSelfTest.run(core.atLevel(19).withDictionary(dictionary));
    }

    /**
     * With a dictionary the checksum is checked once, in Java (ABI 8's unchecked decoder): a frame whose checksum or
     * content was damaged is still the caller's corrupt input, not an engine fault.
     */
    @Test
    void aDamagedFrameIsCorruptInputNotAnEngineFault() {
        CompressionEngine bound = core.withDictionary(dictionary);
        byte[] frame = bound.compress(MESSAGE);
        for (int at : new int[] {frame.length - 1, frame.length - 4}) {
            byte[] damaged = frame.clone();
            damaged[at] ^= 0x01;
            CorruptInputException e = assertThrows(CorruptInputException.class, () -> bound.decompress(damaged));
            assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        }
    }

    @Test
    void aFrameWithoutADictionaryDecodesWithOne() {
        byte[] plain = core.compress(MESSAGE);
        assertArrayEquals(MESSAGE, core.withDictionary(dictionary).decompress(plain));
    }

    @Test
    void everyLevelUsesItsOwnDigestAndDecodesTheOthers() {
        CompressionEngine fast = core.atLevel(1).withDictionary(dictionary);
        CompressionEngine strong = core.atLevel(19).withDictionary(dictionary);
        byte[] fastFrame = fast.compress(MESSAGE);
        byte[] strongFrame = strong.compress(MESSAGE);
        assertArrayEquals(MESSAGE, strong.decompress(fastFrame));
        assertArrayEquals(MESSAGE, fast.decompress(strongFrame));
        assertEquals(dictionary.dictId(), core.frameDictId(strongFrame));
    }

    @Test
    void aFrameNeedingADictionaryIsRefusedWithoutOne() {
        byte[] frame = core.withDictionary(dictionary).compress(MESSAGE);
        DictionaryMismatchException e = assertThrows(DictionaryMismatchException.class, () -> core.decompress(frame));
        assertTrue(e.needsADictionary());
        assertEquals(dictionary.dictId(), e.frameDictId());
        assertEquals(OptionalLong.empty(), e.givenDictId());
        assertEquals("the frame was made with the dictionary of dictID " + dictionary.dictId()
                + " and none was given (at offset 0)", e.getMessage());
        assertThrows(DictionaryMismatchException.class, () -> core.decompressUnchecked(frame));
    }

    @Test
    void aFrameForAnotherDictionaryIsRefused() {
        byte[] frame = core.withDictionary(dictionary).compress(MESSAGE);
        try (CoreDictionary other = core.dictionary(core.trainDictionary(Messages.messages(300, 4), CAPACITY))) {
            assertNotEquals(dictionary.dictId(), other.dictId());
            DictionaryMismatchException e = assertThrows(DictionaryMismatchException.class,
                    () -> core.withDictionary(other).decompress(frame));
            assertFalse(e.needsADictionary());
            assertEquals(dictionary.dictId(), e.frameDictId());
            assertEquals(OptionalLong.of(other.dictId()), e.givenDictId());
        }
    }

    /** Raw content has no dictID: its frames name none, and decoding them without it fails their checks. */
    @Test
    void rawContentIsADictionaryWithoutDictId() {
        byte[] content = String.join("", Messages.messages(20, 5).stream()
                .map(m -> new String(m, StandardCharsets.US_ASCII)).toList()).getBytes(StandardCharsets.US_ASCII);
        try (CoreDictionary raw = core.dictionary(content)) {
            assertEquals(0, raw.dictId());
            CompressionEngine bound = core.withDictionary(raw);
            byte[] frame = bound.compress(MESSAGE);
            assertEquals(0, core.frameDictId(frame));
            assertArrayEquals(MESSAGE, bound.decompress(frame));
            assertThrows(CorruptInputException.class, () -> core.decompress(frame));
        }
    }

    @Test
    void aTrainedDictionaryAsRawContentIsAPrefixWithoutDictId() {
        try (CoreDictionary raw = core.rawDictionary(trained)) {
            assertTrue(raw.isRawContent());
            assertEquals(0, raw.dictId());
            CompressionEngine bound = core.withDictionary(raw);
            byte[] frame = bound.compress(MESSAGE);
            assertEquals(0, core.frameDictId(frame));
            assertArrayEquals(MESSAGE, bound.decompress(frame));
            assertTrue(frame.length < core.compress(MESSAGE).length, "the prefix pays");
            assertNotEquals(Arrays.toString(core.withDictionary(dictionary).compress(MESSAGE)), Arrays.toString(frame));
        }
        // bytes without zstd's magic are raw content either way, with the same frames
        byte[] content = Arrays.copyOfRange(trained, 8, trained.length);
        try (CoreDictionary raw = core.rawDictionary(content); CoreDictionary plain = core.dictionary(content)) {
            assertArrayEquals(core.withDictionary(plain).compress(MESSAGE), core.withDictionary(raw).compress(MESSAGE));
        }
    }

    @Test
    void theCoreReadsWhatAFrameHeaderDeclares() {
        byte[] frame = core.withDictionary(dictionary).compress(MESSAGE);
        assertEquals(new FrameHeader(OptionalLong.of(MESSAGE.length), dictionary.dictId(), true),
                core.frameHeader(frame));
        assertEquals(new FrameHeader(OptionalLong.of(MESSAGE.length), 0, true),
                core.frameHeader(core.compress(MESSAGE)));
        // an empty frame another encoder made: single segment, size 0 declared, no checksum
        byte[] bare = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x20, 0x00, 0x01, 0x00, 0x00};
        assertEquals(new FrameHeader(OptionalLong.of(0), 0, false), core.frameHeader(bare));
        // no size declared (descriptor 0, window descriptor), no checksum
        byte[] unsized = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x00, 0x50, 0x01, 0x00, 0x00};
        assertEquals(new FrameHeader(OptionalLong.empty(), 0, false), core.frameHeader(unsized));
        assertThrows(CorruptInputException.class, () -> core.frameHeader(Arrays.copyOf(frame, 5)));
        assertThrows(CorruptInputException.class, () -> core.frameHeader(MESSAGE));
    }

    @Test
    void everyTruncationOfAFrameIsRefused() {
        CompressionEngine bound = core.withDictionary(dictionary);
        byte[] frame = bound.compress(MESSAGE);
        for (int length = 0; length < frame.length; length++) {
            byte[] cut = Arrays.copyOf(frame, length);
            assertThrows(CorruptInputException.class, () -> bound.decompress(cut), "cut to " + length);
        }
    }

    @Test
    void samplesThatCannotMakeADictionaryAreTheCallersToChange() {
        DictionaryTrainingException few = assertThrows(DictionaryTrainingException.class,
                () -> core.trainDictionary(SAMPLES.subList(0, 3), CAPACITY));
        assertTrue(few.getMessage().contains("H4_E_TRAINING"), few.getMessage());
        assertThrows(DictionaryTrainingException.class, () -> core.trainDictionary(SAMPLES, 64));
        assertThrows(IllegalArgumentException.class, () -> core.trainDictionary(SAMPLES, 0));
    }

    @Test
    void aDictionaryWithDamagedTablesIsInvalid() {
        byte[] damaged = trained.clone();
        Arrays.fill(damaged, 8, 64, (byte) 0xFF);
        assertThrows(InvalidDictionaryException.class, () -> core.dictionary(damaged));
    }

    @Test
    void aClosedDictionaryIsRefusedAndItsEngineStaysUsable() {
        CoreDictionary closing = core.dictionary(trained);
        CompressionEngine bound = core.withDictionary(closing);
        byte[] frame = bound.compress(MESSAGE);
        closing.close();
        closing.close();
        assertEquals("dictionary is closed", assertThrows(IllegalStateException.class,
                () -> bound.compress(MESSAGE)).getMessage());
        assertThrows(IllegalStateException.class, () -> bound.decompress(frame));
        assertArrayEquals(MESSAGE, core.withDictionary(dictionary).decompress(frame));
    }

    /** Calls racing a close either finish exactly or are refused; none may use freed memory. */
    @Test
    void closingWhileCallsRunFreesAfterTheLastOne() throws Exception {
        CoreDictionary closing = core.dictionary(trained);
        CompressionEngine bound = core.withDictionary(closing);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch running = new CountDownLatch(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                runs.add(threads.submit(() -> {
                    int done = 0;
                    for (int i = 0; i < 2000; i++) {
                        try {
                            assertArrayEquals(MESSAGE, bound.decompress(bound.compress(MESSAGE)));
                            done++;
                        } catch (IllegalStateException closed) {
                            return done;
                        } finally {
                            running.countDown();
                        }
                    }
                    return done;
                }));
            }
            running.await(); // both threads are calling, and keep calling while it closes
            closing.close();
            for (Future<Integer> run : runs) {
                run.get();
            }
            assertThrows(IllegalStateException.class, () -> bound.compress(MESSAGE));
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void closingTheEngineClosesItsDictionaries() {
        CoreDictionary left;
        CompressionEngine bound;
        try (CoreEngine own = CoreEngine.load(NativeLibs.core(), CoreEngine.DEFAULT_LEVEL)) {
            left = own.dictionary(trained);
            bound = own.withDictionary(left);
            assertArrayEquals(MESSAGE, bound.decompress(bound.compress(MESSAGE)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> core.withDictionary(left));
            assertEquals("the dictionary was digested by another loaded core", e.getMessage());
        }
        assertThrows(IllegalStateException.class, () -> bound.compress(MESSAGE));
        left.close();
    }

    @Test
    void theReferenceEngineHasNoDictionaries() {
        DictionariesUnsupportedException e = assertThrows(DictionariesUnsupportedException.class,
                () -> DictionaryCompression.of(new ReferenceEngine()));
        assertEquals(ReferenceEngine.ID, e.engineId());
        assertEquals("the engine geometric-reference has no dictionaries: they need the native core (h4-core)",
                e.getMessage());
        assertInstanceOf(CoreEngine.class, DictionaryCompression.of(core));
    }

    @Test
    void aFrameHeaderThatIsNoneIsCorrupt() {
        assertThrows(CorruptInputException.class, () -> core.frameDictId(new byte[0]));
        assertThrows(CorruptInputException.class,
                () -> core.frameDictId("not a frame".getBytes(StandardCharsets.US_ASCII)));
    }
}
