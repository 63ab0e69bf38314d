package io.harmony4.container;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.harmony4.engine.CompressionException;
import io.harmony4.engine.EngineFailureException;
import io.harmony4.engine.ReferenceEngine;
import io.harmony4.engine.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * Jazzer fuzz targets for the two H4MK readers. Any input may only end in a typed {@link CompressionException}
 * (an engine failure excepted: the real core must never report one); anything else, an out-of-memory or a hang
 * included, is a finding. In {@code ./mvnw verify} these run once over the committed seeds
 * (src/test/resources/io/harmony4/container/H4mkReaderFuzzTestInputs) and then fuzz briefly; docs/reliability.md
 * gives the longer run.
 */
class H4mkReaderFuzzTest {
    /** Small limits: the readers must refuse what exceeds them before committing memory. */
    private static final ContainerLimits LIMITS = new ContainerLimits(1 << 20, 4096, 64L << 20, 1000);
    private static final EngineSet ENGINES = EngineSet.of(new ReferenceEngine(), TestEngines.core());

    @FuzzTest(maxDuration = "10s")
    void streamReader(byte[] container) throws IOException {
        read(container);
    }

    /** The same bytes with every chunk's CRC made right, so mutations reach the checks behind the CRCs. */
    @FuzzTest(maxDuration = "10s")
    void streamReaderBehindTheCrcs(byte[] container) throws IOException {
        read(fixCrcs(container));
    }

    @FuzzTest(maxDuration = "10s")
    void randomAccessReader(FuzzedDataProvider data) throws IOException {
        long offset = data.consumeLong(0, 1L << 21);
        long length = data.consumeLong(0, 1L << 21);
        byte[] container = fixCrcs(data.consumeRemainingAsBytes());
        try {
            H4mkRandomAccessReader reader = H4mkRandomAccessReader.open(RandomAccessSource.of(container), ENGINES,
                    LIMITS);
            reader.read(offset, length, OutputStream.nullOutputStream());
        } catch (CompressionException e) {
            rethrowEngineFailure(e);
        }
    }

    private static void read(byte[] container) throws IOException {
        try (H4mkInputStream in = new H4mkInputStream(new ByteArrayInputStream(container), ENGINES, LIMITS, null, 1,
                H4mkInputStream.Mode.DECODE, ContainerVisitor.NONE)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (CompressionException e) {
            rethrowEngineFailure(e);
        }
    }

    private static void rethrowEngineFailure(CompressionException e) {
        if (e instanceof EngineFailureException) {
            throw e;
        }
    }

    /** Walks the chunks after the 12-byte preamble (type u32, length u32, payload, CRC32C) and rewrites each CRC. */
    static byte[] fixCrcs(byte[] bytes) {
        byte[] out = bytes.clone();
        int at = 12;
        while (at + 12 <= out.length) {
            long length = Integer.toUnsignedLong(LittleEndian.decodeInt(out, at + 4));
            if (length > out.length - at - 12) {
                break;
            }
            int end = at + 8 + (int) length;
            CRC32C crc = new CRC32C();
            crc.update(out, at, 8 + (int) length);
            int value = (int) crc.getValue();
            out[end] = (byte) value;
            out[end + 1] = (byte) (value >>> 8);
            out[end + 2] = (byte) (value >>> 16);
            out[end + 3] = (byte) (value >>> 24);
            at = end + 4;
        }
        return out;
    }
}
