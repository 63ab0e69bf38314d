package io.harmony4;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * The layers of README's "Where things are": dependencies point one way, engine ← container ← service ← rest and
 * health, with config beside them as the one place that knows the concrete engines; engine and container are plain
 * Java that could be lifted into a library or a command-line tool. The offline tool is that command-line tool: a
 * top layer beside rest that knows the concrete engines too (it loads them itself) but nothing of the service. The
 * dictionary store is plain Java too, above the engine and below the service that serves its dictionaries. SHA-256
 * has one home, digest, below the container, the dictionaries and the service that all use it. The
 * stream root is plain Java that depends on nothing of the project: a receiver can lift it to check a stream.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.harmony4");

    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("tool").definedBy("io.harmony4.tool..")
                .layer("rest").definedBy("io.harmony4.rest..")
                .layer("health").definedBy("io.harmony4.health..")
                .layer("service").definedBy("io.harmony4.service..")
                .layer("config").definedBy("io.harmony4.config..")
                .layer("dictionary").definedBy("io.harmony4.dictionary..")
                .layer("container").definedBy("io.harmony4.container..")
                .layer("engine").definedBy("io.harmony4.engine..")
                .layer("filter").definedBy("io.harmony4.filter..")
                .layer("digest").definedBy("io.harmony4.digest..")
                .layer("stream").definedBy("io.harmony4.stream..")
                .whereLayer("tool").mayNotBeAccessedByAnyLayer()
                .whereLayer("rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("health").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("rest", "health")
                .whereLayer("config").mayOnlyBeAccessedByLayers("service", "rest", "health")
                .whereLayer("dictionary").mayOnlyBeAccessedByLayers("service", "rest", "config", "tool")
                .whereLayer("container").mayOnlyBeAccessedByLayers("config", "service", "rest", "tool")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("dictionary", "container", "config", "service", "rest",
                        "health", "tool")
                .whereLayer("filter").mayOnlyBeAccessedByLayers("container", "service")
                .whereLayer("digest").mayOnlyBeAccessedByLayers("container", "dictionary", "service")
                .whereLayer("stream").mayOnlyBeAccessedByLayers("service", "rest", "tool")
                .check(MAIN);
    }

    /**
     * The tool runs without the service: nothing of Quarkus may be pulled in, or it would boot or need its class path.
     * The filters are plain Java like the engine and the container, below the container that applies them.
     */
    @Test
    void engineContainerAndToolArePlainJava() {
        noClasses().that().resideInAnyPackage("io.harmony4.engine..", "io.harmony4.filter..", "io.harmony4.container..",
                        "io.harmony4.dictionary..", "io.harmony4.tool..", "io.harmony4.digest..",
                        "io.harmony4.stream..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "io.vertx..",
                        "org.eclipse.microprofile..", "io.smallrye..", "org.jboss..", "io.micrometer..")
                .check(MAIN);
    }

    /** The binding is the one place that links and calls the core (aircompressor's ZstdNative keeps it so too). */
    @Test
    void onlyCoreLibraryCallsTheCore() {
        noClasses().that().doNotHaveFullyQualifiedName("io.harmony4.engine.CoreLibrary")
                .and().haveNameNotMatching("io\\.harmony4\\.engine\\.CoreLibrary\\$.*")
                .should().callMethod(MethodHandle.class, "invokeExact", Object[].class)
                .orShould().callMethod(MethodHandle.class, "invoke", Object[].class)
                .orShould().dependOnClassesThat().areAssignableTo(Linker.class)
                .orShould().dependOnClassesThat().areAssignableTo(SymbolLookup.class)
                .check(MAIN);
    }

    /** Chunks are framed and checked in one place: no other class of the container computes a CRC32C. */
    @Test
    void onlyChunkFramingChecksChunks() {
        noClasses().that().resideInAPackage("io.harmony4.container..")
                .and().doNotHaveFullyQualifiedName("io.harmony4.container.ChunkFraming")
                .should().dependOnClassesThat().areAssignableTo(CRC32C.class)
                .check(MAIN);
    }

    @Test
    void onlyConfigAndToolKnowTheConcreteEngines() {
        noClasses().that().resideOutsideOfPackages("io.harmony4.engine..", "io.harmony4.config..", "io.harmony4.tool..")
                .should().dependOnClassesThat().haveSimpleName("CoreEngine")
                .orShould().dependOnClassesThat().haveSimpleName("ReferenceEngine")
                .check(MAIN);
    }
}
