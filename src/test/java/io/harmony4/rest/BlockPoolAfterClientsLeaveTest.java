package io.harmony4.rest;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.engine.TestData;
import io.harmony4.service.BlockPool;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The block pool serves every container request, so a task that held one of its threads after its client left would
 * stall every other request (note3.md: a 20 s stall seen twice in full-suite runs). A client that leaves mid-body,
 * mid-answer, or stops sending leaves the pool with no task of its own, and the pool serves the next request.
 */
@QuarkusTest
class BlockPoolAfterClientsLeaveTest {
    /** Enough blocks (1 MiB by default) that some are in the pool when the client leaves. */
    private static final int CONTENT = 16 << 20;
    /** Whole blocks in the first half of the content or container, each a task of the pool once received. */
    private static final int HALF_BLOCKS = 6;
    /** How long the pool may take to finish what the client left behind: its blocks, a few ms each. */
    private static final Duration DRAINED_WITHIN = Duration.ofSeconds(30);
    /** Looks 20 ms apart that must all find the pool empty. */
    private static final int STILL = 10;

    private static byte[] content;
    private static byte[] container;

    @Inject
    BlockPool pool;

    /** Made once the application listens: a static {@code @BeforeAll} runs before it starts. */
    @BeforeEach
    void make() {
        if (container == null) {
            content = TestData.text(CONTENT, 41);
            container = Api.compressOk(content, "");
        }
    }

    /** Sends the head and the first half of the body, then resets the connection. */
    @ParameterizedTest
    @ValueSource(strings = {"/v1/compress", "/v1/decompress", "/v1/decompress?offset=5&length=100", "/v1/verify",
            "/v1/inspect"})
    void aClientThatLeavesMidBodyLeavesNoTask(String path) throws Exception {
        byte[] body = path.equals("/v1/compress") ? content : container;
        String type = path.equals("/v1/compress") ? Api.OCTETS : Api.H4MK;
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(Api.postHead(path, type, body.length));
            out.write(body, 0, body.length / 2);
            out.flush();
            socket.setSoLinger(true, 0);
        }
        assertDrained(path + ", client gone mid-body");
        assertServes();
    }

    @Test
    void aClientThatLeavesMidAnswerLeavesNoTask() throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(Api.postHead("/v1/decompress", Api.H4MK, container.length));
            out.write(container);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] start = in.readNBytes(12);
            assertEquals("HTTP/1.1 200", new String(start, StandardCharsets.US_ASCII));
            socket.setSoLinger(true, 0);
        }
        assertDrained("client gone mid-answer");
        assertServes();
        assertDrained("after a request served");
        RestAssured.given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("harmony4_block_pool_tasks 0.0"))
                .body(containsString("harmony4_block_pool_completed_total "));
    }

    /**
     * A client that stops sending and stays connected holds its request open, but no thread of the pool: the blocks
     * of the half it sent are done, and nothing waits in the pool for the rest.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/v1/compress", "/v1/decompress", "/v1/verify"})
    void aClientThatStopsSendingHoldsNoThread(String path) throws Exception {
        byte[] body = path.equals("/v1/compress") ? content : container;
        String type = path.equals("/v1/compress") ? Api.OCTETS : Api.H4MK;
        long before = pool.completed();
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(Api.postHead(path, type, body.length));
            out.write(body, 0, body.length / 2);
            out.flush();
            assertDrained(path + ", client silent mid-body", before + HALF_BLOCKS);
            assertServes();
            socket.setSoLinger(true, 0);
        }
        assertDrained(path + ", client gone after a silence");
    }

    /** The pool ends with no task running or queued. */
    private void assertDrained(String what) throws InterruptedException {
        assertDrained(what, 0);
    }

    /** The pool has finished {@code completed} tasks since start, and ends with none running or queued. */
    private void assertDrained(String what, long completed) throws InterruptedException {
        // The pool must be seen empty on STILL consecutive looks: a client's request may reach the pool only after
        // the first look (the server still reading what was sent), and a single look could pass before it starts
        long deadline = System.nanoTime() + DRAINED_WITHIN.toNanos();
        long tasks = pool.tasks();
        int emptyLooks = 0;
        while ((pool.completed() < completed || emptyLooks < STILL) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            tasks = pool.tasks();
            emptyLooks = tasks == 0 ? emptyLooks + 1 : 0;
        }
        assertTrue(pool.completed() >= completed, what + ": " + (pool.completed() - completed + HALF_BLOCKS)
                + " of the half's " + HALF_BLOCKS + " blocks done within " + DRAINED_WITHIN);
        assertEquals(0, tasks, what + ": tasks still in the block pool after " + DRAINED_WITHIN);
    }

    /** Another request is served by the pool: its blocks decoded and checked. */
    private static void assertServes() {
        byte[] small = TestData.text(3 << 20, 42);
        byte[] decoded = Api.decompress(Api.compressOk(small, ""), "").then().statusCode(200).extract()
                .asByteArray();
        assertArrayEquals(small, decoded);
    }
}
