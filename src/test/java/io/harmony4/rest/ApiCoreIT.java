package io.harmony4.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The core's API suite against the packaged jar, run as its own process in the prod profile. The core comes from
 * the environment, as in a container: failsafe sets {@code HARMONY4_CORE_PATH} to the library the build made.
 */
@QuarkusIntegrationTest
class ApiCoreIT extends ApiCoreTest {}
