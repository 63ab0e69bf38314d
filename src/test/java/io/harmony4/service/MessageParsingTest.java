package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.dictionary.DictionaryId;
import io.harmony4.engine.FrameHeader;
import io.harmony4.engine.Messages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message's framing is read once ({@link MessageService#parse}): the dcz header's dictionary, the frame, the frame's
 * header; both ways of decoding it take what was read and never read the body again.
 */
class MessageParsingTest {
    @TempDir
    Path dir;
    private MessageServices services;
    private final byte[] content = Messages.messages(1, 21).getFirst();

    @BeforeEach
    void start() {
        services = new MessageServices(dir, Map.of());
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void aDczMessageIsReadAsItsDictionaryItsFrameAndTheFramesHeader() throws IOException {
        DictionaryId id = services.trained(22, 4096);
        byte[] frame = services.compress(content, id, null).message();
        byte[] dcz = services.compress(content, id, "dcz").message();
        MessageService.ParsedMessage parsed = services.messages.parse(dcz);
        assertSame(dcz, parsed.bytes());
        assertEquals(Optional.of(id), parsed.dcz());
        assertArrayEquals(Arrays.copyOfRange(dcz, Dcz.HEADER_SIZE, dcz.length), parsed.frame());
        FrameHeader header = parsed.header().orElseThrow();
        assertEquals(content.length, header.contentSize().orElseThrow());
        assertEquals(0, header.dictId(), "dcz applies the dictionary as raw content: the frame names no dictID");

        MessageService.ParsedMessage plain = services.messages.parse(frame);
        assertEquals(Optional.empty(), plain.dcz());
        assertSame(frame, plain.frame(), "the whole body, not a copy");
        assertTrue(plain.header().orElseThrow().dictId() != 0, "a zstd-format dictionary's frame names its dictID");
    }

    @Test
    void bytesThatAreNoFrameHaveNoHeader() {
        MessageService.ParsedMessage parsed = services.messages.parse(new byte[] {1, 2, 3});
        assertEquals(Optional.empty(), parsed.dcz());
        assertEquals(Optional.empty(), parsed.header());
    }

    /** A parsed message whose body says nothing: decoded all the same, so neither way reads the body again. */
    @Test
    void decodingTakesWhatWasReadNotTheBody() throws IOException {
        DictionaryId id = services.trained(23, 4096);
        services.compress(content, id, "dcz");
        MessageService.ParsedMessage read = services.messages.parse(services.compress(content, id, "dcz").message());
        byte[] blank = new byte[read.bytes().length];
        MessageService.ParsedMessage parsed = new MessageService.ParsedMessage(blank, read.dcz(), read.frame(),
                read.header());
        MessageService.Decoding decoding = services.messages.decoding(null, null);
        assertArrayEquals(content, services.messages.decompress(parsed, decoding).content());
        assertArrayEquals(content, services.messages.decompressQuickly(parsed, decoding).orElseThrow().content());
        assertEquals(blank.length, services.messages.decompress(parsed, decoding).messageSize(), "the body's size");
    }
}
