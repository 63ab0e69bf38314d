package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.harmony4.dictionary.DictionaryId;
import io.harmony4.engine.Messages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code PUT /v1/dictionaries/{id}} below HTTP: "created" (201) means this put stored the dictionary, so of puts of
 * the same new bytes at once exactly one is created and the others find it stored (200), as a deploy script that
 * repeats a put from several replicas expects.
 */
class DictionaryServicePutTest {
    @Test
    void ofConcurrentPutsOfTheSameNewDictionaryExactlyOneCreatesIt(@TempDir Path dir) throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (MessageServices services = new MessageServices(dir, Map.of())) {
            for (int round = 0; round < 6; round++) {
                byte[] bytes = services.core.trainDictionary(Messages.messages(300, 40 + round), 4096);
                String id = DictionaryId.of(bytes).hex();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<DictionaryService.Stored>> puts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    puts.add(pool.submit(() -> {
                        start.await();
                        return services.dictionaries.put(id, bytes);
                    }));
                }
                start.countDown();
                int created = 0;
                for (Future<DictionaryService.Stored> put : puts) {
                    DictionaryService.Stored stored = put.get();
                    assertEquals(id, stored.dictionary().id().hex());
                    created += stored.created() ? 1 : 0;
                }
                assertEquals(1, created, "round " + round);
                assertFalse(services.dictionaries.put(id, bytes).created(), "stored already");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
