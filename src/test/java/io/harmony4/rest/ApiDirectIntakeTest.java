package io.harmony4.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Bodies taken from the socket's buffers (the default on HTTP/1.1). */
@QuarkusTest
@TestProfile(ApiEchoTest.EchoOn.class)
public class ApiDirectIntakeTest extends DirectIntakeContract {
    @Override
    boolean direct() {
        return true;
    }
}
