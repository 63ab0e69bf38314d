package io.harmony4.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK AOT cache as docs/deployment.md makes and runs it: {@link AotTrainer} trains one for the packaged jar
 * ({@code ./mvnw package}), a service started the same way uses it, and a cache it cannot use (not a cache at all,
 * or trained for another class path) costs one log line and nothing else: the service still becomes ready. Failsafe
 * sets {@code HARMONY4_CORE_PATH} to the core the build made, and the processes inherit it.
 */
class AotCacheIT {
    private static final Path APP = Path.of("target/quarkus-app").toAbsolutePath();
    private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();
    /** The options the images run with, less the heap's share: the cache serves only a JVM started like this. */
    private static final List<String> OPTIONS = List.of("--enable-native-access=ALL-UNNAMED",
            "-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTAdapterCaching");

    @TempDir
    static Path dir;
    private static Path cache;
    /** What the service prints when started the same way without a cache: what every run with one is compared to. */
    private static Started withoutCache;

    @BeforeAll
    static void train() throws Exception {
        cache = dir.resolve("app.aot");
        List<String> command = new ArrayList<>(List.of(JAVA, "-cp", APP + "/app/*:" + APP + "/lib/main/*",
                AotTrainer.class.getName(), "--rounds", "2", cache.toString()));
        command.addAll(OPTIONS);
        command.addAll(List.of("-jar", APP.resolve("quarkus-run.jar").toString()));
        Path out = dir.resolve("training.txt");
        Process training = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean ended = training.waitFor(10, TimeUnit.MINUTES);
        if (!ended) { // the trainer's service, and the JVM writing the cache, too
            training.descendants().forEach(ProcessHandle::destroyForcibly);
            training.destroyForcibly();
        }
        assertTrue(ended, "training did not end: " + Files.readString(out));
        assertEquals(0, training.exitValue(), Files.readString(out));
        assertTrue(Files.readString(out).contains(" in 2 rounds against h4-core "), Files.readString(out));
        assertTrue(Files.size(cache) > 0);
        withoutCache = start(APP.getParent(), null, APP.resolve("quarkus-run.jar").toString());
    }

    @Test
    void aServiceStartedTheSameWayUsesTheCache() throws Exception {
        Started service = start(APP.getParent(), cache, APP.resolve("quarkus-run.jar").toString());

        assertEquals(List.of("JVM AOT cache " + cache + " in use"), service.added(), service.output());
    }

    @Test
    void aFileThatIsNoCacheCostsOneLineAndTheServiceStillBecomesReady() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.aot"), "not an AOT cache\n".repeat(1000));
        Started service = start(APP.getParent(), garbage, APP.resolve("quarkus-run.jar").toString());

        assertEquals(1, service.added().size(), service.output());
        assertTrue(service.added().getFirst().startsWith("JVM AOT cache " + garbage + " could not be used"),
                service.output());
    }

    @Test
    void theSameJarNamedFromItsOwnFolderStillUsesTheCache() throws Exception {
        // the class path is compared as the files it names, not as the strings that name them
        Started service = start(APP, cache, "quarkus-run.jar");

        assertEquals(List.of("JVM AOT cache " + cache + " in use"), service.added(), service.output());
    }

    @Test
    void aCacheForAnotherClassPathCostsOneLineAndTheServiceStillBecomesReady() throws Exception {
        // a copy of the app in another folder, as a stale cache beside a redeployed app would see it
        Path copy = Files.createDirectories(dir.resolve("copy"));
        try (Stream<Path> files = Files.walk(APP)) {
            for (Path file : (Iterable<Path>) files.filter(f -> !f.equals(APP))::iterator) {
                Files.copy(file, copy.resolve(APP.relativize(file).toString()));
            }
        }
        Started service = start(copy, cache, "quarkus-run.jar");

        assertEquals(1, service.added().size(), service.output());
        assertTrue(service.added().getFirst().startsWith("JVM AOT cache " + cache + " could not be used"),
                service.output());
    }

    /**
     * Starts the service with the cache (none when null), waits until it answers ready, stops it; what it printed
     * until it was ready (what start-up printed, without the shutdown's lines, whose flush races the exit).
     */
    private static Started start(Path folder, Path aotCache, String jar) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(OPTIONS);
        if (aotCache != null) {
            command.add("-XX:AOTCache=" + aotCache);
        }
        command.addAll(List.of("-Xlog:aot=off", "-jar", jar));
        Path out = Files.createTempFile(dir, "service", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        Process service = builder.start();
        List<String> startup;
        try {
            int port = new AotTrainer.ServiceOutput(service, out).port(Duration.ofMinutes(2));
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), ready.body());
            startup = Files.readAllLines(out);
        } finally {
            service.destroy();
            if (!service.waitFor(1, TimeUnit.MINUTES)) {
                service.destroyForcibly();
            }
        }
        return new Started(startup);
    }

    private record Started(List<String> lines) {
        /**
         * Every line this run printed that the run without a cache did not, the JVM's own included, whatever it
         * says. Lines are compared with their numbers (times, ports, process ids) left out.
         */
        List<String> added() {
            Map<String, Long> unmatched = withoutCache.lines.stream()
                    .collect(Collectors.groupingBy(Started::shape, Collectors.counting()));
            List<String> added = new ArrayList<>();
            for (String line : lines) {
                if (unmatched.merge(shape(line), -1L, Long::sum) < 0) {
                    added.add(line.replaceFirst("^.*?(JVM AOT cache)", "$1"));
                }
            }
            return added;
        }

        private static String shape(String line) {
            return line.replaceAll("[0-9]+", "#");
        }

        /** What this run printed, and the run without a cache that it is compared to. */
        String output() {
            return String.join("\n", lines) + "\n--- started without a cache:\n"
                    + String.join("\n", withoutCache.lines);
        }
    }
}
