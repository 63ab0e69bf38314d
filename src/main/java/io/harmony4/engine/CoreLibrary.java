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

/**
 * FFM bindings of {@code native/include/h4core.h}, ABI version 1. Every downcall handle is made once, here.
 * Buffers are passed either as heap segments to handles linked with {@link Linker.Option#critical(boolean)}
 * (no copy; the JVM holds off GC for the call) or as native segments to ordinary handles.
 */
final class CoreLibrary {
    static final int ABI_VERSION = 1;

    /** Every function of the ABI with its C signature; the native-image metadata must list the same. */
    static final Map<String, FunctionDescriptor> FUNCTIONS = functions();

    private static final Linker LINKER = Linker.nativeLinker();

    final MethodHandle abiVersion;
    final MethodHandle info;
    final MethodHandle minLevel;
    final MethodHandle maxLevel;
    final MethodHandle compressBound;
    final MethodHandle ctxCreate;
    final MethodHandle ctxFree;
    final MethodHandle compress;
    final MethodHandle decompress;
    final MethodHandle decompressedSize;
    final MethodHandle compressHeap;
    final MethodHandle decompressHeap;
    final MethodHandle decompressedSizeHeap;
    final MethodHandle errorName;

    private CoreLibrary(SymbolLookup lookup) {
        abiVersion = handle(lookup, "h4_abi_version", false);
        info = handle(lookup, "h4_info", false);
        minLevel = handle(lookup, "h4_min_level", false);
        maxLevel = handle(lookup, "h4_max_level", false);
        compressBound = handle(lookup, "h4_compress_bound", false);
        ctxCreate = handle(lookup, "h4_ctx_create", false);
        ctxFree = handle(lookup, "h4_ctx_free", false);
        compress = handle(lookup, "h4_compress", false);
        decompress = handle(lookup, "h4_decompress", false);
        decompressedSize = handle(lookup, "h4_decompressed_size", false);
        compressHeap = handle(lookup, "h4_compress", true);
        decompressHeap = handle(lookup, "h4_decompress", true);
        decompressedSizeHeap = handle(lookup, "h4_decompressed_size", true);
        errorName = handle(lookup, "h4_error_name", false);
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
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(path, arena);
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
            version = (int) LINKER.downcallHandle(versionSymbol, FUNCTIONS.get("h4_abi_version")).invokeExact();
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
        return new CoreLibrary(lookup);
    }

    private static MethodHandle handle(SymbolLookup lookup, String name, boolean heap) {
        MemorySegment symbol = lookup.find(name).orElseThrow();
        FunctionDescriptor fd = FUNCTIONS.get(name);
        return heap
                ? LINKER.downcallHandle(symbol, fd, Linker.Option.critical(true))
                : LINKER.downcallHandle(symbol, fd);
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
