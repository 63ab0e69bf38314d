package io.harmony4.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.dictionary.DictionaryId;
import io.harmony4.dictionary.DictionaryStore;
import io.harmony4.dictionary.StoredDictionary;
import io.harmony4.dictionary.TamperedDictionaryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dictionary store on a directory laid out as the kubelet lays out a ConfigMap volume (its AtomicWriter): each key
 * is a symbolic link {@code <key> -> ..data/<key>}, {@code ..data} links to a hidden timestamped directory holding the
 * files, and an update writes a new timestamped directory and renames a new {@code ..data} link over the old one. The
 * manifests in deploy/ mount dictionaries this way, so the store must read through the links, see updates and never
 * take the hidden entries for dictionaries.
 */
class ConfigMapVolumeLayoutTest {
    private static final long CACHE = 1 << 20;
    private static final byte[] FIRST = "first dictionary".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECOND = "second dictionary".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path volume;

    @Test
    void dictionariesBehindTheVolumesLinksAreServedAndTheHiddenEntriesIgnored() throws IOException {
        DictionaryId first = DictionaryId.of(FIRST);
        project(1, Map.of(first.hex(), FIRST));
        assertTrue(Files.isSymbolicLink(volume.resolve(first.hex())), "the layout under test has links");
        DictionaryStore store = new DictionaryStore(volume, CACHE);

        assertArrayEquals(FIRST, store.get(first).orElseThrow());
        var listing = store.list();
        assertEquals(List.of(first), listing.dictionaries().stream().map(StoredDictionary::id).toList());
        assertEquals(List.of(), listing.refused());
    }

    @Test
    void anUpdateOfTheConfigMapAddsAndRemovesDictionariesWithoutARestart() throws IOException {
        DictionaryId first = DictionaryId.of(FIRST);
        DictionaryId second = DictionaryId.of(SECOND);
        project(1, Map.of(first.hex(), FIRST));
        DictionaryStore store = new DictionaryStore(volume, CACHE);
        assertArrayEquals(FIRST, store.get(first).orElseThrow()); // now cached

        project(2, Map.of(first.hex(), FIRST, second.hex(), SECOND));
        assertArrayEquals(SECOND, store.get(second).orElseThrow());
        assertArrayEquals(FIRST, store.get(first).orElseThrow());

        project(3, Map.of(second.hex(), SECOND));
        assertTrue(store.get(first).isEmpty(), "a dictionary removed from the ConfigMap is no longer served");
        assertEquals(List.of(second), store.list().dictionaries().stream().map(StoredDictionary::id).toList());
    }

    @Test
    void aKeyWhoseBytesDoNotHashToItsNameIsRefusedAndListed() throws IOException {
        DictionaryId first = DictionaryId.of(FIRST);
        project(1, Map.of(first.hex(), FIRST));
        DictionaryStore store = new DictionaryStore(volume, CACHE);
        assertArrayEquals(FIRST, store.get(first).orElseThrow()); // cached with the first projection's file

        // a later ConfigMap puts other bytes under the same key: the cached copy must not hide it
        project(2, Map.of(first.hex(), SECOND));
        assertThrows(TamperedDictionaryException.class, () -> store.get(first));
        var listing = store.list();
        assertEquals(List.of(), listing.dictionaries());
        assertEquals(1, listing.refused().size());
        assertEquals(DictionaryId.of(SECOND).hex(), listing.refused().getFirst().refusal().actualSha256());
    }

    /**
     * Writes {@code files} as the kubelet's AtomicWriter does: a new timestamped directory, {@code ..data} switched to
     * it by a rename, a link per key, links of keys no longer present removed, then the old directory.
     */
    private void project(int generation, Map<String, byte[]> files) throws IOException {
        Path timestamped = volume.resolve("..2026_12_02_00_00_0" + generation + ".00000000" + generation);
        Files.createDirectory(timestamped);
        // each generation's files are written later than the one before, as a real update is
        FileTime written = FileTime.from(Instant.parse("2026-12-02T00:00:00Z").plusSeconds(generation));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = timestamped.resolve(file.getKey());
            Files.write(path, file.getValue());
            Files.setLastModifiedTime(path, written);
        }
        Path data = volume.resolve("..data");
        Path previous = Files.isSymbolicLink(data) ? volume.resolve(Files.readSymbolicLink(data)) : null;
        Path newData = volume.resolve("..data_tmp");
        Files.createSymbolicLink(newData, timestamped.getFileName());
        Files.move(newData, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        for (String key : files.keySet()) {
            Path link = volume.resolve(key);
            if (!Files.isSymbolicLink(link)) {
                Files.createSymbolicLink(link, Path.of("..data", key));
            }
        }
        try (var entries = Files.list(volume)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.startsWith("..") && !files.containsKey(name)) {
                    Files.delete(entry);
                }
            }
        }
        if (previous != null) {
            try (var old = Files.list(previous)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(previous);
        }
    }
}
