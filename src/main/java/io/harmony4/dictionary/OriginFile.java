package io.harmony4.dictionary;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sidecar that records how a dictionary was made ({@code <id>.origin}), as {@code key=value} lines:
 * {@code made=put}, or {@code made=trained} with {@code samples}, {@code sample-bytes} and {@code target-size}. It
 * only describes: the dictionary's bytes are verified by their hash, so a missing or unreadable sidecar makes the
 * origin {@link DictionaryOrigin.Unrecorded}, never the dictionary unusable.
 */
final class OriginFile {
    static final String SUFFIX = ".origin";

    private OriginFile() {}

    static String format(DictionaryOrigin origin) {
        return switch (origin) {
            case DictionaryOrigin.Put put -> "made=put\n";
            case DictionaryOrigin.Trained t -> "made=trained\nsamples=" + t.sampleCount() + "\nsample-bytes="
                    + t.sampleBytes() + "\ntarget-size=" + t.targetSize() + "\n";
            case DictionaryOrigin.Unrecorded unrecorded ->
                    throw new IllegalArgumentException("an unrecorded origin is not written");
        };
    }

    static DictionaryOrigin parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0 || fields.put(line.substring(0, eq), line.substring(eq + 1)) != null) {
                return new DictionaryOrigin.Unrecorded();
            }
        }
        try {
            return switch (fields.getOrDefault("made", "")) {
                case "put" -> fields.size() == 1 ? new DictionaryOrigin.Put() : new DictionaryOrigin.Unrecorded();
                case "trained" -> fields.size() == 4
                        ? new DictionaryOrigin.Trained(Integer.parseInt(fields.get("samples")),
                                Long.parseLong(fields.get("sample-bytes")), Integer.parseInt(fields.get("target-size")))
                        : new DictionaryOrigin.Unrecorded();
                default -> new DictionaryOrigin.Unrecorded();
            };
        } catch (IllegalArgumentException e) { // a number that is none, or out of range
            return new DictionaryOrigin.Unrecorded();
        }
    }
}
