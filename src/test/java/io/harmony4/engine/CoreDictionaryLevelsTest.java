package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@link CoreDictionary} keeps at most {@link CoreDictionary#MAX_LEVELS} levels digested, whatever levels its
 * calls name: the first level, and the most recently used others. A digest a call or a stream holds is not freed
 * under it, and a level digested again makes the same frames.
 */
class CoreDictionaryLevelsTest {
    private static final int FIRST = CoreEngine.DEFAULT_LEVEL;
    private static final byte[] MESSAGE = Messages.messages(1, 2).getFirst();

    private static CoreEngine core;
    private static byte[] trained;
    private CoreDictionary dictionary;

    @BeforeAll
    static void train() {
        core = CoreEngine.load(NativeLibs.core(), FIRST);
        trained = core.trainDictionary(Messages.messages(300, 1), 4096);
    }

    @AfterAll
    static void unload() {
        core.close();
    }

    @BeforeEach
    void digest() {
        dictionary = core.dictionary(trained);
    }

    @AfterEach
    void close() {
        dictionary.close();
    }

    /** A message at {@code level} with the dictionary, checked to decode with it. */
    private byte[] roundTrip(int level) {
        CompressionEngine bound = core.atLevel(level).withDictionary(dictionary);
        byte[] frame = bound.compress(MESSAGE);
        assertArrayEquals(MESSAGE, bound.decompress(frame));
        return frame;
    }

    /** Which of {@code levels} are digested now. */
    private List<Integer> digested(List<Integer> levels) {
        return levels.stream().filter(dictionary::isDigestedAt).toList();
    }

    @Test
    void aDictionaryKeepsItsFirstLevelAndTheMostRecentlyUsedOthers() {
        roundTrip(-1);
        roundTrip(-2);
        roundTrip(-3);
        roundTrip(-1); // used again: now -2 is the least recently used
        roundTrip(-4);
        assertEquals(List.of(FIRST, -1, -3, -4), digested(List.of(FIRST, -1, -2, -3, -4)));
        roundTrip(-5);
        assertEquals(List.of(FIRST, -1, -4, -5), digested(List.of(FIRST, -1, -2, -3, -4, -5)));
    }

    @Test
    void messagesAtManyLevelsRoundTripWithAFewDigestsAndTheSameFrames() {
        List<Integer> levels = IntStream.rangeClosed(-40, 19).boxed().toList();
        List<byte[]> frames = new ArrayList<>();
        for (int level : levels) {
            frames.add(roundTrip(level));
            assertTrue(digested(levels).size() <= CoreDictionary.MAX_LEVELS, "at level " + level);
        }
        for (int i = 0; i < levels.size(); i++) {
            // most were freed and are digested again: a level's frames do not depend on when it was digested
            assertArrayEquals(frames.get(i), roundTrip(levels.get(i)), "at level " + levels.get(i));
        }
        assertEquals(CoreDictionary.MAX_LEVELS, digested(levels).size());
    }

    @Test
    void aStreamsLevelIsNotFreedWhileTheStreamLives() {
        int streamLevel = 7;
        List<Integer> others = List.of(-1, -2, -3, -4, -5);
        List<byte[]> messages = Messages.messages(20, 3);
        List<byte[]> sent = new ArrayList<>();
        try (MessageStreamCompressor stream = core.compressor(StreamSettings.of(streamLevel, 1 << 20)
                .withDictionary(dictionary))) {
            sent.add(stream.compress(messages.getFirst()));
            others.forEach(this::roundTrip);
            assertTrue(dictionary.isDigestedAt(streamLevel), "held by the stream, though the least recently used");
            assertEquals(List.of(FIRST, streamLevel, -4, -5), digested(concat(FIRST, streamLevel, others)),
                    "the least recently used that no call holds went");
            messages.subList(1, messages.size()).forEach(message -> sent.add(stream.compress(message)));
            sent.add(stream.finish());
        }
        List<Integer> later = List.of(-6, -7, -8);
        later.forEach(this::roundTrip);
        assertEquals(concat(FIRST, -6, List.of(-7, -8)), digested(concat(FIRST, streamLevel, later)),
                "no longer held, the stream's level goes as any other");
        try (MessageStreamDecompressor decoder = core.decompressor(StreamSettings.of(FIRST, 1 << 20)
                .withDictionary(dictionary))) {
            for (int i = 0; i < messages.size(); i++) {
                assertArrayEquals(messages.get(i), decoder.decompress(sent.get(i)));
            }
            decoder.decompress(sent.getLast());
            assertTrue(decoder.ended());
        }
    }

    @Test
    void aHeldLevelStaysDigestedUntilTheHoldEnds() {
        assertNull(dictionary.holdIfDigested(-1), "not digested: a hold never digests");
        assertFalse(dictionary.isDigestedAt(-1));
        roundTrip(-1);
        List<Integer> others = List.of(-2, -3, -4);
        try (CoreDictionary.Hold held = dictionary.holdIfDigested(-1)) {
            others.forEach(this::roundTrip);
            assertTrue(dictionary.isDigestedAt(-1), "held, though the least recently used");
            roundTrip(-1); // found digested: the hold's lease and the call's
        }
        roundTrip(-5);
        assertEquals(CoreDictionary.MAX_LEVELS, digested(concat(FIRST, -1, List.of(-2, -3, -4, -5))).size());
        dictionary.close();
        assertNull(dictionary.holdIfDigested(-5), "closed");
    }

    /**
     * The first level's hold takes no lease (its digest lives as long as the dictionary, and a call's own lease keeps
     * it), so that the message most calls are pays nothing for it: closing the dictionary frees it at once, hold or
     * not, and a call after that is refused.
     */
    @Test
    void theFirstLevelsHoldTakesNoLease() {
        int live = core.liveDictionaries();
        try (CoreDictionary.Hold first = dictionary.holdIfDigested(FIRST)) {
            dictionary.close();
            assertEquals(live - 1, core.liveDictionaries(), "freed at its close, the hold open");
            assertThrows(IllegalStateException.class, () -> roundTrip(FIRST));
        }
    }

    /** Two threads at more levels than are kept, so that each frees digests the other may be about to take. */
    @Test
    void callsRacingAtMoreLevelsThanAreKeptEachGetALiveDigest() throws Exception {
        List<Integer> levels = List.of(-1, -2, -3, -4, -5, -6, FIRST);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int offset = t * 3;
                runs.add(threads.submit(() -> {
                    for (int i = 0; i < 700; i++) {
                        roundTrip(levels.get((i + offset) % levels.size()));
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertTrue(digested(levels).size() <= CoreDictionary.MAX_LEVELS, digested(levels).toString());
    }

    private static List<Integer> concat(int first, int second, List<Integer> rest) {
        List<Integer> all = new ArrayList<>(List.of(first, second));
        all.addAll(rest);
        return all;
    }
}
