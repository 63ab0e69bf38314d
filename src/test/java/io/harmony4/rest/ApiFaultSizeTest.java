package io.harmony4.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A core that, on struck content, reports a size larger than it wrote. */
@QuarkusTest
@TestProfile(ApiFaultSizeTest.Fault.class)
class ApiFaultSizeTest extends ApiFaultContract {
    public static class Fault extends LatentFault {
        @Override
        String fault() {
            return "size";
        }
    }
}
