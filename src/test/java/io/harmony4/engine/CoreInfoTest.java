package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code h4_info()} JSON: exactly one object, each required field once and as a string, or the core is refused. */
class CoreInfoTest {
    /** What native/src/h4core.c writes. */
    private static final String CORE =
            "{\"id\":\"h4-core\",\"version\":\"1.0.0\",\"abi\":1,\"codec\":\"zstd\",\"codecVersion\":\"1.5.4\"}";

    @Test
    void readsWhatTheCoreWrites() {
        assertEquals(new CoreInfo("h4-core", "1.0.0", "zstd", "1.5.4", Optional.empty()), CoreInfo.parse(CORE));
    }

    @Test
    void readsTheKernelSetWhereTheCoreNamesIt() {
        String json = "{\"id\":\"h4-core\",\"version\":\"1.0.0\",\"abi\":4,\"codec\":\"zstd\","
                + "\"codecVersion\":\"1.5.4\",\"kernels\":\"avx2\"}";
        assertEquals(new CoreInfo("h4-core", "1.0.0", "zstd", "1.5.4", Optional.of("avx2")), CoreInfo.parse(json));
        String older = json.replace(",\"kernels\":\"avx2\"", "");
        assertEquals(new CoreInfo("h4-core", "1.0.0", "zstd", "1.5.4", Optional.empty()), CoreInfo.parse(older));
        assertRefused(json.replace("\"avx2\"", "2"), "\"kernels\" is not a string");
        assertRefused(json.replace("}", ",\"kernels\":\"plain\"}"), "Duplicate field 'kernels'");
    }

    @Test
    void skipsOtherFieldsWhateverTheirShapeAndAllowsWhitespace() {
        String json = """
                 { "build": {"flags": ["-O2", {"lto": true}], "id": "not this one"},
                   "codecVersion": "1.5.7", "codec": "zstd", "version": "2.0.0", "id": "h4-core", "abi": 1 }
                """;
        assertEquals(new CoreInfo("h4-core", "2.0.0", "zstd", "1.5.7", Optional.empty()), CoreInfo.parse(json));
    }

    @Test
    void decodesEscapedStrings() {
        String json = "{\"id\":\"h4-core\",\"version\":\"1.0.0-\\\"rc\\\"\\\\1\",\"codec\":\"z\\u0073td\","
                + "\"codecVersion\":\"1.5.4\\n\"}";
        assertEquals(new CoreInfo("h4-core", "1.0.0-\"rc\"\\1", "zstd", "1.5.4\n", Optional.empty()),
                CoreInfo.parse(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "version", "codec", "codecVersion"})
    void refusesAMissingField(String field) {
        String json = CORE.replace("\"" + field + "\":", "\"other-" + field + "\":");
        assertRefused(json, "it has no \"" + field + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "null", "true", "{}", "[\"h4-core\"]"})
    void refusesARequiredFieldThatIsNotAString(String value) {
        for (String field : new String[] {"id", "version", "codec", "codecVersion"}) {
            String json = CORE.replaceFirst("\"" + field + "\":\"[^\"]*\"", "\"" + field + "\":" + value);
            assertRefused(json, "\"" + field + "\" is not a string");
        }
    }

    @Test
    void refusesDuplicateFields() {
        assertRefused(CORE.replace("}", ",\"version\":\"9.9.9\"}"), "Duplicate field 'version'");
        assertRefused(CORE.replace("}", ",\"abi\":2}"), "Duplicate field 'abi'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "[]", "[{\"id\":\"h4-core\"}]", "\"h4-core\"", "42", "null"})
    void refusesWhatIsNotAnObject(String json) {
        CoreUnavailableException e = assertThrows(CoreUnavailableException.class, () -> CoreInfo.parse(json));
        assertTrue(e.getMessage().startsWith("the core's info is not valid: "), e.getMessage());
    }

    @Test
    void refusesAnythingAfterTheObject() {
        assertRefused(CORE + " {}", "something follows the JSON object");
        assertRefused(CORE + CORE, "something follows the JSON object");
        assertRefused(CORE + "\"x\"", "something follows the JSON object");
        assertRefused(CORE + "}", "Unexpected close marker");
        assertRefused(CORE + "garbage", "Unrecognized token 'garbage'");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"h4-core\"", // cut short
        "{\"id\":\"h4-core\",}", // trailing comma
        "{'id':'h4-core'}", // single quotes
        "{id:\"h4-core\"}", // unquoted name
        "{/* c */\"id\":\"h4-core\"}", // comment
        "{\"id\":\"h4-core\" \"version\":\"1\"}" // no comma
    })
    void refusesWhatIsNotStrictJson(String json) {
        CoreUnavailableException e = assertThrows(CoreUnavailableException.class, () -> CoreInfo.parse(json));
        assertTrue(e.getMessage().startsWith("the core's info is not valid: "), e.getMessage());
        assertTrue(e.getCause() != null, "the parser's exception is kept as the cause");
    }

    private static void assertRefused(String json, String reason) {
        CoreUnavailableException e = assertThrows(CoreUnavailableException.class, () -> CoreInfo.parse(json), json);
        assertTrue(e.getMessage().startsWith("the core's info is not valid: ")
                && e.getMessage().contains(reason), e.getMessage());
    }
}
