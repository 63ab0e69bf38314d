package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The native image's FFM registrations against what the core engine really links: GraalVM can only make the
 * downcall stubs that {@code reachability-metadata.json} names, so a handle missing there fails at run time.
 */
class NativeImageMetadataTest {
    private static final String METADATA = "META-INF/native-image/io.harmony4/harmony4/reachability-metadata.json";
    private static final Path HEADER = Path.of("native/include/h4core.h");
    /** A line that declares an exported function: {@code H4_API <return type> <name>(}. */
    private static final Pattern H4_API_FUNCTION =
            Pattern.compile("^H4_API\\s[^;(\\n]*?\\b(h4_\\w+)\\s*\\(", Pattern.MULTILINE);

    @Test
    void everyLinkedDowncallIsRegisteredAndNothingElse() throws IOException {
        Set<String> linked = new TreeSet<>();
        for (CoreLibrary.Downcall downcall : CoreLibrary.Downcall.values()) {
            linked.add(signature(downcall.descriptor, downcall.critical));
        }
        Set<String> registered = new TreeSet<>();
        for (JsonNode downcall : metadata().path("foreign").path("downcalls")) {
            List<String> parameters = new ArrayList<>();
            downcall.path("parameterTypes").forEach(p -> parameters.add(p.asText()));
            boolean heapAccess = downcall.path("options").path("critical").path("allowHeapAccess").asBoolean(false);
            registered.add(downcall.path("returnType").asText() + parameters + (heapAccess ? " critical+heap" : ""));
        }
        assertEquals(linked, registered);
    }

    @Test
    void theEngineDeclaresEveryFunctionOfTheHeader() throws IOException {
        Set<String> declared = new TreeSet<>();
        for (CoreLibrary.Downcall downcall : CoreLibrary.Downcall.values()) {
            declared.add(downcall.symbol);
        }
        Set<String> header = new TreeSet<>();
        Matcher m = H4_API_FUNCTION.matcher(Files.readString(HEADER));
        while (m.find()) {
            header.add(m.group(1));
        }
        assertEquals(header, declared);
        // else the critical options of the metadata would go untested
        assertTrue(Arrays.stream(CoreLibrary.Downcall.values()).anyMatch(d -> d.critical));
    }

    @Test
    void metadataIsTheOneNativeImagePicksUp() throws IOException {
        // native-image reads META-INF/native-image/<group>/<artifact>/ from the classpath
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(METADATA)) {
            assertTrue(in != null, METADATA + " is not on the classpath");
        }
        assertTrue(metadata().path("foreign").path("downcalls").size() > 0);
    }

    /** The descriptor as GraalVM's metadata writes it: JNI-style primitive names and {@code void*}. */
    private static String signature(FunctionDescriptor descriptor, boolean heapAccess) {
        List<String> parameters = descriptor.argumentLayouts().stream().map(NativeImageMetadataTest::type).toList();
        String result = descriptor.returnLayout().map(NativeImageMetadataTest::type).orElse("void");
        return result + parameters + (heapAccess ? " critical+heap" : "");
    }

    private static String type(MemoryLayout layout) {
        if (!(layout instanceof ValueLayout value)) {
            throw new AssertionError("no metadata name for " + layout);
        }
        Class<?> carrier = value.carrier();
        if (carrier == int.class) {
            return "jint";
        } else if (carrier == long.class) {
            return "jlong";
        } else if (carrier == MemorySegment.class) {
            return "void*";
        }
        throw new AssertionError("no metadata name for " + layout);
    }

    private static JsonNode metadata() throws IOException {
        try (InputStream in = NativeImageMetadataTest.class.getClassLoader().getResourceAsStream(METADATA)) {
            return new ObjectMapper().readTree(in);
        }
    }
}
