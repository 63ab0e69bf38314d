package io.harmony4.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The streams suite against the packaged application. */
@QuarkusIntegrationTest
class ApiStreamsIT extends ApiStreamsTest {}
