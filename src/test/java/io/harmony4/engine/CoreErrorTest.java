package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link CoreError} mirrors the error codes of {@code h4core.h}, and each code means one typed failure. */
class CoreErrorTest {
    private static final Path HEADER = Path.of("native/include/h4core.h");
    /** {@code #define H4_E_CORRUPT (-6)}. */
    private static final Pattern ERROR_CODE = Pattern.compile("^#define\\s+(H4_E_\\w+)\\s+\\((-\\d+)\\)",
            Pattern.MULTILINE);

    @Test
    void theEnumListsTheHeadersCodesAndNothingElse() throws IOException {
        Map<String, Integer> header = new TreeMap<>();
        Matcher m = ERROR_CODE.matcher(Files.readString(HEADER));
        while (m.find()) {
            header.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        Map<String, Integer> mirrored = new TreeMap<>();
        for (CoreError error : CoreError.values()) {
            mirrored.put(error.headerName(), error.code);
        }
        assertEquals(header, mirrored);
    }

    @Test
    void theBuiltCoreNamesEachCodeAsTheHeaderDoes() {
        try (Arena arena = Arena.ofConfined()) {
            CoreLibrary lib = CoreLibrary.load(NativeLibs.core(), arena);
            for (CoreError error : CoreError.values()) {
                assertEquals(error.headerName(), lib.errorName(error.code));
                assertSame(error, CoreError.of(error.code));
            }
            assertEquals("H4_E_UNKNOWN", lib.errorName(-(CoreError.values().length + 1)));
            assertEquals("H4_OK", lib.errorName(0));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, Long.MAX_VALUE, -17, -1000, Integer.MIN_VALUE, Long.MIN_VALUE})
    void aValueThatIsNoErrorOfTheHeaderMapsToNone(long code) {
        assertNull(CoreError.of(code));
    }

    @ParameterizedTest
    @EnumSource(value = CoreLibrary.Operation.class, names = "DIGEST", mode = EnumSource.Mode.EXCLUDE)
    void damagedFramesAreCorruptInput(CoreLibrary.Operation operation) {
        assertEquals("not a valid, complete core frame (H4_E_CORRUPT) (at offset 0)",
                failure(CorruptInputException.class, operation, CoreError.CORRUPT).getMessage());
        assertEquals("content checksum mismatch (H4_E_CHECKSUM) (at offset 0)",
                failure(CorruptInputException.class, operation, CoreError.CHECKSUM).getMessage());
        assertEquals("frame does not declare its size (H4_E_SIZE_UNKNOWN) (at offset 0)",
                failure(CorruptInputException.class, operation, CoreError.SIZE_UNKNOWN).getMessage());
    }

    @Test
    void aSizeTooLargeIsTheFramesFaultOnlyWhenDecoding() {
        assertEquals("frame declares an impossible size (H4_E_SRC_TOO_LARGE) (at offset 0)",
                failure(CorruptInputException.class, CoreLibrary.Operation.DECOMPRESS, CoreError.SRC_TOO_LARGE)
                        .getMessage());
        CompressionException e = failure(CompressionException.class, CoreLibrary.Operation.COMPRESS,
                CoreError.SRC_TOO_LARGE);
        assertEquals(CompressionException.class, e.getClass());
        assertEquals("input too large for the core (H4_E_SRC_TOO_LARGE)", e.getMessage());
    }

    /** A frame for another dictionary, where no dictIDs are known (a container's block): damaged. */
    @Test
    void aFrameNeedingADictionaryIsCorruptInput() {
        CorruptInputException e = failure(CorruptInputException.class, CoreLibrary.Operation.DECOMPRESS,
                CoreError.DICTIONARY);
        assertEquals("the frame needs a dictionary (H4_E_DICTIONARY) (at offset 0)", e.getMessage());
    }

    @Test
    void damagedDictionaryTablesAreAnInvalidDictionary() {
        assertEquals("the dictionary's zstd tables are damaged (H4_E_CORRUPT)",
                failure(InvalidDictionaryException.class, CoreLibrary.Operation.DIGEST, CoreError.CORRUPT)
                        .getMessage());
    }

    /** What the caller can change (other samples, a larger size) is the caller's: never an engine failure. */
    @Test
    void trainingRefusalsAreTheCallers() {
        assertEquals("the samples cannot make a dictionary: too few, too small or too alike (H4_E_TRAINING)",
                failure(DictionaryTrainingException.class, CoreLibrary.Operation.TRAIN, CoreError.TRAINING)
                        .getMessage());
        assertEquals("the dictionary size asked for cannot hold a dictionary (H4_E_DST_TOO_SMALL)",
                failure(DictionaryTrainingException.class, CoreLibrary.Operation.TRAIN, CoreError.DST_TOO_SMALL)
                        .getMessage());
        assertEquals("too many samples or sample bytes to train on (H4_E_SRC_TOO_LARGE)",
                failure(DictionaryTrainingException.class, CoreLibrary.Operation.TRAIN, CoreError.SRC_TOO_LARGE)
                        .getMessage());
        assertEquals("core dictionary training failed: H4_E_NO_MEMORY",
                failure(EngineFailureException.class, CoreLibrary.Operation.TRAIN, CoreError.NO_MEMORY)
                        .getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = CoreError.class, names = {"CORRUPT", "CHECKSUM", "SIZE_UNKNOWN", "SRC_TOO_LARGE",
            "DICTIONARY", "TRAINING"}, mode = EnumSource.Mode.EXCLUDE)
    void everyOtherCodeIsAFailureOfTheEngine(CoreError error) {
        assertEquals("core decompress failed: " + error.headerName(),
                failure(EngineFailureException.class, CoreLibrary.Operation.DECOMPRESS, error).getMessage());
        assertEquals("core compress failed: " + error.headerName(),
                failure(EngineFailureException.class, CoreLibrary.Operation.COMPRESS, error).getMessage());
    }

    /** A newer core's code, or garbage: typed, never a crash nor a guess. */
    @ParameterizedTest
    @ValueSource(longs = {-16, -1000, Long.MIN_VALUE})
    void anUnknownCodeIsAFailureOfTheEngine(long code) {
        CompressionException e = CoreLibrary.failure(CoreLibrary.Operation.DECOMPRESS, code, "H4_E_UNKNOWN");
        assertInstanceOf(EngineFailureException.class, e);
        assertEquals("core decompress failed: H4_E_UNKNOWN", e.getMessage());
    }

    private static <T extends CompressionException> T failure(Class<T> type, CoreLibrary.Operation operation,
            CoreError error) {
        return assertInstanceOf(type, CoreLibrary.failure(operation, error.code, error.headerName()));
    }
}
