package io.harmony4.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.container.HostileContainers;
import io.harmony4.container.Tampering;
import io.harmony4.container.TestContainers;
import io.harmony4.engine.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Decompression bombs and forged containers, every CRC right, against the service's default limits: each is
 * refused with its 4xx problem before the memory its claims would take is committed.
 */
@QuarkusTest
class ApiHostileContainerTest {
    private static final List<String> WHOLE = List.of("/v1/decompress", "/v1/verify", "/v1/inspect");

    private static ValidatableResponse post(String endpoint, byte[] container) {
        return given().contentType(Api.H4MK).body(container).when().post(endpoint).then();
    }

    private static void limit(ValidatableResponse response, String limit) {
        response.statusCode(422).contentType(Api.PROBLEM)
                .body("type", equalTo("urn:harmony4:problem:limit-exceeded"))
                .body("limit", equalTo(limit));
    }

    private static void corrupt(ValidatableResponse response, String detail) {
        response.statusCode(400).contentType(Api.PROBLEM)
                .body("type", equalTo("urn:harmony4:problem:corrupt-container"))
                .body("detail", containsString(detail));
    }

    @Test
    void aGibibyteOfZerosInAFewKilobytesIsRefusedBeforeDecoding() {
        byte[] bomb = HostileContainers.zeros(16 << 20, 64);
        assertTrue(bomb.length < 64 << 10, "bomb of " + bomb.length + " bytes");
        for (String endpoint : WHOLE) {
            limit(post(endpoint, bomb), "expansion ratio");
        }
        limit(post("/v1/decompress?offset=" + (1L << 29) + "&length=10", bomb), "expansion ratio");
    }

    @Test
    void contentSizeNearTwoToTheSixtyThirdIsRefused() {
        byte[] forged = HostileContainers.declaring(Long.MAX_VALUE, 0);
        limit(post("/v1/decompress?offset=0&length=1", forged), "content size");
        // read as a stream, nothing is allocated for the claim; the trailer then disagrees with the blocks read
        for (String endpoint : WHOLE) {
            corrupt(post(endpoint, forged), "trailer content size 9223372036854775807 is not the 0 bytes");
        }
    }

    @Test
    void blockCountNearTwoToTheThirtySecondIsRefused() {
        byte[] forged = HostileContainers.declaring(100_000, 0xFFFF_FFFFL);
        limit(post("/v1/decompress?offset=0&length=1", forged), "block count");
        for (String endpoint : WHOLE) {
            corrupt(post(endpoint, forged), "seek table does not list the 0 blocks read");
        }
    }

    @Test
    void seekEntryPointingOutsideTheInputIsCorrupt() {
        byte[] container = TestContainers.write(TestData.text(3 * 4096, 41), 4096);
        byte[] forged = HostileContainers.withSeekOffset(container, 1, 1L << 40);
        corrupt(post("/v1/decompress?offset=5000&length=10", forged), "seek entry 1");
        for (String endpoint : WHOLE) {
            corrupt(post(endpoint, forged), "seek entry 1");
        }
    }

    @Test
    void seekEntriesPointingAtEachOtherAreCorrupt() {
        byte[] container = TestContainers.write(TestData.text(3 * 4096, 42), 4096);
        int seekAt = (int) ByteBuffer.wrap(container, container.length - 44, 8).order(ByteOrder.LITTLE_ENDIAN)
                .getLong();
        long first = ByteBuffer.wrap(container, seekAt + 12, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] forged = HostileContainers.withSeekOffset(container, 2, first);
        corrupt(post("/v1/decompress?offset=9000&length=10", forged), "seek entry 2");
        for (String endpoint : WHOLE) {
            corrupt(post(endpoint, forged), "seek entry 2");
        }
    }

    /**
     * Every single-byte flip of a small version 2 container, over HTTP: a 400 corrupt-container problem (never a
     * 200, nor a limit or codec problem: the CRCs catch a flip before its field is believed) that points at the
     * damage or before it, or, when the flip made a length run past the input, at its end.
     */
    @Test
    void everySingleByteFlipIsAProblem() {
        byte[] container = TestContainers.write(TestData.text(2500, 46), 1024);
        for (int at = 0; at < container.length; at++) {
            byte[] bad = container.clone();
            bad[at] ^= 0x10;
            var answer = post("/v1/decompress", bad).extract();
            String flip = "a flip at " + at + " answered " + answer.statusCode() + " " + answer.asString();
            assertEquals(400, answer.statusCode(), flip);
            assertEquals(Api.PROBLEM, answer.contentType(), flip);
            assertEquals("urn:harmony4:problem:corrupt-container", answer.path("type"), flip);
            int offset = answer.path("offset");
            assertTrue(offset <= at || offset == container.length && answer.<String>path("detail")
                    .startsWith("truncated"), flip);
        }
    }

    /** Version 2: blocks reordered, duplicated or dropped with every chunk and CRC valid; the digests tell. */
    @Test
    void blocksMovedBehindValidCrcsAreCorrupt() {
        byte[] container = TestContainers.write(TestData.text(4 * 4096 + 100, 45), 4096);
        Tampering tampering = Tampering.of(container);
        // SEEK and the root still agree here: only decoding shows it, so inspect, which decodes nothing, cannot
        byte[] swapped = tampering.swapBlocksOnly(0, 1);
        corrupt(post("/v1/decompress", swapped), "block 0");
        corrupt(post("/v1/verify", swapped), "block 0");
        corrupt(post("/v1/decompress?offset=10&length=10", swapped), "block 0");
        for (byte[] forged : new byte[][] {tampering.duplicateBlock(1), tampering.dropBlock(2)}) {
            for (String endpoint : WHOLE) {
                corrupt(post(endpoint, forged), "content root");
            }
            corrupt(post("/v1/decompress?offset=10&length=10", forged), "content root");
        }
    }

    @Test
    void repeatedHeadIsCorrupt() {
        byte[] forged = HostileContainers.withHeadTwice(TestContainers.write(TestData.text(5000, 43), 4096));
        for (String endpoint : WHOLE) {
            corrupt(post(endpoint, forged), "HEAD");
        }
    }

    @Test
    void aContainerInsideAContainerIsJustContent() {
        byte[] inner = Api.compressOk(TestData.text(20_000, 44), "");
        byte[] outer = Api.compressOk(inner, "");
        byte[] decoded = Api.decompress(outer, "").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(inner, decoded, "decoding must not recurse into the content");
    }
}
