package io.harmony4.engine;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * FFM bindings of {@code native/include/h4core.h}, ABI version 4. Every downcall handle is made once, here.
 * Buffers are passed as heap segments to handles linked with {@link Linker.Option#critical(boolean)}
 * (no copy; the JVM holds off GC for the call).
 */
final class CoreLibrary {
    /** The one ABI this build links: 4 added {@code h4_filter_apply} and {@code _undo}, so ABI 3 is refused. */
    static final int ABI_VERSION = 4;

    /**
     * Every function of the ABI, declared once: its symbol, its C signature, and whether it is linked
     * {@link Linker.Option#critical(boolean) critical} with heap access, so that Java arrays are passed in place.
     * The loader checks and links exactly these; a native image must register each descriptor
     * ({@code META-INF/native-image/io.harmony4/harmony4/reachability-metadata.json}, checked by a test).
     */
    enum Downcall {
        ABI_VERSION("h4_abi_version", false, FunctionDescriptor.of(JAVA_INT)),
        INFO("h4_info", false, FunctionDescriptor.of(ADDRESS)),
        MIN_LEVEL("h4_min_level", false, FunctionDescriptor.of(JAVA_INT)),
        MAX_LEVEL("h4_max_level", false, FunctionDescriptor.of(JAVA_INT)),
        COMPRESS_BOUND("h4_compress_bound", false, FunctionDescriptor.of(JAVA_LONG, JAVA_LONG)),
        CTX_CREATE("h4_ctx_create", false, FunctionDescriptor.of(ADDRESS)),
        CTX_FREE("h4_ctx_free", false, FunctionDescriptor.ofVoid(ADDRESS)),
        COMPRESS("h4_compress", true,
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT)),
        DECOMPRESSED_SIZE("h4_decompressed_size", true, FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG)),
        DECOMPRESS("h4_decompress", true,
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG)),
        DECOMPRESS_UNCHECKED("h4_decompress_unchecked", true,
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG)),
        DECOMPRESS_BEGIN("h4_decompress_begin", true,
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT)),
        /** Its output is native memory, the same on every step: zstd refers back to it, and the GC moves arrays. */
        DECOMPRESS_STEP("h4_decompress_step", true,
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG)),
        /** Short and never blocking, on arrays of a block: in place, like the codec's calls. */
        FILTER_APPLY("h4_filter_apply", true,
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG)),
        FILTER_UNDO("h4_filter_undo", true,
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG)),
        ERROR_NAME("h4_error_name", false, FunctionDescriptor.of(ADDRESS, JAVA_LONG));

        final String symbol;
        /** Linked with {@code Linker.Option.critical(true)}: heap segments are passed in place, GC waits. */
        final boolean critical;
        final FunctionDescriptor descriptor;

        Downcall(String symbol, boolean critical, FunctionDescriptor descriptor) {
            this.symbol = symbol;
            this.critical = critical;
            this.descriptor = descriptor;
        }

        private MethodHandle link(Linker linker, MemorySegment address) {
            return foreign("link " + symbol, () -> critical
                    ? linker.downcallHandle(address, descriptor, Linker.Option.critical(true))
                    : linker.downcallHandle(address, descriptor));
        }
    }

    /** Indexed by {@link Downcall#ordinal()}. */
    private final MethodHandle[] handles;

    private CoreLibrary(MethodHandle[] handles) {
        this.handles = handles;
    }

    /** The linked handle of one ABI function. */
    MethodHandle handle(Downcall downcall) {
        return handles[downcall.ordinal()];
    }

    /**
     * Loads the library at {@code path} into {@code arena} and checks that it speaks {@link #ABI_VERSION} and has every
     * function of it. The library stays loaded until the arena is closed.
     *
     * @throws CoreUnavailableException with a reason that names no path
     */
    static CoreLibrary load(Path path, Arena arena) {
        if (!Files.isRegularFile(path)) {
            throw new CoreUnavailableException("no core library file at the configured path");
        }
        Linker linker = foreign("link native code", Linker::nativeLinker);
        SymbolLookup lookup;
        try {
            lookup = foreign("load a shared library", () -> SymbolLookup.libraryLookup(path, arena));
        } catch (IllegalArgumentException e) {
            throw new CoreUnavailableException("the configured core file is not a loadable shared library", e);
        } catch (IllegalCallerException e) {
            throw new CoreUnavailableException(
                    "native access is not enabled for this JVM (--enable-native-access=ALL-UNNAMED)", e);
        }
        // The version first: a library of another ABI may have the same names with other signatures.
        MemorySegment versionSymbol = lookup.find(Downcall.ABI_VERSION.symbol)
                .orElseThrow(() -> new CoreUnavailableException(
                        "the configured library is not an h4 core: it has no " + Downcall.ABI_VERSION.symbol));
        MethodHandle versionHandle = Downcall.ABI_VERSION.link(linker, versionSymbol);
        int version;
        try {
            version = (int) versionHandle.invokeExact();
        } catch (Throwable t) {
            throw new CoreUnavailableException(Downcall.ABI_VERSION.symbol + " failed", t);
        }
        if (version != ABI_VERSION) {
            throw new CoreUnavailableException(
                    "core ABI version " + Integer.toUnsignedString(version) + " is not the supported " + ABI_VERSION);
        }
        List<String> missing = Arrays.stream(Downcall.values())
                .map(downcall -> downcall.symbol)
                .filter(symbol -> lookup.find(symbol).isEmpty())
                .toList();
        if (!missing.isEmpty()) {
            throw new CoreUnavailableException("core library lacks ABI functions: " + String.join(", ", missing));
        }
        MethodHandle[] handles = new MethodHandle[Downcall.values().length];
        for (Downcall downcall : Downcall.values()) {
            handles[downcall.ordinal()] = downcall == Downcall.ABI_VERSION
                    ? versionHandle
                    : downcall.link(linker, lookup.find(downcall.symbol).orElseThrow());
        }
        return new CoreLibrary(handles);
    }

    /**
     * Runs one FFM step. A runtime without FFM support (a native image built without it, or one whose metadata
     * lacks a downcall) fails here with a reason, so that {@code auto} mode falls back instead of crashing.
     */
    static <T> T foreign(String step, Supplier<T> call) {
        try {
            return call.get();
        } catch (UnsupportedOperationException | LinkageError e) {
            throw new CoreUnavailableException("this runtime cannot " + step + " through FFM ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error e) { // GraalVM reports unsupported features as Errors of its own
            throw new CoreUnavailableException("this runtime cannot " + step + " through FFM ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }
}
