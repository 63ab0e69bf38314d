package io.harmony4.tool;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trains the JDK AOT cache of the packaged service (docs/deployment.md, "AOT cache"): starts it with the JVM
 * options given plus {@code -XX:AOTCacheOutput=CACHE}, on a free loopback port, with the Java runtime this tool runs
 * on; runs the {@link AotTraining} workload against it; stops it with SIGTERM, on which the JVM writes the cache.
 *
 * <p>A JVM uses the cache only when it is started the same way: the same JDK build, the same jar file (a relative
 * path is relative to the working folder), and the same options that shape the cache, such as
 * {@code --enable-native-access}. So the options given here are the production command line's. Exit 0 when the
 * cache was written, 1 when the service or the workload failed, 2 for a wrong command line.
 */
public final class AotTrainer {
    static final int ROUNDS = 20;
    static final String USAGE_TEXT = """
            usage: AotTrainer [--rounds N] CACHE JVM_OPTION... -jar APP_DIR/quarkus-run.jar
              CACHE       the AOT cache to write, e.g. app.aot
              JVM_OPTION  the options the service will run with, e.g. --enable-native-access=ALL-UNNAMED
              --rounds    how many times the workload runs (default %d)
            exit: 0 cache written, 1 training failed, 2 usage error""".formatted(ROUNDS);
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** The JVM assembles the cache at exit: about 10 s for this service on 2 cores; a slow builder gets ample room. */
    static final Duration EXIT_TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://127\\.0\\.0\\.1:(\\d+)");
    private static final String CACHE_WRITTEN = "AOTCache creation is complete";

    /** The service or the training did not produce a cache. */
    static final class TrainingException extends Exception {
        TrainingException(String message) {
            super(message);
        }
    }

    private AotTrainer() {}

    public static void main(String[] args) {
        int rounds = ROUNDS;
        int first = 0;
        if (args.length > 1 && args[0].equals("--rounds")) {
            try {
                rounds = Integer.parseInt(args[1]);
            } catch (NumberFormatException e) {
                rounds = -1;
            }
            first = 2;
        }
        List<String> jvmOptions = List.of(args).subList(Math.min(first + 1, args.length), args.length);
        if (rounds < 1 || args.length <= first + 1 || !jvmOptions.contains("-jar")) {
            System.err.println(USAGE_TEXT);
            System.exit(2);
        }
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString());
        try {
            train(Path.of(args[first]), java, jvmOptions, rounds, System.out);
        } catch (TrainingException e) {
            System.err.println("aot training failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Starts {@code java jvmOptions} with the cache output, trains it for {@code rounds}, stops it: the cache. */
    static void train(Path cache, String java, List<String> jvmOptions, int rounds, PrintStream out)
            throws TrainingException {
        try {
            Files.deleteIfExists(cache);
        } catch (IOException e) {
            throw new TrainingException("cannot replace " + cache + ": " + e);
        }
        List<String> command = new ArrayList<>(List.of(java, "-XX:AOTCacheOutput=" + cache));
        command.addAll(jvmOptions);
        Path log;
        try {
            log = Files.createTempFile("aot-training", ".log");
        } catch (IOException e) {
            throw new TrainingException("no temporary file for the service's output: " + e);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        Process service;
        try {
            service = builder.start();
        } catch (IOException e) {
            throw new TrainingException("cannot start " + java + ": " + e.getMessage());
        }
        ServiceOutput output = new ServiceOutput(service, log);
        // a trainer stopped from outside (Ctrl-C in the build) takes the service, and the JVM writing the cache, along
        Thread stopService = Thread.ofPlatform().unstarted(() -> stop(service));
        Runtime.getRuntime().addShutdownHook(stopService);
        boolean written = false;
        try {
            int port = output.port(START_TIMEOUT);
            new AotTraining(URI.create("http://127.0.0.1:" + port + "/")).run(rounds, START_TIMEOUT, out);
            service.destroy(); // SIGTERM: Quarkus shuts down and the JVM writes the cache
            if (!service.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new TrainingException("the JVM did not exit within " + EXIT_TIMEOUT + " of SIGTERM");
            }
            if (!output.cacheWritten() || !Files.isRegularFile(cache) || Files.size(cache) == 0) {
                throw new TrainingException("the JVM did not write " + cache + ":\n" + output.tail());
            }
            written = true;
            out.printf("aot training: %s, %d MiB%n", cache, Files.size(cache) >> 20);
        } catch (AotTraining.TrainingFailedException e) {
            throw new TrainingException(e.getMessage() + "\nservice output:\n" + output.tail());
        } catch (IOException e) {
            throw new TrainingException(cache + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingException("interrupted");
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopService);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs
            }
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                out.println("aot training: could not remove " + log + ": " + e);
            }
            if (!written) {
                stop(service);
                try {
                    Files.deleteIfExists(cache);
                } catch (IOException e) {
                    out.println("aot training: could not remove the incomplete " + cache + ": " + e);
                }
            }
        }
    }

    /** The service and what it started: at exit, the training JVM starts another one that assembles the cache. */
    private static void stop(Process service) {
        service.descendants().forEach(ProcessHandle::destroyForcibly);
        service.destroyForcibly();
    }

    /**
     * The service's output, in a file. Read from a pipe, its last lines (the JVM's report that the cache was written,
     * printed as it exits) were lost: the stream was closed under the reading thread once the process ended.
     * AotCacheIT starts the service the same way and finds its port with this too.
     */
    static final class ServiceOutput {
        private static final int KEPT_LINES = 40;
        private final Process service;
        private final Path file;

        ServiceOutput(Process service, Path file) {
            this.service = service;
            this.file = file;
        }

        /** Quarkus logs the port it was given once it listens. */
        int port(Duration timeout) throws TrainingException, InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Matcher listening = LISTENING.matcher(text());
                if (listening.find()) {
                    return Integer.parseInt(listening.group(1));
                }
                if (!service.isAlive()) {
                    throw new TrainingException("the service exited during start-up:\n" + tail());
                }
                Thread.sleep(100);
            }
            throw new TrainingException("the service did not listen within " + timeout + ":\n" + tail());
        }

        boolean cacheWritten() {
            return text().contains(CACHE_WRITTEN);
        }

        String tail() {
            List<String> lines = text().lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - KEPT_LINES), lines.size()));
        }

        private String text() {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(the service's output is unreadable: " + e + ")";
            }
        }
    }
}
