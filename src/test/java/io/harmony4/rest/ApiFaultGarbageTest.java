package io.harmony4.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A core that, on struck content, returns damaged bytes. */
@QuarkusTest
@TestProfile(ApiFaultGarbageTest.Fault.class)
class ApiFaultGarbageTest extends ApiFaultContract {
    public static class Fault extends LatentFault {
        @Override
        String fault() {
            return "garbage";
        }
    }

    @Override
    boolean decoderReturnsWrongBytes() {
        return true;
    }
}
