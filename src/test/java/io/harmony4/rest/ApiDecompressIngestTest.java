package io.harmony4.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.engine.TestData;
import io.harmony4.service.ContainerService;
import io.harmony4.service.MemoryBudget;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/decompress} takes its body on the event loop and sends a result held in memory as its decoded blocks (a
 * container {@code /v1/compress} makes, as the blocks it was copied into):
 * with its length known, and its memory given back to the service's budget however the exchange ends (the
 * {@code 100 Continue} that clients such as curl wait for: ApiContract).
 */
@QuarkusTest
public class ApiDecompressIngestTest {
    @Inject
    ContainerService service;

    @Test
    void anAnswerHeldInMemoryHasItsLengthAndGivesItsMemoryBack() throws Exception {
        byte[] content = TestData.text(3 << 20, 1); // within the test profile's 8 MiB budget: held in memory
        byte[] container = Api.compressOk(content, "?blockSize=65536");
        Response answer = Api.decompress(container, "");
        answer.then().statusCode(200).header("Content-Length", Integer.toString(content.length));
        assertEquals(null, answer.header("Transfer-Encoding"), "not chunked: the length is known");
        assertArrayEquals(content, answer.asByteArray());
        awaitBudgetBack();
    }

    @Test
    void aContainerSentInChunksDecodes() throws Exception {
        byte[] content = TestData.text(2 << 20, 2);
        byte[] container = Api.compressOk(content, "?blockSize=65536");
        // an InputStream body goes out with Transfer-Encoding: chunked, without a Content-Length
        byte[] back = given().contentType(Api.H4MK).body(new ByteArrayInputStream(container)).when()
                .post("/v1/decompress").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(content, back);
        byte[] range = given().contentType(Api.H4MK).body(new ByteArrayInputStream(container)).when()
                .post("/v1/decompress?offset=65530&length=12").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 65530, 65542), range);
        awaitBudgetBack();
    }

    @Test
    void aClientThatLeavesMidAnswerGivesTheMemoryBack() throws Exception {
        byte[] content = TestData.random(6 << 20, 3);
        byte[] container = Api.compressOk(content, "");
        for (int i = 0; i < 3; i++) {
            try (Socket socket = sendDecompress(container)) {
                InputStream in = socket.getInputStream();
                assertEquals("HTTP/1.1 200 OK", Api.readLine(in));
                in.readNBytes(1000); // some of the answer, then gone
            }
        }
        awaitBudgetBack();
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    /** A container being made is copied into blocks of direct memory too, given back however its exchange ends. */
    @Test
    void aClientThatLeavesMidCompressedAnswerGivesItsBlocksBack() throws Exception {
        byte[] content = TestData.random(5 << 20, 6); // stored raw: a container of about the content's size
        for (int i = 0; i < 3; i++) {
            try (Socket socket = send("/v1/compress", Api.OCTETS, content)) {
                InputStream in = socket.getInputStream();
                assertEquals("HTTP/1.1 200 OK", Api.readLine(in));
                in.readNBytes(1000); // some of the answer, then gone
            }
        }
        awaitBudgetBack();
        assertArrayEquals(content, Api.decompress(Api.compressOk(content, ""), "").asByteArray());
        awaitBudgetBack();
    }

    @Test
    void anAnswerOverTheBudgetGoesToAFileWithItsBlocksGivenBack() throws Exception {
        byte[] content = TestData.text(11 << 20, 4); // past the test profile's 8 MiB budget: spilled to a file
        byte[] container = Api.compressOk(content, "");
        Response answer = Api.decompress(container, "");
        answer.then().statusCode(200).header("Content-Length", Integer.toString(content.length));
        assertArrayEquals(content, answer.asByteArray());
        awaitBudgetBack();
    }

    @Test
    void clientsThatLeaveAtOnceMidAnswerGiveEveryBlockBack() throws Exception {
        byte[] content = TestData.text(5 << 20, 5); // compressible: every block decoded into direct memory
        byte[] container = Api.compressOk(content, "");
        Thread[] clients = new Thread[4];
        for (int c = 0; c < clients.length; c++) {
            int leaveAfter = c * 300_000; // from the status line on to well into the answer
            clients[c] = Thread.ofVirtual().start(() -> {
                try (Socket socket = sendDecompress(container)) {
                    socket.getInputStream().readNBytes(leaveAfter);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        for (Thread client : clients) {
            client.join();
        }
        awaitBudgetBack();
        // the memory of the blocks is reused: the answers after are whole
        assertArrayEquals(content, Api.decompress(container, "").asByteArray());
        awaitBudgetBack();
    }

    /** A connection that has sent {@code container} to {@code /v1/decompress} and reads its answer slowly. */
    private static Socket sendDecompress(byte[] container) throws java.io.IOException {
        return send("/v1/decompress", Api.H4MK, container);
    }

    /** A connection that has posted {@code body} to {@code path} and reads its answer slowly. */
    private static Socket send(String path, String contentType, byte[] body) throws java.io.IOException {
        Socket socket = new Socket("localhost", RestAssured.port);
        socket.setSoTimeout(10_000);
        socket.setReceiveBufferSize(16 * 1024);
        OutputStream out = socket.getOutputStream();
        out.write(Api.postHead(path, contentType, body.length));
        out.write(body);
        out.flush();
        return socket;
    }

    /**
     * Every result has gone (the end handlers run once the exchange ended): the budget is whole again, and every
     * decoded block of direct memory was given back by all its holders.
     */
    private void awaitBudgetBack() throws InterruptedException {
        MemoryBudget budget = service.memoryBudget();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while ((budget.available() != budget.capacity() || service.decodedBlocksHeld() != 0)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(budget.capacity(), budget.available(), "memory held after every exchange ended");
        assertEquals(0, service.decodedBlocksHeld(), "decoded blocks held after every exchange ended");
        assertTrue(budget.capacity() > 0);
    }
}
