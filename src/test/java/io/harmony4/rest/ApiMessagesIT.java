package io.harmony4.rest;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;

/** The dictionary and message suite against the packaged jar, with a dictionary directory of its own. */
@QuarkusIntegrationTest
@TestProfile(ApiMessagesIT.DictionaryDirectory.class)
class ApiMessagesIT extends ApiMessagesTest {
    public static class DictionaryDirectory implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("harmony4.dictionaries.dir", "target/dictionaries-it");
        }
    }
}
