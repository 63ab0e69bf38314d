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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * FFM bindings of {@code native/include/h4core.h}, ABI version 1. Every downcall handle is made once, here.
 * Buffers are passed as heap segments to handles linked with {@link Linker.Option#critical(boolean)}
 * (no copy; the JVM holds off GC for the call).
 */
final class CoreLibrary {
    static final int ABI_VERSION = 1;

    /** Every function of the ABI with its C signature. */
    static final Map<String, FunctionDescriptor> FUNCTIONS = functions();

    /**
     * Every downcall handle this class links, and nothing else: a native image must register each one
     * ({@code META-INF/native-image/io.harmony4/harmony4/reachability-metadata.json}, checked by a test).
     */
    static final List<Downcall> DOWNCALLS = downcalls();

    /** One linked function: with {@code heapAccess}, a critical downcall that takes heap segments in place. */
    record Downcall(String function, boolean heapAccess) {
        FunctionDescriptor descriptor() {
            return FUNCTIONS.get(function);
        }
    }

    final MethodHandle abiVersion;
    final MethodHandle info;
    final MethodHandle minLevel;
    final MethodHandle maxLevel;
    final MethodHandle compressBound;
    final MethodHandle ctxCreate;
    final MethodHandle ctxFree;
    final MethodHandle compressHeap;
    final MethodHandle decompressHeap;
    final MethodHandle decompressedSizeHeap;
    final MethodHandle errorName;

    private CoreLibrary(Map<Downcall, MethodHandle> handles) {
        abiVersion = handle(handles, "h4_abi_version", false);
        info = handle(handles, "h4_info", false);
        minLevel = handle(handles, "h4_min_level", false);
        maxLevel = handle(handles, "h4_max_level", false);
        compressBound = handle(handles, "h4_compress_bound", false);
        ctxCreate = handle(handles, "h4_ctx_create", false);
        ctxFree = handle(handles, "h4_ctx_free", false);
        compressHeap = handle(handles, "h4_compress", true);
        decompressHeap = handle(handles, "h4_decompress", true);
        decompressedSizeHeap = handle(handles, "h4_decompressed_size", true);
        errorName = handle(handles, "h4_error_name", false);
    }

    /**
     * Loads the library at {@code path} into {@code arena} and checks that it speaks ABI version 1 and has every
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
        MemorySegment versionSymbol = lookup.find("h4_abi_version")
                .orElseThrow(() -> new CoreUnavailableException(
                        "the configured library is not an h4 core: it has no h4_abi_version"));
        int version;
        try {
            MethodHandle handle = foreign("link h4_abi_version",
                    () -> linker.downcallHandle(versionSymbol, FUNCTIONS.get("h4_abi_version")));
            version = (int) handle.invokeExact();
        } catch (CoreUnavailableException e) {
            throw e;
        } catch (Throwable t) {
            throw new CoreUnavailableException("h4_abi_version failed", t);
        }
        if (version != ABI_VERSION) {
            throw new CoreUnavailableException(
                    "core ABI version " + Integer.toUnsignedString(version) + " is not the supported " + ABI_VERSION);
        }
        List<String> missing = new ArrayList<>();
        for (String name : FUNCTIONS.keySet()) {
            if (lookup.find(name).isEmpty()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new CoreUnavailableException("core library lacks ABI functions: " + String.join(", ", missing));
        }
        Map<Downcall, MethodHandle> handles = new LinkedHashMap<>();
        for (Downcall downcall : DOWNCALLS) {
            MemorySegment symbol = lookup.find(downcall.function()).orElseThrow();
            handles.put(downcall, foreign("link " + downcall.function(), () -> downcall.heapAccess()
                    ? linker.downcallHandle(symbol, downcall.descriptor(), Linker.Option.critical(true))
                    : linker.downcallHandle(symbol, downcall.descriptor())));
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

    private static MethodHandle handle(Map<Downcall, MethodHandle> handles, String function, boolean heapAccess) {
        MethodHandle handle = handles.get(new Downcall(function, heapAccess));
        if (handle == null) {
            throw new IllegalStateException(function + " (heap access " + heapAccess + ") is not in DOWNCALLS");
        }
        return handle;
    }

    private static List<Downcall> downcalls() {
        // the buffer functions take heap arrays in place; everything else is an ordinary downcall
        List<String> heap = List.of("h4_compress", "h4_decompress", "h4_decompressed_size");
        List<Downcall> list = new ArrayList<>();
        for (String function : FUNCTIONS.keySet()) {
            list.add(new Downcall(function, heap.contains(function)));
        }
        return List.copyOf(list);
    }

    private static Map<String, FunctionDescriptor> functions() {
        Map<String, FunctionDescriptor> m = new LinkedHashMap<>();
        m.put("h4_abi_version", FunctionDescriptor.of(JAVA_INT));
        m.put("h4_info", FunctionDescriptor.of(ADDRESS));
        m.put("h4_min_level", FunctionDescriptor.of(JAVA_INT));
        m.put("h4_max_level", FunctionDescriptor.of(JAVA_INT));
        m.put("h4_compress_bound", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
        m.put("h4_ctx_create", FunctionDescriptor.of(ADDRESS));
        m.put("h4_ctx_free", FunctionDescriptor.ofVoid(ADDRESS));
        m.put("h4_compress", FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT));
        m.put("h4_decompressed_size", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG));
        m.put("h4_decompress", FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG));
        m.put("h4_error_name", FunctionDescriptor.of(ADDRESS, JAVA_LONG));
        return Collections.unmodifiableMap(m);
    }

    static Optional<String> jsonString(String json, String key) {
        var m = java.util.regex.Pattern.compile("\"" + key + "\"\\s*:\\s*\"([^\"\\\\]*)\"").matcher(json);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
