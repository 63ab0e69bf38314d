package io.harmony4.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

/**
 * The auditable reference engine: delta coding followed by run-length coding, in plain Java.
 * It defines correctness, not speed. Byte format: {@code docs/reference-engine.md}.
 *
 * <p>Stream: a 14-byte header ({@code "H4RE"}, format version, mode, original length as uint32 LE, CRC32C of
 * the original as uint32 LE) and a payload. Mode 0 stores the original bytes; mode 1 stores
 * {@code (delta, run)} pairs with {@code run} in 1..255, where the deltas are {@code x[i] - x[i-1] mod 256}
 * (with {@code x[-1] = 0}). The compressor stores raw whenever the pairs would not be shorter, so output is at most
 * {@code input.length + 14} bytes.
 */
public final class ReferenceEngine implements CompressionEngine, DeclaredContentSize {

    public static final String ID = "geometric-reference";
    public static final String VERSION = "1.0.0";

    static final int FORMAT_VERSION = 1;
    static final int MODE_STORED = 0;
    static final int MODE_DELTA_RLE = 1;
    static final int HEADER_SIZE = 14;
    static final int MAX_RUN = 255;
    private static final byte[] MAGIC = {'H', '4', 'R', 'E'};
    private static final int OFFSET_VERSION = 4;
    private static final int OFFSET_MODE = 5;
    private static final int OFFSET_LENGTH = 6;
    private static final int OFFSET_CRC = 10;
    /** Largest array the JVM reliably allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private static final EngineInfo INFO = new EngineInfo(ID, VERSION, 0, "delta-rle", 0);

    @Override
    public byte[] compress(byte[] input) {
        Objects.requireNonNull(input, "input");
        byte[] pairs = deltaRunLength(input);
        byte[] payload = pairs != null ? pairs : input;
        return ByteBuffer.allocate(HEADER_SIZE + payload.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(MAGIC)
                .put((byte) FORMAT_VERSION)
                .put((byte) (pairs != null ? MODE_DELTA_RLE : MODE_STORED))
                .putInt(input.length)
                .putInt(crc32c(input, input.length))
                .put(payload)
                .array();
    }

    /** Returns the (delta, run) pairs, or null as soon as they could not be shorter than the input. */
    private static byte[] deltaRunLength(byte[] in) {
        byte[] out = new byte[in.length];
        int o = 0;
        int i = 0;
        byte prev = 0;
        while (i < in.length) {
            byte delta = (byte) (in[i] - prev);
            prev = in[i];
            int run = 1;
            while (i + run < in.length && run < MAX_RUN && (byte) (in[i + run] - prev) == delta) {
                prev = in[i + run];
                run++;
            }
            if (o + 2 >= in.length) {
                return null;
            }
            out[o++] = delta;
            out[o++] = (byte) run;
            i += run;
        }
        return in.length == 0 ? null : Arrays.copyOf(out, o);
    }

    /** The original length {@code n} the header declares; empty for bytes that are not a whole header of version 1. */
    @Override
    public OptionalLong declaredContentSize(byte[] frame) {
        Objects.requireNonNull(frame, "frame");
        if (frame.length < HEADER_SIZE || !hasMagic(frame) || frame[OFFSET_VERSION] != FORMAT_VERSION) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(declaredLength(frame));
    }

    @Override
    public byte[] decompress(byte[] in) {
        Objects.requireNonNull(in, "compressed");
        if (in.length < HEADER_SIZE) {
            throw new CorruptInputException(
                    "truncated header: " + in.length + " of " + HEADER_SIZE + " bytes", in.length);
        }
        if (!hasMagic(in)) {
            throw new CorruptInputException("bad magic: not a " + ID + " stream", 0);
        }
        if (in[OFFSET_VERSION] != FORMAT_VERSION) {
            throw new CorruptInputException("unknown format version " + (in[OFFSET_VERSION] & 0xFF), OFFSET_VERSION);
        }
        long declared = declaredLength(in);
        int crc = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN).getInt(OFFSET_CRC);
        int payloadLength = in.length - HEADER_SIZE;

        byte[] out = switch (in[OFFSET_MODE]) {
            case MODE_STORED -> decodeStored(in, declared, payloadLength);
            case MODE_DELTA_RLE -> decodeDeltaRunLength(in, declared, payloadLength);
            default -> throw new CorruptInputException("unknown mode " + (in[OFFSET_MODE] & 0xFF), OFFSET_MODE);
        };
        if (crc32c(out, out.length) != crc) {
            throw new CorruptInputException("CRC32C of the decoded content does not match the header", OFFSET_CRC);
        }
        return out;
    }

    private static boolean hasMagic(byte[] in) {
        return Arrays.equals(in, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** The header's original length {@code n}, unsigned. */
    private static long declaredLength(byte[] in) {
        return Integer.toUnsignedLong(ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN).getInt(OFFSET_LENGTH));
    }

    private static byte[] decodeStored(byte[] in, long declared, int payloadLength) {
        if (payloadLength < declared) {
            throw new CorruptInputException(
                    "truncated: stored payload has " + payloadLength + " of " + declared + " bytes", in.length);
        }
        if (payloadLength > declared) {
            throw new CorruptInputException(
                    (payloadLength - declared) + " bytes after the stored payload", HEADER_SIZE + declared);
        }
        return Arrays.copyOfRange(in, HEADER_SIZE, in.length);
    }

    private static byte[] decodeDeltaRunLength(byte[] in, long declared, int payloadLength) {
        if (payloadLength % 2 != 0) {
            throw new CorruptInputException("truncated: payload ends inside a (delta, run) pair", in.length);
        }
        // Checked before allocating: the pairs present can describe at most this many bytes.
        long capacity = (long) (payloadLength / 2) * MAX_RUN;
        if (declared > capacity || declared > MAX_ARRAY) {
            throw new CorruptInputException("declared length " + declared
                    + " exceeds what " + payloadLength / 2 + " pairs can hold (" + capacity + ")", OFFSET_LENGTH);
        }
        byte[] out = new byte[(int) declared];
        int o = 0;
        byte value = 0;
        for (int p = HEADER_SIZE; p < in.length; p += 2) {
            byte delta = in[p];
            int run = in[p + 1] & 0xFF;
            if (run == 0) {
                throw new CorruptInputException("run length 0", p + 1);
            }
            if (run > out.length - o) {
                throw new CorruptInputException(
                        "runs exceed the declared length " + declared, p + 1);
            }
            for (int end = o + run; o < end; o++) {
                value += delta;
                out[o] = value;
            }
        }
        if (o != out.length) {
            throw new CorruptInputException("truncated: runs give " + o + " of " + declared + " bytes", in.length);
        }
        return out;
    }

    private static int crc32c(byte[] data, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, 0, length);
        return (int) crc.getValue();
    }

    @Override
    public EngineInfo info() {
        return INFO;
    }
}
