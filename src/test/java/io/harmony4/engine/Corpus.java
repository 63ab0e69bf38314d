package io.harmony4.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * The Silesia corpus files, when the machine has them. Zips are read from {@code h4.corpus.dir}
 * (default {@code ../shared/corpus}) and unzipped once into {@code h4.corpus.work} (default
 * {@code target/corpus}). A clone without the corpus gets an empty list, never a failure; tests that are about the
 * corpus take {@link #filesOrSkip()} or {@link #dynamicTests}, so that a run without it reports them as skipped
 * instead of passed.
 */
public final class Corpus {
    private Corpus() {}

    /** The corpus files, or a skip of the calling test (a JUnit assumption) that says where they were looked for. */
    public static List<Path> filesOrSkip() {
        List<Path> files = files();
        Assumptions.assumeFalse(files.isEmpty(), () -> "no Silesia corpus zips in "
                + source().toAbsolutePath().normalize() + " (-Dh4.corpus.dir): the corpus cases did not run");
        return files;
    }

    /** Runs {@code check} on the bytes of each corpus file; without the corpus, skips the calling test. */
    public static void forEachOrSkip(Consumer<byte[]> check) throws IOException {
        for (Path file : filesOrSkip()) {
            check.accept(Files.readAllBytes(file));
        }
    }

    /** The tests {@code perFile} makes for each corpus file; without the corpus, one that is reported skipped. */
    public static Stream<DynamicTest> dynamicTests(Function<Path, Stream<DynamicTest>> perFile) {
        List<Path> files = files();
        return files.isEmpty() ? Stream.of(DynamicTest.dynamicTest("corpus", Corpus::filesOrSkip))
                : files.stream().flatMap(perFile);
    }

    public static synchronized List<Path> files() {
        Path source = source();
        Path work = Path.of(System.getProperty("h4.corpus.work", "target/corpus"));
        if (!Files.isDirectory(source)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> zips = Files.list(source)) {
            for (Path zip : zips.filter(p -> p.toString().endsWith(".zip")).sorted().toList()) {
                files.addAll(unzip(zip, work));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static Path source() {
        return Path.of(System.getProperty("h4.corpus.dir", "../shared/corpus"));
    }

    private static List<Path> unzip(Path zip, Path work) throws IOException {
        Files.createDirectories(work);
        List<Path> out = new ArrayList<>();
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            for (ZipEntry e : zf.stream().filter(e -> !e.isDirectory()).toList()) {
                Path target = work.resolve(Path.of(e.getName()).getFileName().toString());
                if (!Files.exists(target) || Files.size(target) != e.getSize()) {
                    Path tmp = Files.createTempFile(work, "unzip", ".tmp");
                    try (InputStream in = zf.getInputStream(e)) {
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    }
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
                out.add(target);
            }
        }
        return out;
    }
}
