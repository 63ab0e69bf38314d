package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.harmony4.container.ContainerLimits;
import io.harmony4.container.EngineSet;
import io.harmony4.container.H4mkRandomAccessReader;
import io.harmony4.container.LeadingBlocks;
import io.harmony4.container.TestContainers;
import io.harmony4.engine.TestData;
import io.harmony4.engine.TestEngines;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StreamedContent}: a block the block pool dropped at its shutdown. */
class StreamedContentTest {
    private static final int BLOCK = 4096;

    @TempDir
    Path dir;

    /**
     * A block still waiting for a thread when the pool shuts down fails where the answer stands, at once: the block
     * counts as held no more, next() fails rather than wait for ever, and closing gives the container back.
     */
    @Test
    void aBlockTheShutdownDroppedFailsTheAnswerThereAndHoldsNothing() throws Exception {
        BlockPool pool = BlockPoolTest.onePoolThread();
        CountDownLatch release = new CountDownLatch(1);
        EngineSet engines = EngineSet.of(TestEngines.core());
        byte[] content = TestData.text(3 * BLOCK, 1);
        Spool container = new Spool(new MemoryBudget(1 << 20), dir);
        container.write(TestContainers.write(content, BLOCK));
        Spool.Source source = container.openSource();
        H4mkRandomAccessReader reader = H4mkRandomAccessReader.open(source, engines, ContainerLimits.DEFAULT);
        LeadingBlocks none = new LeadingBlocks(0, null, 0, engines, ContainerLimits.DEFAULT, pool.executor());
        AtomicInteger blocksHeld = new AtomicInteger();
        CountDownLatch released = new CountDownLatch(1);
        StreamedContent answer = new StreamedContent(container, source, reader, none,
                new DecodedBlockMemory(BLOCK, 1 << 20), 0, content.length, 0, pool.executor(), 2, blocksHeld,
                new AtomicLong(), released::countDown);
        BlockPoolTest.occupy(pool, release);
        answer.prepare(); // block 0 decoded here, block 1 queued behind the pool's busy thread
        answer.giveBack(answer.takeFirst());
        assertEquals(1, blocksHeld.get(), "block 1, queued");

        pool.shutdown();
        assertEquals(0, blocksHeld.get(), "block 1 failed on shutdown: held by no one");
        assertThrows(CancellationException.class, answer::next);
        answer.close();
        assertEquals(0, released.getCount(), "the container given back");
        release.countDown();
    }
}
