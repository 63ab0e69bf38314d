package io.harmony4.config;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Says in one line at start-up whether the JVM runs with the AOT cache it was given ({@code -XX:AOTCache}). A cache
 * the JVM cannot use (another JDK build, class path or JVM options than it was trained with) never stops the
 * service: the JVM starts without it, and the images silence its own multi-line complaint ({@code -Xlog:aot=off}) so
 * that this line is the one that says so (docs/deployment.md, "AOT cache").
 */
@Singleton
public class AotCacheStartupLog {
    private static final Logger LOG = Logger.getLogger(AotCacheStartupLog.class);

    /** What start-up reports: at which level, and the line. */
    record Report(Logger.Level level, String message) {}

    void onStart(@Observes StartupEvent event) {
        if (ImageMode.current() == ImageMode.NATIVE_RUN) {
            return; // a native executable has no JVM cache to use
        }
        String cache;
        String mode;
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (vm == null) {
                return; // not HotSpot: no AOT cache options
            }
            cache = vm.getVMOption("AOTCache").getValue();
            mode = vm.getVMOption("AOTMode").getValue();
        } catch (IllegalArgumentException | LinkageError e) {
            return; // a HotSpot without AOT caches, or a runtime linked without jdk.management: nothing to report
        }
        report(cache, mode, System.getProperty("java.vm.info", ""))
                .ifPresent(report -> LOG.log(report.level(), report.message()));
    }

    /**
     * The JVM names a mapped cache (or CDS archive) in {@code java.vm.info} as "sharing"; given a cache it cannot
     * map, it does not fall back to the JDK's default archive, so "sharing" means this cache is in use.
     */
    static Optional<Report> report(String cache, String mode, String vmInfo) {
        if (cache.isEmpty()) {
            return Optional.empty();
        }
        if ("off".equals(mode)) {
            return Optional.of(new Report(Logger.Level.INFO, "JVM AOT cache " + cache + " not used: -XX:AOTMode=off"));
        }
        if (vmInfo.contains("sharing")) {
            return Optional.of(new Report(Logger.Level.INFO, "JVM AOT cache " + cache + " in use"));
        }
        return Optional.of(new Report(Logger.Level.WARN, "JVM AOT cache " + cache + " could not be used (another JDK "
                + "build, class path, JVM options or CPU than it was trained with, or not a cache); started without "
                + "it, which only costs start-up time. JAVA_TOOL_OPTIONS=-Xlog:aot:stderr shows the JVM's reason"));
    }
}
