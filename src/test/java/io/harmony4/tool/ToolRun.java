package io.harmony4.tool;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One run of {@link H4mkTool#run} in the test JVM: its exit code and what it printed. */
record ToolRun(int exitCode, String out, String err) {

    /** No core in the environment, nothing on standard input. */
    static ToolRun of(List<String> args) {
        return run(args, new byte[0], null);
    }

    /** {@code HARMONY4_CORE_PATH} set to {@code core}. */
    static ToolRun withCore(List<String> args, String core) {
        return run(args, new byte[0], core);
    }

    static ToolRun withStdin(List<String> args, byte[] stdin) {
        return run(args, stdin, null);
    }

    private static ToolRun run(List<String> args, byte[] stdin, String core) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = H4mkTool.run(args, new ByteArrayInputStream(stdin), o, e, core);
        }
        return new ToolRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
