package io.harmony4.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code h4_info()} says about the core: one JSON object with at least the string fields {@code id},
 * {@code version}, {@code codec}, {@code codecVersion} and {@code kernels}, the filter kernel set the core chose
 * when it loaded ({@code plain}, {@code sse2}, {@code avx2} or {@code avx512}; {@code native/include/h4core.h}).
 * Every core of the ABI the loader accepts names all five. Other fields, such as {@code abi}, are skipped: the
 * loader asks {@code h4_abi_version()} for the ABI.
 */
record CoreInfo(String id, String version, String codec, String codecVersion, String kernels) {
    private static final List<String> REQUIRED = List.of("id", "version", "codec", "codecVersion", "kernels");

    /** The streaming parser only: databind's start-up cost buys nothing for a few fields. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * @throws CoreUnavailableException if {@code json} is not exactly one JSON object with each required field,
     *     once, as a string
     */
    static CoreInfo parse(String json) {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("it is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!REQUIRED.contains(name)) {
                    parser.skipChildren();
                } else if (value == JsonToken.VALUE_STRING) {
                    fields.put(name, parser.getText());
                } else {
                    throw invalid("\"" + name + "\" is not a string");
                }
            }
            if (parser.nextToken() != null) {
                throw invalid("something follows the JSON object");
            }
        } catch (JsonProcessingException e) { // syntax errors, a duplicate field, the end of input inside the object
            throw new CoreUnavailableException("the core's info is not valid: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a String cannot fail", e);
        }
        for (String name : REQUIRED) {
            if (!fields.containsKey(name)) {
                throw invalid("it has no \"" + name + "\"");
            }
        }
        return new CoreInfo(fields.get("id"), fields.get("version"), fields.get("codec"), fields.get("codecVersion"),
                fields.get("kernels"));
    }

    private static CoreUnavailableException invalid(String reason) {
        return new CoreUnavailableException("the core's info is not valid: " + reason);
    }
}
