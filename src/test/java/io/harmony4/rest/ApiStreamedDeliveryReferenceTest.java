package io.harmony4.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@code delivery=streamed} with the reference engine serving. */
@QuarkusTest
@TestProfile(ApiReferenceTest.ReferenceEngine.class)
public class ApiStreamedDeliveryReferenceTest extends StreamedDeliveryContract {}
