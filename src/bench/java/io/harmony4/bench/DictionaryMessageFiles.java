package io.harmony4.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The messages of {@link DictionaryMessages} as files, for the scripts that measure outside the JVM: for each data
 * set and size, {@code OUT/<data>-<size>/} holds {@code dictionary.bin} (the core's, trained on the training
 * messages), {@code measured/m00000...} (the held-out messages, none trained on) and, with {@code -train-files
 * true}, {@code train/m00000...} (the training messages, for {@code POST /v1/dictionaries}).
 * bench/messages-http.sh sends {@code tokens-1024/measured/m00000}; bench/messages.sh times the core's C calls on
 * the measured messages ({@code bench/dict-calls.c}).
 *
 * <p>{@code -bench message-files -files tokens,json -sizes 1024 -train-files false -out target/messages-bench/files}
 */
final class DictionaryMessageFiles {
    private DictionaryMessageFiles() {}

    static void write(Map<String, String> opt) throws IOException {
        String[] files = opt.getOrDefault("files", "tokens").split(",");
        String[] sizes = opt.getOrDefault("sizes", "1024").split(",");
        boolean trainFiles = Boolean.parseBoolean(opt.getOrDefault("train-files", "false"));
        Path out = Path.of(opt.getOrDefault("out", "target/messages-bench/files"));
        for (String data : files) {
            for (String size : sizes) {
                DictionaryMessages.Set set = DictionaryMessages.of(data, Integer.parseInt(size));
                Path dir = Files.createDirectories(out.resolve(data + "-" + size));
                Files.write(dir.resolve("dictionary.bin"), set.dictionary());
                DictionaryRatios.write(dir.resolve("measured"), List.of(set.measured()));
                if (trainFiles) {
                    DictionaryRatios.write(dir.resolve("train"), set.training());
                }
                System.out.printf(Locale.ROOT, "%s: a dictionary of %d bytes, %d measured and %d training "
                        + "messages of %s bytes%s%n", dir, set.dictionary().length, set.measured().length,
                        set.training().size(), size, trainFiles ? "" : " (training messages not written)");
            }
        }
    }
}
