package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.dictionary.DictionaryId;
import io.harmony4.engine.CoreDictionary;
import io.harmony4.engine.CoreEngine;
import io.harmony4.engine.Messages;
import io.harmony4.engine.NativeLibs;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The cache of digested dictionaries: kept while within its bound, and closed when it leaves. */
class DigestedDictionariesTest {
    private static CoreEngine core;
    private static byte[] first;
    private static byte[] second;

    @BeforeAll
    static void load() {
        core = CoreEngine.load(NativeLibs.core(), CoreEngine.DEFAULT_LEVEL);
        first = core.trainDictionary(Messages.messages(300, 1), 4096);
        second = core.trainDictionary(Messages.messages(300, 2), 4096);
    }

    @AfterAll
    static void close() {
        core.close();
    }

    @Test
    void keepsWhatFitsAndClosesWhatItEvicts() {
        byte[] message = Messages.message(new Random(3));
        try (DigestedDictionaries cache = new DigestedDictionaries(first.length + second.length / 2)) {
            CoreDictionary a = cache.get(DictionaryId.of(first), () -> core.dictionary(first));
            assertSame(a, cache.get(DictionaryId.of(first), () -> core.dictionary(first)), "kept, not digested again");
            byte[] frame = core.withDictionary(a).compress(message);

            CoreDictionary b = cache.get(DictionaryId.of(second), () -> core.dictionary(second));
            // over the bound: the least recently used left, and was closed
            assertThrows(IllegalStateException.class, () -> core.withDictionary(a).compress(message));
            assertArrayEquals(message, core.withDictionary(b).decompress(core.withDictionary(b).compress(message)));

            CoreDictionary again = cache.get(DictionaryId.of(first), () -> core.dictionary(first));
            assertArrayEquals(message, core.withDictionary(again).decompress(frame), "digested anew");
        }
    }

    @Test
    void closingClosesEveryKeptDictionary() {
        DigestedDictionaries cache = new DigestedDictionaries(1 << 20);
        CoreDictionary a = cache.get(DictionaryId.of(first), () -> core.dictionary(first));
        cache.close();
        assertThrows(IllegalStateException.class, () -> core.withDictionary(a).compress(new byte[] {1}));
    }

    @Test
    @Timeout(120) // a get that waited for the other digest would never return: the digest waits for it
    void aKeptDictionaryIsServedWhileAnotherIsBeingDigested() throws Exception {
        try (DigestedDictionaries cache = new DigestedDictionaries(1 << 20)) {
            CoreDictionary a = cache.get(DictionaryId.of(first), () -> core.dictionary(first));
            CountDownLatch served = new CountDownLatch(1);
            // the digest goes on until the kept one was served
            CompletableFuture<CoreDictionary> b = begun(cache, second, served, () -> core.dictionary(second));
            assertSame(a, cache.get(DictionaryId.of(first), () -> core.dictionary(first)));
            assertSame(a, cache.kept(DictionaryId.of(first), false));
            assertNull(cache.kept(DictionaryId.of(first), true), "not kept as raw content");
            assertNull(cache.kept(DictionaryId.of(second), false), "not kept before it is made");
            served.countDown();
            assertSame(b.get(60, TimeUnit.SECONDS), cache.get(DictionaryId.of(second), () -> core.dictionary(second)));
            assertEquals(2, cache.digests());
        }
    }

    @Test
    void callersOfADictionaryBeingDigestedWaitForItAndItIsDigestedOnce() throws Exception {
        try (DigestedDictionaries cache = new DigestedDictionaries(1 << 20)) {
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger made = new AtomicInteger();
            Supplier<CoreDictionary> digest = () -> {
                made.incrementAndGet();
                return core.dictionary(first);
            };
            CompletableFuture<CoreDictionary> one = begun(cache, first, release, digest);
            CompletableFuture<CoreDictionary> two = waiting(() -> cache.get(DictionaryId.of(first), digest));
            release.countDown();
            assertSame(one.get(60, TimeUnit.SECONDS), two.get(60, TimeUnit.SECONDS));
            assertEquals(1, made.get());
            assertEquals(1, cache.digests());
        }
    }

    @Test
    void aFailedDigestFailsItsWaitersAndIsTriedAgainNextTime() throws Exception {
        try (DigestedDictionaries cache = new DigestedDictionaries(1 << 20)) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<CoreDictionary> one = begun(cache, first, release, () -> {
                throw UnknownDictionaryException.byId(DictionaryId.of(first).hex());
            });
            CompletableFuture<CoreDictionary> two = waiting(
                    () -> cache.get(DictionaryId.of(first), () -> core.dictionary(first)));
            release.countDown();
            for (CompletableFuture<CoreDictionary> caller : List.of(one, two)) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> caller.get(60, TimeUnit.SECONDS));
                assertTrue(e.getCause() instanceof UnknownDictionaryException, e.toString());
            }
            assertEquals(0, cache.digests());
            assertNotNull(cache.get(DictionaryId.of(first), () -> core.dictionary(first)), "tried again");
            assertEquals(1, cache.digests());
        }
    }

    /**
     * The digest of {@code bytes} by {@code digest} begun in {@code cache} on another thread, which goes on once
     * {@code release} is counted down.
     */
    private static CompletableFuture<CoreDictionary> begun(DigestedDictionaries cache, byte[] bytes,
            CountDownLatch release, Supplier<CoreDictionary> digest) throws InterruptedException {
        CountDownLatch digesting = new CountDownLatch(1);
        CompletableFuture<CoreDictionary> result = CompletableFuture.supplyAsync(
                () -> cache.get(DictionaryId.of(bytes), () -> {
                    digesting.countDown();
                    await(release);
                    return digest.get();
                }));
        assertTrue(digesting.await(60, TimeUnit.SECONDS));
        return result;
    }

    /** Runs {@code get} on a thread of its own, once that thread waits (for the digest being made). */
    private static CompletableFuture<CoreDictionary> waiting(Supplier<CoreDictionary> get) throws InterruptedException {
        CompletableFuture<CoreDictionary> result = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().start(() -> {
            try {
                result.complete(get.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        while (thread.getState() != Thread.State.WAITING && !result.isDone()) {
            Thread.sleep(1);
        }
        return result;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
