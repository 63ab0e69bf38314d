package io.harmony4.dictionary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Any bytes stored come back equal, under the SHA-256 of their bytes, from this store and from a fresh one. */
class DictionaryStorePropertiesTest {
    private static Path root;

    @BeforeContainer
    static void createRoot() throws IOException {
        root = Files.createTempDirectory("h4-dictionaries");
    }

    @AfterContainer
    static void deleteRoot() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Property(tries = 200)
    void anyBytesPutComeBackUnderTheirSha256(@ForAll @Size(max = 3000) byte[] bytes)
            throws IOException, NoSuchAlgorithmException {
        Path dir = Files.createTempDirectory(root, "store");
        DictionaryStore store = new DictionaryStore(dir, 1 << 16);
        StoredDictionary stored = store.put(bytes, new DictionaryOrigin.Put());
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(sha256, stored.id().hex());
        assertEquals(bytes.length, stored.size());
        assertArrayEquals(bytes, store.get(stored.id()).orElseThrow());
        assertArrayEquals(bytes, new DictionaryStore(dir, 0).get(stored.id()).orElseThrow());
        assertArrayEquals(bytes, Files.readAllBytes(dir.resolve(sha256)));
    }
}
