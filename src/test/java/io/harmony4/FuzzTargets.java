package io.harmony4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * Fuzzes every {@code @FuzzTest} method of the test classes, each in a JVM of its own, for the time its annotation
 * gives: Jazzer fuzzes one target per JVM and skips the others, so one surefire execution (pom.xml, {@code fuzz})
 * runs this class, which finds the targets by their annotation and starts a JVM for each. {@code -Dfuzz.target=}
 * picks one ({@code Class#method}) or a class's; {@code jazzer.*} properties reach the targets' JVMs.
 */
class FuzzTargets {
    @TestFactory
    Stream<DynamicTest> fuzzEveryTarget() throws IOException, URISyntaxException {
        String only = System.getProperty("fuzz.target", "");
        List<String> targets = targets().stream().filter(target -> only.isEmpty() || names(target, only)).toList();
        assertFalse(targets.isEmpty(), "no @FuzzTest method" + (only.isEmpty() ? "" : " matches " + only));
        return targets.stream().map(target -> DynamicTest.dynamicTest(target, () -> fuzz(target)));
    }

    /** Whether {@code name}, a class or {@code Class#method} with the class's simple or full name, names it. */
    private static boolean names(String target, String name) {
        if (name.contains("#")) {
            return target.equals(name) || target.endsWith("." + name);
        }
        return target.startsWith(name + "#") || target.contains("." + name + "#");
    }

    /** Every {@code Class#method} annotated {@code @FuzzTest} in the folder this class was loaded from. */
    private static List<String> targets() throws IOException, URISyntaxException {
        Path classes = Path.of(FuzzTargets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> targets = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = classes.relativize(file).toString().replace(".class", "").replace('/', '.');
                Class<?> type;
                try {
                    type = Class.forName(name, false, FuzzTargets.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
                Arrays.stream(type.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(FuzzTest.class))
                        .map(m -> type.getName() + "#" + m.getName()).sorted()
                        .forEach(targets::add);
            }
        }
        return targets;
    }

    /** One target in a JVM like this one (its options, class path, log manager, h4.* and jazzer.* properties). */
    private static void fuzz(String target) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-XX:+EnableDynamicAgentLoading"); // Jazzer loads its agent once running
        System.getProperties().stringPropertyNames().stream().sorted()
                .filter(key -> key.startsWith("h4.") || key.startsWith("jazzer.")
                        || key.equals("java.util.logging.manager"))
                .forEach(key -> command.add("-D" + key + "=" + System.getProperty(key)));
        command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), FuzzTargets.class.getName(), target));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAZZER_FUZZ", "1");
        Process process = builder.start();
        // through this JVM's System.out, which surefire reads, rather than onto its stdout channel
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            out.lines().forEach(System.out::println);
        }
        assertEquals(0, process.waitFor(), target + " failed or did not fuzz (its output is above)");
    }

    /** In the target's JVM: runs the one method {@code Class#method} and exits 0 only if it ran and passed. */
    public static void main(String[] args) throws ClassNotFoundException {
        String[] target = args[0].split("#");
        Method method = Arrays.stream(Class.forName(target[0]).getDeclaredMethods())
                .filter(m -> m.getName().equals(target[1])).findFirst().orElseThrow();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectMethod(method.getDeclaringClass(), method)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        summary.printTo(out);
        summary.printFailuresTo(out, 30);
        boolean passed = summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0
                && summary.getTestsSkippedCount() == 0 && summary.getTestsAbortedCount() == 0;
        System.exit(passed ? 0 : 1);
    }
}
