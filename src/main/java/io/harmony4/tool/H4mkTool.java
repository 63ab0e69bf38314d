package io.harmony4.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.harmony4.container.ContainerHeader;
import io.harmony4.container.ContainerInspector;
import io.harmony4.container.ContainerLimits;
import io.harmony4.container.ContainerReport;
import io.harmony4.container.EngineSet;
import io.harmony4.container.UnsupportedCodecException;
import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.CompressionException;
import io.harmony4.engine.CoreEngine;
import io.harmony4.engine.EngineSelfTest;
import io.harmony4.engine.ReferenceEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * The offline check for auditors: {@code verify} or {@code inspect} an H4MK container from the command line with
 * the packaged app's classes, engine and container only, so no HTTP service starts and no port opens.
 * Exit 0 only when every check passed, 1 when the container failed one, 2 for a wrong command line or an input
 * that cannot be read. docs/offline-check.md.
 */
public final class H4mkTool {
    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    /** The variable the service reads too, so one setting serves both. */
    static final String CORE_PATH_VARIABLE = "HARMONY4_CORE_PATH";

    static final String USAGE_TEXT = """
            usage: h4mk [--json] [--core PATH] verify|inspect FILE
              verify   decode every block and check everything: framing, CRCs, seek table, trailer, SHA-256
              inspect  check framing, CRCs, seek table and trailer only; blocks are not decoded
              FILE     the container; - reads standard input
              --json   print the report as JSON instead of a summary
              --core   libh4core.so, to decode blocks the core made (default: $HARMONY4_CORE_PATH)
            exit: 0 every check passed, 1 a check failed, 2 usage error or unreadable input""";

    private final PrintStream out;
    private final PrintStream err;

    private H4mkTool(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.in, System.out, System.err, System.getenv(CORE_PATH_VARIABLE)));
    }

    /**
     * Runs one command line and returns its exit code.
     *
     * @param coreFromEnvironment the value of {@code HARMONY4_CORE_PATH}, or null; {@code --core} wins over it
     */
    public static int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err,
            String coreFromEnvironment) {
        CommandLine line;
        try {
            line = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("h4mk: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (line.help()) {
            out.println(USAGE_TEXT);
            return PASSED;
        }
        String core = line.core() != null ? line.core() : blankToNull(coreFromEnvironment);
        return new H4mkTool(out, err).check(line, stdin, core);
    }

    private int check(CommandLine line, InputStream stdin, String corePath) {
        InputStream in;
        try {
            in = line.readsStdin() ? stdin : open(line.file());
        } catch (IOException | InvalidPathException e) {
            err.println("h4mk: cannot read " + line.file() + ": " + reason(e));
            err.println(USAGE_TEXT);
            return USAGE;
        }
        try (in) {
            ContainerReport report = line.verify() ? verify(in, corePath) : ContainerInspector.inspect(in,
                    ContainerLimits.DEFAULT);
            out.println(line.json() ? json(report) : summary(line.fileName(), report));
            return PASSED;
        } catch (CompressionException e) {
            // every problem with the container is one of these, typed, naming what, the chunk and the offset
            err.println("h4mk: " + line.fileName() + ": " + oneLine(e.getMessage()) + hint(e, corePath));
            return FAILED;
        } catch (IOException e) {
            err.println("h4mk: cannot read " + line.fileName() + ": " + reason(e));
            return USAGE;
        }
    }

    private static InputStream open(String file) throws IOException {
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw new IOException("is a directory");
        }
        return Files.newInputStream(path);
    }

    private ContainerReport verify(InputStream in, String corePath) throws IOException {
        int parallelism = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, task -> {
            Thread t = new Thread(task, "h4mk-verify");
            t.setDaemon(true); // a JVM that called run(), a test's or an auditor's, never waits for them to end
            return t;
        });
        CoreEngine core = corePath == null ? null : loadCore(corePath);
        try {
            EngineSet engines = core == null ? EngineSet.of(new ReferenceEngine())
                    : EngineSet.of(new ReferenceEngine(), core);
            return ContainerInspector.verify(in, engines, ContainerLimits.DEFAULT, pool, parallelism);
        } finally {
            pool.shutdownNow();
            if (core != null) {
                core.close();
            }
        }
    }

    /** The core, or null after saying on stderr why it cannot be used: the reference engine still decodes its own. */
    private CoreEngine loadCore(String path) {
        CoreEngine core;
        try {
            core = CoreEngine.load(Path.of(path), CoreEngine.DEFAULT_LEVEL);
        } catch (CompressionException | IllegalArgumentException e) {
            warnWithoutCore(path, e);
            return null;
        }
        try {
            EngineSelfTest.run(core); // the same gate as the service's start-up: a core that fails it is not trusted
            return core;
        } catch (CompressionException e) {
            core.close();
            warnWithoutCore(path, e);
            return null;
        }
    }

    private void warnWithoutCore(String path, RuntimeException e) {
        err.println("h4mk: the core at " + path + " cannot be used (" + oneLine(e.getMessage())
                + "); continuing with the reference engine only");
    }

    private static String hint(CompressionException e, String corePath) {
        if (e instanceof UnsupportedCodecException u && CoreEngine.ID.equals(u.engineId()) && corePath == null) {
            return " (give libh4core.so with --core PATH or " + CORE_PATH_VARIABLE + ")";
        }
        return "";
    }

    private static String summary(String file, ContainerReport r) {
        String codecs = r.codecs().stream().map(H4mkTool::codec).collect(Collectors.joining(", "));
        return String.join(System.lineSeparator(),
                "file       " + file,
                "format     H4MK version " + r.formatVersion(),
                "codecs     " + codecs,
                "blocks     " + r.blocks().size() + " of up to " + r.blockSize() + " bytes",
                "content    " + r.contentSize() + " bytes",
                "container  " + r.containerSize() + " bytes",
                r.root() != null ? "root       " + r.root() : "sha-256    " + r.sha256(),
                r.contentVerified()
                        ? "result     verified: every block decoded, every CRC and every SHA-256 match"
                        : "result     structure only: framing, CRCs, seek table and trailer checked"
                                + (r.root() != null ? ", the root against the seek table;" : ";")
                                + " blocks not decoded, their SHA-256 not recomputed");
    }

    private static String codec(ContainerHeader.Codec c) {
        return c.engineId() + " " + c.engineVersion() + " (" + c.codec() + ", level " + c.level() + ")";
    }

    private static String json(ContainerReport report) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a report of records and strings always serializes
        }
    }

    private static String reason(Exception e) {
        return switch (e) {
            case java.nio.file.NoSuchFileException _ -> "no such file";
            case java.nio.file.AccessDeniedException _ -> "permission denied";
            default -> oneLine(String.valueOf(e.getMessage()));
        };
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** What the arguments ask for; options may come before or after the command. */
    record CommandLine(boolean verify, String file, boolean json, String core, boolean help) {
        boolean readsStdin() {
            return "-".equals(file);
        }

        /** The file as messages name it. */
        String fileName() {
            return readsStdin() ? "standard input" : file;
        }

        static CommandLine parse(List<String> args) {
            boolean json = false;
            String core = null;
            List<String> operands = new java.util.ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "-h", "--help" -> {
                        return new CommandLine(false, null, false, null, true);
                    }
                    case "--json" -> json = true;
                    case "--core" -> {
                        if (++i == args.size()) {
                            throw new IllegalArgumentException("--core needs a path");
                        }
                        core = args.get(i);
                    }
                    default -> {
                        if (a.startsWith("-") && !a.equals("-")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        operands.add(a);
                    }
                }
            }
            if (operands.isEmpty()) {
                throw new IllegalArgumentException("no command");
            }
            boolean verify = switch (operands.getFirst()) {
                case "verify" -> true;
                case "inspect" -> false;
                default -> throw new IllegalArgumentException("unknown command " + operands.getFirst());
            };
            if (operands.size() != 2) {
                throw new IllegalArgumentException(operands.size() == 1 ? "no FILE" : "one FILE only");
            }
            return new CommandLine(verify, operands.get(1), json, core, false);
        }
    }
}
