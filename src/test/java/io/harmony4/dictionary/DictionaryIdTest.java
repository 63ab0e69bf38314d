package io.harmony4.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Ids are exactly SHA-256 in lower-case hex; a zstd dictionary's dictID is read from its header. */
class DictionaryIdTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a", "../etc/passwd",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.origin",
            "ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"})
    void onlyLowerCaseSha256HexIsAnId(String text) {
        assertThrows(IllegalArgumentException.class, () -> DictionaryId.parse(text));
    }

    @Test
    void theHashsBytesRoundTrip() {
        DictionaryId id = DictionaryId.parse("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertEquals(32, id.sha256().length);
        assertEquals((byte) 0xba, id.sha256()[0]);
        assertEquals((byte) 0xad, id.sha256()[31]);
    }

    @Test
    void theDictIdIsTheLittleEndianWordAfterTheMagic() {
        assertEquals(0xFFFFFFFFL, ZstdDictionaryHeader.dictId(header(ZstdDictionaryHeader.MAGIC, -1)));
        assertEquals(0x01020304L, ZstdDictionaryHeader.dictId(new byte[] {
                0x37, (byte) 0xA4, 0x30, (byte) 0xEC, 0x04, 0x03, 0x02, 0x01}));
        assertEquals(0, ZstdDictionaryHeader.dictId(header(ZstdDictionaryHeader.MAGIC + 1, 5)), "raw content");
        assertEquals(0, ZstdDictionaryHeader.dictId(new byte[] {0x37, (byte) 0xA4, 0x30, (byte) 0xEC, 5, 0, 0}),
                "fewer than 8 bytes are raw content for zstd too");
    }

    private static byte[] header(int magic, int dictId) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(magic).putInt(dictId).array();
    }
}
