package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code h4_info()} JSON: exactly one object, each required field once and as a string, or the core is refused. */
class CoreInfoTest {
    /** What the core the build just made writes: the other cases below change it. */
    private static final String CORE = builtCoresInfo();
    /** The filter kernel sets a core may name ({@code native/src/h4kernels.c}). */
    private static final Set<String> KERNEL_SETS = Set.of("plain", "sse2", "avx2", "avx512");

    @Test
    void readsWhatTheBuiltCoreWrites() throws IOException {
        JsonNode written = new ObjectMapper().readTree(CORE);
        CoreInfo info = CoreInfo.parse(CORE);
        assertEquals("h4-core", info.id());
        assertEquals(define("H4_VERSION", Path.of("native/src"), "\"([^\"]+)\""), info.version());
        assertEquals("zstd", info.codec());
        assertTrue(info.codecVersion().matches("\\d+\\.\\d+\\.\\d+"), info.codecVersion());
        assertEquals(written.path("codecVersion").textValue(), info.codecVersion());
        // the ABI it names is the header's, which is the one the loader links
        String headerAbi = define("H4_ABI_VERSION", Path.of("native/include"), "(\\d+)");
        assertEquals(Integer.parseInt(headerAbi), written.path("abi").intValue());
        assertEquals(CoreLibrary.ABI_VERSION, Integer.parseInt(headerAbi));
        // the kernel set the core chose
        assertEquals(written.path("kernels").textValue(), info.kernels());
        assertTrue(KERNEL_SETS.contains(info.kernels()), info.kernels());
        // nothing the core says is left unread but the ABI, which h4_abi_version() gives
        Set<String> names = new HashSet<>();
        written.fieldNames().forEachRemaining(names::add);
        names.removeAll(Set.of("id", "version", "codec", "codecVersion", "kernels", "abi"));
        assertEquals(Set.of(), names);
    }

    @Test
    void theEngineShowsWhatItsCoreSays() {
        CoreInfo core = CoreInfo.parse(CORE);
        try (CoreEngine engine = CoreEngine.load(NativeLibs.core(), 3)) {
            EngineInfo info = engine.info();
            assertEquals(core.version(), info.version());
            assertEquals(core.codec() + " " + core.codecVersion(), info.codec());
            assertEquals(Optional.of(core.kernels()), info.kernels());
        }
    }

    @Test
    void readsTheKernelSet() {
        String json = "{\"id\":\"h4-core\",\"version\":\"1.0.0\",\"abi\":5,\"codec\":\"zstd\","
                + "\"codecVersion\":\"1.5.4\",\"kernels\":\"avx2\"}";
        assertEquals(new CoreInfo("h4-core", "1.0.0", "zstd", "1.5.4", "avx2"), CoreInfo.parse(json));
        assertRefused(json.replace("\"avx2\"", "2"), "\"kernels\" is not a string");
        assertRefused(json.replace("}", ",\"kernels\":\"plain\"}"), "Duplicate field 'kernels'");
    }

    @Test
    void skipsOtherFieldsWhateverTheirShapeAndAllowsWhitespace() {
        String json = """
                 { "build": {"flags": ["-O2", {"lto": true}], "id": "not this one"},
                   "codecVersion": "1.5.7", "codec": "zstd", "version": "2.0.0", "id": "h4-core", "abi": 1,
                   "kernels": "sse2" }
                """;
        assertEquals(new CoreInfo("h4-core", "2.0.0", "zstd", "1.5.7", "sse2"), CoreInfo.parse(json));
    }

    @Test
    void decodesEscapedStrings() {
        String json = "{\"id\":\"h4-core\",\"version\":\"1.0.0-\\\"rc\\\"\\\\1\",\"codec\":\"z\\u0073td\","
                + "\"codecVersion\":\"1.5.4\\n\",\"kernels\":\"pl\\u0061in\"}";
        assertEquals(new CoreInfo("h4-core", "1.0.0-\"rc\"\\1", "zstd", "1.5.4\n", "plain"),
                CoreInfo.parse(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "version", "codec", "codecVersion", "kernels"})
    void refusesAMissingField(String field) {
        String json = CORE.replace("\"" + field + "\":", "\"other-" + field + "\":");
        assertRefused(json, "it has no \"" + field + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "null", "true", "{}", "[\"h4-core\"]"})
    void refusesARequiredFieldThatIsNotAString(String value) {
        for (String field : new String[] {"id", "version", "codec", "codecVersion", "kernels"}) {
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

    /** {@code h4_info()} of target/native/libh4core.so. */
    private static String builtCoresInfo() {
        try (Arena arena = Arena.ofConfined()) {
            return CoreLibrary.load(NativeLibs.core(), arena).info();
        }
    }

    /** The value of {@code #define name value} in a C file under {@code dir}. */
    private static String define(String name, Path dir, String value) {
        Pattern define = Pattern.compile("^#define\\s+" + name + "\\s+" + value, Pattern.MULTILINE);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".c") || f.toString().endsWith(".h")).toList()) {
                Matcher m = define.matcher(Files.readString(file));
                if (m.find()) {
                    return m.group(1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no #define " + name + " under " + dir);
    }

    private static void assertRefused(String json, String reason) {
        CoreUnavailableException e = assertThrows(CoreUnavailableException.class, () -> CoreInfo.parse(json), json);
        assertTrue(e.getMessage().startsWith("the core's info is not valid: ")
                && e.getMessage().contains(reason), e.getMessage());
    }
}
