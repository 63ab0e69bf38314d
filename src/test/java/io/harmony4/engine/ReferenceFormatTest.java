package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;

/** Pins the byte format of docs/reference-engine.md and the decoder's checks on hostile headers. */
class ReferenceFormatTest {
    private final ReferenceEngine engine = new ReferenceEngine();

    @Test
    void runOfThreeIsOnePairAfterTheHeader() {
        byte[] out = engine.compress(new byte[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5});
        // magic H4RE, version 1, mode 1, length 20, CRC32C, then pairs (5,1) (0,19)
        String expected = "48345245" + "01" + "01" + "14000000" + hex(le(crc(20, (byte) 5))) + "0501" + "0013";
        assertEquals(expected, hex(out));
    }

    @Test
    void rampBecomesConstantDeltas() {
        byte[] out = engine.compress(TestData.ramp(510));
        assertEquals(ReferenceEngine.MODE_DELTA_RLE, out[5]);
        // x[0]=0 gives delta 0 once, then delta 1 repeats: (0,1) (1,255) (1,254)
        assertEquals("0001" + "01ff" + "01fe", hex(out).substring(28));
    }

    @Test
    void incompressibleInputIsStoredWithFourteenBytesOverhead() {
        byte[] data = TestData.random(1000, 1);
        byte[] out = engine.compress(data);
        assertEquals(ReferenceEngine.MODE_STORED, out[5]);
        assertEquals(data.length + ReferenceEngine.HEADER_SIZE, out.length);
    }

    @Test
    void hugeDeclaredLengthIsRefusedBeforeAllocation() {
        byte[] forged = concat(header(1, 0xFFFF_FFFFL, 0), new byte[] {0, (byte) 255});
        CorruptInputException e = assertThrows(CorruptInputException.class, () -> engine.decompress(forged));
        assertEquals(6, e.offset());
        assertTrue(e.getMessage().contains("declared length 4294967295"), e.getMessage());
    }

    @Test
    void runsPastTheDeclaredLengthAreRejectedAtTheRunByte() {
        // declares 300 bytes; the pairs (0,255) (0,255) expand to 510
        byte[] forged = concat(header(1, 300, crc(300, (byte) 0)), new byte[] {0, (byte) 255, 0, (byte) 255});
        CorruptInputException e = assertThrows(CorruptInputException.class, () -> engine.decompress(forged));
        assertEquals(17, e.offset());
        assertTrue(e.getMessage().contains("runs exceed the declared length 300"), e.getMessage());
    }

    @Test
    void theDeclaredLengthIsReadFromTheHeaderAlone() {
        byte[] frame = engine.compress(new byte[2_000_000]);
        assertEquals(OptionalLong.of(2_000_000), engine.declaredContentSize(frame));
        // the header alone is enough: the payload is not looked at
        assertEquals(OptionalLong.of(0xFFFF_FFFFL), engine.declaredContentSize(header(9, 0xFFFF_FFFFL, 0)));
        assertEquals(OptionalLong.empty(), engine.declaredContentSize(Arrays.copyOf(frame, 13)));
        byte[] otherVersion = frame.clone();
        otherVersion[4] = 2;
        assertEquals(OptionalLong.empty(), engine.declaredContentSize(otherVersion));
        byte[] otherMagic = frame.clone();
        otherMagic[0] = 'h';
        assertEquals(OptionalLong.empty(), engine.declaredContentSize(otherMagic));
    }

    @Test
    void zeroRunIsRejectedAtItsOffset() {
        byte[] forged = concat(header(1, 1, 0), new byte[] {1, 0});
        CorruptInputException e = assertThrows(CorruptInputException.class, () -> engine.decompress(forged));
        assertEquals(15, e.offset());
    }

    @Test
    void unknownVersionAndModeAreNamed() {
        byte[] v = header(1, 0, 0);
        v[4] = 2;
        assertEquals(4, assertThrows(CorruptInputException.class, () -> engine.decompress(v)).offset());
        byte[] m = header(7, 0, 0);
        assertEquals(5, assertThrows(CorruptInputException.class, () -> engine.decompress(m)).offset());
    }

    @Test
    void trailingBytesAfterStoredPayloadAreRejected() {
        byte[] good = engine.compress(TestData.random(10, 2));
        byte[] longer = concat(good, new byte[] {0});
        assertEquals(24, assertThrows(CorruptInputException.class, () -> engine.decompress(longer)).offset());
    }

    @Test
    void crcMismatchIsDetected() {
        byte[] good = engine.compress(TestData.random(10, 3));
        good[20] ^= 1;
        CorruptInputException e = assertThrows(CorruptInputException.class, () -> engine.decompress(good));
        assertEquals(10, e.offset());
    }

    @Test
    void emptyInputIsAHeaderOnly() {
        byte[] out = engine.compress(new byte[0]);
        assertEquals(ReferenceEngine.HEADER_SIZE, out.length);
        assertArrayEquals(new byte[0], engine.decompress(out));
    }

    private static byte[] header(int mode, long length, int crc) {
        return ByteBuffer.allocate(ReferenceEngine.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN)
                .put(new byte[] {'H', '4', 'R', 'E', 1, (byte) mode}).putInt((int) length).putInt(crc).array();
    }

    private static int crc(int n, byte value) {
        CRC32C c = new CRC32C();
        c.update(TestData.run(n, value));
        return (int) c.getValue();
    }

    private static byte[] le(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
