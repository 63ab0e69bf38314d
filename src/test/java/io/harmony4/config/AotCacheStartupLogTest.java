package io.harmony4.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.config.AotCacheStartupLog.Report;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/** The start-up line about the AOT cache, from the JVM's options and its own account of sharing. */
class AotCacheStartupLogTest {
    private static final String MAPPED = "mixed mode, sharing";
    private static final String NOT_MAPPED = "mixed mode";

    @Test
    void withoutACacheNothingIsSaid() {
        assertEquals(Optional.empty(), AotCacheStartupLog.report("", "", MAPPED));
        assertEquals(Optional.empty(), AotCacheStartupLog.report("", "", NOT_MAPPED));
    }

    @Test
    void aMappedCacheIsInUse() {
        assertEquals(Optional.of(new Report(Logger.Level.INFO, "JVM AOT cache /deployments/app.aot in use")),
                AotCacheStartupLog.report("/deployments/app.aot", "", MAPPED));
    }

    @Test
    void aCacheTheJvmRefusedIsOneWarningThatSaysHowToSeeWhy() {
        Report report = AotCacheStartupLog.report("/deployments/app.aot", "auto", NOT_MAPPED).orElseThrow();
        assertEquals(Logger.Level.WARN, report.level());
        assertTrue(report.message().startsWith("JVM AOT cache /deployments/app.aot could not be used"), report.message());
        assertTrue(report.message().contains("started without it"), report.message());
        assertTrue(report.message().endsWith("JAVA_TOOL_OPTIONS=-Xlog:aot:stderr shows the JVM's reason"), report.message());
        assertEquals(1, report.message().lines().count());
    }

    @Test
    void aCacheSwitchedOffIsNotMistakenForTheDefaultArchive() {
        // the mode decides, whatever java.vm.info says
        assertEquals(Optional.of(new Report(Logger.Level.INFO, "JVM AOT cache /deployments/app.aot not used: "
                + "-XX:AOTMode=off")), AotCacheStartupLog.report("/deployments/app.aot", "off", MAPPED));
    }
}
