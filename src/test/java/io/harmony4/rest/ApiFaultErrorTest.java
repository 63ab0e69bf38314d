package io.harmony4.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A core that, on struck content, fails with an error. */
@QuarkusTest
@TestProfile(ApiFaultErrorTest.Fault.class)
class ApiFaultErrorTest extends ApiFaultContract {
    public static class Fault extends LatentFault {
        @Override
        String fault() {
            return "error";
        }
    }
}
