package io.harmony4.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The streams suite against the packaged application, with the dictionary directory of {@link ApiMessagesIT} (the
 * packaged app runs the prod profile, which names none): a stream seeded with a stored dictionary needs one.
 */
@QuarkusIntegrationTest
@TestProfile(ApiMessagesIT.DictionaryDirectory.class)
class ApiStreamsIT extends ApiStreamsTest {}
